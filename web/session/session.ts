// A sandbox session: a cluster, a seed and the command lines typed at given virtual times, run one at a time on the
// scenario runner's step runner.

import {
  createScenarioSession,
  type Millis,
  type SessionSetup as RunnerSetup,
  type Scenario,
  type ScenarioSession,
  type Trace,
} from '../../src/browser.js';

export interface SessionStep {
  /** Virtual time at which the line was typed. */
  atMs: Millis;
  text: string;
}

export interface SessionSetup extends RunnerSetup {
  name: string;
}

/** How long the cluster keeps living after the last command (until it settles), at most. */
export const TAIL_LIMIT_MS: Millis = 600_000;
/** After settling, look this far ahead for a timer still due (a heartbeat timeout, a restart delay). */
const LOOKAHEAD_MS: Millis = 30_000;
/** How many times the cluster is let settle again after a timer found in the look-ahead. */
const LOOKAHEAD_ROUNDS = 5;
export const TERMINAL_WIDTH = 100;
/** No line starts past 2 h of virtual time: lessons take minutes, and a day-long crash loop takes the page a minute. */
export const SESSION_LIMIT_MS: Millis = 7_200_000;

export class SessionLimitError extends Error {}

/** A scenario step as a command line: `wait: settled` becomes the sandbox verb `swarmlab wait settled`. */
export function scenarioLines(scenario: Scenario): string[] {
  return scenario.steps.map((step) => {
    if (step.kind === 'command') return step.text;
    if (step.until === 'duration') return `swarmlab wait ${step.durationMs / 1000}s`;
    return step.until === 'converged' && step.service
      ? `swarmlab wait converged ${step.service}`
      : `swarmlab wait ${step.until}`;
  });
}

/** The engine every step so far ran on, and the virtual time each of them returned at. */
interface Live {
  runner: ScenarioSession;
  steps: SessionStep[];
  returnsMs: Millis[];
}

/**
 * Virtual time from which a line typed is one more step on `live`. The engine cannot go back in time, and at the
 * instant the last step returned it cannot go back before what it fired there since (a 0 ms rollback ending): a
 * scenario runs a line typed at that instant before those timers.
 */
function resumeMs(live: Live): Millis {
  const nowMs = live.runner.nowMs();
  const ranOnAtReturn = nowMs === live.returnsMs.at(-1) && live.runner.ranOnSinceStep();
  return ranOnAtReturn ? nowMs + 1 : nowMs;
}

export class Session {
  trace: Trace;
  /**
   * Every step so far, applied in order to one engine. Typing a line applies one more step to it. A settled cluster
   * with no timer due has no tail: its engine stays where the last line returned (where the replay cursor stops), so
   * the next line is one step on it. The engine cannot go back in virtual time, and showing a trace with a tail (a
   * rollout still running) ran it through that tail: a line typed inside it goes on the spare engine, or on one
   * rebuilt from the kept lines.
   */
  private live: Live;
  /**
   * An engine rebuilt from the steps a step at a time while the page is idle, never run past the last line's return.
   */
  private spare: Live | null = null;
  /** Steps applied on every engine the session built (what typing costs, counted in steps). */
  stepsApplied = 0;

  constructor(readonly setup: SessionSetup) {
    this.live = this.build([]);
    this.trace = this.finish(this.live);
  }

  get steps(): SessionStep[] {
    return this.live.steps;
  }

  /** Virtual time the live engine reached: a line typed from then on is one more step on it. */
  get liveMs(): Millis {
    return resumeMs(this.live);
  }

  /**
   * Whether a line typed from the time the last one returned on is one step (the spare, or the live engine, is ready).
   */
  get ready(): boolean {
    const live = this.live;
    if (resumeMs(live) <= (live.returnsMs.at(-1) ?? 0)) return true;
    return this.spare !== null && this.spare.steps.length === live.steps.length;
  }

  /**
   * Rebuilds one more step of the spare engine (the page calls it while idle); true once it is done: a line typed from
   * the time the last one returned on is then one step on the spare, wherever the cursor stands in the settling tail.
   */
  prepareStep(): boolean {
    const live = this.live;
    if (this.ready) return true;
    this.spare ??= this.build([]);
    const spare = this.spare;
    try {
      if (spare.steps.length < live.steps.length) this.append(spare, [live.steps[spare.steps.length]]);
    } catch {
      // These lines all ran on the live engine: one failing again would be a swarmlab bug. The next line rebuilds.
      this.spare = null;
      return true;
    }
    return spare.steps.length === live.steps.length;
  }

  /** A fresh engine with `steps` applied (the command lines as a terminal 100 columns wide shows them). */
  private build(steps: readonly SessionStep[]): Live {
    const runner = createScenarioSession(this.setup, { tty: true, terminalWidth: TERMINAL_WIDTH });
    const live: Live = { runner, steps: [], returnsMs: [] };
    this.append(live, steps);
    return live;
  }

