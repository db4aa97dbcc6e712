// The step runner: one engine and a scenario's steps (typed commands, waits) applied to it one at a time, each
// recorded in the trace and in its outputs; runScenario (run.ts) and the web sandbox's session both drive it.

import type { Engine } from '../backend.js';
import { executeCommand } from '../commands/execute.js';
import {
  DEFAULT_WAIT_LIMIT_MS,
  NS_PER_MS,
  SETTLE_QUIET_MS,
  TRACE_EVENT_LIMIT,
  TRACE_EVENTS_PER_REPLICA,
} from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import type { EngineOptions } from '../engine/records.js';
import { type ChooserFor, createSimulator } from '../engine/simulator.js';
import { TraceLimitError } from '../errors.js';
import { errNoSuchServiceCli, errScenarioWaitTimeout, errTraceTruncated } from '../messages.js';
import type { ClusterConfig, ClusterState, Millis, Trace } from '../types.js';
import { describeWait } from './steps.js';
import type { Scenario, ScenarioStep } from './types.js';

export interface RunProgress {
  nowMs: Millis;
  /** 1-based index of the step running. */
  step: number;
  steps: number;
}

export interface RunOptions {
  seed?: number;
  /** Stop the run at this virtual time (the expectations are then not checked: the run did not end). */
  untilMs?: number;
  /** Commands print as on a terminal (progress redrawn in place) rather than into a pipe. */
  tty?: boolean;
  terminalWidth?: number;
  /** Called often while virtual time passes (a progress display); must not touch the engine. */
  onProgress?: (progress: RunProgress) => void;
  /**
   * Builds the engine the steps run on (default: the simulator; `--backend swarm` passes a real-swarm engine); a
   * simulator built here replays the scenario's `choices:` by taking `chooserFor`.
   */
  engine?: (options: EngineOptions, chooserFor?: ChooserFor) => Engine;
  /** Called before each step (1-based) starts. */
  beforeStep?: (step: number) => void;
  /**
   * The simulator's trace stops the run at this many events (default: TRACE_EVENT_LIMIT, or TRACE_EVENTS_PER_REPLICA
   * per replica the services asked for at most, when that is more; given, it is the limit).
   */
  traceEventLimit?: number;
}

export interface StepOutput {
  /** A command step, or a wait step (whose stderr is non-empty only when it timed out). */
  kind: 'command' | 'wait';
  /** The command as typed, or `wait converged` / `wait settled` / `wait 30s`. */
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Virtual time at which the step started. */
  tMs: number;
}

/** What a step runner's engine starts from: the cluster, the seed, the compose files its commands may name. */
export interface SessionSetup {
  seed: number;
  cluster: ClusterConfig;
  files: Record<string, string>;
}

/** The engine's trace limit: the one given, else the default one, raised for many replicas. */
export function traceLimitOptions(opts: RunOptions): { traceEventLimit: number; traceEventsPerReplica: number } {
  if (opts.traceEventLimit !== undefined) return { traceEventLimit: opts.traceEventLimit, traceEventsPerReplica: 0 };
  return { traceEventLimit: TRACE_EVENT_LIMIT, traceEventsPerReplica: TRACE_EVENTS_PER_REPLICA };
}

function describeStep(step: ScenarioStep): string {
  return step.kind === 'command' ? step.text : describeWait(step, (ms) => formatGoDuration(ms * NS_PER_MS));
}

/** A fresh engine (the simulator unless `opts.engine` says otherwise) and the step runner that drives it. */
export function createScenarioSession(
  setup: SessionSetup,
  opts: RunOptions & { stepCount?: number } = {},
): ScenarioSession {
  const limits = traceLimitOptions(opts);
  const engine = (opts.engine ?? createSimulator)({ seed: setup.seed, cluster: setup.cluster, ...limits });
  return new ScenarioSession(engine, setup.files, opts);
}

/**
 * One engine and the steps applied to it one at a time, each recorded in the trace and in `outputs`: `runScenario`
 * applies a scenario's steps, the web sandbox's session the lines typed, one more step on the same engine per line.
 */
export class ScenarioSession {
  readonly outputs: StepOutput[] = [];
  /** Steps applied to this engine so far (what the work of a run or of a typing session is counted in). */
  stepsApplied = 0;
  /** Set when the trace reached its event limit: every later step is refused. */
  truncated: string | undefined;
  /** Timers the engine had fired when the last step returned. */
  private firedAtStepEnd = 0;

  constructor(
    private readonly engine: Engine,
    private readonly files: Record<string, string>,
    private readonly opts: RunOptions & { stepCount?: number; env?: Scenario['env'] } = {},
  ) {}

  nowMs(): Millis {
    return this.engine.nowMs();
  }

  /**
   * Whether the engine fired timers since the last step returned (settling ran on past it, maybe at the same instant).
   * Always false on a backend on wall time, which has no timers to count.
   */
  ranOnSinceStep(): boolean {
    return this.firedTimers() > this.firedAtStepEnd;
  }

