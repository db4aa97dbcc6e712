// What the recorder reads off the Engine API's objects and events: status changes, a spec's action, a task
// template's key, a signal's number.
import { canonicalJson } from '../engine/orchestrator/tasks.js';
import type { Millis, Service, TaskSpec, TraceEvent, UpdateStatus } from '../types.js';

/** A new state or message, or the same state started again (a new StartedAt: the nil in between was not polled). */
export function statusChanged(status: UpdateStatus, old: UpdateStatus | undefined): boolean {
  return status.State !== old?.State || status.Message !== old?.Message || status.StartedAt !== old?.StartedAt;
}

export function clearedStatus(serviceId: string, now: Millis): TraceEvent {
  return { t_ms: now, type: 'update_status', serviceId, state: null, message: '', startedMs: null, completedMs: null };
}

export function templateKey(template: TaskSpec): string {
  return canonicalJson({ container: template.ContainerSpec, force: template.ForceUpdate ?? 0 });
}

export function specAction(service: Service): 'update' | 'rollback' | 'auto_rollback' {
  const status = service.UpdateStatus;
  if (status?.State !== 'rollback_started') return 'update';
  return /manually/.test(status.Message) ? 'rollback' : 'auto_rollback';
}

const SIGNALS: Record<string, number> = {
  SIGTERM: 15,
  TERM: 15,
  SIGKILL: 9,
  KILL: 9,
  SIGINT: 2,
  INT: 2,
  SIGHUP: 1,
  HUP: 1,
};

export function signalNumber(signal: string | undefined): number | undefined {
  if (!signal) return undefined;
  return /^\d+$/.test(signal) ? Number(signal) : SIGNALS[signal.toUpperCase()];
}
