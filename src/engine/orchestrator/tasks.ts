// Task records: creation from a service spec, dirty detection, placement constraints and restart policy lookups.

import { DEFAULT_RESTART_CONDITION, DEFAULT_RESTART_DELAY_MS, NS_PER_MS } from '../../defaults.js';
import { isLeftOutOfJson } from '../../json-clone.js';
import { TASK_MSG } from '../../messages.js';
import { endpointSpecView, hostModePorts } from '../../ports.js';
import type { EndpointSpec, RestartCondition, TaskOrigin, TaskSpec, TaskState } from '../../types.js';
import type { NodeRecord, ServiceRecord, TaskRecord } from '../records.js';
import type { Manager } from './context.js';

export function createTask(
  m: Manager,
  service: ServiceRecord,
  place: { slot: number; nodeId: string | null },
  desired: TaskState,
  origin: TaskOrigin,
): TaskRecord {
  const now = m.now();
  const task: TaskRecord = {
    id: m.random.id25(),
    serviceId: service.id,
    slot: place.slot,
    nodeId: place.nodeId,
    specVersion: service.specVersion,
    spec: service.spec.TaskTemplate,
    endpoint: service.spec.EndpointSpec,
    hostPorts: hostModePorts(service.spec.EndpointSpec),
    createdMs: now,
    updatedMs: now,
    version: m.store.nextVersion(),
    state: 'new',
    stateMs: now,
    message: TASK_MSG.new,
    err: '',
    exitCode: null,
    containerId: null,
    desired,
    origin,
    removed: false,
    agentState: null,
    traceNo: -1,
  };
  m.store.addTask(task);
  return task;
}

const canonical = new WeakMap<object, string>();

/** Key-order-stable JSON, cached per object (specs are shared by reference and never mutated). */
export function canonicalJson(value: object): string {
  let text = canonical.get(value);
  if (text === undefined) {
    text = JSON.stringify(sortKeys(value));
    canonical.set(value, text);
  }
  return text;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sameTaskSpec(a: TaskSpec, b: TaskSpec): boolean {
  return a === b || sameJson(a, b);
}

/**
 * The last pair `sameJson` compared, one per `skip`: a rollout asks about the same two specs for every task, with and
 * without their placement (`isTaskDirty`), so one memo for both would miss every time.
 */
const lastPairs = new Map<string | undefined, { a: object; b: object; same: boolean }>();

/**
 * canonicalJson(a) === canonicalJson(b), without building either text (`skip`: a top-level key left out of both): a
 * spec compared once per update, most often to a spec that differs early, cost more as text than as a walk.
 */
export function sameJson(a: object, b: object, skip?: string): boolean {
  const last = lastPairs.get(skip);
  if (last !== undefined && last.a === a && last.b === b) return last.same;
  const same = sameObject(a, b, skip);
  if (last === undefined) lastPairs.set(skip, { a, b, same });
  else {
    last.a = a;
    last.b = b;
    last.same = same;
  }
  return same;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number') return jsonNumber(a) === jsonNumber(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return absentInArray(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (!Array.isArray(a)) return sameObject(a, b, undefined);
  const other = b as unknown[];
  if (a.length !== other.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], other[i])) return false;
  return true;
}

/** JSON writes a non-finite number, and in an array an absent value, as null. */
function jsonNumber(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : isLeftOutOfJson(value) ? null : value;
}

function absentInArray(a: unknown, b: unknown): boolean {
  return (isLeftOutOfJson(a) || a === null) && (isLeftOutOfJson(b) || b === null);
}

function sameObject(a: object, b: object, skip: string | undefined): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key of Object.keys(left)) {
    if (key === skip || isLeftOutOfJson(left[key])) continue;
    keys++;
    if (!Object.hasOwn(right, key) || isLeftOutOfJson(right[key]) || !sameValue(left[key], right[key])) return false;
  }
  for (const key of Object.keys(right)) if (key !== skip && !isLeftOutOfJson(right[key])) keys--;
  return keys === 0;
}

/**
 * swarmkit IsTaskDirty: clean when the spec version matches, the spec is equal, or only placement changed and still
 * fits.
 */
export function isTaskDirty(service: ServiceRecord, task: TaskRecord, node: NodeRecord | undefined): boolean {
  if (task.specVersion === service.specVersion) return false;
  // swarmkit IsTaskDirty: a changed endpoint spec (published ports, mode) makes the task dirty too.
  if (!sameEndpoint(service.spec.EndpointSpec, task.endpoint)) return true;
  const wanted = service.spec.TaskTemplate;
  if (sameTaskSpec(wanted, task.spec)) return false;
  if (node && sameJson(wanted, task.spec, 'Placement')) {
    return !nodeMatches(node, wanted.Placement?.Constraints ?? []);
  }
  return true;
}

/** A slot an updater updates: one holding two tasks, or a task that is dirty on its node. */
export function isSlotDirty(
  service: ServiceRecord,
  slot: TaskRecord[],
  nodes: ReadonlyMap<string, NodeRecord>,
): boolean {
  const task = slot[0];
  return slot.length > 1 || isTaskDirty(service, task, task.nodeId ? nodes.get(task.nodeId) : undefined);
}

function sameEndpoint(a: EndpointSpec | undefined, b: EndpointSpec | undefined): boolean {
  return a === b || endpointText(a) === endpointText(b);
}

const endpointTexts = new WeakMap<EndpointSpec, string>();
const NO_ENDPOINT_TEXT = canonicalJson(endpointSpecView(undefined));

/** The endpoint spec as the API shows it, as canonical JSON: cached per spec (the view is a new object each call). */
function endpointText(spec: EndpointSpec | undefined): string {
  if (spec === undefined) return NO_ENDPOINT_TEXT;
  let text = endpointTexts.get(spec);
  if (text === undefined) {
    text = canonicalJson(endpointSpecView(spec));
    endpointTexts.set(spec, text);
  }
  return text;
}

/** Placement constraints: `node.role==manager`, `node.hostname!=a`, `node.id==x`, `node.labels.zone==eu`. */
export function nodeMatches(node: NodeRecord, constraints: string[]): boolean {
  for (const constraint of constraints) {
    const match = /^\s*([\w.-]+)\s*(==|!=)\s*(.+?)\s*$/.exec(constraint);
    if (!match) return false;
    const [, key, op, expected] = match;
    let actual: string | undefined;
    if (key === 'node.role') actual = node.role;
    else if (key === 'node.hostname') actual = node.hostname;
    else if (key === 'node.id') actual = node.id;
    else if (key === 'node.platform.os') actual = 'linux';
    else if (key === 'node.platform.arch') actual = 'x86_64';
    else if (key.startsWith('node.labels.')) actual = node.labels[key.slice('node.labels.'.length)];
    else if (key.startsWith('engine.labels.')) actual = undefined;
    const equal = actual !== undefined && actual.toLowerCase() === expected.toLowerCase();
    if ((op === '==') !== equal) return false;
  }
  return true;
}

export function restartCondition(spec: TaskSpec): RestartCondition {
  return (spec.RestartPolicy?.Condition as RestartCondition | undefined) ?? DEFAULT_RESTART_CONDITION;
}

export function restartDelayMs(spec: TaskSpec): number {
  const delay = spec.RestartPolicy?.Delay;
  return delay === undefined ? DEFAULT_RESTART_DELAY_MS : delay / NS_PER_MS;
}

export function isGlobal(service: ServiceRecord): boolean {
  return service.spec.Mode.Global !== undefined;
}

export function replicasOf(service: ServiceRecord): number {
  return service.spec.Mode.Replicated?.Replicas ?? 0;
}
