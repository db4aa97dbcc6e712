// Structural validation of a Trace read from a file: every field the views and stateAt read, with a message naming the
// path.

import { SANDBOX_FAULT_VERBS } from '../faults/registry.js';
import { TASK_STATES } from '../task-states.js';
import type { Trace } from '../types.js';
import { CompactTraceError, expandTraces } from './compact.js';
import {
  at,
  bool,
  type Check,
  describe,
  fail,
  int,
  isObject,
  list,
  MAX_TIME_MS,
  map,
  nullable,
  num,
  obj,
  oneOf,
  ShapeError,
  str,
  time,
} from './shape-checks.js';

export { MAX_TIME_MS } from './shape-checks.js';

/** The epoch's own range: Date's (±8.64e15 ms), less the times' margin (MAX_TIME_MS). */
const DATE_LIMIT_MS = 8.64e15;

const UPDATE_STATES = [
  'updating',
  'paused',
  'completed',
  'rollback_started',
  'rollback_paused',
  'rollback_completed',
] as const;
const EVENT_TYPES = [
  'command',
  'output',
  'node',
  'service_spec',
  'update_status',
  'task_created',
  'task_state',
  'task_desired',
  'task_node',
  'task_removed',
  'container',
  'updater',
  'fault',
] as const;

const strings = list(str);
const labels = map(str);
const updateConfig = obj(
  { Parallelism: int(0), MaxFailureRatio: num },
  { Delay: num, FailureAction: str, Monitor: num, Order: str },
);
const containerSpec = obj(
  { Image: str },
  {
    Labels: labels,
    Command: strings,
    Args: strings,
    Env: strings,
    StopGracePeriod: num,
    Init: bool,
    Isolation: str,
    Healthcheck: obj(
      {},
      { Test: strings, Interval: num, Timeout: num, StartPeriod: num, StartInterval: num, Retries: int() },
    ),
  },
);
const taskSpec = obj(
  { ContainerSpec: containerSpec, ForceUpdate: int(0) },
  {
    RestartPolicy: obj({}, { Condition: str, Delay: num, MaxAttempts: int(), Window: num }),
    Placement: obj({}, { Constraints: strings, MaxReplicas: int(0) }),
    Runtime: str,
  },
);
const portConfig = obj(
  { Protocol: oneOf(['tcp', 'udp', 'sctp']), TargetPort: int(0), PublishMode: oneOf(['ingress', 'host']) },
  { PublishedPort: int(0) },
);
const ports = list(portConfig);
const serviceSpec = obj(
  {
    Name: str,
    Labels: labels,
    TaskTemplate: taskSpec,
    Mode: obj({}, { Replicated: obj({ Replicas: int(0) }), Global: obj({}) }),
  },
  {
    UpdateConfig: updateConfig,
    RollbackConfig: updateConfig,
    EndpointSpec: obj({}, { Mode: oneOf(['vip', 'dnsrr']), Ports: ports }),
  },
);
const version = obj({ Index: int(0) });
const nodeRole = oneOf(['manager', 'worker']);
const nodeAvailability = oneOf(['active', 'pause', 'drain']);
const nodeState = oneOf(['unknown', 'down', 'ready', 'disconnected']);
const taskState = oneOf(TASK_STATES);

/**
 * The final state (`services`, `tasks`, `nodes`): Engine API shapes, as the simulator and the real daemon write them.
 */
