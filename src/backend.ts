// The one interface every backend implements (the simulator, the real swarm): the daemon API, faults, time.
import type { FaultApi } from './faults/cluster-faults.js';
import type { ClusterState, Millis, Node, NodeAvailability, Service, ServiceSpec, Trace, TraceEvent } from './types.js';

/** The daemon's API as the docker commands use it; implemented by the simulator (and by a real-Swarm client). */
export interface DaemonApi {
  nowMs(): Millis;
  /** The cluster now. Read-only: the simulator hands the same objects out again while a record is unchanged. */
  state(): ClusterState;
  createService(spec: ServiceSpec): Service;
  updateService(idOrName: string, spec: ServiceSpec, opts?: { rollback?: boolean }): Service;
  removeService(idOrName: string): void;
  updateNode(idOrName: string, change: { availability?: NodeAvailability }): Node;
  /** Let virtual (or wall) time pass until `untilMs`. */
  advanceTo(untilMs: Millis): void;
  logs(idOrName: string): { taskId: string; slot: number; nodeId: string; line: string }[];
}

/** Fault injection, for what Docker cannot be told: declared with the fault table (src/faults/cluster-faults.ts). */
export type { FaultApi };

/**
 * The simulated daemon + cluster, as commands, scenarios and tests drive it (src/engine/simulator.ts: createSimulator).
 */
export interface Engine extends DaemonApi, FaultApi {
  readonly seed: number;
  /** The append-only event log (the trace's `events`). */
  events(): readonly TraceEvent[];
  /** How many events the log holds: `events().length`, without building the simulator's events as objects. */
  eventCount(): number;
  /** The event at `index` (`events()[index]`, or an equal object the simulator builds without keeping it). */
  eventAt(index: number): TraceEvent | undefined;
  /** Append a command/output event (the engine records its own events). */
  record(event: Extract<TraceEvent, { type: 'command' | 'output' }>): void;
  /**
   * Fire deadlines one at a time until `predicate()` holds (checked after each) or `limitMs` of virtual time passed.
   */
  runUntil(predicate: () => boolean, limitMs: Millis): boolean;
  /** Every (or the named) replicated service runs `replicas` up-to-date tasks; global: one per eligible node. */
  isConverged(serviceIdOrName?: string): boolean;
  /** UpdateStatus of every service is null or final and no task changed state or desired state for `quietMs`. */
  isSettled(quietMs: Millis): boolean;
  /** Timers of virtual time still due (the simulator); a backend on wall time has none to tell and leaves it out. */
  pendingTimers?(): number;
  /** Timers of virtual time fired so far (the simulator): tells whether anything ran since a step returned. */
  firedTimers?(): number;
  /**
   * Whether the task's container is up and can be killed: its status can still say `running` for a moment after the
   * container died (the simulator; explore's fault injector asks it).
   */
  containerUp?(taskId: string): boolean;
  /** The whole trace in the `--json` format. */
  exportTrace(scenarioName: string): Trace;
}
