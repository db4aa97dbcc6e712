// A Trace as Chrome trace-event JSON for ui.perfetto.dev: task slices per slot, replicas counters, UpdateStatus
// instants, failure → rollback flows.
import { type Lane, lanes, type TaskBar, taskBars } from '../trace/bars.js';
import { replayOf } from '../trace/replay.js';
import { availabilitySeries } from '../trace/series.js';
import type { Millis, Trace, TraceEvent } from '../types.js';

/** One event of the Trace Event Format (the fields swarmlab writes). */
export interface PerfettoEvent {
  name: string;
  ph: 'X' | 'C' | 'i' | 's' | 'f' | 'M';
  /** Microseconds from the trace's start. */
  ts?: number;
  dur?: number;
  pid: number;
  tid?: number;
  cat?: string;
  /** Instant scope: process. */
  s?: 'p';
  id?: number;
  args?: Record<string, unknown>;
}

export interface PerfettoTrace {
  traceEvents: PerfettoEvent[];
  displayTimeUnit: 'ms';
  metadata: { scenario: string; seed: number; epoch: string };
}

/** The thread of each service's updater runs (slot threads follow from 2). */
export const UPDATER_TID = 1;

const micros = (ms: Millis): number => Math.round(ms * 1000);

type UpdaterEvent = Extract<TraceEvent, { type: 'updater' }>;
type SpecEvent = Extract<TraceEvent, { type: 'service_spec' }>;

/** The whole export: one process per service (creation order, pid from 1), one thread per slot. */
export function toPerfetto(trace: Trace): PerfettoTrace {
  const bars = taskBars(trace);
  const allLanes = lanes(trace, bars);
  const serviceIds = [...new Set(allLanes.map((lane) => lane.serviceId))];
  for (const ev of replayOf(trace).events)
    if (ev.type === 'service_spec' && !serviceIds.includes(ev.serviceId)) serviceIds.push(ev.serviceId);
  const names = serviceNames(trace);
  const events: PerfettoEvent[] = [];
  serviceIds.forEach((serviceId, i) => {
    const pid = i + 1;
    events.push(meta('process_name', pid, 0, { name: names.get(serviceId) ?? serviceId }));
    events.push(meta('process_sort_index', pid, 0, { sort_index: pid }));
    events.push(...updaterEvents(trace, serviceId, pid));
    events.push(...laneEvents(allLanes, bars, serviceId, pid));
    events.push(...counterEvents(trace, serviceId, pid));
    events.push(...statusInstants(trace, serviceId, pid));
  });
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: { scenario: trace.scenario, seed: trace.seed, epoch: trace.epoch },
  };
}

/** The export as the text of a .json file. */
export function formatPerfetto(trace: Trace): string {
  return `${JSON.stringify(toPerfetto(trace))}\n`;
}

function serviceNames(trace: Trace): Map<string, string> {
  const names = new Map<string, string>();
  for (const ev of replayOf(trace).events) if (ev.type === 'service_spec') names.set(ev.serviceId, ev.spec.Name);
  return names;
}

function meta(name: string, pid: number, tid: number, args: Record<string, unknown>): PerfettoEvent {
  return { name, ph: 'M', pid, tid, args };
}

/**
 * Each slot's tasks as slices named by image, their states as nested slices. Slices on one thread must nest, and in a
 * slot the new task starts while the old one stops: an overlapping task goes on a second thread of the same slot.
 */
function laneEvents(allLanes: readonly Lane[], bars: readonly TaskBar[], serviceId: string, pid: number) {
  const events: PerfettoEvent[] = [];
  let tid = UPDATER_TID + 1;
  for (const lane of allLanes.filter((l) => l.serviceId === serviceId)) {
    const rows: { endMs: Millis; tid: number }[] = [];
    for (const bar of bars.filter((b) => b.laneKey === lane.key)) {
      let row = rows.find((r) => r.endMs <= bar.createdMs);
      if (!row) {
        row = { endMs: bar.endMs, tid: tid++ };
        const label = rows.length === 0 ? lane.label : `${lane.label} (overlap ${rows.length + 1})`;
        events.push(meta('thread_name', pid, row.tid, { name: label }));
        events.push(meta('thread_sort_index', pid, row.tid, { sort_index: row.tid }));
        rows.push(row);
      }
      row.endMs = bar.endMs;
      events.push(...taskSlices(bar, pid, row.tid));
    }
  }
  return events;
}