const service = obj(
  { ID: str, Version: version, CreatedAt: str, UpdatedAt: str, Spec: serviceSpec, Endpoint: obj({ Spec: obj({}) }) },
  {
    PreviousSpec: serviceSpec,
    UpdateStatus: obj({ State: oneOf(UPDATE_STATES), Message: str }, { StartedAt: str, CompletedAt: str }),
  },
);
const task = obj(
  {
    ID: str,
    Version: version,
    CreatedAt: str,
    UpdatedAt: str,
    Spec: taskSpec,
    ServiceID: str,
    DesiredState: taskState,
    Status: obj(
      { Timestamp: str, State: taskState, Message: str },
      { Err: str, ContainerStatus: obj({}, { ContainerID: str, PID: int(), ExitCode: int() }) },
    ),
  },
  { Labels: labels, Slot: int(0), NodeID: str },
);
const node = obj(
  {
    ID: str,
    Version: version,
    CreatedAt: str,
    UpdatedAt: str,
    Spec: obj({ Labels: labels, Role: nodeRole, Availability: nodeAvailability }),
    Description: obj({
      Hostname: str,
      Platform: obj({ Architecture: str, OS: str }),
      Engine: obj({ EngineVersion: str }),
    }),
    Status: obj({ State: nodeState, Addr: str }, { Message: str }),
  },
  { ManagerStatus: obj({ Reachability: oneOf(['reachable', 'unreachable']), Addr: str }, { Leader: bool }) },
);

const base = { t_ms: time, type: str };
const EVENTS: Record<(typeof EVENT_TYPES)[number], Check> = {
  command: obj({ ...base, text: str, exitCode: int() }),
  output: obj({ ...base, stream: oneOf(['stdout', 'stderr']), text: str }),
  node: obj(
    { ...base, nodeId: str, hostname: str, role: nodeRole, availability: nodeAvailability, state: nodeState },
    { message: str },
  ),
  service_spec: obj(
    {
      ...base,
      serviceId: str,
      name: str,
      action: oneOf(['create', 'update', 'rollback', 'auto_rollback', 'remove']),
      version: int(0),
      spec: serviceSpec,
      previousSpec: nullable(serviceSpec),
    },
    { endpointPorts: ports },
  ),
  update_status: obj({
    ...base,
    serviceId: str,
    state: nullable(oneOf(UPDATE_STATES)),
    message: str,
    startedMs: nullable(time),
    completedMs: nullable(time),
  }),
  task_created: obj({
    ...base,
    taskId: str,
    serviceId: str,
    slot: int(0),
    nodeId: nullable(str),
    image: str,
    specVersion: int(0),
    desired: taskState,
    origin: oneOf(['orchestrator', 'updater', 'restart']),
  }),
  task_state: obj({ ...base, taskId: str, state: taskState, message: str }, { err: str, exitCode: int() }),
  task_desired: obj({ ...base, taskId: str, desired: taskState }),
  task_node: obj({ ...base, taskId: str, nodeId: str }),
  task_removed: obj({ ...base, taskId: str }),
  container: obj(
    { ...base, taskId: str, action: oneOf(['create', 'start', 'kill', 'die', 'health_status']) },
    { signal: int(), exitCode: int(), health: oneOf(['healthy', 'unhealthy']) },
  ),
  updater: obj(
    {
      ...base,
      serviceId: str,
      action: oneOf([
        'start',
        'slot_start',
        'slot_done',
        'delay_start',
        'delay_end',
        'failure_counted',
        'monitor_start',
        'monitor_end',
        'stop',
        'cancel',
      ]),
    },
    {
      worker: int(0),
      slot: int(0),
      taskId: str,
      durationMs: time,
      dirtySlots: int(0),
      config: obj({
        parallelism: int(0),
        delayMs: time,
        monitorMs: time,
        failureAction: str,
        maxFailureRatio: num,
        order: str,
        rollback: bool,
      }),
    },
  ),
  fault: obj({ ...base, fault: oneOf(SANDBOX_FAULT_VERBS), nodeId: str }, { taskId: str, exitCode: int() }),
};

const event: Check = (v, p) => {
  if (!isObject(v)) fail(p, 'an object', v);
  if (!('type' in (v as object))) throw new ShapeError(`${p()}.type: missing`);
  const type = (v as Record<string, unknown>).type;
  oneOf(EVENT_TYPES)(type, () => `${p()}.type`);
  EVENTS[type as (typeof EVENT_TYPES)[number]](v, p);
};

