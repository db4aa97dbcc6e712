// Timeline markers from a Trace: update/rollback starts and ends, worker delays, monitor windows, failures, status changes.
import type { Millis, Trace, UpdateState } from '../types.js';
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

/** Every marker, in time order. A span still open at the end of the trace ends there. */
export function markers(trace: Trace): Marker[] {
  const out: Marker[] = [];
  const openDelays = new Map<string, Marker>();
  const openMonitors = new Map<string, Marker>();
  const closeOpen = (serviceId: string, tMs: Millis) => {
    for (const [key, marker] of openDelays)
      if (key.startsWith(`${serviceId}#`)) {
        marker.endMs = tMs;
        openDelays.delete(key);
      }
    const monitor = openMonitors.get(serviceId);
    if (monitor) {
      monitor.endMs = tMs;
      openMonitors.delete(serviceId);
    }
  };
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'command')
      out.push({ kind: 'command', tMs: ev.t_ms, endMs: ev.t_ms, serviceId: null, label: ev.text });
    else if (ev.type === 'update_status') {
      out.push({
        kind: 'status',
        tMs: ev.t_ms,
        endMs: ev.t_ms,
        serviceId: ev.serviceId,
        state: ev.state,
        label: ev.state ? `${ev.state}: ${ev.message}` : 'cleared',
      });
      if (ev.state === 'rollback_completed' || ev.state === 'rollback_paused') {
        out.push({
          kind: 'rollback_end',
          tMs: ev.t_ms,
          endMs: ev.t_ms,
          serviceId: ev.serviceId,
          state: ev.state,
          label: ev.message,
        });
      }
      if (ev.state && ev.state !== 'updating' && ev.state !== 'rollback_started') closeOpen(ev.serviceId, ev.t_ms);
    } else if (ev.type === 'updater') {
      const sid = ev.serviceId;
      switch (ev.action) {
        case 'start': {
          const rollback = ev.config?.rollback === true;
          closeOpen(sid, ev.t_ms);
          out.push({
            kind: rollback ? 'rollback_start' : 'update_start',
            tMs: ev.t_ms,
            endMs: ev.t_ms,
            serviceId: sid,
            label: ev.config
              ? `parallelism ${ev.config.parallelism}, delay ${ev.config.delayMs / 1000}s, monitor ${ev.config.monitorMs / 1000}s, ${ev.config.failureAction}`
              : '',
          });
          break;
        }
        case 'delay_start': {
          const marker: Marker = {
            kind: 'delay',
            tMs: ev.t_ms,
            endMs: ev.t_ms + (ev.durationMs ?? 0),
            serviceId: sid,
            worker: ev.worker,
            label: `worker ${ev.worker ?? '?'}`,
          };
          out.push(marker);
          openDelays.set(`${sid}#${ev.worker ?? 0}`, marker);
          break;
        }
        case 'delay_end': {
          const marker = openDelays.get(`${sid}#${ev.worker ?? 0}`);
          if (marker) marker.endMs = ev.t_ms;
          openDelays.delete(`${sid}#${ev.worker ?? 0}`);
          break;
        }
        case 'monitor_start': {
          const marker: Marker = {
            kind: 'monitor',
            tMs: ev.t_ms,
            endMs: ev.t_ms + (ev.durationMs ?? 0),
            serviceId: sid,
            label: `${(ev.durationMs ?? 0) / 1000}s`,
          };
          out.push(marker);
          openMonitors.set(sid, marker);
          break;
        }
        case 'monitor_end': {
          const marker = openMonitors.get(sid);
          if (marker) marker.endMs = ev.t_ms;
          openMonitors.delete(sid);
          break;
        }
        case 'failure_counted':
          out.push({
            kind: 'failure',
            tMs: ev.t_ms,
            endMs: ev.t_ms,
            serviceId: sid,
            taskId: ev.taskId,
            label: ev.taskId ?? '',
          });
          break;
        case 'stop':
          closeOpen(sid, ev.t_ms);
          out.push({
            kind: 'stop',
            tMs: ev.t_ms,
            endMs: ev.t_ms,
            serviceId: sid,
            taskId: ev.taskId,
            label: ev.taskId ?? '',
          });
          break;
        case 'cancel':
          closeOpen(sid, ev.t_ms);
          out.push({ kind: 'cancel', tMs: ev.t_ms, endMs: ev.t_ms, serviceId: sid, label: '' });
          break;
        default:
          break;
      }
    }
  }
  for (const marker of [...openDelays.values(), ...openMonitors.values()])
    marker.endMs = Math.min(marker.endMs, trace.duration_ms);
  return out;
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
