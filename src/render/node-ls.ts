// `docker node ls` and `docker node inspect [--pretty]` (docker/cli node/formatter.go).

import type { CommandResult } from '../commands/result.js';
import {
  DAEMON_ERROR_PREFIX,
  ERR_NODE_INSPECT_PRETTY_EXTRA,
  errNodeAmbiguous,
  errNoSuchObjectClient,
} from '../messages.js';
import type { ClusterState, Node } from '../types.js';
import {
  errorResult,
  formatWrite,
  inspectWrite,
  naturalCompare,
  parseFilters,
  prettyPrint,
  validateFilterKeys,
} from './formatter.js';
import { GoNil, type GoStruct, GoTime, goStruct, MARSHAL_AS_MAP } from './gojson.js';
import { selfNode } from './service-ps.js';

export interface NodeLsOptions {
  quiet?: boolean;
  format?: string;
  /** `-f key=value`: id, name (prefixes), role, label (node labels), membership. */
  filters?: readonly string[];
  /** The node the CLI talks to (marked ` *`); default: the leader. */
  selfNodeId?: string;
}

const DEFAULT_TABLE =
  'table {{.ID}} {{if .Self}}*{{else}} {{ end ' +
  '}}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}';
const RAW_FORMAT =
  'node_id: {{.ID}}\\nhostname: {{.Hostname}}\\nstatus: {{.Status}}\\navailability: ' +
  '{{.Availability}}\\nmanager_status: {{.ManagerStatus}}\\n';
const HEADER: Readonly<Record<string, string>> = {
  ID: 'ID',
  Self: '',
  Hostname: 'HOSTNAME',
  Status: 'STATUS',
  Availability: 'AVAILABILITY',
  ManagerStatus: 'MANAGER STATUS',
  EngineVersion: 'ENGINE VERSION',
  TLSStatus: 'TLS STATUS',
};
const ACCEPTED_FILTERS = ['id', 'name', 'role', 'label', 'node.label', 'membership'];

function nodeContext(node: Node, selfId: string | undefined): GoStruct {
  const manager = node.ManagerStatus ? (node.ManagerStatus.Leader ? 'Leader' : node.ManagerStatus.Reachability) : '';
  const context = goStruct('*node.nodeContext', {
    ID: node.ID,
    Self: node.ID === selfId,
    Hostname: node.Description.Hostname,
    Status: prettyPrint(node.Status.State),
    Availability: prettyPrint(node.Spec.Availability),
    ManagerStatus: prettyPrint(manager),
    TLSStatus: 'Unknown',
    EngineVersion: node.Description.Engine.EngineVersion,
  });
  context[MARSHAL_AS_MAP] = true;
  return context;
}

function matchesFilters(node: Node, filters: Map<string, string[]>): boolean {
  const any = (key: string, test: (value: string) => boolean) => {
    const values = filters.get(key) ?? [];
    return values.length === 0 || values.some(test);
  };
  const labels = node.Spec.Labels ?? {};
  const hasLabel = (v: string) => {
    const eq = v.indexOf('=');
    return eq === -1 ? v in labels : labels[v.slice(0, eq)] === v.slice(eq + 1);
  };
  return (
    any('id', (v) => node.ID.startsWith(v)) &&
    any('name', (v) => node.Description.Hostname.startsWith(v)) &&
    any('role', (v) => node.Spec.Role === v) &&
    any('membership', (v) => v === 'accepted') &&
    [...(filters.get('label') ?? []), ...(filters.get('node.label') ?? [])].every(hasLabel)
  );
}

/** `docker node ls`: nodes sorted naturally by hostname, the CLI's own node marked with `*`. */
export function renderNodeLs(state: ClusterState, options: NodeLsOptions = {}): CommandResult {
  try {
    const filters = parseFilters(options.filters);
    validateFilterKeys(filters, ACCEPTED_FILTERS);
    const source = options.format || 'table';
    const format =
      source === 'table'
        ? options.quiet
          ? '{{.ID}}'
          : DEFAULT_TABLE
        : source === 'raw'
          ? options.quiet
            ? 'node_id: {{.ID}}'
            : RAW_FORMAT
          : source;
    const selfId = options.selfNodeId ?? selfNode(state)?.ID;
    const nodes = state.nodes
      .filter((n) => matchesFilters(n, filters))
      .sort((a, b) => naturalCompare(a.Description.Hostname, b.Description.Hostname));
    return {
      stdout: formatWrite(
        format,
        nodes.map((n) => nodeContext(n, selfId)),
        HEADER,
      ),
      stderr: '',
      exitCode: 0,
    };
  } catch (error) {
    return errorResult(error);
  }
}

