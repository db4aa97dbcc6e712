// Timeline markers from a Trace: update/rollback starts and ends, worker delays, monitor windows, failures, status
// changes.
import type { Millis, Trace, TraceEvent, UpdateState } from '../types.js';
import { replayOf } from './replay.js';

export type MarkerKind =
  | 'update_start'
  | 'rollback_start'
  | 'rollback_end'
  | 'delay'
  | 'monitor'
  | 'failure'
  | 'stop'
  | 'status'
  | 'command'
  | 'cancel';

export interface Marker {
  kind: MarkerKind;
  tMs: Millis;
  /** Spans (delay, monitor) end here; instants have endMs === tMs. */
  endMs: Millis;
  serviceId: string | null;
  worker?: number;
  taskId?: string;
  /** For `status`: the new UpdateStatus state (null when cleared). */
  state?: UpdateState | null;
  /** A short text: the status message, the command typed, the failed task... */
  label: string;
}

type StatusEvent = Extract<TraceEvent, { type: 'update_status' }>;
type UpdaterEvent = Extract<TraceEvent, { type: 'updater' }>;

/** Every marker, in time order. A span still open at the end of the trace ends there. */
export function markers(trace: Trace): Marker[] {
  const collector = new MarkerCollector();
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'command')
      collector.out.push({ kind: 'command', tMs: ev.t_ms, endMs: ev.t_ms, serviceId: null, label: ev.text });
    else if (ev.type === 'update_status') collector.status(ev);
    else if (ev.type === 'updater') collector.updater(ev);
  }
  return collector.finish(trace.duration_ms);
}

/** The markers so far and the delay and monitor spans still open (delays keyed `serviceId#worker`). */
class MarkerCollector {
  readonly out: Marker[] = [];
  private readonly openDelays = new Map<string, Marker>();
  private readonly openMonitors = new Map<string, Marker>();

  /** Ends every span still open at the end of the trace. */
  finish(durationMs: Millis): Marker[] {
    for (const marker of [...this.openDelays.values(), ...this.openMonitors.values()])
      marker.endMs = Math.min(marker.endMs, durationMs);
    return this.out;
  }

  /** Ends the service's open delay and monitor spans at `tMs`. */
  private closeOpen(serviceId: string, tMs: Millis): void {
    for (const [key, marker] of this.openDelays)
      if (key.startsWith(`${serviceId}#`)) {
        marker.endMs = tMs;
        this.openDelays.delete(key);
      }
    const monitor = this.openMonitors.get(serviceId);
    if (monitor) {
      monitor.endMs = tMs;
      this.openMonitors.delete(serviceId);
    }
  }

  status(ev: StatusEvent): void {
    this.out.push({
      kind: 'status',
      tMs: ev.t_ms,
      endMs: ev.t_ms,
      serviceId: ev.serviceId,
      state: ev.state,
      label: ev.state ? `${ev.state}: ${ev.message}` : 'cleared',
    });
    if (ev.state === 'rollback_completed' || ev.state === 'rollback_paused') {
      this.out.push({
        kind: 'rollback_end',
        tMs: ev.t_ms,
        endMs: ev.t_ms,
        serviceId: ev.serviceId,
        state: ev.state,
        label: ev.message,
      });
    }
    if (ev.state && ev.state !== 'updating' && ev.state !== 'rollback_started') this.closeOpen(ev.serviceId, ev.t_ms);
  }

  updater(ev: UpdaterEvent): void {
    const sid = ev.serviceId;
    switch (ev.action) {
      case 'start':
        return this.start(ev);
      case 'delay_start':
      case 'delay_end':
        return this.delay(ev);
      case 'monitor_start':
      case 'monitor_end':
        return this.monitor(ev);
      case 'failure_counted':
        this.out.push({
          kind: 'failure',
          tMs: ev.t_ms,
          endMs: ev.t_ms,
          serviceId: sid,
          taskId: ev.taskId,
          label: ev.taskId ?? '',
        });
        return;
      case 'stop':
        this.closeOpen(sid, ev.t_ms);
        this.out.push({
          kind: 'stop',
          tMs: ev.t_ms,
          endMs: ev.t_ms,
          serviceId: sid,
          taskId: ev.taskId,
          label: ev.taskId ?? '',
        });
        return;
      case 'cancel':
        this.closeOpen(sid, ev.t_ms);
        this.out.push({ kind: 'cancel', tMs: ev.t_ms, endMs: ev.t_ms, serviceId: sid, label: '' });
        return;
      default:
        return;
    }
  }

  private start(ev: UpdaterEvent): void {
    const rollback = ev.config?.rollback === true;
    this.closeOpen(ev.serviceId, ev.t_ms);
    this.out.push({
      kind: rollback ? 'rollback_start' : 'update_start',
      tMs: ev.t_ms,
      endMs: ev.t_ms,
      serviceId: ev.serviceId,
      label: ev.config
        ? `parallelism ${ev.config.parallelism}, delay ${ev.config.delayMs / 1000}s, ` +
          `monitor ${ev.config.monitorMs / 1000}s, ${ev.config.failureAction}`
        : '',
    });
  }

  /** A worker's delay span opens at `delay_start` (as long as planned) and ends at its `delay_end`. */
  private delay(ev: UpdaterEvent): void {
    const key = `${ev.serviceId}#${ev.worker ?? 0}`;
    if (ev.action === 'delay_end') {
      const marker = this.openDelays.get(key);
      if (marker) marker.endMs = ev.t_ms;
      this.openDelays.delete(key);
      return;
    }
    const marker: Marker = {
      kind: 'delay',
      tMs: ev.t_ms,
      endMs: ev.t_ms + (ev.durationMs ?? 0),
      serviceId: ev.serviceId,
      worker: ev.worker,
      label: `worker ${ev.worker ?? '?'}`,
    };
    this.out.push(marker);
    this.openDelays.set(key, marker);
  }

  /** The service's monitor span opens at `monitor_start` (as long as planned) and ends at `monitor_end`. */
  private monitor(ev: UpdaterEvent): void {
    if (ev.action === 'monitor_end') {
      const marker = this.openMonitors.get(ev.serviceId);
      if (marker) marker.endMs = ev.t_ms;
      this.openMonitors.delete(ev.serviceId);
      return;
    }
    const marker: Marker = {
      kind: 'monitor',
      tMs: ev.t_ms,
      endMs: ev.t_ms + (ev.durationMs ?? 0),
      serviceId: ev.serviceId,
      label: `${(ev.durationMs ?? 0) / 1000}s`,
    };
    this.out.push(marker);
    this.openMonitors.set(ev.serviceId, marker);
  }
}

/** Times worth stopping at when stepping through a trace: every distinct instant at which the cluster changed. */
export function eventTimes(trace: Trace): Millis[] {
  const times: Millis[] = [];
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'output' || ev.type === 'container') continue;
    if (times[times.length - 1] !== ev.t_ms) times.push(ev.t_ms);
  }
  return [...new Set(times)].sort((a, b) => a - b);
}
