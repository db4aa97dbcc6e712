// Test helpers: a simulator on the recorded timing profile with TERM-ignoring `app:*` images, and trace queries.

import type { Engine } from '../../src/backend.js';
import { defaultClusterConfig } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';
import type { ClusterConfig, ImageBehaviour, ServiceSpec, TraceEvent, UpdateConfig } from '../../src/types.js';

export const IMAGES: Record<string, ImageBehaviour> = {
  'app:v1': { ignoresSigterm: true },
  'app:v2': { ignoresSigterm: true },
  'app:v3': { ignoresSigterm: true },
  'app:bad': { ignoresSigterm: true, exitCode: 1, exitAfterMs: 2_000 },
  'app:term1': {},
  'app:term2': {},
};

export function cluster(overrides: Partial<ClusterConfig> & { nodeCount?: number } = {}): ClusterConfig {
  const config = defaultClusterConfig();
  config.images = { ...IMAGES, ...(overrides.images ?? {}) };
  if (overrides.nodes) config.nodes = overrides.nodes;
  else if (overrides.nodeCount) {
    config.nodes = Array.from({ length: overrides.nodeCount }, (_, i) => ({
      name: `node-${i + 1}`,
      role: i === 0 ? 'manager' : 'worker',
      availability: 'active',
    }));
  }
  if (overrides.timing) config.timing = overrides.timing;
  if (overrides.taskHistoryLimit !== undefined) config.taskHistoryLimit = overrides.taskHistoryLimit;
  return config;
}

export function engine(seed = 1, config: ClusterConfig = cluster()): Engine {
  return createSimulator({ seed, cluster: config });
}

export function spec(name: string, image: string, replicas: number, extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    Name: name,
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: image }, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: replicas } },
    ...extra,
  };
}

export const updateConfig = (config: Partial<UpdateConfig>): UpdateConfig => ({
  Parallelism: 1,
  FailureAction: 'pause',
  Monitor: 5e9,
  MaxFailureRatio: 0,
  Order: 'stop-first',
  ...config,
});

/** Create, wait for convergence, then 1 s more (as the recorder did); returns the service's current spec. */
export function converge(e: Engine, serviceSpec: ServiceSpec): ServiceSpec {
  e.createService(serviceSpec);
  if (!e.runUntil(() => e.isConverged(serviceSpec.Name), 60_000)) throw new Error('did not converge');
  e.advanceTo(e.nowMs() + 1_000);
  return currentSpec(e, serviceSpec.Name);
}

export function currentSpec(e: Engine, name: string): ServiceSpec {
  return structuredClone(e.state().services.find((s) => s.Spec.Name === name)!.Spec);
}

export function withImage(base: ServiceSpec, image: string): ServiceSpec {
  const next = structuredClone(base);
  next.TaskTemplate.ContainerSpec.Image = image;
  return next;
}

export function settle(e: Engine): void {
  if (!e.runUntil(() => e.isSettled(3_000), 3_600_000)) throw new Error('did not settle');
}

export function statusOf(e: Engine, name: string) {
  return e.state().services.find((s) => s.Spec.Name === name)!.UpdateStatus;
}

export function statusEvents(e: Engine, sinceMs = 0): { tMs: number; state: string | null; message: string }[] {
  return e
    .events()
    .filter(
      (ev): ev is Extract<TraceEvent, { type: 'update_status' }> => ev.type === 'update_status' && ev.t_ms >= sinceMs,
    )
    .map((ev) => ({ tMs: ev.t_ms - sinceMs, state: ev.state, message: ev.message }));
}

export function tasksCreatedPerImage(e: Engine): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ev of e.events()) if (ev.type === 'task_created') counts[ev.image] = (counts[ev.image] ?? 0) + 1;
  return counts;
}

/** Images of the running, desired-running task per slot, e.g. {1: 'app:v2', ...}. */
export function runningImages(e: Engine, name: string): Record<string, number> {
  const state = e.state();
  const service = state.services.find((s) => s.Spec.Name === name)!;
  const counts: Record<string, number> = {};
  for (const task of state.tasks) {
    if (task.ServiceID !== service.ID || task.Status.State !== 'running' || task.DesiredState !== 'running') continue;
    const image = task.Spec.ContainerSpec.Image;
    counts[image] = (counts[image] ?? 0) + 1;
  }
  return counts;
}

export function updaterEvents(e: Engine, action: string): Extract<TraceEvent, { type: 'updater' }>[] {
  return e
    .events()
    .filter((ev): ev is Extract<TraceEvent, { type: 'updater' }> => ev.type === 'updater' && ev.action === action);
}
