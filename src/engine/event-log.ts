// The trace as the engine writes it: the frequent task, container and slot events as rows of typed columns, the rest
// as objects; each row is built as its TraceEvent object only when someone reads the events.
import { TASK_STATES } from '../task-states.js';
import type { Millis, TaskOrigin, TaskState, TraceEvent } from '../types.js';
import { assert } from './assert.js';

/** What a row holds; `OBJECT` rows point into the objects list, the others are built from their columns. */
enum Row {
  OBJECT = 0,
  /** a: task number, b: state, c: message (a string). */
  TASK_STATE = 1,
  /** a: task number, b: desired state. */
  TASK_DESIRED = 2,
  /** a: task number, b: node ID (a string). */
  TASK_NODE = 3,
  /** a: task number, b: node ID (a string) or -1 for none, c: desired state; the rest is the task's (`TaskFacts`). */
  TASK_CREATED = 4,
  /** a: task number, b: action, c: its one detail's value, d: which detail (a `Detail`). */
  CONTAINER = 5,
  /** a: service ID (a string), b: worker, c: slot, d: task number or -1 for none. */
  SLOT_START = 6,
  SLOT_DONE = 7,
  /** TASK_STATE with an exit code in d (a container that stopped): no `err`. */
  TASK_STATE_EXIT = 8,
}

enum Detail {
  NONE = 0,
  SIGNAL = 1,
  EXIT_CODE = 2,
  HEALTH = 3,
}

type ContainerEvent = Extract<TraceEvent, { type: 'container' }>;
export type ContainerAction = ContainerEvent['action'];
type Health = NonNullable<ContainerEvent['health']>;

const ACTIONS: readonly ContainerAction[] = ['create', 'start', 'kill', 'die', 'health_status'];
const HEALTH: readonly Health[] = ['healthy', 'unhealthy'];
const STATE_CODE = new Map<TaskState, number>(TASK_STATES.map((state, code) => [state, code]));
const ACTION_CODE = new Map<ContainerAction, number>(ACTIONS.map((action, code) => [action, code]));

/** The fields of a task's `task_created` event that never change: kept once per task, by its number. */
export interface TaskFacts {
  id: string;
  serviceId: string;
  slot: number;
  image: string;
  specVersion: number;
  origin: TaskOrigin;
}

/** The event type of each kind of row (an object row's is its object's). */
const KIND_TYPE: readonly TraceEvent['type'][] = [
  'output',
  'task_state',
  'task_desired',
  'task_node',
  'task_created',
  'container',
  'updater',
  'updater',
  'task_state',
];

const FIRST_CAPACITY = 256;

export class EventLog {
  private kinds = new Uint8Array(FIRST_CAPACITY);
  private times = new Float64Array(FIRST_CAPACITY);
  private a = new Int32Array(FIRST_CAPACITY);
  private b = new Int32Array(FIRST_CAPACITY);
  private c = new Int32Array(FIRST_CAPACITY);
  private d = new Int32Array(FIRST_CAPACITY);
  private count = 0;
  private readonly objects: TraceEvent[] = [];
  private readonly strings: string[] = [];
  private readonly stringCodes = new Map<string, number>();
  private readonly tasks: TaskFacts[] = [];
  /** The rows built so far, in order: `events()` builds the rest, so every reader sees the same objects. */
  private readonly built: TraceEvent[] = [];

  get length(): number {
    return this.count;
  }

  timeAt(row: number): Millis {
    return this.times[row];
  }

  /** Numbers a task for its rows: its fixed facts are kept once. */
  addTask(facts: TaskFacts): number {
    this.tasks.push(facts);
    return this.tasks.length - 1;
  }

  push(event: TraceEvent): void {
    const row = this.row(Row.OBJECT, event.t_ms, event.type);
    this.a[row] = this.objects.length;
    this.objects.push(event);
  }