  private firedTimers(): number {
    return this.engine.firedTimers?.() ?? 0;
  }

  state(): ClusterState {
    return this.engine.state();
  }

  trace(name: string): Trace {
    return this.engine.exportTrace(name);
  }

  /** Lets virtual time pass until `targetMs` (a line typed a while after the previous one returned). */
  advanceTo(targetMs: Millis): void {
    if (this.truncated !== undefined) return;
    try {
      this.engine.advanceTo(targetMs);
    } catch (err) {
      if (!(err instanceof TraceLimitError)) throw err;
      this.recordTruncation(err);
    }
  }

  /** Applies every step in order; false when `untilMs` cut the run short. */
  applyAll(steps: readonly ScenarioStep[]): boolean {
    for (const step of steps) {
      if (this.remainingMs() <= 0) return false;
      if (!this.apply(step)) return false;
    }
    this.progress();
    return true;
  }

  /** Applies one step (a typed command, or a wait); false when `untilMs` or the trace limit cut it short. */
  apply(step: ScenarioStep): boolean {
    if (this.truncated !== undefined) return this.refuseAfterTruncation(step);
    this.stepsApplied++;
    this.progress();
    this.opts.beforeStep?.(this.stepsApplied);
    const outputsBefore = this.outputs.length;
    try {
      return step.kind === 'command' ? this.runCommand(step.text) : this.runWait(step);
    } catch (err) {
      if (!(err instanceof TraceLimitError)) throw err;
      this.stopAtTraceLimit(err, step, outputsBefore);
      return false;
    } finally {
      this.firedAtStepEnd = this.firedTimers();
    }
  }

  /** The trace is full: the step that was running ends with the message, kept as the trace's last event. */
  private stopAtTraceLimit(err: TraceLimitError, step: ScenarioStep, outputsBefore: number): void {
    const atMs = this.engine.nowMs();
    // A wait step's output is pushed when it starts; a command's only once it returns (this one never did).
    if (step.kind === 'command') this.engine.record({ t_ms: atMs, type: 'command', text: step.text, exitCode: 1 });
    const stderr = this.recordTruncation(err);
    const running = this.outputs[outputsBefore];
    if (running) {
      running.stderr += stderr;
      running.exitCode = 1;
    } else {
      this.outputs.push({ kind: 'command', command: describeStep(step), stdout: '', stderr, exitCode: 1, tMs: atMs });
    }
  }

  /** A step after the trace limit (a line typed in the page): not run, answered with the same message. */
  private refuseAfterTruncation(step: ScenarioStep): false {
    const atMs = this.engine.nowMs();
    const stderr = `${this.truncated}\n`;
    this.outputs.push({ kind: step.kind, command: describeStep(step), stdout: '', stderr, exitCode: 1, tMs: atMs });
    if (step.kind === 'command') this.engine.record({ t_ms: atMs, type: 'command', text: step.text, exitCode: 1 });
    this.engine.record({ t_ms: atMs, type: 'output', stream: 'stderr', text: stderr });
    return false;
  }

  /** Keeps the message as the trace's last event; returns it (a stderr line). */
  private recordTruncation(err: TraceLimitError): string {
    const atMs = this.engine.nowMs();
    this.truncated = errTraceTruncated(String(err.limit), formatGoDuration(atMs * NS_PER_MS));
    const stderr = `${this.truncated}\n`;
    this.engine.record({ t_ms: atMs, type: 'output', stream: 'stderr', text: stderr });
    return stderr;
  }

  /**
   * Lets the cluster run on after the last step until it settles (at most `limitMs`), then looks `lookaheadMs` ahead,
   * up to `rounds` times, for a timer still due (a heartbeat timeout, a restart delay) and settles again after it.
   * Returns the virtual time it last settled at: nothing happened after it within the look-ahead.
   */
  settle(limitMs: Millis, lookaheadMs: Millis, rounds: number): Millis {
    if (this.truncated !== undefined || this.idle()) return this.engine.nowMs();
    try {
      return this.settleUnguarded(limitMs, lookaheadMs, rounds);
    } catch (err) {
      if (!(err instanceof TraceLimitError)) throw err;
      this.recordTruncation(err);
      return this.engine.nowMs();
    }
  }

  /**
   * Settled with no timer due: nothing can happen any more, so settling would only move the clock on. The engine stays
   * where the last step returned, and a step applied from there is one more step on it (the web session's typed line).
   */
  private idle(): boolean {
    return this.engine.pendingTimers?.() === 0 && this.engine.isSettled(SETTLE_QUIET_MS);
  }

