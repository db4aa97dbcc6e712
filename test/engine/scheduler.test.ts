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

describe('host-mode published ports (swarmkit HostPortFilter)', () => {
  it('spread one task per node; the replica with no free node waits, the plural as swarmkit words it', () => {
    expect(
      pendingErrors(['docker service create -d --name web --replicas 4 -p mode=host,target=80,published=8080 nginx']),
    ).toEqual(['no suitable node (host-mode port already in use on 3 nodes)']);
  });

  it('a port held by another service counts; another protocol or another port does not', () => {
    const commands = [
      'docker service create -d --name a --replicas 2 -p mode=host,target=80,published=8080 nginx',
      'wait: 5s',
      'docker service create -d --name b --replicas 2 -p mode=host,target=80,published=8080,protocol=udp nginx',
      'docker service create -d --name c --replicas 2 -p mode=host,target=80,published=8081 nginx',
      'docker service create -d --name d --replicas 2 -p mode=host,target=81,published=8080 nginx',
    ];
    expect(pendingErrors(commands, defaultNodes(2))).toEqual([
      'no suitable node (host-mode port already in use on 2 nodes)',
      'no suitable node (host-mode port already in use on 2 nodes)',
    ]);
  });

  it('the daemon refuses the same published port twice in one spec, and an ingress port with dnsrr', () => {
    const run = runCommands([
      'docker service create -d --name a -p 8080:80 -p 8080:81 nginx',
      'docker service create -d --name b --endpoint-mode dnsrr -p 8080:80 nginx',
      'docker service create -d --name c --endpoint-mode dnsrr -p mode=host,target=80,published=8080 nginx',
      'docker service create -d --name d -p 8080:80 nginx',
    ]);
    const stderr = run.trace.events.flatMap((e) => (e.type === 'output' && e.stream === 'stderr' ? [e.text] : []));
    expect(stderr).toEqual([
      'Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: duplicate published ports ' +
        'provided\n',
      'Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: port published with ' +
        "ingress mode can't be used with dnsrr mode\n",
      `Error response from daemon: rpc error: code = InvalidArgument desc = port '8080' is already in use by service ` +
        `'c' (${run.trace.services.find((s) => s.Spec.Name === 'c')?.ID}) as a host-published port\n`,
    ]);
  });
});