  /** An object event placed at `index` (a command stamped with the time it was typed); rows after it move up. */
  insert(index: number, event: TraceEvent): void {
    assert(index >= 0 && index <= this.count, 'an event goes inside the log', () => `index ${index} of ${this.count}`);
    if (index === this.count) return this.push(event);
    if (this.count === this.kinds.length) this.grow();
    this.count++;
    for (const column of [this.kinds, this.times, this.a, this.b, this.c, this.d])
      column.copyWithin(index + 1, index, this.count - 1);
    this.kinds[index] = Row.OBJECT;
    this.times[index] = event.t_ms;
    this.a[index] = this.objects.length;
    this.objects.push(event);
    if (index < this.built.length) this.built.splice(index, 0, event);
  }

  /** A task_state event without `err` (and with `exitCode` when one is given). */
  taskState(timeMs: Millis, task: number, state: TaskState, message: string, exitCode?: number): void {
    const row = this.row(exitCode === undefined ? Row.TASK_STATE : Row.TASK_STATE_EXIT, timeMs);
    this.a[row] = task;
    this.b[row] = STATE_CODE.get(state)!;
    this.c[row] = this.code(message);
    if (exitCode !== undefined) this.d[row] = exitCode;
  }

  taskDesired(timeMs: Millis, task: number, desired: TaskState): void {
    const row = this.row(Row.TASK_DESIRED, timeMs);
    this.a[row] = task;
    this.b[row] = STATE_CODE.get(desired)!;
  }

  taskNode(timeMs: Millis, task: number, nodeId: string): void {
    const row = this.row(Row.TASK_NODE, timeMs);
    this.a[row] = task;
    this.b[row] = this.code(nodeId);
  }

  taskCreated(timeMs: Millis, task: number, nodeId: string | null, desired: TaskState): void {
    const row = this.row(Row.TASK_CREATED, timeMs);
    this.a[row] = task;
    this.b[row] = nodeId === null ? -1 : this.code(nodeId);
    this.c[row] = STATE_CODE.get(desired)!;
  }

  /** A container event with at most one detail (`signal`, `exitCode` or `health`). */
  container(
    timeMs: Millis,
    task: number,
    action: ContainerAction,
    signal?: number,
    exitCode?: number,
    health?: Health,
  ) {
    const details = (signal !== undefined ? 1 : 0) + (exitCode !== undefined ? 1 : 0) + (health !== undefined ? 1 : 0);
    if (details > 1) {
      const event: ContainerEvent = { t_ms: timeMs, type: 'container', taskId: this.tasks[task].id, action };
      if (signal !== undefined) event.signal = signal;
      if (exitCode !== undefined) event.exitCode = exitCode;
      if (health !== undefined) event.health = health;
      return this.push(event);
    }
    const row = this.row(Row.CONTAINER, timeMs);
    this.a[row] = task;
    this.b[row] = ACTION_CODE.get(action)!;
    if (signal !== undefined) this.detail(row, Detail.SIGNAL, signal);
    else if (exitCode !== undefined) this.detail(row, Detail.EXIT_CODE, exitCode);
    else if (health !== undefined) this.detail(row, Detail.HEALTH, HEALTH.indexOf(health));
    else this.d[row] = Detail.NONE;
  }

  /** An updater's `slot_start` or `slot_done` row; `task` -1 for a slot_start with no task to keep. */
  slot(
    timeMs: Millis,
    action: 'slot_start' | 'slot_done',
    serviceId: string,
    worker: number,
    slot: number,
    task: number,
  ) {
    const row = this.row(action === 'slot_start' ? Row.SLOT_START : Row.SLOT_DONE, timeMs);
    this.a[row] = this.code(serviceId);
    this.b[row] = worker;
    this.c[row] = slot;
    this.d[row] = task;
  }

  /** Every event, built once (the same objects on every call). */
  events(): TraceEvent[] {
    for (let row = this.built.length; row < this.count; row++) this.built.push(this.build(row));
    return this.built;
  }

  /** One event: the one `events()` built, or a new object equal to it. */
  at(row: number): TraceEvent | undefined {
    if (row < 0 || row >= this.count) return undefined;
    return row < this.built.length ? this.built[row] : this.build(row);
  }

