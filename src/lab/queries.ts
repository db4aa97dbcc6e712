// Questions a policy lab asks of a trace: each rollout's span and outcome, lowest availability, bad tasks, detection
// times.

import { isFailure, TASK_STATES } from '../task-states.js';
import { type AvailabilityCounting, DEFAULT_COUNTING } from '../trace/availability.js';
import { type FoldVisitor, foldTrace } from '../trace/fold.js';
import { type AvailabilitySeries, availabilitySeries, lowestAvailability, seriesFold } from '../trace/series.js';
import type { Millis, ServiceSpec, Trace, TraceEvent, UpdateState } from '../types.js';
import { isFinalUpdateState } from '../update-states.js';

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

/** Per trace: its rollouts per service asked for, and how many events the trace held then. */
const rolloutCache = new WeakMap<Trace, { events: number; byService: Map<string, Rollout[]> }>();

/**
 * Every rollout of every service (or of `service`: a name or an ID prefix), in time order. Folded once per trace and
 * service (a run's outcome asks for it five times); treat the result as read-only.
 */
export function rollouts(trace: Trace, service?: string): readonly Rollout[] {
  let cached = rolloutCache.get(trace);
  if (!cached || cached.events !== trace.events.length) {
    cached = { events: trace.events.length, byService: new Map() };
    rolloutCache.set(trace, cached);
  }
  const key = service === undefined ? '\0all' : service;
  let found = cached.byService.get(key);
  if (!found) cached.byService.set(key, (found = foldRollouts(trace, service)));
  return found;
}

function foldRollouts(trace: Trace, service?: string): Rollout[] {
  const fold = rolloutsFold(service === undefined ? null : serviceId(trace, service));
  foldTrace(trace, fold.visit);
  return fold.result();
}

/** The rollouts of the service with ID `wanted` (every service's when null) as a fold visitor. */
function rolloutsFold(wanted: string | null): { visit: FoldVisitor; result: () => Rollout[] } {
  const open = new Map<string, Rollout>();
  const done: Rollout[] = [];
  const visit: FoldVisitor = (state, ev) => {
    if (ev.type === 'updater' && ev.action === 'failure_counted') {
      const current = open.get(ev.serviceId);
      if (current && current.firstFailureMs === null) current.firstFailureMs = ev.t_ms;
    }
    if (ev.type !== 'update_status' || ev.state === null || (wanted !== null && ev.serviceId !== wanted)) return;
    const current = open.get(ev.serviceId);
    if (!current) {
      if (ev.state !== 'updating' && ev.state !== 'rollback_started') return;
      const row = state.services.get(ev.serviceId);
      const rollout = startRollout(ev, row?.name, row?.spec.TaskTemplate.ContainerSpec.Image, row?.previousSpec);
      open.set(ev.serviceId, rollout);
      done.push(rollout);
      return;
    }
    if (ev.state === 'rollback_started' && current.kind === 'update' && current.rollbackStartMs === null)
      current.rollbackStartMs = ev.t_ms;
    if (isFinalUpdateState(ev.state)) {
      current.endMs = ev.t_ms;
      current.outcome = ev.state;
      if (ev.state === 'rollback_completed' && current.kind === 'update') current.rollbackCompletedMs = ev.t_ms;
      open.delete(ev.serviceId);
    }
  };
  return { visit, result: () => done };
}

