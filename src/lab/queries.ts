// Questions a policy lab asks of a trace: each rollout's span and outcome, lowest availability, bad tasks, detection times.
import { stateRank } from '../engine/task-state.js';
import { eventsInTimeOrder } from '../trace/replay.js';
import type { Millis, TaskState, Trace, TraceEvent, UpdateState } from '../types.js';

const FINAL: ReadonlySet<UpdateState> = new Set(['completed', 'paused', 'rollback_completed', 'rollback_paused']);
const RUNNING_RANK = stateRank('running');

/** One rollout of a service: an update (with the automatic rollback it may have turned into) or a manual rollback. */
export interface Rollout {
  serviceId: string;
  service: string;
  /** `update` (UpdateStatus began at `updating`) or `rollback` (a manual `docker service rollback`). */
  kind: 'update' | 'rollback';
  startMs: Millis;
  /** When UpdateStatus reached a final state; null when the trace ended first. */
  endMs: Millis | null;
  outcome: UpdateState | 'unfinished';
  /** The image the rollout moves to, and the one it moves from. */
  toImage: string;
  fromImage: string | null;
  /** First failure the updater counted (`failure_counted`), automatic rollback start and completion. */
  firstFailureMs: Millis | null;
  rollbackStartMs: Millis | null;
  rollbackCompletedMs: Millis | null;
}

/** Every rollout of every service (or of `service`: a name or an ID prefix), in time order. */
export function rollouts(trace: Trace, service?: string): Rollout[] {
  const events = eventsInTimeOrder(trace);
  const wanted = service === undefined ? null : serviceId(trace, service);
  const names = new Map<string, string>();
  const images = new Map<string, { image: string; previous: string | null }>();
  const open = new Map<string, Rollout>();
  const done: Rollout[] = [];
  for (const ev of events) {
    if (ev.type === 'service_spec') {
      names.set(ev.serviceId, ev.name);
      images.set(ev.serviceId, {
        image: ev.spec.TaskTemplate.ContainerSpec.Image,
        previous: ev.previousSpec?.TaskTemplate.ContainerSpec.Image ?? null,
      });
    } else if (ev.type === 'update_status') {
      if (wanted !== null && ev.serviceId !== wanted) continue;
      const current = open.get(ev.serviceId);
      if (ev.state === null) continue;
      if (!current) {
        if (ev.state !== 'updating' && ev.state !== 'rollback_started') continue;
        const spec = images.get(ev.serviceId);
        const rollout: Rollout = {
          serviceId: ev.serviceId,
          service: names.get(ev.serviceId) ?? ev.serviceId,
          kind: ev.state === 'updating' ? 'update' : 'rollback',
          startMs: ev.t_ms,
          endMs: null,
          outcome: 'unfinished',
          toImage: spec?.image ?? '',
          fromImage: spec?.previous ?? null,
          firstFailureMs: null,
          rollbackStartMs: null,
          rollbackCompletedMs: null,
        };
        open.set(ev.serviceId, rollout);
        done.push(rollout);
        continue;
      }
      if (ev.state === 'rollback_started' && current.kind === 'update' && current.rollbackStartMs === null)
        current.rollbackStartMs = ev.t_ms;
      if (FINAL.has(ev.state)) {
        current.endMs = ev.t_ms;
        current.outcome = ev.state;
        if (ev.state === 'rollback_completed' && current.kind === 'update') current.rollbackCompletedMs = ev.t_ms;
        open.delete(ev.serviceId);
      }
    } else if (ev.type === 'updater' && ev.action === 'failure_counted') {
      const current = open.get(ev.serviceId);
      if (current && current.firstFailureMs === null) current.firstFailureMs = ev.t_ms;
    }
  }
  return done;
}

/** The first rollout of `service` (default: the first rollout in the trace); throws when there is none. */
export function firstRollout(trace: Trace, service?: string): Rollout {
  const found = rollouts(trace, service)[0];
  if (!found)
    throw new Error(
      service === undefined ? 'the trace holds no rollout' : `the trace holds no rollout of service ${service}`,
    );
  return found;
}

/** Update start → final UpdateStatus (completed, paused, rollback_completed, rollback_paused) of the first rollout; null when unfinished. */
export function duration(trace: Trace, service?: string): Millis | null {
  const rollout = firstRollout(trace, service);
  return rollout.endMs === null ? null : rollout.endMs - rollout.startMs;
}

/** Update start → the first failure the updater counted; null when none was. */
export function timeToDetect(trace: Trace, service?: string): Millis | null {
  const rollout = firstRollout(trace, service);
  return rollout.firstFailureMs === null ? null : rollout.firstFailureMs - rollout.startMs;
}

/** Update start → `rollback_completed` of its automatic rollback; null when it did not roll back to the end. */
export function timeToRollback(trace: Trace, service?: string): Millis | null {
  const rollout = firstRollout(trace, service);
  return rollout.rollbackCompletedMs === null ? null : rollout.rollbackCompletedMs - rollout.startMs;
}

export interface AvailabilityOptions {
  /**
   * `serving` (default): tasks running, still desired running (Swarm takes a task out of the load balancer as soon as it
   * is told to stop) and on a reachable node. `running`: every task whose state is `running`, as `docker service ps` shows.
   */
  counting?: 'serving' | 'running';
}

