// What a Kubernetes Deployment's RollingUpdate is given and gives back, and its surge / unavailable rounding.

import type { FaultEvent } from '../faults/registry.js';
import type { ImageBehaviour, Millis, TimingProfile } from '../types.js';

/** An int or a percentage (`"25%"`), as Kubernetes' IntOrString. */
export type IntOrPercent = number | `${number}%`;

export interface K8sRollout {
  replicas: number;
  /** Default 25% (rounded up). */
  maxSurge?: IntOrPercent;
  /** Default 25% (rounded down). */
  maxUnavailable?: IntOrPercent;
  /** A new pod counts as available once Ready this long (default 0). */
  minReadySeconds?: number;
  /**
   * No progress for this long marks the rollout failed (ProgressDeadlineExceeded); nothing is rolled back. Default 600.
   */
  progressDeadlineSeconds?: number;
  nodes: number;
  oldImage: ImageBehaviour;
  newImage: ImageBehaviour;
  /** Faults at `atMs` after the rollout starts (kill: the `slot`-th pod in creation order restarts in place). */
  faults?: FaultEvent[];
  timing?: Partial<TimingProfile>;
  seed: number;
}

export interface K8sResult {
  /**
   * `complete`: every new pod available and no old pod left; `failed`: ProgressDeadlineExceeded (nothing is rolled
   * back);
   * `stalled`: neither after an hour (a crash-looping pod turning Ready again counts as progress and resets the
   * deadline).
   */
  outcome: 'complete' | 'failed' | 'stalled';
  durationMs: Millis;
  /** Lowest count of Ready pods on reachable nodes, not terminating, during the rollout. */
  minAvailable: number;
  /** New-image pods whose container started. */
  badTasks: number;
  maxSurge: number;
  maxUnavailable: number;
  /** [tMs, serving pods] after each change. */
  series: [Millis, number][];
}

/** Kubernetes' rounding: surge rounds up, unavailable rounds down (intstr.GetScaledValueFromIntOrPercent). */
export function resolveSurgeUnavailable(
  replicas: number,
  maxSurge: IntOrPercent = '25%',
  maxUnavailable: IntOrPercent = '25%',
): { surge: number; unavailable: number } {
  const scaled = (value: IntOrPercent, roundUp: boolean, field: string): number => {
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < 0)
        throw new Error(`spec.strategy.rollingUpdate.${field}: must be a non-negative integer or percentage`);
      return value;
    }
    const percent = Number(value.slice(0, -1));
    if (!Number.isFinite(percent) || percent < 0)
      throw new Error(`spec.strategy.rollingUpdate.${field}: invalid percentage ${value}`);
    const exact = (percent * replicas) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  };
  const surge = scaled(maxSurge, true, 'maxSurge');
  const unavailable = scaled(maxUnavailable, false, 'maxUnavailable');
  // The API rejects both 0 (validation works on the raw values; a percentage rounding to 0 is then unavailable 1).
  if (surge === 0 && unavailable === 0) {
    if (isZero(maxSurge) && isZero(maxUnavailable))
      throw new Error('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: may not be 0 when `maxSurge` is 0');
    return { surge, unavailable: 1 };
  }
  return { surge, unavailable };
}

const isZero = (value: IntOrPercent): boolean =>
  typeof value === 'number' ? value === 0 : Number(value.slice(0, -1)) === 0;