function taskSlices(bar: TaskBar, pid: number, tid: number): PerfettoEvent[] {
  const ts = micros(bar.createdMs);
  const task: PerfettoEvent = {
    name: bar.image,
    ph: 'X',
    cat: 'task',
    ts,
    dur: micros(bar.endMs) - ts,
    pid,
    tid,
    args: {
      task: bar.taskId,
      slot: bar.slot,
      node: bar.nodeId,
      origin: bar.origin,
      final_state: bar.finalState,
      ...(bar.err ? { err: bar.err } : {}),
      ...(bar.exitCode !== null ? { exit_code: bar.exitCode } : {}),
    },
  };
  const states = bar.segments
    .filter((segment) => segment.endMs > segment.startMs)
    .map(
      (segment): PerfettoEvent => ({
        name: segment.state,
        ph: 'X',
        cat: 'state',
        ts: micros(segment.startMs),
        dur: micros(segment.endMs) - micros(segment.startMs),
        pid,
        tid,
        args: { message: segment.message },
      }),
    );
  return [task, ...states];
}

/** Serving replicas (running tasks per image, the page's availability series) and desired replicas when it changes. */
function counterEvents(trace: Trace, serviceId: string, pid: number): PerfettoEvent[] {
  const events: PerfettoEvent[] = [];
  let desired: number | null = null;
  for (const point of availabilitySeries(trace, serviceId).points) {
    const ts = micros(point.tMs);
    events.push({ name: 'serving replicas', ph: 'C', ts, pid, args: { ...point.running } });
    if (point.desired !== desired)
      events.push({ name: 'desired replicas', ph: 'C', ts, pid, args: { desired: point.desired } });
    desired = point.desired;
  }
  return events;
}

/** An instant on the service's process for each change of its UpdateStatus state, named by the new state. */
function statusInstants(trace: Trace, serviceId: string, pid: number): PerfettoEvent[] {
  const out: PerfettoEvent[] = [];
  let last: string | null = null;
  for (const ev of replayOf(trace).events) {
    if (ev.type !== 'update_status' || ev.serviceId !== serviceId || ev.state === last) continue;
    last = ev.state;
    if (ev.state === null) continue;
    out.push({
      name: ev.state,
      ph: 'i',
      s: 'p',
      cat: 'UpdateStatus',
      ts: micros(ev.t_ms),
      pid,
      tid: UPDATER_TID,
      args: { message: ev.message },
    });
  }
  return out;
}

/**
 * The updater thread: one slice per run (`update` or `rollback`, start → stop/cancel), a zero-length `failure counted`
 * slice, and a flow from the counted failure to the rollback it started (Swarm's auto_rollback; a failure that paused
 * the update gets no arrow). The flow start follows its slice and binds to it; the flow end precedes the rollback's
 * slice and binds to it (the next slice on the thread).
 */
function updaterEvents(trace: Trace, serviceId: string, pid: number): PerfettoEvent[] {
  const own = replayOf(trace).events.filter(
    (ev): ev is UpdaterEvent | SpecEvent =>
      (ev.type === 'updater' || ev.type === 'service_spec') && ev.serviceId === serviceId,
  );
  if (!own.some((ev) => ev.type === 'updater')) return [];
  const events: PerfettoEvent[] = [meta('thread_name', pid, UPDATER_TID, { name: 'updater' })];
  events.push(meta('thread_sort_index', pid, UPDATER_TID, { sort_index: UPDATER_TID }));
  const slice = (name: string, ts: number, args: Record<string, unknown>): PerfettoEvent => {
    const event: PerfettoEvent = { name, ph: 'X', cat: 'updater', ts, dur: 0, pid, tid: UPDATER_TID, args };
    events.push(event);
    return event;
  };
  const flow = (ph: 's' | 'f', id: number, ts: number): PerfettoEvent => ({
    name: 'failure → rollback',
    ph,
    cat: 'updater',
    id,
    ts,
    pid,
    tid: UPDATER_TID,
  });
  let open: PerfettoEvent | null = null;
  let lastFailure: { ts: number; slice: PerfettoEvent } | null = null;
  let autoRollback = false;
  let flowId = pid * 1000;
  const close = (tMs: Millis) => {
    if (open) open.dur = micros(tMs) - (open.ts ?? 0);
    open = null;
  };
  for (const ev of own) {
    const ts = micros(ev.t_ms);
    if (ev.type === 'service_spec') autoRollback = ev.action === 'auto_rollback';
    else if (ev.action === 'start') {
      close(ev.t_ms);
      const rollback = ev.config?.rollback === true;
      if (rollback && autoRollback && lastFailure) {
        flowId += 1;
        // The start right after its slice, the end right before the rollback's slice.
        events.splice(events.indexOf(lastFailure.slice) + 1, 0, flow('s', flowId, lastFailure.ts));
        events.push(flow('f', flowId, ts));
      }
      lastFailure = null;
      autoRollback = false;
      open = slice(rollback ? 'rollback' : 'update', ts, { ...ev.config, dirty_slots: ev.dirtySlots });
    } else if (ev.action === 'stop' || ev.action === 'cancel') close(ev.t_ms);
    else if (ev.action === 'failure_counted')
      lastFailure = { ts, slice: slice('failure counted', ts, { task: ev.taskId }) };
  }
  close(trace.duration_ms);
  return events;
}