function startRollout(
  ev: Extract<TraceEvent, { type: 'update_status' }>,
  name: string | undefined,
  image: string | undefined,
  previousSpec: ServiceSpec | null | undefined,
): Rollout {
  return {
    serviceId: ev.serviceId,
    service: name ?? ev.serviceId,
    kind: ev.state === 'updating' ? 'update' : 'rollback',
    startMs: ev.t_ms,
    endMs: null,
    outcome: 'unfinished',
    toImage: image ?? '',
    fromImage: previousSpec?.TaskTemplate.ContainerSpec.Image ?? null,
    firstFailureMs: null,
    rollbackStartMs: null,
    rollbackCompletedMs: null,
  };
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

/**
 * Update start → final UpdateStatus (completed, paused, rollback_completed, rollback_paused) of the first rollout; null
 * when unfinished.
 */
export function duration(trace: Trace, service?: string): Millis | null {
  const rollout = firstRollout(trace, service);
  return rollout.endMs === null ? null : rollout.endMs - rollout.startMs;
}

/** Update start → the first failure the updater counted; null when none was. */
export function timeToDetect(trace: Trace, service?: string): Millis | null {
  return detectionMs(firstRollout(trace, service));
}

/** timeToDetect of a rollout already found. */
export function detectionMs(rollout: Rollout): Millis | null {
  return rollout.firstFailureMs === null ? null : rollout.firstFailureMs - rollout.startMs;
}

/** Update start → `rollback_completed` of its automatic rollback; null when it did not roll back to the end. */
export function timeToRollback(trace: Trace, service?: string): Millis | null {
  const rollout = firstRollout(trace, service);
  return rollout.rollbackCompletedMs === null ? null : rollout.rollbackCompletedMs - rollout.startMs;
}

export interface AvailabilityOptions {
  /** Which tasks count (see AvailabilityCounting in src/trace/availability.ts): `serving` (default) or `running`. */
  counting?: AvailabilityCounting;
}

/**
 * The count of available tasks after each instant it changed: [tMs, count] pairs in time order, from the service's
 * creation on. The same series the availability chart draws.
 */
export function availability(trace: Trace, service: string, opts: AvailabilityOptions = {}): [Millis, number][] {
  const points: [Millis, number][] = [];
  for (const point of availabilitySeries(trace, serviceId(trace, service), opts.counting ?? DEFAULT_COUNTING).points)
    if (points.length === 0 || points[points.length - 1][1] !== point.total) points.push([point.tMs, point.total]);
  return points;
}

/** The lowest number of available tasks from the first rollout's start to its end (or the trace's end). */
export function minAvailable(trace: Trace, service?: string, opts: AvailabilityOptions = {}): number {
  const rollout = firstRollout(trace, service);
  return lowestDuring(availabilitySeries(trace, rollout.serviceId, opts.counting ?? DEFAULT_COUNTING), rollout, trace);
}

/** The fewest available tasks of `series` from the rollout's start to its end (or the trace's end). */
function lowestDuring(series: AvailabilitySeries, rollout: Rollout, trace: Trace): number {
  return lowestAvailability(series, rollout.startMs, rollout.endMs ?? trace.duration_ms);
}

/** Tasks of `image` (default: the image the first rollout moved to) that reached one of `states`. */
function tasksOfImageReaching(trace: Trace, states: ReadonlySet<string>, service?: string, image?: string): number {
  const rollout = firstRollout(trace, service);
  const fold = reachingFold(rollout.serviceId, states);
  foldTrace(trace, fold.visit);
  return fold.count(image ?? rollout.toImage);
}

/** Per image, the tasks of `serviceId` that reached one of `states`, as a fold visitor. */
function reachingFold(
  serviceId: string,
  states: ReadonlySet<string>,
): { visit: FoldVisitor; count: (image: string) => number } {
  const reached = new Map<string, Set<string>>();
  const visit: FoldVisitor = (state, ev) => {
    if (ev.type !== 'task_state' || !states.has(ev.state)) return;
    const task = state.tasks.get(ev.taskId);
    if (task?.serviceId !== serviceId) return;
    let tasks = reached.get(task.image);
    if (!tasks) reached.set(task.image, (tasks = new Set()));
    tasks.add(ev.taskId);
  };
  return { visit, count: (image) => reached.get(image)?.size ?? 0 };
}

const STARTED = new Set(['starting', 'running']);
const FAILED = new Set<string>(TASK_STATES.filter(isFailure));

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

/** What an outcome reads of a trace about one service's first rollout, folded once (see rolloutFigures). */
export interface RolloutFigures {
  rollout: Rollout;
  /** minAvailable: the fewest available tasks from the rollout's start to its end (or the trace's end). */
  minAvailable: number;
  /** badTasksStarted: tasks of the image it moved to that reached `starting` or `running`. */
  badTasksStarted: number;
}

/**
 * The first rollout of `service` (default: the trace's first) with its minAvailable and badTasksStarted, from one
 * fold of the trace instead of three (explore measures every run it plays, and the history at every state it hashes);
 * null when it had no rollout.
 */
export function rolloutFigures(trace: Trace, service?: string, opts: AvailabilityOptions = {}): RolloutFigures | null {
  // Without a service, the first rollout's: its service is known only once folded.
  const id = service === undefined ? rollouts(trace)[0]?.serviceId : serviceId(trace, service);
  if (id === undefined) return null;
  const spans = rolloutsFold(id);
  const series = seriesFold(id, opts.counting ?? DEFAULT_COUNTING);
  const started = reachingFold(id, STARTED);
  foldTrace(trace, (state, ev, endOfInstant) => {
    spans.visit(state, ev, endOfInstant);
    series.visit(state, ev, endOfInstant);
    started.visit(state, ev, endOfInstant);
  });
  const rollout = spans.result()[0];
  if (!rollout) return null;
  return {
    rollout,
    minAvailable: lowestDuring(series.result(), rollout, trace),
    badTasksStarted: started.count(rollout.toImage),
  };
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
