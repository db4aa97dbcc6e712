// The bench's rollout: REPLICAS tasks of app:v1 on NODES nodes, converged, then updated to app:v2 (5 % failing).

import type { Engine } from '../src/backend.js';
import { defaultClusterConfig } from '../src/defaults.js';
import { createSimulator } from '../src/engine/simulator.js';
import type { ServiceSpec } from '../src/types.js';

export interface BenchRollout {
  engine: Engine;
  spec: ServiceSpec;
  /** Starts the update to app:v2 (parallelism 50, failure action continue). */
  update(): void;
}

/** A simulator with the service created and converged; `update()` starts the measured rollout. */
export function convergedService(replicas: number, nodes: number, seed: number): BenchRollout {
  const cluster = defaultClusterConfig();
  cluster.nodes = Array.from({ length: nodes }, (_, i) => ({
    name: `node-${i + 1}`,
    role: i === 0 ? ('manager' as const) : ('worker' as const),
    availability: 'active' as const,
  }));
  // 5 % of the new tasks fail two seconds after they start (a seeded draw per container).
  cluster.images = { 'app:v1': {}, 'app:v2': { exitCode: 1, exitAfterMs: 2_000, failFraction: 0.05 } };
  const engine = createSimulator({ seed, cluster });
  const spec: ServiceSpec = {
    Name: 'bench',
    Labels: {},
    Mode: { Replicated: { Replicas: replicas } },
    TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0, RestartPolicy: { Condition: 'none' } },
    UpdateConfig: { Parallelism: 50, FailureAction: 'continue', MaxFailureRatio: 0, Monitor: 5e9 },
  };
  engine.createService(spec);
  engine.runUntil(() => engine.isConverged('bench'), 36_000_000);
  const update = () =>
    engine.updateService('bench', {
      ...spec,
      TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { Image: 'app:v2' } },
    });
  return { engine, spec, update };
}
