// Availability over time: running tasks per image and desired replicas of one service, as a step series.
import type { Millis, Trace } from '../types.js';
import { replayOf } from './replay.js';

export interface AvailabilityPoint {
  tMs: Millis;
  /** Tasks in state `running` per image (a task told to stop still serves until it has stopped; one on a down node does not). */
  running: Record<string, number>;
  total: number;
  /** Replicas the spec asks for (global: nodes that are ready and active). */
  desired: number;
}

export interface AvailabilitySeries {
  serviceId: string;
  /** Every image that ran, in order of first appearance. */
  images: string[];
  /** One point per instant something changed; the value holds until the next point. */
  points: AvailabilityPoint[];
}

const cache = new WeakMap<Trace, Map<string, AvailabilitySeries>>();

/** The step series of running tasks per image and desired replicas of `serviceId`, from its creation to the trace's end. */
export function availabilitySeries(trace: Trace, serviceId: string): AvailabilitySeries {
  let byService = cache.get(trace);
  if (!byService) cache.set(trace, (byService = new Map()));
  let series = byService.get(serviceId);
  if (!series) byService.set(serviceId, (series = computeSeries(trace, serviceId)));
  return series;
}

function computeSeries(trace: Trace, serviceId: string): AvailabilitySeries {
  const images: string[] = [];
  const points: AvailabilityPoint[] = [];
  const imageOf = new Map<string, string>();
  const nodeOfTask = new Map<string, string | null>();
  const running = new Set<string>();
  /** Running tasks not on a down node, counted per image (kept up to date event by event). */
  const counted = new Set<string>();
  const counts = new Map<string, number>();
  const nodes = new Map<string, boolean>();
  const downNodes = new Set<string>();
  let replicas: number | null = null;
  let global = false;
  let exists = false;

  const recount = (taskId: string) => {
    const node = nodeOfTask.get(taskId);
    const should = running.has(taskId) && !(node && downNodes.has(node));
    if (should === counted.has(taskId)) return;
    const image = imageOf.get(taskId)!;
    counts.set(image, (counts.get(image) ?? 0) + (should ? 1 : -1));
    if (should) counted.add(taskId);
    else counted.delete(taskId);
  };

  const push = (tMs: Millis) => {
    if (!exists) return;
    const desired = global ? [...nodes.values()].filter(Boolean).length : (replicas ?? 0);
    const last = points[points.length - 1];
    const same =
      last &&
      last.total === counted.size &&
      last.desired === desired &&
      images.every((i) => last.running[i] === (counts.get(i) ?? 0));
    if (same) return;
    const point = {
      tMs,
      running: Object.fromEntries(images.map((i) => [i, counts.get(i) ?? 0])),
      total: counted.size,
      desired,
    };
    if (last && last.tMs === tMs) points[points.length - 1] = point;
    else points.push(point);
  };

  for (const ev of replayOf(trace).events) {
    switch (ev.type) {
      case 'service_spec':
        if (ev.serviceId !== serviceId) continue;
        exists = ev.action !== 'remove';
        global = ev.spec.Mode.Global !== undefined;
        replicas = ev.spec.Mode.Replicated?.Replicas ?? null;
        if (ev.action === 'remove') {
          running.clear();
          counted.clear();
          counts.clear();
          points.push({ tMs: ev.t_ms, running: Object.fromEntries(images.map((i) => [i, 0])), total: 0, desired: 0 });
        }
        break;
      case 'node': {
        nodes.set(ev.nodeId, ev.state === 'ready' && ev.availability === 'active');
        const wasDown = downNodes.has(ev.nodeId);
        if (ev.state === 'down') downNodes.add(ev.nodeId);
        else downNodes.delete(ev.nodeId);
        if (wasDown !== downNodes.has(ev.nodeId))
          for (const taskId of running) if (nodeOfTask.get(taskId) === ev.nodeId) recount(taskId);
        break;
      }
      case 'task_created':
        if (ev.serviceId !== serviceId) continue;
        imageOf.set(ev.taskId, ev.image);
        nodeOfTask.set(ev.taskId, ev.nodeId);
        if (!images.includes(ev.image)) images.push(ev.image);
        break;
      case 'task_node':
        if (!imageOf.has(ev.taskId)) continue;
        nodeOfTask.set(ev.taskId, ev.nodeId);
        recount(ev.taskId);
        break;
      case 'task_state':
        if (!imageOf.has(ev.taskId)) continue;
        if (ev.state === 'running') running.add(ev.taskId);
        else running.delete(ev.taskId);
        recount(ev.taskId);
        break;
      case 'task_removed':
        if (!imageOf.has(ev.taskId)) continue;
        running.delete(ev.taskId);
        recount(ev.taskId);
        break;
      default:
        continue;
    }
    push(ev.t_ms);
  }
  return { serviceId, images, points };
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

/** The fewest running tasks between `fromMs` and `toMs` (the value in force at `fromMs` included). */
export function lowestAvailability(series: AvailabilitySeries, fromMs: Millis, toMs: Millis): number {
  let lowest = availabilityAt(series, fromMs)?.total ?? 0;
  for (const point of series.points)
    if (point.tMs > fromMs && point.tMs <= toMs) lowest = Math.min(lowest, point.total);
  return lowest;
}
