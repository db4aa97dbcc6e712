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
import { displayWidth, tabwrite } from './tabwriter.js';

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
const HEADER = {
  ID: 'ID',
  Name: 'NAME',
  Image: 'IMAGE',
  Node: 'NODE',
  DesiredState: 'DESIRED STATE',
  CurrentState: 'CURRENT STATE',
  Error: 'ERROR',
  Ports: 'PORTS',
} as const;
/** The default table's columns, in its template's order. */
const COLUMNS = ['ID', 'Name', 'Image', 'Node', 'DesiredState', 'CurrentState', 'Error', 'Ports'] as const;
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
  const serviceNames = new Map(state.services.map((s) => [s.ID, s.Spec.Name]));
  const rows = tasks.map((task) => {
    const serviceName = noResolve ? task.ServiceID : (serviceNames.get(task.ServiceID) ?? task.ServiceID);
    return {
      task,
      name: `${serviceName}.${task.Slot ? task.Slot : (task.NodeID ?? '')}`,
      createdMs: isoMs(task.CreatedAt),
    };
  });
  return rows.sort((a, b) => (a.name !== b.name ? naturalCompare(a.name, b.name) : b.createdMs - a.createdMs));
}

type TaskFields = Record<keyof typeof HEADER, string>;

/** One row's template data: the fields docker's task formatter exposes. */
export function taskContext(state: ClusterState, task: Task, name: string, node: string, trunc: boolean): GoStruct {
  const context = goStruct('*task.taskContext', taskFields(state, task, name, node, trunc));
  context[MARSHAL_AS_MAP] = true;
  return context;
}

function taskFields(state: ClusterState, task: Task, name: string, node: string, trunc: boolean): TaskFields {
  return {
    ID: trunc ? truncateId(task.ID) : task.ID,
    Name: name,
    Image: trunc ? familiarImage(task.Spec.ContainerSpec.Image) : task.Spec.ContainerSpec.Image,
    Node: node,
    DesiredState: prettyPrint(task.DesiredState),
    CurrentState: currentState(state, task),
    Error: errorCell(task.Status.Err ?? '', trunc),
    Ports: portsCell(task),
  };
}

function currentState(state: ClusterState, task: Task): string {
  return `${prettyPrint(task.Status.State)} ${humanDurationLower(ageMs(state, task.Status.Timestamp))} ago`;
}

function errorCell(err: string, trunc: boolean): string {
  const shown = trunc ? ellipsis(err, MAX_ERROR_LENGTH) : err;
  return shown ? `"${shown}"` : '';
}

/** docker/cli task formatter: every PortStatus port as `*:published->target/protocol`, comma-separated. */
function portsCell(task: Task): string {
  const ports = task.Status.PortStatus?.Ports;
  if (!ports?.length) return '';
  return ports.map((port) => `*:${port.PublishedPort ?? 0}->${port.TargetPort}/${port.Protocol}`).join(',');
}

interface PsRow {
  task: Task;
  /** The NAME cell (a task's older ones indented under it). */
  name: string;
  node: string;
}

/** The tasks `docker service ps SERVICE...` lists (filtered, named, sorted); throws CliError. */
function psRows(state: ClusterState, services: readonly Service[], options: ServicePsOptions): PsRow[] {
  const filters = parseFilters(options.filters);
  validateFilterKeys(filters, ACCEPTED_FILTERS);
  const quiet = options.quiet ?? false;
  const indent = taskFormat(options.format, quiet).startsWith('table') ? ' \\_ ' : '';
  const rows = sortedRows(state, filterTasks(state, services, filters, options.selfNodeId), options.noResolve ?? false);
  const hostnames = new Map(state.nodes.map((n) => [n.ID, n.Description.Hostname]));
  return rows.map((row, i) => {
    const nodeId = row.task.NodeID ?? '';
    return {
      task: row.task,
      name: i > 0 && rows[i - 1].name === row.name ? indent + row.name : row.name,
      node: options.noResolve ? nodeId : hostnames.get(nodeId) || nodeId,
    };
  });
}

