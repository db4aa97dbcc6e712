// Rebuilds the cluster state at any virtual time from a Trace's events: periodic snapshots + replay from the nearest
// one.

import { isoTime } from '../iso-time.js';
import { portStatusPorts, serviceEndpoint } from '../ports.js';
import type { ClusterState, Millis, Node, Service, Task, Trace, TraceEvent } from '../types.js';
import {
  applyEvent,
  cloneFoldState,
  emptyFoldState,
  type FoldState,
  type NodeRow,
  type ServiceRow,
  type TaskRow,
  timeOrderedEvents,
} from './fold.js';

export { eventsInTimeOrder } from './fold.js';

/** Events between two stored snapshots: a scrub replays at most this many events. */
export const SNAPSHOT_EVERY = 256;

/** The last index i with events[i].t_ms <= tMs (-1 when none): binary search, events are in time order. */
export function lastEventAt(events: readonly TraceEvent[], tMs: Millis): number {
  let lo = 0;
  let hi = events.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].t_ms <= tMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The fold's rows after the first `applied` events. */
interface Snapshot {
  applied: number;
  rows: FoldState;
}

/** A Trace with its snapshots, answering "what did the cluster look like at t?". */
export class TraceReplay {
  /**
   * Rows after every so many events: at least `snapshotEvery`, and at least as many as the cluster has rows, so a
   * seek's copy of a snapshot and its replay from it cost about the same, and all snapshots together hold about as
   * many rows as the trace has events (a 10,000-slot rollout's 290,000 events once took 1,100 copies of 20,000 rows).
   */
  private readonly snapshots: Snapshot[] = [];
  private readonly epochMs: number;
  private readonly finalTasks: Map<string, Task>;
  private readonly finalNodes: Map<string, Node>;
  /** The trace's events in time order. */
  readonly events: readonly TraceEvent[];

  /** `snapshotEvery`: fewest events between two snapshots (tests compare replays with and without them). */
  constructor(
    readonly trace: Trace,
    snapshotEvery = SNAPSHOT_EVERY,
  ) {
    this.events = timeOrderedEvents(trace);
    this.epochMs = Date.parse(trace.epoch);
    this.finalTasks = new Map(trace.tasks.map((task) => [task.ID, task]));
    this.finalNodes = new Map(trace.nodes.map((node) => [node.ID, node]));
    const rows = emptyFoldState();
    this.snapshots.push({ applied: 0, rows: cloneFoldState(rows) });
    this.events.forEach((ev, i) => {
      applyEvent(rows, ev);
      const since = i + 1 - this.snapshots[this.snapshots.length - 1].applied;
      if (since >= Math.max(snapshotEvery, rowCount(rows)))
        this.snapshots.push({ applied: i + 1, rows: cloneFoldState(rows) });
    });
  }