  /** Runs each line on the live engine: at its time, or when the line before it returned if that is later. */
  private append(live: Live, steps: readonly SessionStep[]): void {
    for (const step of steps) {
      const startMs = Math.max(step.atMs, live.runner.nowMs());
      if (startMs > SESSION_LIMIT_MS) {
        throw new SessionLimitError(
          `"${step.text}" would start past ${SESSION_LIMIT_MS / 3_600_000} h of virtual time`,
        );
      }
      if (startMs > live.runner.nowMs()) live.runner.advanceTo(startMs);
      this.stepsApplied++;
      live.runner.apply({ kind: 'command', text: step.text, at: { file: '<sandbox>', line: live.steps.length + 1 } });
      live.steps.push({ atMs: startMs, text: step.text });
      live.returnsMs.push(live.runner.nowMs());
    }
  }

  /** Lets the cluster run on until it settles: the trace ends where it last settled. */
  private finish(live: Live): Trace {
    const settledMs = live.runner.settle(TAIL_LIMIT_MS, LOOKAHEAD_MS, LOOKAHEAD_ROUNDS);
    return { ...live.runner.trace(this.setup.name), duration_ms: settledMs };
  }

  /** An engine with the first `keep` steps applied and not run past the last one's return: the spare if it can be. */
  private engineWith(keep: number): Live {
    const spare = this.spare;
    this.spare = null;
    if (!spare || spare.steps.length > keep) return this.build(this.live.steps.slice(0, keep));
    this.append(spare, this.live.steps.slice(spare.steps.length, keep));
    return spare;
  }

  /**
   * Keeps the first `keep` steps and runs `steps` after them from `fromMs` on: on the live engine when it has not run
   * past `fromMs`, else on the spare or a rebuilt one. A line that fails leaves the session as it was.
   */
  private continueWith(keep: number, fromMs: Millis, steps: readonly SessionStep[]): void {
    const before = this.live;
    const stepsBefore = before.steps.slice();
    const reuse = keep === before.steps.length && resumeMs(before) <= fromMs;
    const live = reuse ? before : this.engineWith(keep);
    try {
      this.append(live, steps);
      this.trace = this.finish(live);
      this.live = live;
    } catch (err) {
      // A line refused before it ran (past the session's limit) left the engine as it was: it stays live. A line the
      // simulator cannot run (a swarmlab bug) must not poison the session: forget it, keep the rest.
      const untouched = err instanceof SessionLimitError && live.steps.length === stepsBefore.length;
      if (reuse && !untouched) this.live = this.build(stepsBefore);
      throw err;
    }
  }

  /**
   * Types `text` at virtual time `atMs` (the replay cursor): what was typed later is dropped (the future is rewritten),
   * and a line cannot be typed while an earlier one was still running. Returns the time it was typed at.
   */
  type(text: string, atMs: Millis): Millis {
    const keep = this.steps.filter((step) => step.atMs <= atMs).length;
    const typedAt = Math.max(atMs, keep > 0 ? this.live.returnsMs[keep - 1] : 0);
    this.continueWith(keep, typedAt, [{ atMs: typedAt, text }]);
    return typedAt;
  }

  /** Types several lines one after the other (a lesson's setup, a shared URL's commands). */
  typeAll(lines: readonly string[]): void {
    const fromMs = this.live.returnsMs.at(-1) ?? 0;
    this.continueWith(
      this.steps.length,
      fromMs,
      lines.map((text) => ({ atMs: fromMs, text })),
    );
  }

  /** Restores steps exactly as recorded (a shared URL), on a fresh engine. */
  restore(steps: readonly SessionStep[]): void {
    this.continueWith(0, -1, steps);
  }

  /** Virtual time each line returned at (the prompt came back), in the order they were typed. */
  get returnsMs(): readonly Millis[] {
    return this.live.returnsMs;
  }

  /** Virtual time the last line typed returned at (the prompt came back): a typed line plays until then. */
  get lastReturnMs(): Millis {
    return this.live.returnsMs.at(-1) ?? 0;
  }

  /**
   * The line still running at `atMs` (a foreground command that has not returned yet, or a wait): a line typed then
   * runs when it returns. Null when the console is free.
   */
  busyAt(atMs: Millis): { text: string; untilMs: Millis } | null {
    const steps = this.live.steps;
    for (let i = steps.length - 1; i >= 0; i--) {
      if (steps[i].atMs > atMs) continue;
      const untilMs = this.live.returnsMs[i];
      return untilMs > atMs ? { text: steps[i].text, untilMs } : null;
    }
    return null;
  }

  /** Service names at the end of the trace, for completion. */
  serviceNames(): string[] {
    return this.trace.services.map((service) => service.Spec.Name);
  }

  nodeNames(): string[] {
    return this.trace.nodes.map((node) => node.Description.Hostname);
  }
}