/** The count of available tasks after each instant something changed: [tMs, count] pairs in time order. */
export function availability(trace: Trace, service: string, opts: AvailabilityOptions = {}): [Millis, number][] {
  const id = serviceId(trace, service);
  const serving = (opts.counting ?? 'serving') === 'serving';
  const tasks = new Map<string, { state: TaskState; desired: TaskState; nodeId: string | null }>();
  const unreachable = new Set<string>();
  const hostnames = new Map<string, string>();
  const points: [Millis, number][] = [];
  const count = (): number => {
    let n = 0;
    for (const task of tasks.values()) {
      if (task.state !== 'running') continue;
      if (serving && (stateRank(task.desired) > RUNNING_RANK || (task.nodeId !== null && unreachable.has(task.nodeId))))
        continue;
      n++;
    }
    return n;
  };
  const events = eventsInTimeOrder(trace);
  for (let i = 0; i < events.length; i++) {
    apply(events[i], id, tasks, unreachable, hostnames);
    const next = events[i + 1];
    if (next !== undefined && next.t_ms === events[i].t_ms) continue; // judge whole instants only
    const value = count();
    if (points.length === 0 || points[points.length - 1][1] !== value) points.push([events[i].t_ms, value]);
  }
  return points;
}

function apply(
  ev: TraceEvent,
  id: string,
  tasks: Map<string, { state: TaskState; desired: TaskState; nodeId: string | null }>,
  unreachable: Set<string>,
  hostnames: Map<string, string>,
): void {
  switch (ev.type) {
    case 'task_created':
      if (ev.serviceId === id) tasks.set(ev.taskId, { state: 'new', desired: ev.desired, nodeId: ev.nodeId });
      break;
    case 'task_state': {
      const task = tasks.get(ev.taskId);
      if (task) task.state = ev.state;
      break;
    }
    case 'task_desired': {
      const task = tasks.get(ev.taskId);
      if (task) task.desired = ev.desired;
      break;
    }
    case 'task_node': {
      const task = tasks.get(ev.taskId);
      if (task) task.nodeId = ev.nodeId;
      break;
    }
    case 'task_removed':
      tasks.delete(ev.taskId);
      break;
    case 'node':
      hostnames.set(ev.hostname, ev.nodeId);
      if (ev.state === 'down') unreachable.add(ev.nodeId);
      break;
    case 'command': {
      // The sandbox's node faults: the node's tasks stop serving at once, long before the manager marks it down.
      const match = /^swarmlab fault (node-down|node-up) (\S+)$/.exec(ev.text.trim());
      const nodeId = match ? (hostnames.get(match[2]) ?? match[2]) : undefined;
      if (match && nodeId !== undefined && ev.exitCode === 0) {
        if (match[1] === 'node-down') unreachable.add(nodeId);
        else unreachable.delete(nodeId);
      }
      break;
    }
    default:
  }
}

/** The lowest number of available tasks from the first rollout's start to its end (or the trace's end). */
export function minAvailable(trace: Trace, service?: string, opts: AvailabilityOptions = {}): number {
  const rollout = firstRollout(trace, service);
  const endMs = rollout.endMs ?? trace.duration_ms;
  let lowest = Infinity;
  let before = 0;
  for (const [tMs, count] of availability(trace, rollout.serviceId, opts)) {
    if (tMs < rollout.startMs) before = count;
    else if (tMs <= endMs) {
      // The count in force when the rollout started counts too, unless it changed at that very instant.
      if (tMs > rollout.startMs) lowest = Math.min(lowest, before);
      lowest = Math.min(lowest, count);
      before = Infinity;
    }
  }
  return Math.min(lowest, before);
}

/** Tasks of `image` (default: the image the first rollout moved to) that reached one of `states`. */
function tasksOfImageReaching(trace: Trace, states: ReadonlySet<string>, service?: string, image?: string): number {
  const rollout = firstRollout(trace, service);
  const wanted = image ?? rollout.toImage;
  const ofImage = new Set<string>();
  const reached = new Set<string>();
  for (const ev of trace.events) {
    if (ev.type === 'task_created' && ev.serviceId === rollout.serviceId && ev.image === wanted) ofImage.add(ev.taskId);
    else if (ev.type === 'task_state' && states.has(ev.state) && ofImage.has(ev.taskId)) reached.add(ev.taskId);
  }
  return reached.size;
}

const STARTED = new Set(['starting', 'running']);
const FAILED = new Set(['failed', 'rejected']);

/**
 * Tasks of `badImage` (default: the image the first rollout moved to) that reached `starting` or `running`: how many
 * containers of a failing release were started and could have served traffic.
 */
export function badTasksStarted(trace: Trace, service?: string, badImage?: string): number {
  return tasksOfImageReaching(trace, STARTED, service, badImage);
}

/** Tasks of `image` (default: the image the first rollout moved to) that ended `failed` or `rejected`. */
export function failedTasks(trace: Trace, service?: string, image?: string): number {
  return tasksOfImageReaching(trace, FAILED, service, image);
}

/** A service's ID from its name, its ID or an ID prefix, as the trace knows it; throws when none or several match. */
export function serviceId(trace: Trace, nameOrId: string): string {
  const known = new Map<string, string>();
  for (const ev of trace.events) if (ev.type === 'service_spec') known.set(ev.serviceId, ev.name);
  for (const [id, name] of known) if (name === nameOrId || id === nameOrId) return id;
  const prefixed = [...known.keys()].filter((id) => id.startsWith(nameOrId));
  if (prefixed.length === 1) return prefixed[0];
  const names = [...new Set(known.values())].join(', ') || 'none';
  throw new Error(
    prefixed.length > 1
      ? `service ${nameOrId} is ambiguous`
      : `no service ${nameOrId} in the trace (services: ${names})`,
  );
}
