// Rebuilds the cluster state at any virtual time from a Trace's events: periodic snapshots + replay from the nearest one.

import { memoize } from '../memo.js';
import type {
  ClusterState,
  Millis,
  Node,
  NodeAvailability,
  NodeRole,
  NodeState,
  Service,
  ServiceSpec,
  Task,
  TaskSpec,
  TaskState,
  Trace,
  TraceEvent,
  UpdateState,
} from '../types.js';

/** Events between two stored snapshots: a scrub replays at most this many events. */
export const SNAPSHOT_EVERY = 256;

interface ServiceRow {
  id: string;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
  spec: ServiceSpec;
  previousSpec: ServiceSpec | null;
  status: { state: UpdateState; message: string; startedMs: Millis | null; completedMs: Millis | null } | null;
}
interface TaskRow {
  id: string;
  serviceId: string;
  slot: number;
  nodeId: string | null;
  spec: TaskSpec;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
  state: TaskState;
  stateMs: Millis;
  message: string;
  err: string;
  exitCode: number | null;
  desired: TaskState;
}
interface NodeRow {
  id: string;
  hostname: string;
  role: NodeRole;
  availability: NodeAvailability;
  state: NodeState;
  message: string;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
}
interface Rows {
  services: Map<string, ServiceRow>;
  tasks: Map<string, TaskRow>;
  nodes: Map<string, NodeRow>;
  version: number;
}

const emptyRows = (): Rows => ({ services: new Map(), tasks: new Map(), nodes: new Map(), version: 0 });

function cloneRows(rows: Rows): Rows {
  const copy = <T extends object>(m: Map<string, T>) => new Map([...m].map(([k, v]) => [k, { ...v }]));
  return { services: copy(rows.services), tasks: copy(rows.tasks), nodes: copy(rows.nodes), version: rows.version };
}

/** Applies one event to the rows (command, output, container and updater events only touch what they must). */
function apply(rows: Rows, ev: TraceEvent): void {
  const t = ev.t_ms;
  const touch = (row: { version: number; updatedMs: Millis }) => {
    row.version = ++rows.version;
    row.updatedMs = t;
  };
  switch (ev.type) {
    case 'node': {
      const row = rows.nodes.get(ev.nodeId) ?? {
        id: ev.nodeId,
        hostname: ev.hostname,
        role: ev.role,
        availability: ev.availability,
        state: ev.state,
        message: '',
        createdMs: t,
        updatedMs: t,
        version: 0,
      };
      Object.assign(row, {
        hostname: ev.hostname,
        role: ev.role,
        availability: ev.availability,
        state: ev.state,
        message: ev.message ?? '',
      });
      touch(row);
      rows.nodes.set(ev.nodeId, row);
      break;
    }
    case 'service_spec': {
      if (ev.action === 'remove') {
        rows.services.delete(ev.serviceId);
        break;
      }
      const row = rows.services.get(ev.serviceId) ?? {
        id: ev.serviceId,
        createdMs: t,
        updatedMs: t,
        version: 0,
        spec: ev.spec,
        previousSpec: null,
        status: null,
      };
      row.spec = ev.spec;
      row.previousSpec = ev.previousSpec;
      row.updatedMs = t;
      // The store's one version counter also numbers spec versions: resynchronise on the event's own version.
      row.version = rows.version = Math.max(rows.version, ev.version);
      rows.services.set(ev.serviceId, row);
      break;
    }
    case 'update_status': {
      const row = rows.services.get(ev.serviceId);
      if (!row) break;
      row.status =
        ev.state === null
          ? null
          : { state: ev.state, message: ev.message, startedMs: ev.startedMs, completedMs: ev.completedMs };
      touch(row);
      break;
    }
    case 'task_created': {
      const service = rows.services.get(ev.serviceId);
      const template = service?.spec.TaskTemplate;
      const spec =
        template && template.ContainerSpec.Image === ev.image
          ? template
          : ({
              ...(template ?? { ForceUpdate: 0 }),
              ContainerSpec: { ...(template?.ContainerSpec ?? {}), Image: ev.image },
            } as TaskSpec);
      rows.tasks.set(ev.taskId, {
        id: ev.taskId,
        serviceId: ev.serviceId,
        slot: ev.slot,
        nodeId: ev.nodeId,
        spec,
        createdMs: t,
        updatedMs: t,
        version: ++rows.version,
        state: 'new',
        stateMs: t,
        message: 'created',
        err: '',
        exitCode: null,
        desired: ev.desired,
      });
      break;
    }
    case 'task_state': {
      const row = rows.tasks.get(ev.taskId);
      if (!row) break;
      row.state = ev.state;
      row.stateMs = t;
      row.message = ev.message;
      if (ev.err !== undefined) row.err = ev.err;
      if (ev.exitCode !== undefined) row.exitCode = ev.exitCode;
      touch(row);
      break;
    }
    case 'task_desired': {
      const row = rows.tasks.get(ev.taskId);
      if (!row) break;
      row.desired = ev.desired;
      touch(row);
      break;
    }
    case 'task_node': {
      const row = rows.tasks.get(ev.taskId);
      if (!row) break;
      row.nodeId = ev.nodeId;
      touch(row);
      break;
    }
    case 'task_removed':
      rows.tasks.delete(ev.taskId);
      break;
    default:
      break;
  }
}

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

