// A sandbox session: a cluster, a seed and the command lines typed at given virtual times, rebuilt into a Trace.

import type { Engine } from '../../src/backend.js';
import { executeCommand } from '../../src/commands/execute.js';
import { DEFAULT_WAIT_LIMIT_MS, SETTLE_QUIET_MS } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { ClusterConfig, Millis, Trace } from '../../src/types.js';

export interface SessionStep {
  /** Virtual time at which the line was typed. */
  atMs: Millis;
  text: string;
}

export interface SessionSetup {
  name: string;
  seed: number;
  cluster: ClusterConfig;
  files: Record<string, string>;
}

/** How long the cluster keeps living after the last command (until it settles), at most. */
export const TAIL_LIMIT_MS: Millis = 600_000;
/** After settling, look this far ahead for a timer still due (a heartbeat timeout, a restart delay). */
const LOOKAHEAD_MS: Millis = 30_000;
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

/** Runs one line the way the CLI's scenario runner does: command event stamped when typed, output when it returned. */
function runLine(engine: Engine, text: string, files: Record<string, string>): void {
  const startMs = engine.nowMs();
  const result = executeCommand(engine, text, {
    tty: true,
    files,
    followLimitMs: DEFAULT_WAIT_LIMIT_MS,
    terminalWidth: TERMINAL_WIDTH,
  });
  engine.record({ t_ms: startMs, type: 'command', text, exitCode: result.exitCode });
  const endMs = engine.nowMs();
  if (result.stdout) engine.record({ t_ms: endMs, type: 'output', stream: 'stdout', text: result.stdout });
  if (result.stderr) engine.record({ t_ms: endMs, type: 'output', stream: 'stderr', text: result.stderr });
}

export class Session {
  steps: SessionStep[] = [];
  trace: Trace;
  /** Virtual time at which the last typed line returned (the next line cannot be typed before). */
  private lastReturnMs = 0;

  constructor(readonly setup: SessionSetup) {
    this.trace = this.rebuild();
  }

  /** Replays every step on a fresh engine, then lets the cluster run until it settles. */
  private rebuild(): Trace {
    const engine = createSimulator({ seed: this.setup.seed, cluster: this.setup.cluster });
    for (const step of this.steps) {
      if (Math.max(step.atMs, engine.nowMs()) > SESSION_LIMIT_MS) {
        throw new SessionLimitError(
          `"${step.text}" would start past ${SESSION_LIMIT_MS / 3_600_000} h of virtual time`,
        );
      }
      if (step.atMs > engine.nowMs()) engine.advanceTo(step.atMs);
      step.atMs = engine.nowMs();
      runLine(engine, step.text, this.setup.files);
    }
    this.lastReturnMs = engine.nowMs();
    const settle = () => engine.runUntil(() => engine.isSettled(SETTLE_QUIET_MS), TAIL_LIMIT_MS);
    settle();
    let settledMs = engine.nowMs();
    for (let i = 0; i < 5; i++) {
      const count = engine.events().length;
      if (!engine.runUntil(() => engine.events().length > count, LOOKAHEAD_MS)) break;
      settle();
      settledMs = engine.nowMs();
    }
    // Nothing happened during the last look-ahead: the trace ends where the cluster settled.
    return { ...engine.exportTrace(this.setup.name), duration_ms: settledMs };
  }

  /**
   * Types `text` at virtual time `atMs` (the replay cursor): what was typed later is dropped (the future is rewritten),
   * and a line cannot be typed while an earlier one was still running. Returns the time it was typed at.
   */
  type(text: string, atMs: Millis): Millis {
    const before = this.steps;
    this.steps = this.steps.filter((step) => step.atMs <= atMs);
    this.trace = this.rebuild();
    const typedAt = Math.max(atMs, this.lastReturnMs);
    this.steps.push({ atMs: typedAt, text });
    try {
      this.trace = this.rebuild();
    } catch (err) {
      // A line the simulator cannot run (a swarmlab bug) must not poison the session: forget it, keep the rest.
      this.steps = before;
      this.trace = this.rebuild();
      throw err;
    }
    return typedAt;
  }

  /** Types several lines one after the other (a lesson's setup, a shared URL's commands). */
  typeAll(lines: readonly string[]): void {
    for (const text of lines) this.steps.push({ atMs: this.lastReturnMs, text });
    this.trace = this.rebuild();
  }

  /** Restores steps exactly as recorded (a shared URL). */
  restore(steps: readonly SessionStep[]): void {
    this.steps = steps.map((step) => ({ ...step }));
    this.trace = this.rebuild();
  }

  /** Service names at the end of the trace, for completion. */
  serviceNames(): string[] {
    return this.trace.services.map((service) => service.Spec.Name);
  }

  nodeNames(): string[] {
    return this.trace.nodes.map((node) => node.Description.Hostname);
  }
}
