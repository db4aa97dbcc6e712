// Structural validation of a Trace read from a file: every field the views and stateAt read, with a message naming the path.
import type { Trace } from '../types.js';

/**
 * Times (t_ms, startedMs, …) are kept within ±10^12 ms (31 years) of the epoch, and the epoch within the years
 * Date can show with that margin: stateAt turns every time into an ISO string, which throws outside Date's range.
 */
export const MAX_TIME_MS = 1e12;
const DATE_LIMIT_MS = 8.64e15;

const TASK_STATES = [
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
] as const;
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

/** A value that does not have the expected shape; the message is `path: expected …, got …`. */
class ShapeError extends Error {}

/** The path to a value, built only when a message needs it (a 20 MB trace has millions of fields). */
type Path = () => string;
type Check = (value: unknown, path: Path) => void;
type Fields = Record<string, Check>;

/** What a value is, in words, for a message (strings shown quoted and cut short). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const fail = (path: Path, expected: string, value: unknown): never => {
  throw new ShapeError(`${path()}: expected ${expected}, got ${describe(value)}`);
};

const at = (path: string, key: string) =>
  /^[A-Za-z_]\w*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

const str: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, 'a string', v);
};
const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, 'true or false', v);
};
/** Any finite number (Go durations in nanoseconds, ratios). */
const num: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, 'a number', v);
};
const int =
  (min = -Number.MAX_SAFE_INTEGER): Check =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
      fail(p, min === 0 ? 'a whole number ≥ 0' : 'a whole number', v);
  };
/** Milliseconds of virtual time. */
const time: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_TIME_MS)
    fail(p, `a time in ms (at most ${MAX_TIME_MS} either way)`, v);
};
const oneOf =
  (values: readonly string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(p, `one of ${values.join(', ')}`, v);
  };
const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
const list =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'a list', v);
    const items = v as unknown[];
    for (let i = 0; i < items.length; i++) item(items[i], () => `${p()}[${i}]`);
  };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object whose every value passes `item` (labels). */
const map =
  (item: Check): Check =>
  (v, p) => {
    if (!isObject(v)) fail(p, 'an object', v);
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) item(x, () => at(p(), key));
  };
/** `fields` are required; `optional` may be absent (never null: the writers omit them). Other keys are allowed. */
const obj = (fields: Fields, optional: Fields = {}): Check => {
  const required = Object.entries(fields);
  const maybe = Object.entries(optional);
  return (v, p) => {
    if (!isObject(v)) fail(p, 'an object', v);
    const o = v as Record<string, unknown>;
    for (const [key, check] of required) {
      if (!(key in o)) throw new ShapeError(`${at(p(), key)}: missing`);
      check(o[key], () => at(p(), key));
    }
    for (const [key, check] of maybe) if (key in o) check(o[key], () => at(p(), key));
  };
};

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
    EndpointSpec: obj({}, { Mode: oneOf(['vip', 'dnsrr']) }),
  },
);
const version = obj({ Index: int(0) });
const nodeRole = oneOf(['manager', 'worker']);
const nodeAvailability = oneOf(['active', 'pause', 'drain']);
const nodeState = oneOf(['unknown', 'down', 'ready', 'disconnected']);
const taskState = oneOf(TASK_STATES);

/** The final state (`services`, `tasks`, `nodes`): Engine API shapes, as the simulator and the real daemon write them. */
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
  service_spec: obj({
    ...base,
    serviceId: str,
    name: str,
    action: oneOf(['create', 'update', 'rollback', 'auto_rollback', 'remove']),
    version: int(0),
    spec: serviceSpec,
    previousSpec: nullable(serviceSpec),
  }),
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
  fault: obj(
    { ...base, fault: oneOf(['node_down', 'node_up', 'container_kill']), nodeId: str },
    { taskId: str, exitCode: int() },
  ),
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

/** Deeper than any trace swarmlab writes (about 8): JSON.stringify recurses, so exporting a deeper value would overflow the stack. */
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
 * The trace in a parsed JSON file (the value itself, or the first of a list as `swarmlab run --json` prints for several
 * files), or what is wrong with it, naming the path: `events[12].state: expected one of new, …, got "boom"`.
 * A trace that passes goes through what the views use (stateAt, bars, markers, series, the renderers) without a TypeError.
 */
export function checkTraceValue(
  value: unknown,
): { trace: Trace; problem?: undefined } | { trace?: undefined; problem: string } {
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