/**
 * The events in time order. The trace is in record order, where a command event carries the time it was typed but is
 * recorded once it returned (after what it caused); a stable sort by time puts it back in place.
 */
export function eventsInTimeOrder(trace: Trace): readonly TraceEvent[] {
  const events = trace.events;
  for (let i = 1; i < events.length; i++) {
    if (events[i].t_ms < events[i - 1].t_ms)
      return events
        .map((ev, index) => ({ ev, index }))
        .sort((a, b) => a.ev.t_ms - b.ev.t_ms || a.index - b.index)
        .map(({ ev }) => ev);
  }
  return events;
}

/** A Trace with its snapshots, answering "what did the cluster look like at t?". */
export class TraceReplay {
  /** snapshots[k] = rows after applying events[0 .. k*snapshotEvery - 1]. */
  private readonly snapshots: Rows[] = [];
  private readonly epochMs: number;
  private readonly finalTasks: Map<string, Task>;
  private readonly finalNodes: Map<string, Node>;
  /** The trace's events in time order. */
  readonly events: readonly TraceEvent[];

  /** `snapshotEvery`: events between two snapshots (tests compare replays with and without them). */
  constructor(
    readonly trace: Trace,
    private readonly snapshotEvery = SNAPSHOT_EVERY,
  ) {
    this.events = eventsInTimeOrder(trace);
    this.epochMs = Date.parse(trace.epoch);
    this.finalTasks = new Map(trace.tasks.map((task) => [task.ID, task]));
    this.finalNodes = new Map(trace.nodes.map((node) => [node.ID, node]));
    const rows = emptyRows();
    this.snapshots.push(cloneRows(rows));
    this.events.forEach((ev, i) => {
      apply(rows, ev);
      if ((i + 1) % snapshotEvery === 0) this.snapshots.push(cloneRows(rows));
    });
  }

  stateAt(tMs: Millis): ClusterState {
    const last = lastEventAt(this.events, tMs);
    const k = Math.floor((last + 1) / this.snapshotEvery);
    const rows = cloneRows(this.snapshots[Math.min(k, this.snapshots.length - 1)]);
    for (let i = k * this.snapshotEvery; i <= last; i++) apply(rows, this.events[i]);
    return {
      nowMs: tMs,
      epochIso: this.trace.epoch,
      services: [...rows.services.values()].map((row) => this.service(row)),
      tasks: [...rows.tasks.values()].map((row) => this.task(row)),
      nodes: [...rows.nodes.values()].map((row) => this.node(row)),
    };
  }

  /** ISO times by virtual ms: a scrub converts the same few thousand instants on every seek. */
  private readonly iso = memoize((ms: Millis) => new Date(this.epochMs + Math.floor(ms)).toISOString(), 100_000);

  private service(row: ServiceRow): Service {
    const service: Service = {
      ID: row.id,
      Version: { Index: row.version },
      CreatedAt: this.iso(row.createdMs),
      UpdatedAt: this.iso(row.updatedMs),
      Spec: row.spec,
      Endpoint: { Spec: { Mode: row.spec.EndpointSpec?.Mode ?? 'vip' } },
    };
    if (row.previousSpec) service.PreviousSpec = row.previousSpec;
    if (row.status) {
      service.UpdateStatus = { State: row.status.state, Message: row.status.message };
      if (row.status.startedMs !== null) service.UpdateStatus.StartedAt = this.iso(row.status.startedMs);
      if (row.status.completedMs !== null) service.UpdateStatus.CompletedAt = this.iso(row.status.completedMs);
    }
    return service;
  }

  /** The Task object last built for each task ID, with its row version: a row a seek left unchanged gives the same object. */
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