  /** The last snapshot taken at or before `applied` events. */
  private snapshotBefore(applied: number): Snapshot {
    let lo = 0;
    let hi = this.snapshots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.snapshots[mid].applied <= applied) lo = mid;
      else hi = mid - 1;
    }
    return this.snapshots[lo];
  }

  /** The fold's rows at `tMs` (every event with t_ms ≤ tMs applied): a copy the caller may keep. */
  foldStateAt(tMs: Millis): FoldState {
    const last = lastEventAt(this.events, tMs);
    const snapshot = this.snapshotBefore(last + 1);
    const rows = cloneFoldState(snapshot.rows);
    this.apply(rows, snapshot.applied, last);
    return rows;
  }

  /**
   * The fold's rows at `tMs` for reading now (stateAt): a seek at or after the last one (a scrub, a play) applies
   * only the events between, when that is cheaper than copying a snapshot's rows and replaying from it.
   */
  private rowsAt(tMs: Millis): FoldState {
    const last = lastEventAt(this.events, tMs);
    const snapshot = this.snapshotBefore(last + 1);
    // Copying a snapshot costs about one event per row.
    const fromSnapshot = last + 1 - snapshot.applied + rowCount(snapshot.rows);
    let live = this.live;
    if (!live || live.applied > last + 1 || last + 1 - live.applied > fromSnapshot)
      this.live = live = { rows: cloneFoldState(snapshot.rows), applied: snapshot.applied };
    this.apply(live.rows, live.applied, last);
    live.applied = last + 1;
    return live.rows;
  }

  /** The rows stateAt last read. */
  private live: Snapshot | null = null;

  /** Applies events[from .. last] to `rows`. */
  private apply(rows: FoldState, from: number, last: number): void {
    for (let i = from; i <= last; i++) applyEvent(rows, this.events[i]);
  }

  stateAt(tMs: Millis): ClusterState {
    const rows = this.rowsAt(tMs);
    return {
      nowMs: tMs,
      epochIso: this.trace.epoch,
      services: [...rows.services.values()].map((row) => this.service(row)),
      tasks: [...rows.tasks.values()].map((row) => this.task(row)),
      nodes: [...rows.nodes.values()].map((row) => this.node(row)),
    };
  }

  /** ISO times by virtual ms: a scrub converts the same few thousand instants on every seek. */
  private iso(ms: Millis): string {
    return isoTime(this.epochMs + Math.floor(ms));
  }

  private service(row: ServiceRow): Service {
    const service: Service = {
      ID: row.id,
      Version: { Index: row.version },
      CreatedAt: this.iso(row.createdMs),
      UpdatedAt: this.iso(row.updatedMs),
      Spec: row.spec,
      Endpoint: serviceEndpoint(row.spec, row.endpointPorts),
    };
    if (row.previousSpec) service.PreviousSpec = row.previousSpec;
    if (row.status) {
      service.UpdateStatus = { State: row.status.state, Message: row.status.message };
      if (row.status.startedMs !== null) service.UpdateStatus.StartedAt = this.iso(row.status.startedMs);
      if (row.status.completedMs !== null) service.UpdateStatus.CompletedAt = this.iso(row.status.completedMs);
    }
    return service;
  }

  /**
   * The Task object last built for each task ID, with its row version: a row a seek left unchanged gives the same
   * object.
   */
  private readonly builtTasks = new Map<string, { version: number; task: Task }>();

  private task(row: TaskRow): Task {
    const built = this.builtTasks.get(row.id);
    if (built?.version === row.version) return built.task;
    const task = this.buildTask(row);
    this.builtTasks.set(row.id, { version: row.version, task });
    return task;
  }

  private buildTask(row: TaskRow): Task {
    const task: Task = {
      ID: row.id,
      Version: { Index: row.version },
      CreatedAt: this.iso(row.createdMs),
      UpdatedAt: this.iso(row.updatedMs),
      Labels: {},
      Spec: row.spec,
      ServiceID: row.serviceId,
      Status: { Timestamp: this.iso(row.stateMs), State: row.state, Message: row.message },
      DesiredState: row.desired,
    };
    if (row.slot > 0) task.Slot = row.slot;
    if (row.nodeId) task.NodeID = row.nodeId;
    if (row.err) task.Status.Err = row.err;
    if (row.exitCode !== null) {
      const containerId = this.finalTasks.get(row.id)?.Status.ContainerStatus?.ContainerID;
      task.Status.ContainerStatus = { ContainerID: containerId, ExitCode: row.exitCode };
    }
    const ports = portStatusPorts(row.hostPorts, row.state, row.desired);
    if (ports.length) task.Status.PortStatus = { Ports: ports };
    return task;
  }

  private node(row: NodeRow): Node {
    const final = this.finalNodes.get(row.id);
    const node: Node = {
      ID: row.id,
      Version: { Index: row.version },
      CreatedAt: this.iso(row.createdMs),
      UpdatedAt: this.iso(row.updatedMs),
      Spec: { Labels: final?.Spec.Labels ?? {}, Role: row.role, Availability: row.availability },
      Description: final?.Description ?? {
        Hostname: row.hostname,
        Platform: { Architecture: 'x86_64', OS: 'linux' },
        Engine: { EngineVersion: '20.10.24' },
      },
      Status: { State: row.state, Addr: final?.Status.Addr ?? '', ...(row.message ? { Message: row.message } : {}) },
    };
    if (final?.ManagerStatus)
      node.ManagerStatus = { ...final.ManagerStatus, Reachability: row.state === 'down' ? 'unreachable' : 'reachable' };
    return node;
  }
}

function rowCount(rows: FoldState): number {
  return rows.services.size + rows.tasks.size + rows.nodes.size;
}

const replays = new WeakMap<Trace, TraceReplay>();

/** The replay of a trace, built once per Trace object. */
export function replayOf(trace: Trace): TraceReplay {
  let replay = replays.get(trace);
  if (!replay) replays.set(trace, (replay = new TraceReplay(trace)));
  return replay;
}

/** The cluster as it was at virtual time `tMs` (every event with t_ms ≤ tMs applied). */
export function stateAt(trace: Trace, tMs: Millis): ClusterState {
  return replayOf(trace).stateAt(tMs);
}
