// A Trace as `docker events --format '{{json .}}'` lines: service, container and node events in the real daemon's
// shape.
import type { Millis, ServiceSpec, Trace, TraceEvent, UpdateState } from '../types.js';

/** One line of `docker events --format '{{json .}}'` (Engine 20.10 with a docker 28 CLI). */
export interface DockerEvent {
  /** Containers only: the deprecated fields the daemon still sends. */
  status?: string;
  id?: string;
  from?: string;
  Type: 'service' | 'container' | 'node';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'swarm' | 'local';
  time: number;
  /** Nanoseconds since 1970, beyond a double's precision: a bigint, written as a JSON integer. */
  timeNano: bigint;
}

type SpecEvent = Extract<TraceEvent, { type: 'service_spec' }>;
type StatusEvent = Extract<TraceEvent, { type: 'update_status' }>;
type NodeEvent = Extract<TraceEvent, { type: 'node' }>;
type ContainerEvent = Extract<TraceEvent, { type: 'container' }>;

interface TaskInfo {
  serviceId: string;
  serviceName: string;
  name: string;
  image: string;
  nodeId: string | null;
  /** A kill was sent: the container was stopped, so its `die` is followed by `stop`. */
  killed: boolean;
  created: boolean;
}

/** The events of a trace, in trace order (times from its epoch). */
export function toDockerEvents(trace: Trace): DockerEvent[] {
  const clock = eventClock(trace.epoch);
  const out: DockerEvent[] = [];
  const names = new Map<string, string>();
  const specs = new Map<string, ServiceSpec>();
  const states = new Map<string, UpdateState | null>();
  const tasks = new Map<string, TaskInfo>();
  const nodes = new Map<string, NodeEvent>();
  const events = trace.events;
  const merged = mergedStatuses(events);
  events.forEach((ev, i) => {
    if (ev.type === 'service_spec') {
      names.set(ev.serviceId, ev.spec.Name);
      const status = merged.get(i);
      out.push(serviceEvent(ev, specs.get(ev.serviceId), states.get(ev.serviceId) ?? null, status, clock));
      specs.set(ev.serviceId, ev.spec);
      // swarmkit: an update resets UpdateStatus (the updater then sets `updating`); a rollback sets rollback_started.
      states.set(ev.serviceId, status?.state ?? null);
    } else if (ev.type === 'update_status') {
      if (merged.has(i)) return;
      const old = states.get(ev.serviceId) ?? null;
      states.set(ev.serviceId, ev.state);
      if (ev.state === null || ev.state === old) return;
      const attributes: Record<string, string> = { name: names.get(ev.serviceId) ?? ev.serviceId };
      if (old !== null) attributes['updatestate.old'] = old;
      attributes['updatestate.new'] = ev.state;
      out.push(swarmEvent('service', 'update', ev.serviceId, attributes, ev.t_ms, clock));
    } else if (ev.type === 'task_created') {
      const serviceName = names.get(ev.serviceId) ?? ev.serviceId;
      const name = `${serviceName}.${ev.slot > 0 ? ev.slot : (ev.nodeId ?? '')}.${ev.taskId}`;
      tasks.set(ev.taskId, { ...ev, serviceName, name, killed: false, created: false });
    } else if (ev.type === 'task_node') {
      const task = tasks.get(ev.taskId);
      if (task) task.nodeId = ev.nodeId;
    } else if (ev.type === 'container') out.push(...containerEvents(ev, tasks.get(ev.taskId), clock));
    else if (ev.type === 'task_removed') {
      const task = tasks.get(ev.taskId);
      if (task?.created) out.push(containerEvent('destroy', ev.taskId, task, {}, ev.t_ms, clock));
    } else if (ev.type === 'node') {
      const node = nodeEvent(ev, nodes.get(ev.nodeId), clock);
      if (node) out.push(node);
      nodes.set(ev.nodeId, ev);
    }
  });
  return out;
}

/** The lines `docker events --format '{{json .}}'` would print, each ending in a newline. */
export function formatDockerEvents(trace: Trace): string {
  return toDockerEvents(trace)
    .map((ev) => `${dockerEventJson(ev)}\n`)
    .join('');
}