  private build(row: number): TraceEvent {
    const t_ms = this.times[row];
    const a = this.a[row];
    const b = this.b[row];
    switch (this.kinds[row] as Row) {
      case Row.OBJECT:
        return this.objects[a];
      case Row.TASK_STATE:
        return {
          t_ms,
          type: 'task_state',
          taskId: this.tasks[a].id,
          state: TASK_STATES[b],
          message: this.strings[this.c[row]],
        };
      case Row.TASK_STATE_EXIT:
        return {
          t_ms,
          type: 'task_state',
          taskId: this.tasks[a].id,
          state: TASK_STATES[b],
          message: this.strings[this.c[row]],
          exitCode: this.d[row],
        };
      case Row.TASK_DESIRED:
        return { t_ms, type: 'task_desired', taskId: this.tasks[a].id, desired: TASK_STATES[b] };
      case Row.TASK_NODE:
        return { t_ms, type: 'task_node', taskId: this.tasks[a].id, nodeId: this.strings[b] };
      case Row.TASK_CREATED:
        return this.buildCreated(row);
      case Row.CONTAINER:
        return this.buildContainer(row);
      case Row.SLOT_START:
      case Row.SLOT_DONE: {
        const action = this.kinds[row] === Row.SLOT_START ? 'slot_start' : 'slot_done';
        const task = this.d[row];
        const taskId = task < 0 ? undefined : this.tasks[task].id;
        return { t_ms, type: 'updater', serviceId: this.strings[a], action, worker: b, slot: this.c[row], taskId };
      }
    }
  }

  private buildCreated(row: number): TraceEvent {
    const facts = this.tasks[this.a[row]];
    const node = this.b[row];
    return {
      t_ms: this.times[row],
      type: 'task_created',
      taskId: facts.id,
      serviceId: facts.serviceId,
      slot: facts.slot,
      nodeId: node < 0 ? null : this.strings[node],
      image: facts.image,
      specVersion: facts.specVersion,
      desired: TASK_STATES[this.c[row]],
      origin: facts.origin,
    };
  }

  private buildContainer(row: number): TraceEvent {
    const action = ACTIONS[this.b[row]];
    const event: ContainerEvent = {
      t_ms: this.times[row],
      type: 'container',
      taskId: this.tasks[this.a[row]].id,
      action,
    };
    const value = this.c[row];
    switch (this.d[row] as Detail) {
      case Detail.SIGNAL:
        event.signal = value;
        break;
      case Detail.EXIT_CODE:
        event.exitCode = value;
        break;
      case Detail.HEALTH:
        event.health = HEALTH[value];
        break;
    }
    return event;
  }

  private typeAt(row: number): TraceEvent['type'] {
    const kind = this.kinds[row] as Row;
    return kind === Row.OBJECT ? this.objects[this.a[row]].type : KIND_TYPE[kind];
  }

  private detail(row: number, detail: Detail, value: number): void {
    this.c[row] = value;
    this.d[row] = detail;
  }

  private code(text: string): number {
    let code = this.stringCodes.get(text);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(text);
      this.stringCodes.set(text, code);
    }
    return code;
  }

  /** Claims the next row (growing the columns when full) and writes its kind and time, which never goes back. */
  private row(kind: Row, timeMs: Millis, type?: TraceEvent['type']): number {
    const last = this.count - 1;
    // Tested before asserting: the detail closure would otherwise be allocated for every event.
    if (last >= 0 && timeMs < this.times[last])
      assert(
        false,
        'the trace is in time order',
        () =>
          `a ${type ?? KIND_TYPE[kind]} event at ${timeMs} ms after a ${this.typeAt(last)} event at ${this.times[last]} ms`,
      );
    if (this.count === this.kinds.length) this.grow();
    const row = this.count++;
    this.kinds[row] = kind;
    this.times[row] = timeMs;
    return row;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    this.kinds = grown(this.kinds, new Uint8Array(capacity));
    this.times = grown(this.times, new Float64Array(capacity));
    this.a = grown(this.a, new Int32Array(capacity));
    this.b = grown(this.b, new Int32Array(capacity));
    this.c = grown(this.c, new Int32Array(capacity));
    this.d = grown(this.d, new Int32Array(capacity));
  }
}

function grown<T extends Uint8Array | Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
