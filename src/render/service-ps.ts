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
/** How an older task of a slot is named under the newest in a table: ` \\_ web.1`. */
const INDENT = ' \\_ ';

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

interface KeptRow extends TaskRow {
  serviceName: string;
  /** Display widths of its truncated ID and its name (not indented). */
  idWidth: number;
  nameWidth: number;
}

function newRow(task: Task, serviceName: string): KeptRow {
  const name = `${serviceName}.${task.Slot ? task.Slot : (task.NodeID ?? '')}`;
  const idWidth = displayWidth(truncateId(task.ID));
  return { task, serviceName, name, createdMs: isoMs(task.CreatedAt), idWidth, nameWidth: displayWidth(name) };
}

/**
 * Rows kept per Task object for the views' tables (the replay hands the same object while a task is unchanged): a
 * scrub sorts and measures the same thousands of tasks on every seek. A command's tasks are new objects each time, so
 * `docker service ps` builds its rows afresh. Cleared when this many are held.
 */
const KEPT_ROWS_LIMIT = 200_000;
const keptRows = new Map<Task, KeptRow>();

function keptRow(task: Task, serviceName: string): KeptRow {
  let row = keptRows.get(task);
  if (row?.serviceName !== serviceName) {
    if (keptRows.size >= KEPT_ROWS_LIMIT) keptRows.clear();
    keptRows.set(task, (row = newRow(task, serviceName)));
  }
  return row;
}

/** Task names (`<service>.<slot>`, global `<service>.<node ID>`), sorted naturally by name, newest first. */
function sortedRows(
  state: ClusterState,
  tasks: readonly Task[],
  noResolve: boolean,
  rowOf: (task: Task, serviceName: string) => KeptRow = newRow,
): KeptRow[] {
  const serviceNames = new Map(state.services.map((s) => [s.ID, s.Spec.Name]));
  const rows = tasks.map((task) =>
    rowOf(task, noResolve ? task.ServiceID : (serviceNames.get(task.ServiceID) ?? task.ServiceID)),
  );
  return rows.sort((a, b) => (a.name !== b.name ? naturalCompare(a.name, b.name) : b.createdMs - a.createdMs));
}

/** Whether sorted row `i` is an older task of the same slot as the row above it (a table indents its name). */
function olderOfSlot(rows: readonly TaskRow[], i: number): boolean {
  return i > 0 && rows[i - 1].name === rows[i].name;
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
  const indent = taskFormat(options.format, quiet).startsWith('table') ? INDENT : '';
  const rows = sortedRows(state, filterTasks(state, services, filters, options.selfNodeId), options.noResolve ?? false);
  const hostnames = new Map(state.nodes.map((n) => [n.ID, n.Description.Hostname]));
  return rows.map((row, i) => {
    const nodeId = row.task.NodeID ?? '';
    return {
      task: row.task,
      name: olderOfSlot(rows, i) ? indent + row.name : row.name,
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
  return [COLUMNS.map((f) => HEADER[f]), ...rows.map(rowCells)];
}

/** A row's cells in the default table's column order. */
function rowCells(r: TaskFields): string[] {
  return [r.ID, r.Name, r.Image, r.Node, r.DesiredState, r.CurrentState, r.Error, r.Ports];
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
  const rows = sortedRows(state, filterTasks(state, services, new Map()), false, keptRow);
  const hostnames = new Map(state.nodes.map((n) => [n.ID, n.Description.Hostname]));
  const nodeOf = (task: Task) => hostnames.get(task.NodeID ?? '') || (task.NodeID ?? '');
  const header = COLUMNS.map((f) => HEADER[f]);
  const widths = header.map(displayWidth);
  const widest = (column: number, cellWidth: number) => {
    if (cellWidth > widths[column]) widths[column] = cellWidth;
  };
  const image = measuredBy((ref: string) => familiarImage(ref));
  const node = measuredBy((nodeId: string) => hostnames.get(nodeId) || nodeId);
  const word = measuredBy(prettyPrint);
  const error = measuredBy((err: string) => errorCell(err, true));
  rows.forEach((row, i) => {
    const { task } = row;
    widest(0, row.idWidth);
    widest(1, row.nameWidth + (olderOfSlot(rows, i) ? INDENT.length : 0));
    widest(2, image(task.Spec.ContainerSpec.Image));
    widest(3, node(task.NodeID ?? ''));
    widest(4, word(task.DesiredState));
    // `${State} ${age} ago`, measured without building it
    const age = humanDurationLower(ageMs(state, task.Status.Timestamp));
    widest(5, word(task.Status.State) + 1 + displayWidth(age) + 4);
    widest(6, error(task.Status.Err ?? ''));
    if (task.Status.PortStatus?.Ports?.length) widest(7, displayWidth(portsCell(task)));
  });
  return {
    header,
    rows: rows.length,
    widths,
    cells(index) {
      const { task, name } = rows[index];
      const shown = olderOfSlot(rows, index) ? INDENT + name : name;
      return rowCells(taskFields(state, task, shown, nodeOf(task), true));
    },
  };
}

/** The display width of `cell(key)`, worked out once per key (a column of few distinct values). */
function measuredBy<K>(cell: (key: K) => string): (key: K) => number {
  const widths = new Map<K, number>();
  return (key) => {
    let width = widths.get(key);
    if (width === undefined) widths.set(key, (width = displayWidth(cell(key))));
    return width;
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
