// Node faults and node updates on a swarmlab lab cluster (its nodes are swarmlab's own); any other swarm is refused.
import { dirname } from 'node:path';
import { DaemonError } from '../../errors.js';
import { errNoSuchNode } from '../../messages.js';
import type { Node, NodeAvailability } from '../../types.js';
import { resolveEndpoint } from '../host.js';
import { RUN_LABEL } from '../images.js';
import { copyImages, LAB_LABEL, type LabCluster, type LabNode, readLabCluster } from './cluster.js';
import { docker, LabError, run, waitFor } from './exec.js';

/**
 * The lab cluster these swarm nodes are, or null: every node's engine carries the swarmlab.lab label naming one lab
 * directory, and that directory's cluster.json lists exactly these node IDs.
 */
export function findLabCluster(nodes: readonly Node[]): LabCluster | null {
  const dirs = new Set(
    nodes.map((node) => (node.Description.Engine as { Labels?: Record<string, string> }).Labels?.[LAB_LABEL]),
  );
  if (dirs.size !== 1) return null;
  const [dir] = dirs;
  if (!dir) return null;
  const cluster = readLabCluster(dir);
  if (!cluster) return null;
  const ids = new Set(cluster.nodes.map((n) => n.nodeId));
  return ids.size === nodes.length && nodes.every((node) => ids.has(node.ID)) ? cluster : null;
}

/**
 * The lab cluster whose manager socket `host` (or DOCKER_HOST) is, from its cluster.json alone (before connecting), or
 * null.
 */
export function labClusterAtHost(host: string | undefined, env: NodeJS.ProcessEnv = process.env): LabCluster | null {
  let endpoint: ReturnType<typeof resolveEndpoint>;
  try {
    endpoint = resolveEndpoint(host, env);
  } catch {
    return null; // the connection reports a bad host
  }
  if (endpoint.kind !== 'unix') return null;
  const cluster = readLabCluster(dirname(dirname(endpoint.socketPath)));
  return cluster?.nodes[0]?.socket === endpoint.socketPath ? cluster : null;
}

/**
 * A node by ID, hostname or unique ID prefix, as `docker node` resolves it among `nodes` (as the run shows them: a
 * scenario's own node names), named as shown; Docker's error when there is none.
 */
export function labNodeOf(cluster: LabCluster, nodes: readonly Node[], idOrName: string): LabNode {
  const node =
    nodes.find((n) => n.ID === idOrName) ??
    nodes.find((n) => n.Description.Hostname === idOrName) ??
    (nodes.filter((n) => n.ID.startsWith(idOrName)).length === 1
      ? nodes.find((n) => n.ID.startsWith(idOrName))
      : undefined);
  const lab = node && cluster.nodes.find((n) => n.nodeId === node.ID);
  if (!lab) throw new DaemonError(errNoSuchNode(idOrName));
  return { ...lab, name: node.Description.Hostname };
}

/** Pulls the node's cable (its veth down in the hub): the agent stops answering and Swarm sees a heartbeat failure. */
export function labNodeDown(cluster: LabCluster, node: LabNode): void {
  if (node.role === 'manager') {
    const labName = cluster.nodes.find((n) => n.nodeId === node.nodeId)?.name ?? node.name;
    const played = labName === node.name ? '' : ` (${labName})`;
    throw new DaemonError(
      `${node.name} is the lab cluster's manager${played}: swarmlab drives the swarm through it, so only a worker ` +
        'can be taken down',
    );
  }
  setLink(cluster, node, 'down');
}

/** Plugs the cable back: the agent reconnects and the node becomes Ready again. */
export function labNodeUp(cluster: LabCluster, node: LabNode): void {
  setLink(cluster, node, 'up');
}

function setLink(cluster: LabCluster, node: LabNode, state: 'up' | 'down'): void {
  try {
    run('ip', ['-n', cluster.hubNetns, 'link', 'set', node.veth, state]);
  } catch (err) {
    throw new DaemonError(`could not set ${node.name}'s link ${state}: ${(err as Error).message}`);
  }
}

/**
 * Plugs back every cable a run left pulled (an interrupted run, or one that ended with a node down); with `wait`, until
 * the manager sees every node Ready again. Returns the names of the nodes that were down.
 */
export function labRestoreLinks(cluster: LabCluster, opts: { wait: boolean }): string[] {
  // `ip -o link show`: one line per link, `5: swarmlab-v3@if2: <BROADCAST,MULTICAST> ...` (no UP flag: set down).
  const flags = new Map(
    run('ip', ['-n', cluster.hubNetns, '-o', 'link', 'show'])
      .split('\n')
      .map((line) => /^\d+: ([^@:]+)[^<]*<([^>]*)>/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2].split(',')]),
  );
  const down = cluster.nodes.filter((node) => !(flags.get(node.veth) ?? ['UP']).includes('UP'));
  for (const node of down) labNodeUp(cluster, node);
  if (down.length && opts.wait) {
    waitFor("the lab cluster's nodes were not all Ready again", 60_000, () =>
      docker(cluster.nodes[0].socket, ['node', 'ls', '--format', '{{.Status}}'])
        .trim()
        .split('\n')
        .every((s) => s === 'Ready')
        ? true
        : null,
    );
  }
  return down.map((node) => node.name);
}

/**
 * `docker node update --availability` on a lab node; the daemon's error (e.g. `invalid Availability: "x"`) as a
 * DaemonError.
 */
export function labUpdateNode(cluster: LabCluster, node: LabNode, change: { availability?: NodeAvailability }): Node {
  const manager = cluster.nodes[0].socket;
  try {
    if (change.availability !== undefined)
      docker(manager, ['node', 'update', '--availability', change.availability, node.nodeId]);
    return (JSON.parse(docker(manager, ['node', 'inspect', node.nodeId])) as Node[])[0];
  } catch (err) {
    if (err instanceof LabError) throw new DaemonError(err.message);
    throw err;
  }
}

/**
 * The run's images copied from the manager to every worker, so tasks start on any node: those built for the run, and
 * the undeclared ones the manager has (an image missing there stays missing, as `pull: fail` wants).
 */
export function distributeImages(cluster: LabCluster, runId: string, undeclaredImages: readonly string[]): void {
  const manager = cluster.nodes[0].socket;
  const built = docker(manager, ['image', 'ls', '-q', '--no-trunc', '--filter', `label=${RUN_LABEL}=${runId}`])
    .split('\n')
    .filter(Boolean);
  const present = undeclaredImages.filter((ref) => {
    try {
      docker(manager, ['image', 'inspect', '-f', '{{.Id}}', ref]);
      return true;
    } catch {
      return false;
    }
  });
  copyImages(
    manager,
    [...new Set([...built, ...present])],
    cluster.nodes.slice(1).map((n) => n.socket),
    cluster.dir,
  );
}

/** Removes a run's images from the workers (the manager's are removed by the run's own cleanup); best effort. */
export function removeWorkerImages(cluster: LabCluster, runId: string): void {
  for (const worker of cluster.nodes.slice(1)) {
    try {
      const ids = docker(worker.socket, ['image', 'ls', '-q', '--no-trunc', '--filter', `label=${RUN_LABEL}=${runId}`])
        .split('\n')
        .filter(Boolean);
      if (ids.length) docker(worker.socket, ['image', 'rm', '-f', ...ids]);
    } catch {
      // a container of the run still holds it: it goes with `swarmlab cluster down`
    }
  }
}
