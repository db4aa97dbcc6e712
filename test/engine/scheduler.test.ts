// The scheduler's "no suitable node (...)" explanation, as swarmkit's Pipeline.Explain words it.
import { describe, expect, it } from 'vitest';
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { runCommands } from '../../src/scenario/run.js';

/** The errors of the service's tasks still pending once the cluster has settled. */
function pendingErrors(commands: string[], nodes = defaultNodes(3)): string[] {
  const run = runCommands([...commands, 'wait: 5s'], { cluster: { ...defaultClusterConfig(), nodes } });
  return run.trace.tasks.filter((t) => t.Status.State === 'pending').map((t) => t.Status.Err ?? '');
}

describe('no suitable node: each node counts against the first filter it fails, most failures first', () => {
  it('constraints failing on two nodes and a drained third', () => {
    const nodes = defaultNodes(3).map((n, i) => ({
      ...n,
      availability: i === 2 ? ('drain' as const) : ('active' as const),
    }));
    expect(
      pendingErrors(['docker service create -d --name web --constraint node.labels.zone==east nginx:1.25'], nodes),
    ).toEqual([
      'no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)',
    ]);
  });

  it("a tie keeps the filters' order: readiness before constraints", () => {
    const nodes = defaultNodes(2).map((n, i) => ({
      ...n,
      availability: i === 1 ? ('drain' as const) : ('active' as const),
    }));
    expect(
      pendingErrors(['docker service create -d --name web --constraint node.labels.zone==east nginx:1.25'], nodes),
    ).toEqual([
      'no suitable node (1 node not available for new tasks; scheduling constraints not satisfied on 1 node)',
    ]);
  });

  it('a node full under --replicas-max-per-node', () => {
    expect(
      pendingErrors(['docker service create -d --name web --replicas 4 --replicas-max-per-node 1 nginx:1.25']),
    ).toEqual(['no suitable node (max replicas per node limit exceed)']);
  });

  it('every node drained', () => {
    const nodes = defaultNodes(3).map((n) => ({ ...n, availability: 'drain' as const }));
    expect(pendingErrors(['docker service create -d --name web nginx:1.25'], nodes)).toEqual([
      'no suitable node (3 nodes not available for new tasks)',
    ]);
  });
});
