// The sweep grid on the Kubernetes comparison model: Swarm settings mapped to their nearest Deployment settings.

import { imageBehaviourOf } from './faults.js';
import { simulateK8sRollout } from './k8s.js';
import type { K8sRollout } from './k8s-spec.js';
import { type Measure, type SweepGrid, type SweepResult, type SweepSettings, sweep } from './sweep.js';

/** Kubernetes' default progressDeadlineSeconds. */
export const K8S_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * The Deployment nearest a Swarm policy: stop-first parallelism p → maxUnavailable p, maxSurge 0; start-first p →
 * maxSurge p, maxUnavailable 0 (p = 0, all at once → replicas); delay → minReadySeconds. Monitor and failure action
 * have no counterpart: a Deployment never rolls back by itself, it is marked failed after progressDeadlineSeconds.
 */
export function k8sRolloutOf(grid: SweepGrid, s: SweepSettings, seed: number): K8sRollout {
  const step = s.parallelism === 0 ? grid.replicas : s.parallelism;
  return {
    replicas: grid.replicas,
    maxSurge: s.order === 'start-first' ? step : 0,
    maxUnavailable: s.order === 'start-first' ? 0 : step,
    minReadySeconds: s.delayMs / 1000,
    progressDeadlineSeconds: K8S_PROGRESS_DEADLINE_SECONDS,
    nodes: grid.nodes,
    oldImage: {},
    newImage: imageBehaviourOf(grid.imageBehaviour),
    seed,
  };
}

function measureK8s(grid: SweepGrid, s: SweepSettings, seed: number): Measure {
  const result = simulateK8sRollout(k8sRolloutOf(grid, s, seed));
  return {
    durationMs: result.durationMs,
    minAvailable: result.minAvailable,
    badTasks: result.badTasks,
    outcome: result.outcome,
  };
}

/**
 * The sweep on the comparison model; monitor and failure action are left out of the grid (no Kubernetes counterpart).
 */
export function k8sSweep(grid: SweepGrid, opts: { onPoint?: (done: number, total: number) => void } = {}): SweepResult {
  const reduced: SweepGrid = { ...grid, monitorMs: [grid.monitorMs[0]], failureAction: [grid.failureAction[0]] };
  const result = sweep(reduced, { ...opts, measure: measureK8s, strategy: 'k8s' });
  for (const point of result.points) {
    const r = k8sRolloutOf(reduced, point, 1);
    point.label = `maxSurge ${r.maxSurge} maxUnavailable ${r.maxUnavailable} minReadySeconds ${r.minReadySeconds}`;
  }
  return result;
}
