// A container's healthcheck as the agent runs it: the service's own (which overrides the image's), else the image
// behaviour's, with Docker's defaults; none when neither has one or the service says NONE.
import { DEFAULT_HEALTH_INTERVAL_MS, DEFAULT_HEALTH_RETRIES, NS_PER_MS } from '../defaults.js';
import type { ImageBehaviour, Millis } from '../types.js';
import type { TaskRecord } from './records.js';

export interface HealthPlan {
  intervalMs: Millis;
  retries: number;
  startPeriodMs: Millis;
  healthyAfterMs: Millis | 'never';
}

export function healthPlan(task: TaskRecord, behaviour: ImageBehaviour): HealthPlan | null {
  const fromService = task.spec.ContainerSpec.Healthcheck;
  if (fromService?.Test?.[0] === 'NONE') return null;
  const fromImage = behaviour.healthcheck;
  if (!fromImage && !fromService?.Test?.length) return null;
  const nsToMs = (ns: number | undefined) => (ns ? ns / NS_PER_MS : undefined);
  return {
    intervalMs: nsToMs(fromService?.Interval) ?? fromImage?.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS,
    retries: fromService?.Retries || fromImage?.retries || DEFAULT_HEALTH_RETRIES,
    startPeriodMs: nsToMs(fromService?.StartPeriod) ?? fromImage?.startPeriodMs ?? 0,
    // The probe passes once the process is up (the image's `start`) and `healthy_after` more.
    healthyAfterMs:
      fromImage?.healthyAfterMs === 'never' ? 'never' : (behaviour.startMs ?? 0) + (fromImage?.healthyAfterMs ?? 0),
  };
}
