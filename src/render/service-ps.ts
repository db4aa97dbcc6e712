// `docker service ps`: task filtering (daemon), naming, sorting and the task table (docker/cli task/print.go,
// formatter.go).

import type { CommandResult } from '../commands/result.js';
import { DAEMON_ERROR_PREFIX, errInvalidDesiredStateFilter, errNoSuchNode } from '../messages.js';
import { DESIRED_STATE_FILTER_STATES } from '../task-states.js';
import type { ClusterState, Node, Service, Task, TaskState } from '../types.js';
import {
  CliError,
  ellipsis,
  errorResult,
  familiarImage,
  formatWrite,
  naturalCompare,
  parseFilters,
  prettyPrint,
  truncateId,
  validateFilterKeys,
} from './formatter.js';
import { type GoStruct, goStruct, MARSHAL_AS_MAP } from './gojson.js';
import { ageMs, humanDurationLower, isoMs } from './humanize.js';
import { tabwrite } from './tabwriter.js';

export interface ServicePsOptions {
  /** Show full IDs, full images (with digest) and full errors. */
  noTrunc?: boolean;
  /** Show service and node IDs instead of names. */
  noResolve?: boolean;
  /** `-q`: only IDs (full ones, docker sets noTrunc with -q). */
  quiet?: boolean;
  /** `--format` (Go template, `table ...`, `raw`, `json`). */
  format?: string;
  /** `-f key=value` flags as typed: id, name, node, desired-state, label, service. */
  filters?: readonly string[];
  /** The node the CLI talks to, for `-f node=self` (default: the leader). */
  selfNodeId?: string;
}

const DEFAULT_TABLE =
  'table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}';
const RAW_FORMAT =
  'id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}\\ndesired_state: ' +
  '{{.DesiredState}}\\ncurrent_state: {{.CurrentState}}\\nerror: {{.Error}}\\nports: {{.Ports}}\\n';
const HEADER: Readonly<Record<string, string>> = {
  ID: 'ID',
  Name: 'NAME',
  Image: 'IMAGE',
  Node: 'NODE',
  DesiredState: 'DESIRED STATE',
  CurrentState: 'CURRENT STATE',
  Error: 'ERROR',
  Ports: 'PORTS',
};
const ACCEPTED_FILTERS = ['id', 'name', 'node', 'desired-state', 'label', 'service'];
const MAX_ERROR_LENGTH = 30;

/** The default table / raw / quiet format docker picks (task.NewTaskFormat). */
export function taskFormat(format: string | undefined, quiet: boolean): string {
  const source = format || 'table';
  if (source === 'table') return quiet ? '{{.ID}}' : DEFAULT_TABLE;
  if (source === 'raw') return quiet ? 'id: {{.ID}}' : RAW_FORMAT;
  return source;
}

/** The leader manager: the node swarmlab's CLI talks to. */
export function selfNode(state: ClusterState): Node | undefined {
  return state.nodes.find((n) => n.ManagerStatus?.Leader) ?? state.nodes.find((n) => n.Spec.Role === 'manager');
}

/** moby getNode: full ID, then hostname, then unique ID prefix. */
function resolveNodeId(state: ClusterState, ref: string, selfNodeId: string | undefined): string {
  if (ref === 'self') return selfNodeId ?? selfNode(state)?.ID ?? ref;
  const node =
    state.nodes.find((n) => n.ID === ref) ??
    state.nodes.find((n) => n.Description.Hostname === ref) ??
    state.nodes.filter((n) => n.ID.startsWith(ref)).find((_n, _i, all) => all.length === 1);
  if (!node) throw new CliError(DAEMON_ERROR_PREFIX + errNoSuchNode(ref));
  return node.ID;
}

function matchesLabels(labels: Readonly<Record<string, string>>, wanted: readonly string[]): boolean {
  return wanted.every((w) => {
    const eq = w.indexOf('=');
    return eq === -1 ? w in labels : labels[w.slice(0, eq)] === w.slice(eq + 1);
  });
}

/** The daemon's task list for `service ps`: the services' tasks, narrowed by the filters (OR within a key). */
function filterTasks(
  state: ClusterState,
  services: readonly Service[],
  filters: Map<string, string[]>,
  selfNodeId?: string,
): Task[] {
  const serviceIds = new Set([...services.map((s) => s.ID), ...(filters.get('service') ?? [])]);
  const desired = new Set<string>();
  for (const value of filters.get('desired-state') ?? []) {
    const state = value.toLowerCase() as TaskState;
    if (DESIRED_STATE_FILTER_STATES.includes(state)) desired.add(state);
    else if (value !== '') throw new CliError(DAEMON_ERROR_PREFIX + errInvalidDesiredStateFilter(value));
  }
  const nodeIds = (filters.get('node') ?? []).map((ref) => resolveNodeId(state, ref, selfNodeId));
  const ids = filters.get('id') ?? [];
  const names = filters.get('name') ?? [];
  const labels = filters.get('label') ?? [];
  const serviceName = (task: Task) => state.services.find((s) => s.ID === task.ServiceID)?.Spec.Name ?? '';
  return state.tasks.filter(
    (task) =>
      serviceIds.has(task.ServiceID) &&
      (ids.length === 0 || ids.some((prefix) => task.ID.startsWith(prefix))) &&
      (names.length === 0 ||
        names.some((prefix) =>
          `${serviceName(task)}.${task.Slot || task.NodeID || ''}.${task.ID}`.startsWith(prefix),
        )) &&
      (nodeIds.length === 0 || nodeIds.includes(task.NodeID ?? '')) &&
      (desired.size === 0 || desired.has(task.DesiredState)) &&
      (labels.length === 0 || matchesLabels(task.Labels ?? {}, labels)),
  );
}