  private settleUnguarded(limitMs: Millis, lookaheadMs: Millis, rounds: number): Millis {
    const engine = this.engine;
    const settle = () => engine.runUntil(() => engine.isSettled(SETTLE_QUIET_MS), limitMs);
    settle();
    let settledMs = engine.nowMs();
    for (let i = 0; i < rounds; i++) {
      if (this.idle()) break; // no timer left to find: the look-ahead would only move the clock
      const count = engine.eventCount();
      if (!engine.runUntil(() => engine.eventCount() > count, lookaheadMs)) break;
      settle();
      settledMs = engine.nowMs();
    }
    return settledMs;
  }

  /** Virtual time left before `untilMs` (Infinity without it). */
  remainingMs(): Millis {
    return this.opts.untilMs === undefined ? Infinity : this.opts.untilMs - this.engine.nowMs();
  }

  private runCommand(text: string): boolean {
    const startMs = this.engine.nowMs();
    const remaining = this.remainingMs();
    const result = executeCommand(this.engine, text, {
      tty: this.opts.tty ?? false,
      files: this.files,
      env: this.opts.env,
      followLimitMs: Math.min(DEFAULT_WAIT_LIMIT_MS, remaining),
      terminalWidth: this.opts.terminalWidth,
    });
    // The command event carries the time it was typed; its output, the time it returned.
    this.engine.record({ t_ms: startMs, type: 'command', text, exitCode: result.exitCode });
    this.recordOutput(result.stdout, result.stderr);
    this.outputs.push({ kind: 'command', command: text, ...result, tMs: startMs });
    // A following CLI given less than its usual limit, and still running at untilMs, was cut short by it.
    const cutShort = remaining < DEFAULT_WAIT_LIMIT_MS && this.remainingMs() <= 0;
    return !cutShort;
  }

  private runWait(step: Extract<ScenarioStep, { kind: 'wait' }>): boolean {
    const startMs = this.engine.nowMs();
    const remaining = this.remainingMs();
    const label = describeWait(step, (ms) => formatGoDuration(ms * NS_PER_MS));
    const output: StepOutput = { kind: 'wait', command: label, stdout: '', stderr: '', exitCode: 0, tMs: startMs };
    this.outputs.push(output);
    if (step.until === 'duration') {
      this.waitUntil(startMs + Math.min(step.durationMs, remaining));
      return step.durationMs <= remaining;
    }
    // First let what the daemon does at this very instant happen (a just-sent update starts its updater at once,
    // as Swarm does within milliseconds): "settled" must not be judged on the state before that.
    this.engine.advanceTo(startMs);
    const limitMs = Math.min(DEFAULT_WAIT_LIMIT_MS, remaining);
    const service = step.until === 'converged' ? step.service : undefined;
    if (
      service !== undefined &&
      !this.engine.state().services.some((s) => s.ID === service || s.Spec.Name === service)
    ) {
      // Like `docker service ps` for an unknown name: say so and go on.
      output.stderr = `${errNoSuchServiceCli(service)}\n`;
      output.exitCode = 1;
      this.engine.record({ t_ms: this.engine.nowMs(), type: 'output', stream: 'stderr', text: output.stderr });
      return true;
    }
    const holds =
      step.until === 'converged'
        ? () => this.tick() && this.engine.isConverged(service)
        : () => this.tick() && this.engine.isSettled(SETTLE_QUIET_MS);
    if (this.engine.runUntil(holds, limitMs)) return true;
    if (limitMs < DEFAULT_WAIT_LIMIT_MS) return false; // `untilMs` came first: the run stops here, quietly
    const limit = formatGoDuration(DEFAULT_WAIT_LIMIT_MS * NS_PER_MS);
    output.stderr = `${errScenarioWaitTimeout(label.replace(/^wait /, ''), limit)}\n`;
    output.exitCode = 1;
    this.engine.record({ t_ms: this.engine.nowMs(), type: 'output', stream: 'stderr', text: output.stderr });
    return true;
  }

  /** Lets time pass in small hops so the progress display keeps moving. */
  private waitUntil(targetMs: Millis): void {
    if (!this.opts.onProgress) {
      this.engine.advanceTo(targetMs);
      return;
    }
    this.engine.runUntil(() => this.tick() && this.engine.nowMs() >= targetMs, targetMs - this.engine.nowMs());
    if (this.engine.nowMs() < targetMs) this.engine.advanceTo(targetMs);
  }

  private recordOutput(stdout: string, stderr: string): void {
    const t = this.engine.nowMs();
    if (stdout) this.engine.record({ t_ms: t, type: 'output', stream: 'stdout', text: stdout });
    if (stderr) this.engine.record({ t_ms: t, type: 'output', stream: 'stderr', text: stderr });
  }

  /** Reports progress; always true, so it can lead a wait predicate. */
  private tick(): boolean {
    this.progress();
    return true;
  }

  private progress(): void {
    const steps = this.opts.stepCount ?? this.stepsApplied;
    this.opts.onProgress?.({ nowMs: this.engine.nowMs(), step: this.stepsApplied, steps });
  }
}
