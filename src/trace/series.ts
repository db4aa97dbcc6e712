// Availability over time: available tasks per image and desired replicas of one service, as a step series.
import type { Millis, Trace, TraceEvent } from '../types.js';
import { type AvailabilityCounting, availableByImage, DEFAULT_COUNTING } from './availability.js';
import { type FoldState, type FoldVisitor, foldTrace } from './fold.js';

export interface AvailabilityPoint {
  tMs: Millis;
  /** Available tasks per image (see AvailabilityCounting: by default running, desired running, node not down). */
  running: Record<string, number>;
  total: number;
  /** Replicas the spec asks for (global: nodes that are ready and active). */
  desired: number;
}

export interface AvailabilitySeries {
  serviceId: string;
  /** Every image the service's tasks ran, in order of first appearance. */
  images: string[];
  /** One point per instant something changed; the value holds until the next point. */
  points: AvailabilityPoint[];
}

const cache = new WeakMap<Trace, Map<string, AvailabilitySeries>>();

/**
 * The step series of available tasks per image and desired replicas of `serviceId`, from its creation to the trace's
 * end.
 */
export function availabilitySeries(
  trace: Trace,
  serviceId: string,
  counting: AvailabilityCounting = DEFAULT_COUNTING,
): AvailabilitySeries {
  let byService = cache.get(trace);
  if (!byService) cache.set(trace, (byService = new Map()));
  const key = `${counting} ${serviceId}`;
  let series = byService.get(key);
  if (!series) byService.set(key, (series = computeSeries(trace, serviceId, counting)));
  return series;
}

/** Replicas the service asks for in `state`: its replica count, or for a global service the ready, active nodes. */
function desiredOf(state: FoldState, serviceId: string): number {
  const mode = state.services.get(serviceId)?.spec.Mode;
  if (!mode) return 0;
  if (mode.Global === undefined) return mode.Replicated?.Replicas ?? 0;
  let ready = 0;
  for (const node of state.nodes.values()) if (node.state === 'ready' && node.availability === 'active') ready++;
  return ready;
}

/**
 * The series' point for `state` at `tMs` (the images seen so far all listed, zero when none is available); `last`
 * itself when it holds the same values (most instants touch a task without changing what is available).
 */
function pointOf(
  state: FoldState,
  serviceId: string,
  counting: AvailabilityCounting,
  taskIds: Set<string>,
  images: string[],
  tMs: Millis,
  last: AvailabilityPoint | undefined,
): AvailabilityPoint {
  const counts = availableByImage(state, serviceId, counting, taskIds);
  let total = 0;
  for (const n of counts.values()) total += n;
  const desired = desiredOf(state, serviceId);
  if (
    last?.total === total &&
    last.desired === desired &&
    images.every((image) => last.running[image] === (counts.get(image) ?? 0))
  )
    return last;
  const running = Object.fromEntries(images.map((image) => [image, counts.get(image) ?? 0]));
  return { tMs, running, total, desired };
}

/** Whether `ev` can change the service's point: its spec, a node, or one of its tasks. */
function touchesService(ev: TraceEvent, serviceId: string, taskIds: ReadonlySet<string>): boolean {
  switch (ev.type) {
    case 'service_spec':
      return ev.serviceId === serviceId;
    case 'node':
      return true;
    case 'task_created':
    case 'task_state':
    case 'task_desired':
    case 'task_node':
    case 'task_removed':
      return taskIds.has(ev.taskId);
    default:
      return false;
  }
}

function computeSeries(trace: Trace, serviceId: string, counting: AvailabilityCounting): AvailabilitySeries {
  const series = seriesFold(serviceId, counting);
  foldTrace(trace, series.visit);
  return series.result();
}

/**
 * The series of `serviceId` as a fold visitor, for a reader that folds a trace once for several figures
 * (src/lab/queries.ts `rolloutFigures`); `result()` once the fold is done.
 */
export function seriesFold(
  serviceId: string,
  counting: AvailabilityCounting = DEFAULT_COUNTING,
): { visit: FoldVisitor; result: () => AvailabilitySeries } {
  const images: string[] = [];
  const points: AvailabilityPoint[] = [];
  /** The service's tasks not yet removed: a point counts only these. */
  const taskIds = new Set<string>();
  let removed = false;
  /** Something that may change the point happened in the current instant (other instants are not looked at). */
  let touched = false;
  const visit: FoldVisitor = (state, ev, endOfInstant) => {
    if (ev.type === 'task_created' && ev.serviceId === serviceId) {
      taskIds.add(ev.taskId);
      if (!images.includes(ev.image)) images.push(ev.image);
    }
    touched ||= touchesService(ev, serviceId, taskIds);
    if (ev.type === 'task_removed') taskIds.delete(ev.taskId);
    if (!endOfInstant || removed || !touched) return;
    touched = false;
    if (!state.services.has(serviceId)) {
      // Removed: one last point at zero (nothing before the service was created).
      if (points.length === 0) return;
      removed = true;
      points.push({ tMs: ev.t_ms, running: Object.fromEntries(images.map((i) => [i, 0])), total: 0, desired: 0 });
      return;
    }
    const last = points.at(-1);
    const point = pointOf(state, serviceId, counting, taskIds, images, ev.t_ms, last);
    if (point !== last) points.push(point);
  };
  return { visit, result: () => ({ serviceId, images, points }) };
}

/** The value of the series at `tMs` (the last point at or before it). */
export function availabilityAt(series: AvailabilitySeries, tMs: Millis): AvailabilityPoint | undefined {
  // Binary search: the last point at or before tMs (points are in time order).
  const points = series.points;
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].tMs <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? points[lo - 1] : undefined;
}

/** The fewest available tasks between `fromMs` and `toMs` (the value in force at `fromMs` included). */
export function lowestAvailability(series: AvailabilitySeries, fromMs: Millis, toMs: Millis): number {
  let lowest = availabilityAt(series, fromMs)?.total ?? 0;
  for (const point of series.points)
    if (point.tMs > fromMs && point.tMs <= toMs) lowest = Math.min(lowest, point.total);
  return lowest;
}
