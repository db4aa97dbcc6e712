// The update config in force for an update or a rollback: the service's own, with Docker's defaults where it has none.
import { DEFAULT_UPDATE_CONFIG, NS_PER_MS } from '../../defaults.js';
import type { Millis, ServiceSpec, UpdateConfig } from '../../types.js';

export interface EffectiveUpdateConfig {
  parallelism: number;
  delayMs: Millis;
  monitorMs: Millis;
  failureAction: 'pause' | 'continue' | 'rollback';
  maxFailureRatio: number;
  order: 'stop-first' | 'start-first';
}

/** The config in force: Spec.Rollback during a rollback (of the restored spec), else Spec.Update; nil → defaults. */
export function effectiveConfig(spec: ServiceSpec, isRollback: boolean): EffectiveUpdateConfig {
  const config: UpdateConfig = (isRollback ? spec.RollbackConfig : spec.UpdateConfig) ?? DEFAULT_UPDATE_CONFIG;
  const monitorNs = config.Monitor || DEFAULT_UPDATE_CONFIG.Monitor;
  return {
    parallelism: config.Parallelism,
    delayMs: (config.Delay ?? 0) / NS_PER_MS,
    monitorMs: monitorNs / NS_PER_MS,
    failureAction: (config.FailureAction || 'pause') as EffectiveUpdateConfig['failureAction'],
    maxFailureRatio: config.MaxFailureRatio ?? 0,
    order: (config.Order || 'stop-first') as EffectiveUpdateConfig['order'],
  };
}
