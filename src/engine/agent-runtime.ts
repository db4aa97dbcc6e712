// A task's container as its node's agent runs it: where it stands and what its pending steps need.
import type { ImageBehaviour, Millis } from '../types.js';
import type { TimerHandle } from './clock.js';
import type { HealthPlan } from './health-plan.js';
import type { TaskRecord } from './records.js';

export type Phase = 'idle' | 'preparing' | 'parked' | 'starting' | 'running' | 'stopping' | 'exited';

/** An exited container's report to the manager: none, a task dropped before it ran, a process's end. */
export type EndReport = 'none' | 'cancelled' | 'exited';

/**
 * A task's container as its node's agent runs it. What a pending step needs is kept here, not captured by a closure
 * per timer: the agent's steps are one function each (`SimulatedCluster`'s static steps), given the runtime. Every
 * field is there from the start, so every runtime has one shape.
 */
export class Runtime<Agent> {
  phase: Phase = 'idle';
  /** Pending clock timers (rarely more than two): an array is lighter than a Set per task. */
  timers: TimerHandle[] = [];
  /** The task reached READY while desired was READY: starting it later costs the dispatch latency. */
  parkedAtReady = false;
  healthFailures = 0;
  /** The container's process is up (its `start` event was sent). */
  started = false;
  /** What the task's container does: its image's behaviour, or the one of its `one_of` drawn when first prepared. */
  behaviour: ImageBehaviour | undefined = undefined;
  /** The image pull the preparation under way includes (0 when the node has the image), drawn when it began. */
  pullMs: Millis = 0;
  /** The healthcheck the probes under way follow. */
  health: HealthPlan | null = null;
  /** The stop under way was the healthcheck's (the process is stopped as unhealthy, not on request). */
  stopUnhealthy = false;
  /**
   * An exited container's end report: which, and whether it is still to be sent (a lost node loses the timer, so it is
   * sent again when it is back). For a process's end: its exit code, whether it was stopped as unhealthy, and whether
   * the stop was requested.
   */
  endReport: EndReport = 'none';
  endReportPending = false;
  endExitCode = 0;
  endUnhealthy = false;
  endRequested = false;
  /** When the process will exit by itself (virtual ms) and with which code: a stop does not cancel that exit. */
  selfExit: { atMs: Millis; exitCode: number } | undefined = undefined;

  constructor(
    readonly task: TaskRecord,
    /** The agent running it: the steps, shared by every runtime, reach it from here. */
    readonly agent: Agent,
  ) {}
}