/** The swarm.Node value `docker node inspect` marshals and templates run against. */
export function nodeView(node: Node): GoStruct {
  const manager = node.ManagerStatus;
  return goStruct(
    'swarm.Node',
    {
      ID: node.ID,
      Version: goStruct('swarm.Version', { Index: node.Version.Index }),
      CreatedAt: new GoTime(node.CreatedAt),
      UpdatedAt: new GoTime(node.UpdatedAt),
      Spec: goStruct(
        'swarm.NodeSpec',
        { Labels: node.Spec.Labels ?? null, Role: node.Spec.Role, Availability: node.Spec.Availability },
        ['Role', 'Availability'],
      ),
      Description: goStruct(
        'swarm.NodeDescription',
        {
          Hostname: node.Description.Hostname,
          Platform: goStruct(
            'swarm.Platform',
            { Architecture: node.Description.Platform.Architecture, OS: node.Description.Platform.OS },
            ['Architecture', 'OS'],
          ),
          Resources: goStruct('swarm.Resources', {}),
          Engine: goStruct('swarm.EngineDescription', { EngineVersion: node.Description.Engine.EngineVersion }, [
            'EngineVersion',
          ]),
          TLSInfo: goStruct('swarm.TLSInfo', {}),
        },
        ['Hostname'],
      ),
      Status: goStruct(
        'swarm.NodeStatus',
        { State: node.Status.State, Message: node.Status.Message ?? '', Addr: node.Status.Addr },
        ['State', 'Message', 'Addr'],
      ),
      ManagerStatus: manager
        ? goStruct(
            '*swarm.ManagerStatus',
            { Leader: manager.Leader, Reachability: manager.Reachability, Addr: manager.Addr },
            ['Leader', 'Reachability', 'Addr'],
          )
        : new GoNil('*swarm.ManagerStatus'),
    },
    ['ManagerStatus'],
  );
}

/** The `--pretty` text of one node (docker/cli nodeInspectPrettyTemplate), without the newline docker appends. */
export function nodePretty(node: Node): string {
  const lines = [`ID:\t\t\t${node.ID}`];
  const labels = Object.keys(node.Spec.Labels ?? {}).sort();
  if (labels.length > 0)
    lines.push('Labels:', ...labels.map((k) => ` - ${k}${node.Spec.Labels[k] ? `=${node.Spec.Labels[k]}` : ''}`));
  // formatter.PrettyPrint lower-cases all but the first character of the time ("+0000 utc")
  lines.push(
    `Hostname:              \t${node.Description.Hostname}`,
    `Joined at:             \t${prettyPrint(new GoTime(node.CreatedAt).goString())}`,
  );
  lines.push('Status:', ` State:\t\t\t${prettyPrint(node.Status.State)}`);
  if (node.Status.Message) lines.push(` Message:              \t${prettyPrint(node.Status.Message)}`);
  lines.push(` Availability:         \t${prettyPrint(node.Spec.Availability)}`);
  if (node.Status.Addr) lines.push(` Address:\t\t${node.Status.Addr}`);
  if (node.ManagerStatus) {
    lines.push(
      'Manager Status:',
      ` Address:\t\t${node.ManagerStatus.Addr}`,
      ` Raft Status:\t\t${prettyPrint(node.ManagerStatus.Reachability)}`,
      ` Leader:\t\t${node.ManagerStatus.Leader ? 'Yes' : 'No'}`,
    );
  }
  lines.push(
    'Platform:',
    ` Operating System:\t${node.Description.Platform.OS}`,
    ` Architecture:\t\t${node.Description.Platform.Architecture}`,
  );
  // swarmlab does not model node resources: docker prints 0 CPUs and an empty memory for zero values
  lines.push(
    'Resources:',
    ' CPUs:\t\t\t0',
    ' Memory:\t\t',
    `Engine Version:\t\t${node.Description.Engine.EngineVersion}`,
  );
  return lines.join('\n');
}

/** moby's node lookup (`self`, full ID, hostname, unique ID prefix) with the CLI's error texts. */
function lookupNode(state: ClusterState, ref: string, selfId: string | undefined): Node | string {
  const id = ref === 'self' ? (selfId ?? ref) : ref;
  const byId = state.nodes.find((n) => n.ID === id);
  if (byId) return byId;
  const byName = state.nodes.filter((n) => n.Description.Hostname === id);
  const matches = byName.length > 0 ? byName : state.nodes.filter((n) => n.ID.startsWith(id));
  if (matches.length === 1) return matches[0];
  return matches.length === 0
    ? errNoSuchObjectClient('node', ref)
    : DAEMON_ERROR_PREFIX + errNodeAmbiguous(ref, matches.length);
}

/** `docker node inspect [--pretty | --format F] self|NODE...`. */
export function renderNodeInspect(
  state: ClusterState,
  refs: readonly string[],
  options: { pretty?: boolean; format?: string; selfNodeId?: string } = {},
): CommandResult {
  const format = options.pretty ? 'pretty' : options.format || '';
  if (format.startsWith('pretty') && format !== 'pretty')
    return { stdout: '', stderr: `${ERR_NODE_INSPECT_PRETTY_EXTRA}\n`, exitCode: 1 };
  const selfId = options.selfNodeId ?? selfNode(state)?.ID;
  const errors: string[] = [];
  const nodes: Node[] = [];
  for (const ref of refs) {
    const found = lookupNode(state, ref, selfId);
    if (typeof found === 'string') errors.push(found);
    else nodes.push(found);
  }
  if (format === 'pretty') {
    // the pretty writer stops at the first lookup error, before anything is flushed
    if (errors.length > 0) return { stdout: '', stderr: `${errors[0]}\n`, exitCode: 1 };
    return { stdout: nodes.map((n) => `${nodePretty(n)}\n`).join(''), stderr: '', exitCode: 0 };
  }
  return inspectWrite(nodes.map(nodeView), errors, format);
}