/** One event as the daemon writes it: Go's key order, attributes sorted, timeNano an exact integer. */
export function dockerEventJson(ev: DockerEvent): string {
  const attributes = Object.fromEntries(Object.entries(ev.Actor.Attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
  const head = ev.Type === 'container' ? { status: ev.status, id: ev.id, from: ev.from } : {};
  const body = { ...head, Type: ev.Type, Action: ev.Action, Actor: { ID: ev.Actor.ID, Attributes: attributes } };
  return `${JSON.stringify({ ...body, scope: ev.scope, time: ev.time }).slice(0, -1)},"timeNano":${ev.timeNano}}`;
}

type Clock = (tMs: Millis) => { time: number; timeNano: bigint };

function eventClock(epoch: string): Clock {
  const epochMs = Date.parse(epoch);
  const base = BigInt(Number.isFinite(epochMs) ? epochMs : 0) * 1_000_000n;
  return (tMs) => {
    const timeNano = base + BigInt(Math.round(tMs * 1_000_000));
    return { time: Number(timeNano / 1_000_000_000n), timeNano };
  };
}

/**
 * Trace indexes of `rollback_started` statuses written together with a rollback's spec (swarmkit sets both in one
 * store update, so the daemon sends one event), keyed by the spec event's index.
 */
function mergedStatuses(events: readonly TraceEvent[]): Map<number, StatusEvent> {
  const merged = new Map<number, StatusEvent>();
  events.forEach((ev, i) => {
    if (ev.type !== 'service_spec' || (ev.action !== 'rollback' && ev.action !== 'auto_rollback')) return;
    for (const j of [i - 1, i + 1, i - 2, i + 2]) {
      const other = events[j];
      if (other?.type === 'update_status' && other.t_ms === ev.t_ms && other.serviceId === ev.serviceId) {
        if (other.state !== 'rollback_started') continue;
        merged.set(i, other);
        merged.set(j, other);
        return;
      }
    }
  });
  return merged;
}

function serviceEvent(
  ev: SpecEvent,
  before: ServiceSpec | undefined,
  oldState: UpdateState | null,
  status: StatusEvent | undefined,
  clock: Clock,
): DockerEvent {
  const attributes: Record<string, string> = { name: ev.spec.Name };
  if (ev.action === 'create' || ev.action === 'remove' || !before)
    return swarmEvent(
      'service',
      ev.action === 'remove' ? 'remove' : 'create',
      ev.serviceId,
      attributes,
      ev.t_ms,
      clock,
    );
  const image = (spec: ServiceSpec) => spec.TaskTemplate.ContainerSpec.Image;
  if (image(ev.spec) !== image(before)) {
    attributes['image.old'] = image(before);
    attributes['image.new'] = image(ev.spec);
  }
  const replicas = (spec: ServiceSpec) => spec.Mode.Replicated?.Replicas;
  const [oldReplicas, newReplicas] = [replicas(before), replicas(ev.spec)];
  if (oldReplicas !== undefined && newReplicas !== undefined && oldReplicas !== newReplicas) {
    attributes['replicas.old'] = String(oldReplicas);
    attributes['replicas.new'] = String(newReplicas);
  }
  if (status?.state) {
    if (oldState !== null) attributes['updatestate.old'] = oldState;
    attributes['updatestate.new'] = status.state;
  }
  return swarmEvent('service', 'update', ev.serviceId, attributes, ev.t_ms, clock);
}

function swarmEvent(
  type: 'service' | 'node',
  action: string,
  id: string,
  attributes: Record<string, string>,
  tMs: Millis,
  clock: Clock,
): DockerEvent {
  return { Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'swarm', ...clock(tMs) };
}

/** A node seen at the trace's start existed before it (no event); one seen later joined (`create`). */
function nodeEvent(ev: NodeEvent, before: NodeEvent | undefined, clock: Clock): DockerEvent | null {
  const attributes: Record<string, string> = { name: ev.hostname };
  if (!before) return ev.t_ms > 0 ? swarmEvent('node', 'create', ev.nodeId, attributes, ev.t_ms, clock) : null;
  for (const key of ['availability', 'role', 'state'] as const)
    if (ev[key] !== before[key]) {
      attributes[`${key}.old`] = before[key];
      attributes[`${key}.new`] = ev[key];
    }
  if (Object.keys(attributes).length === 1 && ev.message === before.message) return null;
  return swarmEvent('node', 'update', ev.nodeId, attributes, ev.t_ms, clock);
}

/** The container's events: Docker's own actions; a `die` after a kill is followed by `stop` (the daemon stopped it). */
function containerEvents(ev: ContainerEvent, task: TaskInfo | undefined, clock: Clock): DockerEvent[] {
  if (!task) return [];
  const extra: Record<string, string> = {};
  if (ev.signal !== undefined) extra.signal = String(ev.signal);
  if (ev.exitCode !== undefined) extra.exitCode = String(ev.exitCode);
  if (ev.action === 'create') task.created = true;
  if (ev.action === 'kill') task.killed = true;
  const action = ev.action === 'health_status' ? `health_status: ${ev.health ?? 'unhealthy'}` : ev.action;
  const out = [containerEvent(action, ev.taskId, task, extra, ev.t_ms, clock)];
  if (ev.action === 'die' && task.killed) out.push(containerEvent('stop', ev.taskId, task, {}, ev.t_ms, clock));
  return out;
}

function containerEvent(
  action: string,
  taskId: string,
  task: TaskInfo,
  extra: Record<string, string>,
  tMs: Millis,
  clock: Clock,
): DockerEvent {
  const id = containerId(taskId);
  const attributes: Record<string, string> = {
    'com.docker.swarm.node.id': task.nodeId ?? '',
    'com.docker.swarm.service.id': task.serviceId,
    'com.docker.swarm.service.name': task.serviceName,
    'com.docker.swarm.task': '',
    'com.docker.swarm.task.id': taskId,
    'com.docker.swarm.task.name': task.name,
    image: task.image,
    name: task.name,
    ...extra,
  };
  return {
    status: action,
    id,
    from: task.image,
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: attributes },
    scope: 'local',
    ...clock(tMs),
  };
}

/** A simulated task has no container: a stable 64-hex-digit ID derived from the task ID (FNV-1a, eight seeds). */
export function containerId(taskId: string): string {
  let hex = '';
  for (let seed = 0; seed < 8; seed++) {
    let hash = 0x811c9dc5 ^ seed;
    for (let i = 0; i < taskId.length; i++) hash = Math.imul(hash ^ taskId.charCodeAt(i), 0x01000193);
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return hex;
}
