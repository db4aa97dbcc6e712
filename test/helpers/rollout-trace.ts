// A big service's trace for the page's tests and UI bench: N replicas of nginx created, converged, updated, settled.
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { runCommands } from '../../src/scenario/run.js';
import type { Trace } from '../../src/types.js';

/** `replicas` tasks of service `big` on `nodes` nodes, updated `parallelism` at a time to nginx:latest. */
export function rolloutTrace(replicas: number, parallelism: number, nodes: number): Trace {
  return runCommands(
    [
      `docker service create -d --name big --replicas ${replicas} nginx:1.25`,
      'wait: converged',
      `docker service update -d --update-parallelism ${parallelism} --image nginx:latest big`,
      'wait: settled',
    ],
    { cluster: { ...defaultClusterConfig(), nodes: defaultNodes(nodes) } },
  ).trace;
}