// Checked in this order: a JSON file that is not a trace at all is told about its events first.
const trace = obj({
  events: list(event),
  duration_ms: (v, p) => {
    time(v, p);
    if ((v as number) < 0) fail(p, 'a time in ms ≥ 0', v);
  },
  epoch: str,
  services: list(service),
  tasks: list(task),
  nodes: list(node),
  scenario: str,
  seed: int(),
});

/**
 * Deeper than any trace swarmlab writes (about 8): JSON.stringify recurses, so exporting a deeper value would overflow
 * the stack.
 */
export const MAX_DEPTH = 32;

/** The keys down to a value nested deeper than MAX_DEPTH, or null (recursion bounded by MAX_DEPTH itself). */
function tooDeep(value: unknown, depth: number): (string | number)[] | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth === MAX_DEPTH) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const below = tooDeep(value[i], depth + 1);
      if (below) return [i, ...below];
    }
    return null;
  }
  for (const key in value) {
    const below = tooDeep((value as Record<string, unknown>)[key], depth + 1);
    if (below) return [key, ...below];
  }
  return null;
}

/** What is wrong with one trace object, or null. */
function problemOf(value: unknown): string | null {
  try {
    if (!isObject(value)) throw new ShapeError(`expected a JSON object, got ${describe(value)}`);
    const deep = tooDeep(value, 0);
    if (deep) {
      const path = deep.reduce<string>((p, key) => (typeof key === 'number' ? `${p}[${key}]` : at(p, key)), '');
      throw new ShapeError(`${path}: nested deeper than ${MAX_DEPTH} levels`);
    }
    trace(value, () => '');
    const epoch = value.epoch as string;
    const epochMs = Date.parse(epoch);
    if (!(Math.abs(epochMs) <= DATE_LIMIT_MS - MAX_TIME_MS))
      fail(() => 'epoch', 'an ISO time (e.g. 2026-01-01T00:00:00.000Z)', epoch);
    return null;
  } catch (err) {
    if (err instanceof ShapeError) return err.message;
    throw err;
  }
}

/**
 * The trace in a parsed JSON file, JSON or compact (the value itself, or the first of a list as `swarmlab run --json`
 * prints for several files), or what is wrong with it, naming the path: `events[12].state: expected one of new, …, got
 * "boom"`.
 * A trace that passes goes through what the views use (stateAt, bars, markers, series, the renderers) without a
 * TypeError.
 */
export function checkTraceValue(
  parsed: unknown,
): { trace: Trace; problem?: undefined } | { trace?: undefined; problem: string } {
  let value: unknown;
  try {
    value = expandTraces(parsed); // the compact format (docs/trace-format.md) reads as the trace it holds
  } catch (err) {
    if (err instanceof CompactTraceError) return { problem: `compact format: ${err.message}` };
    throw err;
  }
  if (Array.isArray(value) && value.length === 0) return { problem: 'expected a trace, got an empty list' };
  const candidate = Array.isArray(value) ? value[0] : value;
  const problem = problemOf(candidate);
  return problem === null
    ? { trace: candidate as Trace }
    : { problem: Array.isArray(value) ? `[0]${problem.startsWith('expected') ? ': ' : '.'}${problem}` : problem };
}

/**
 * For a file that is not one JSON value: whether it is the JSON lines `--out` holds while a run goes (a run killed
 * before the end keeps only those), said so; null otherwise.
 */
export function eventLinesProblem(text: string): string | null {
  const lines = text.split('\n', 3).filter((line) => line.trim() !== '');
  if (lines.length < 2) return null;
  try {
    const first = JSON.parse(lines[0]) as unknown;
    if (isObject(first) && typeof first.t_ms === 'number' && typeof first.type === 'string') {
      return 'the events of a run that did not finish (JSON lines, one event each), not a whole trace';
    }
  } catch {
    // not JSON lines either
  }
  return null;
}
