// Property-test throughput: 1,000 fast-check runs of the update invariants over random policies and clusters.
import fc from 'fast-check';
import { defaultClusterConfig } from '../src/defaults.js';
import { ratioExceeded } from '../src/engine/orchestrator/updater-machine.js';
import { createSimulator } from '../src/engine/simulator.js';
import { stateRank } from '../src/engine/task-state.js';
import type { ServiceSpec, TraceEvent } from '../src/types.js';
import { scenario } from '../test/properties/arbitraries.js';

export function measurePropertyThroughput(numRuns: number): { numRuns: number; wallMs: number } {
  const started = performance.now();
  fc.assert(
    fc.property(scenario, (s) => {
      const cluster = defaultClusterConfig();
      cluster.nodes = Array.from({ length: s.nodes }, (_, i) => ({
        name: `node-${i + 1}`,
        role: i ? ('worker' as const) : ('manager' as const),
        availability: 'active' as const,
      }));
      cluster.images = { 'app:old': { ignoresSigterm: s.oldIgnoresSigterm }, 'app:new': s.image.behaviour };
      const engine = createSimulator({ seed: s.seed, cluster });
      const spec: ServiceSpec = {
        Name: 'web',
        Labels: {},
        Mode: { Replicated: { Replicas: s.replicas } },
        TaskTemplate: { ContainerSpec: { Image: 'app:old' }, ForceUpdate: 0 },
        UpdateConfig: s.policy,
      };
      engine.createService(spec);
      engine.runUntil(() => engine.isConverged('web'), 60_000);
      engine.updateService('web', {
        ...spec,
        TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { Image: 'app:new' } },
      });
      engine.runUntil(() => engine.isSettled(3_000), 3_600_000);
      const last = new Map<string, number>();
      let counted = 0;
      let start: Extract<TraceEvent, { type: 'updater' }> | undefined;
      for (const event of engine.events()) {
        if (event.type === 'task_state') {
          if (stateRank(event.state) < (last.get(event.taskId) ?? 0)) return false;
          last.set(event.taskId, stateRank(event.state));
        } else if (event.type === 'updater' && event.action === 'start') {
          start = event;
          counted = 0;
        } else if (event.type === 'updater' && event.action === 'failure_counted') {
          counted++;
        } else if (event.type === 'updater' && event.action === 'stop') {
          if (!ratioExceeded(counted, start!.dirtySlots!, start!.config!.maxFailureRatio)) return false;
        }
      }
      return true;
    }),
    { numRuns, seed: 42 },
  );
  return { numRuns, wallMs: performance.now() - started };
}