interface TaskRow {
  task: Task;
  name: string;
  createdMs: number;
}

/** Task names (`<service>.<slot>`, global `<service>.<node ID>`), sorted naturally by name, newest first. */
function sortedRows(state: ClusterState, tasks: readonly Task[], noResolve: boolean): TaskRow[] {
  const rows = tasks.map((task) => {
    const service = state.services.find((s) => s.ID === task.ServiceID);
    const serviceName = noResolve || !service ? task.ServiceID : service.Spec.Name;
    return {
      task,
      name: `${serviceName}.${task.Slot ? task.Slot : (task.NodeID ?? '')}`,
      createdMs: isoMs(task.CreatedAt),
    };
  });
  return rows.sort((a, b) => (a.name !== b.name ? naturalCompare(a.name, b.name) : b.createdMs - a.createdMs));
}

/** One row's template data: the fields docker's task formatter exposes. */
export function taskContext(state: ClusterState, task: Task, name: string, node: string, trunc: boolean): GoStruct {
  const err = trunc ? ellipsis(task.Status.Err ?? '', MAX_ERROR_LENGTH) : (task.Status.Err ?? '');
  const context = goStruct('*task.taskContext', {
    ID: trunc ? truncateId(task.ID) : task.ID,
    Name: name,
    Image: trunc ? familiarImage(task.Spec.ContainerSpec.Image) : task.Spec.ContainerSpec.Image,
    Node: node,
    DesiredState: prettyPrint(task.DesiredState),
    CurrentState: `${prettyPrint(task.Status.State)} ${humanDurationLower(ageMs(state, task.Status.Timestamp))} ago`,
    Error: err ? `"${err}"` : '',
    // docker/cli task formatter: every PortStatus port as `*:published->target/protocol`, comma-separated.
    Ports: (task.Status.PortStatus?.Ports ?? [])
      .map((port) => `*:${port.PublishedPort ?? 0}->${port.TargetPort}/${port.Protocol}`)
      .join(','),
  });
  context[MARSHAL_AS_MAP] = true;
  return context;
}

/** The tasks `docker service ps SERVICE...` lists (filtered, named, sorted) as its template's data; throws CliError. */
function psContexts(state: ClusterState, services: readonly Service[], options: ServicePsOptions): GoStruct[] {
  const filters = parseFilters(options.filters);
  validateFilterKeys(filters, ACCEPTED_FILTERS);
  const quiet = options.quiet ?? false;
  const trunc = !(options.noTrunc || quiet);
  const indent = taskFormat(options.format, quiet).startsWith('table') ? ' \\_ ' : '';
  const rows = sortedRows(state, filterTasks(state, services, filters, options.selfNodeId), options.noResolve ?? false);
  return rows.map((row, i) => {
    const name = i > 0 && rows[i - 1].name === row.name ? indent + row.name : row.name;
    const nodeId = row.task.NodeID ?? '';
    const node = options.noResolve ? nodeId : state.nodes.find((n) => n.ID === nodeId)?.Description.Hostname || nodeId;
    return taskContext(state, row.task, name, node, trunc);
  });
}

/** The default table's cells, header row first (its template is these fields between tabs, nothing else). */
function tableCells(contexts: readonly GoStruct[]): string[][] {
  const fields = Object.keys(HEADER);
  return [fields.map((f) => HEADER[f]), ...contexts.map((c) => fields.map((f) => String(c[f])))];
}

/**
 * The cells of `docker service ps SERVICE...` (default table, header row first) before tabwriter aligns them: for a
 * view that shows part of a long table (tabwrite of every row gives exactly renderServicePs' text).
 */
export function servicePsTableCells(state: ClusterState, services: readonly Service[]): string[][] {
  return tableCells(psContexts(state, services, {}));
}

/** The default table's text from its cells: what its template gives, without running the template per row. */
export function psTableText(cells: readonly (readonly string[])[]): string {
  return tabwrite(cells.map((row) => `${row.join('\t')}\n`).join(''));
}

/** `docker service ps SERVICE...` for already resolved services. */
export function renderServicePs(
  state: ClusterState,
  services: readonly Service[],
  options: ServicePsOptions = {},
): CommandResult {
  try {
    const contexts = psContexts(state, services, options);
    const format = taskFormat(options.format, options.quiet ?? false);
    if (format === DEFAULT_TABLE) return { stdout: psTableText(tableCells(contexts)), stderr: '', exitCode: 0 };
    return { stdout: formatWrite(format, contexts, HEADER), stderr: '', exitCode: 0 };
  } catch (error) {
    return errorResult(error);
  }
}