/** Each row's fields, as the template reads them. */
function psFields(state: ClusterState, services: readonly Service[], options: ServicePsOptions): TaskFields[] {
  const trunc = !(options.noTrunc || options.quiet);
  return psRows(state, services, options).map((row) => taskFields(state, row.task, row.name, row.node, trunc));
}

/** The default table's cells, header row first (its template is these fields between tabs, nothing else). */
function tableCells(rows: readonly TaskFields[]): string[][] {
  const cells: string[][] = [COLUMNS.map((f) => HEADER[f])];
  for (const r of rows) cells.push([r.ID, r.Name, r.Image, r.Node, r.DesiredState, r.CurrentState, r.Error, r.Ports]);
  return cells;
}

/**
 * The cells of `docker service ps SERVICE...` (default table, header row first) before tabwriter aligns them (tabwrite
 * of every row gives exactly renderServicePs' text).
 */
export function servicePsTableCells(state: ClusterState, services: readonly Service[]): string[][] {
  return tableCells(psFields(state, services, {}));
}

/** The default table of `docker service ps` for a view that shows a few of its rows: every row measured, few built. */
export interface PsTable {
  header: readonly string[];
  /** Rows under the header. */
  rows: number;
  /** Each column's widest cell (the header's included), in display columns. */
  widths: readonly number[];
  /** Row `index`'s cells (0-based, under the header). */
  cells(index: number): string[];
}

/**
 * `servicePsTableCells` for a long table that a view windows: each column's width is measured over every row, but a
 * row's cells are only built when asked for. Columns of few distinct values (image, node, states, error, ports) are
 * measured once per value.
 */
export function servicePsTable(state: ClusterState, services: readonly Service[]): PsTable {
  const rows = psRows(state, services, {});
  const header = COLUMNS.map((f) => HEADER[f]);
  const widths = header.map(displayWidth);
  const once = new Map<string, number>();
  const width = (cell: string) => {
    let w = once.get(cell);
    if (w === undefined) once.set(cell, (w = displayWidth(cell)));
    return w;
  };
  const images = new Map<string, number>();
  const errors = new Map<string, number>();
  for (const { task, name, node } of rows) {
    const image = task.Spec.ContainerSpec.Image;
    let imageWidth = images.get(image);
    if (imageWidth === undefined) images.set(image, (imageWidth = width(familiarImage(image))));
    const err = task.Status.Err ?? '';
    let errWidth = errors.get(err);
    if (errWidth === undefined) errors.set(err, (errWidth = width(errorCell(err, true))));
    const widest = (column: number, cellWidth: number) => {
      if (cellWidth > widths[column]) widths[column] = cellWidth;
    };
    widest(0, displayWidth(truncateId(task.ID)));
    widest(1, displayWidth(name));
    widest(2, imageWidth);
    widest(3, width(node));
    widest(4, width(prettyPrint(task.DesiredState)));
    widest(5, displayWidth(currentState(state, task)));
    widest(6, errWidth);
    if (task.Status.PortStatus?.Ports?.length) widest(7, displayWidth(portsCell(task)));
  }
  return {
    header,
    rows: rows.length,
    widths,
    cells(index) {
      const { task, name, node } = rows[index];
      const f = taskFields(state, task, name, node, true);
      return [f.ID, f.Name, f.Image, f.Node, f.DesiredState, f.CurrentState, f.Error, f.Ports];
    },
  };
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
    const rows = psFields(state, services, options);
    const format = taskFormat(options.format, options.quiet ?? false);
    if (format === DEFAULT_TABLE) return { stdout: psTableText(tableCells(rows)), stderr: '', exitCode: 0 };
    const contexts = rows.map((row) => Object.assign(goStruct('*task.taskContext', row), { [MARSHAL_AS_MAP]: true }));
    return { stdout: formatWrite(format, contexts, HEADER), stderr: '', exitCode: 0 };
  } catch (error) {
    return errorResult(error);
  }
}
