// The one fold over a trace's events: service, task and node rows as each event leaves them, read by every trace view.
import { hostModePorts } from '../ports.js';
import type {
  Millis,
  NodeAvailability,
  NodeRole,
  NodeState,
  PortConfig,
  ServiceSpec,
  TaskSpec,
  TaskState,
  Trace,
  TraceEvent,
  UpdateState,
} from '../types.js';

export interface ServiceRow {
  id: string;
  name: string;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
  spec: ServiceSpec;
  previousSpec: ServiceSpec | null;
  /** Service.Endpoint.Ports as the last spec event gave them (null: no port published). */
  endpointPorts: PortConfig[] | null;
  status: { state: UpdateState; message: string; startedMs: Millis | null; completedMs: Millis | null } | null;
}
export interface TaskRow {
  id: string;
  serviceId: string;
  slot: number;
  nodeId: string | null;
  image: string;
  spec: TaskSpec;
  /** The host-mode published ports of the service when the task was created. */
  hostPorts: PortConfig[];
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
export interface NodeRow {
  id: string;
  hostname: string;
  role: NodeRole;
  availability: NodeAvailability;
  /** The state the manager reports (`down` a heartbeat TTL after the agent was cut). */
  state: NodeState;
  message: string;
  /** The agent is cut from the managers by a recorded `node-down` fault (and not back with `node-up`). */
  cut: boolean;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
}
/** What the events so far say about the cluster. */
export interface FoldState {
  services: Map<string, ServiceRow>;
  tasks: Map<string, TaskRow>;
  nodes: Map<string, NodeRow>;
  /** The store's one version counter, as the events imply it. */
  version: number;
}

export const emptyFoldState = (): FoldState => ({
  services: new Map(),
  tasks: new Map(),
  nodes: new Map(),
  version: 0,
});

export function cloneFoldState(state: FoldState): FoldState {
  const copy = <T extends object>(m: Map<string, T>) => new Map([...m].map(([k, v]) => [k, { ...v }]));
  return { services: copy(state.services), tasks: copy(state.tasks), nodes: copy(state.nodes), version: state.version };
}

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

function touch(state: FoldState, row: { version: number; updatedMs: Millis }, tMs: Millis): void {
  row.version = ++state.version;
  row.updatedMs = tMs;
}

function applyNode(state: FoldState, ev: Ev<'node'>): void {
  const row: NodeRow = state.nodes.get(ev.nodeId) ?? {
    id: ev.nodeId,
    hostname: ev.hostname,
    role: ev.role,
    availability: ev.availability,
    state: ev.state,
    message: '',
    cut: false,
    createdMs: ev.t_ms,
    updatedMs: ev.t_ms,
    version: 0,
  };
  Object.assign(row, {
    hostname: ev.hostname,
    role: ev.role,
    availability: ev.availability,
    state: ev.state,
    message: ev.message ?? '',
  });
  touch(state, row, ev.t_ms);
  state.nodes.set(ev.nodeId, row);
}

function applyServiceSpec(state: FoldState, ev: Ev<'service_spec'>): void {
  if (ev.action === 'remove') {
    state.services.delete(ev.serviceId);
    return;
  }
  const row = state.services.get(ev.serviceId) ?? {
    id: ev.serviceId,
    name: ev.name,
    createdMs: ev.t_ms,
    updatedMs: ev.t_ms,
    version: 0,
    spec: ev.spec,
    previousSpec: null,
    endpointPorts: null,
    status: null,
  };
  row.name = ev.name;
  row.spec = ev.spec;
  row.previousSpec = ev.previousSpec;
  row.endpointPorts = ev.endpointPorts ?? null;
  row.updatedMs = ev.t_ms;
  // The store's one version counter also numbers spec versions: resynchronise on the event's own version.
  row.version = state.version = Math.max(state.version, ev.version);
  state.services.set(ev.serviceId, row);
}

function applyUpdateStatus(state: FoldState, ev: Ev<'update_status'>): void {
  const row = state.services.get(ev.serviceId);
  if (!row) return;
  row.status =
    ev.state === null
      ? null
      : { state: ev.state, message: ev.message, startedMs: ev.startedMs, completedMs: ev.completedMs };
  touch(state, row, ev.t_ms);
}

/** The task's spec: the service's template when it runs that image, else the template with the task's image. */
function taskSpecOf(service: ServiceRow | undefined, image: string): TaskSpec {
  const template = service?.spec.TaskTemplate;
  if (template && template.ContainerSpec.Image === image) return template;
  return {
    ...(template ?? { ForceUpdate: 0 }),
    ContainerSpec: { ...(template?.ContainerSpec ?? {}), Image: image },
  } as TaskSpec;
}

function applyTaskCreated(state: FoldState, ev: Ev<'task_created'>): void {
  state.tasks.set(ev.taskId, {
    id: ev.taskId,
    serviceId: ev.serviceId,
    slot: ev.slot,
    nodeId: ev.nodeId,
    image: ev.image,
    spec: taskSpecOf(state.services.get(ev.serviceId), ev.image),
    hostPorts: hostModePorts(state.services.get(ev.serviceId)?.spec.EndpointSpec),
    createdMs: ev.t_ms,
    updatedMs: ev.t_ms,
    version: ++state.version,
    state: 'new',
    stateMs: ev.t_ms,
    message: 'created',
    err: '',
    exitCode: null,
    desired: ev.desired,
  });
}

function applyTaskState(state: FoldState, ev: Ev<'task_state'>): void {
  const row = state.tasks.get(ev.taskId);
  if (!row) return;
  row.state = ev.state;
  row.stateMs = ev.t_ms;
  row.message = ev.message;
  if (ev.err !== undefined) row.err = ev.err;
  if (ev.exitCode !== undefined) row.exitCode = ev.exitCode;
  touch(state, row, ev.t_ms);
}

function applyTaskChange(state: FoldState, ev: Ev<'task_desired' | 'task_node'>): void {
  const row = state.tasks.get(ev.taskId);
  if (!row) return;
  if (ev.type === 'task_desired') row.desired = ev.desired;
  else row.nodeId = ev.nodeId;
  touch(state, row, ev.t_ms);
}

/** A node fault changes no Engine API object (the manager notices later): only the node's `cut` mark. */
function applyFault(state: FoldState, ev: Ev<'fault'>): void {
  const row = state.nodes.get(ev.nodeId);
  if (!row || ev.fault === 'kill') return;
  row.cut = ev.fault === 'node-down';
}

/** Applies one event (command, output, container and updater events change no row). */
export function applyEvent(state: FoldState, ev: TraceEvent): void {
  switch (ev.type) {
    case 'node':
      return applyNode(state, ev);
    case 'service_spec':
      return applyServiceSpec(state, ev);
    case 'update_status':
      return applyUpdateStatus(state, ev);
    case 'task_created':
      return applyTaskCreated(state, ev);
    case 'task_state':
      return applyTaskState(state, ev);
    case 'task_desired':
    case 'task_node':
      return applyTaskChange(state, ev);
    case 'task_removed':
      state.tasks.delete(ev.taskId);
      return;
    case 'fault':
      return applyFault(state, ev);
    default:
      return;
  }
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

const ordered = new WeakMap<Trace, readonly TraceEvent[]>();

/** `eventsInTimeOrder`, sorted once per Trace object. */
export function timeOrderedEvents(trace: Trace): readonly TraceEvent[] {
  let events = ordered.get(trace);
  if (!events) ordered.set(trace, (events = eventsInTimeOrder(trace)));
  return events;
}

/**
 * Called after each event is applied: the state it left, the event, and whether it was the last event of its instant
 * (readers that judge whole instants look only then: what happens at one instant happens at once).
 */
export type FoldVisitor = (state: FoldState, ev: TraceEvent, endOfInstant: boolean) => void;

/** Folds the trace's events in time order, calling `visit` after each; returns the state at the trace's end. */
export function foldTrace(trace: Trace, visit?: FoldVisitor): FoldState {
  const events = timeOrderedEvents(trace);
  const state = emptyFoldState();
  for (let i = 0; i < events.length; i++) {
    applyEvent(state, events[i]);
    visit?.(state, events[i], i + 1 === events.length || events[i + 1].t_ms !== events[i].t_ms);
  }
  return state;
}
