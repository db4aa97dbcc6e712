// One bar per task of a Trace: its lane (service slot, or node for a global service), lifetime, state segments, image,
// error.

import { isAfterRunning } from '../task-states.js';
import type { Millis, TaskState, Trace } from '../types.js';
import { replayOf } from './replay.js';

export interface StateSegment {
  state: TaskState;
  startMs: Millis;
  /** When the next state began (or the bar's end). */
  endMs: Millis;
  message: string;
}

export interface TaskBar {
  taskId: string;
  serviceId: string;
  serviceName: string;
  /** 1-based slot (0 for a global service's task). */
  slot: number;
  nodeId: string | null;
  /** The lane the bar is drawn in: `serviceId/slot` or `serviceId@nodeId` for global services. */
  laneKey: string;
  image: string;
  createdMs: Millis;
  /**
   * When the task reached a final state (complete, shutdown, failed, rejected, orphaned, remove) or the trace's end.
   */
  endMs: Millis;
  /** False when the task was still alive at the end of the trace. */
  ended: boolean;
  /** Every state the task went through, with its times (the final state has a zero-length segment). */
  segments: StateSegment[];
  finalState: TaskState;
  desiredChanges: { tMs: Millis; desired: TaskState }[];
  err: string;
  exitCode: number | null;
  origin: string;
  removedMs: Millis | null;
}

export interface Lane {
  key: string;
  serviceId: string;
  /** `my_service.3`, or `my_service (node-2)` for a global service. */
  label: string;
  slot: number;
  nodeId: string | null;
}

const cache = new WeakMap<Trace, TaskBar[]>();

/** Every task that ever existed in the trace, in creation order. */
export function taskBars(trace: Trace): TaskBar[] {
  const cached = cache.get(trace);
  if (cached) return cached;
  const names = new Map<string, string>();
  const bars = new Map<string, TaskBar>();
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'service_spec') names.set(ev.serviceId, ev.spec.Name);
    else if (ev.type === 'task_created') {
      bars.set(ev.taskId, {
        taskId: ev.taskId,
        serviceId: ev.serviceId,
        serviceName: names.get(ev.serviceId) ?? ev.serviceId,
        slot: ev.slot,
        nodeId: ev.nodeId,
        laneKey: '',
        image: ev.image,
        createdMs: ev.t_ms,
        endMs: trace.duration_ms,
        ended: false,
        segments: [{ state: 'new', startMs: ev.t_ms, endMs: trace.duration_ms, message: 'created' }],
        finalState: 'new',
        desiredChanges: [{ tMs: ev.t_ms, desired: ev.desired }],
        err: '',
        exitCode: null,
        origin: ev.origin,
        removedMs: null,
      });
    } else if (ev.type === 'task_state') {
      const bar = bars.get(ev.taskId);
      if (!bar) continue;
      const last = bar.segments[bar.segments.length - 1];
      if (last.state === ev.state) last.message = ev.message;
      else {
        last.endMs = ev.t_ms;
        bar.segments.push({ state: ev.state, startMs: ev.t_ms, endMs: trace.duration_ms, message: ev.message });
      }
      bar.finalState = ev.state;
      if (ev.err) bar.err = ev.err;
      if (ev.exitCode !== undefined) bar.exitCode = ev.exitCode;
      if (!bar.ended && isAfterRunning(ev.state)) {
        bar.ended = true;
        bar.endMs = ev.t_ms;
        bar.segments[bar.segments.length - 1].endMs = ev.t_ms;
      }
    } else if (ev.type === 'task_desired')
      bars.get(ev.taskId)?.desiredChanges.push({ tMs: ev.t_ms, desired: ev.desired });
    else if (ev.type === 'task_node') {
      const bar = bars.get(ev.taskId);
      if (bar) bar.nodeId = ev.nodeId;
    } else if (ev.type === 'task_removed') {
      const bar = bars.get(ev.taskId);
      if (!bar) continue;
      bar.removedMs = ev.t_ms;
      if (!bar.ended) {
        bar.ended = true;
        bar.endMs = ev.t_ms;
        bar.segments[bar.segments.length - 1].endMs = ev.t_ms;
      }
    }
  }
  const list = [...bars.values()];
  for (const bar of list)
    bar.laneKey = bar.slot > 0 ? `${bar.serviceId}/${bar.slot}` : `${bar.serviceId}@${bar.nodeId ?? ''}`;
  cache.set(trace, list);
  return list;
}

/** The lanes of the timeline: services in creation order, then slots in number order (global: nodes by hostname). */
export function lanes(trace: Trace, bars: readonly TaskBar[] = taskBars(trace)): Lane[] {
  const hostnames = new Map<string, string>();
  const serviceOrder: string[] = [];
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'node') hostnames.set(ev.nodeId, ev.hostname);
    if (ev.type === 'service_spec' && ev.action === 'create') serviceOrder.push(ev.serviceId);
  }
  const byKey = new Map<string, Lane>();
  for (const bar of bars) {
    if (byKey.has(bar.laneKey)) continue;
    const label =
      bar.slot > 0
        ? `${bar.serviceName}.${bar.slot}`
        : `${bar.serviceName} (${hostnames.get(bar.nodeId ?? '') ?? '?'})`;
    byKey.set(bar.laneKey, { key: bar.laneKey, serviceId: bar.serviceId, label, slot: bar.slot, nodeId: bar.nodeId });
  }
  const rank = (id: string) => serviceOrder.indexOf(id);
  return [...byKey.values()].sort(
    (a, b) =>
      rank(a.serviceId) - rank(b.serviceId) ||
      a.slot - b.slot ||
      a.label.localeCompare(b.label, undefined, { numeric: true }),
  );
}
