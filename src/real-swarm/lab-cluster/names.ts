// A scenario's own nodes on a lab cluster: which lab node plays which scenario node, its names in constraints and
// views.
import type { NodeAvailability, NodeConfig } from '../../types.js';
import type { LabCluster, LabNode } from './cluster.js';
import { docker } from './exec.js';

/** One scenario node and the lab node that plays it. */
export interface NodePairing {
  scenario: NodeConfig;
  lab: LabNode;
}

/** What a lab node was before a run set it to its scenario node (restored after the run). */
export interface LabNodeSpec {
  nodeId: string;
  labels: Record<string, string>;
  availability: NodeAvailability;
}

/**
 * The scenario's manager plays node-1 (the lab's one manager), its other nodes node-2, node-3... in file order.
 * Throws when the lab cannot play the scenario (more nodes, or more than one manager), saying what to do.
 */
export function pairNodes(nodes: readonly NodeConfig[], cluster: LabCluster): NodePairing[] {
  const managers = nodes.filter((n) => n.role === 'manager');
  if (managers.length > 1) {
    throw new Error(
      `the scenario has ${managers.length} managers (${managers.map((n) => n.name).join(', ')}); a lab cluster has ` +
        'one (node-1):' +
        ' make the others workers to run it with --backend swarm',
    );
  }
  if (nodes.length > cluster.nodes.length) {
    throw new Error(
      `the scenario has ${nodes.length} nodes; the lab cluster "${cluster.id}" has ${cluster.nodes.length}:` +
        ` swarmlab cluster down --id ${cluster.id}, then swarmlab cluster up --id ${cluster.id} ` +
        `--nodes ${nodes.length}`,
    );
  }
  const ordered = [...managers, ...nodes.filter((n) => n.role !== 'manager')];
  return ordered.map((scenario, i) => ({ scenario, lab: cluster.nodes[i] }));
}

/** Lab hostname → scenario node name, for the nodes whose names differ (empty when the scenario uses node-1...). */
export function hostnameMap(pairs: readonly NodePairing[]): Record<string, string> {
  return Object.fromEntries(
    pairs.filter((p) => p.scenario.name !== p.lab.name).map((p) => [p.lab.name, p.scenario.name]),
  );
}

/**
 * `node.hostname==NAME` / `!=` constraints with NAME renamed by `names` (case-insensitive, as Swarm compares them);
 * every other constraint, and a name not in `names`, as written.
 */
export function renameHostConstraints(
  constraints: readonly string[],
  names: Readonly<Record<string, string>>,
): string[] {
  const lower = new Map(Object.entries(names).map(([from, to]) => [from.toLowerCase(), to]));
  if (lower.size === 0) return [...constraints];
  return constraints.map((constraint) => {
    const match = /^(\s*node\.hostname\s*(?:==|!=)\s*)(.+?)(\s*)$/i.exec(constraint);
    const renamed = match ? lower.get(match[2].toLowerCase()) : undefined;
    return match && renamed !== undefined ? `${match[1]}${renamed}${match[3]}` : constraint;
  });
}

/** Sent instead of a lab hostname the scenario does not use while its node plays another name: no node has it. */
const UNPLAYED = '.not-in-scenario';

/**
 * For constraints sent to the daemon: scenario name → lab hostname; a lab hostname the scenario does not use (web-*
 * played by node-*) → a name no node has, as in the simulator, where no node is called node-2.
 */
export function sentNames(shown: Readonly<Record<string, string>>): Record<string, string> {
  const sent: Record<string, string> = Object.fromEntries(Object.entries(shown).map(([lab, name]) => [name, lab]));
  for (const lab of Object.keys(shown)) if (!(lab in sent)) sent[lab] = `${lab}${UNPLAYED}`;
  return sent;
}

/** For constraints read from the daemon: the reverse of `sentNames`. */
export function shownNames(shown: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(sentNames(shown)).map(([name, lab]) => [lab, name]));
}

/**
 * Reads each paired lab node's labels and availability, then sets them to its scenario node's; returns what was there.
 */
export function applyScenarioNodes(cluster: LabCluster, pairs: readonly NodePairing[]): LabNodeSpec[] {
  const before = pairs.map(({ lab }) => readNodeSpec(cluster, lab.nodeId));
  for (const [i, { scenario, lab }] of pairs.entries()) {
    setNodeSpec(cluster, before[i], {
      nodeId: lab.nodeId,
      labels: scenario.labels ?? {},
      availability: scenario.availability,
    });
  }
  return before;
}

/** Puts lab nodes back as they were before the run (labels and availability). */
export function restoreLabNodes(cluster: LabCluster, specs: readonly LabNodeSpec[]): void {
  for (const spec of specs) setNodeSpec(cluster, readNodeSpec(cluster, spec.nodeId), spec);
}

function readNodeSpec(cluster: LabCluster, nodeId: string): LabNodeSpec {
  const spec = JSON.parse(docker(cluster.nodes[0].socket, ['node', 'inspect', '-f', '{{json .Spec}}', nodeId])) as {
    Labels?: Record<string, string> | null;
    Availability: NodeAvailability;
  };
  return { nodeId, labels: spec.Labels ?? {}, availability: spec.Availability };
}

/** One `docker node update` from `current` to `wanted` (labels removed, added or changed; availability). */
function setNodeSpec(cluster: LabCluster, current: LabNodeSpec, wanted: LabNodeSpec): void {
  const args = ['--availability', wanted.availability];
  for (const key of Object.keys(current.labels)) if (!(key in wanted.labels)) args.push('--label-rm', key);
  for (const [key, value] of Object.entries(wanted.labels))
    if (current.labels[key] !== value) args.push('--label-add', `${key}=${value}`);
  if (args.length === 2 && current.availability === wanted.availability) return;
  docker(cluster.nodes[0].socket, ['node', 'update', ...args, wanted.nodeId]);
}
