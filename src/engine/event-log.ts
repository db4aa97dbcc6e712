// The trace as the engine writes it: the frequent task, container and slot events as rows of numbers in a typed array,
// the rest as objects; each row is built as its TraceEvent object only when someone reads the events.

import { StringTable } from '../string-table.js';
import { TASK_STATES } from '../task-states.js';
import type { Millis, TaskOrigin, TaskState, TraceEvent } from '../types.js';
import { assert, fail } from './assert.js';

/** What a row holds; `OBJECT` rows point into the objects list, the others are built from their fields a to d. */
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
type TaskStateEvent = Extract<TraceEvent, { type: 'task_state' }>;
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

/** The first chunk's rows: it doubles up to a whole chunk; then each new chunk is a whole one, never copied. */
const FIRST_ROWS = 512;
const CHUNK_SHIFT = 16;
const CHUNK_ROWS = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_ROWS - 1;
/** The numbers of a row in `fields`: its kind, then a, b, c and d. */
const STRIDE = 5;
const KIND = 0;
const A = 1;
const B = 2;
const C = 3;
const D = 4;

export class EventLog {
  /**
   * Rows in chunks of CHUNK_ROWS: each row's kind and fields a to d (STRIDE numbers) in `chunks`, its time in
   * `timeChunks` (a small run allocates two buffers in all). Rows are only appended, to the tail chunk.
   */
  private readonly chunks = [new Int32Array(FIRST_ROWS * STRIDE)];
  private readonly timeChunks = [new Float64Array(FIRST_ROWS)];
  private tail = this.chunks[0];
  private tailTimes = this.timeChunks[0];
  private tailStart = 0;
  private lastTimeMs = Number.NEGATIVE_INFINITY;
  private count = 0;
  private readonly objects: TraceEvent[] = [];
  private readonly strings = new StringTable();
  private readonly tasks: TaskFacts[] = [];
  /** The rows built so far, in order: `events()` builds the rest, so every reader sees the same objects. */
  private readonly built: TraceEvent[] = [];

  get length(): number {
    return this.count;
  }

  timeAt(row: number): Millis {
    return this.timeChunks[row >> CHUNK_SHIFT][row & CHUNK_MASK];
  }

  /** Numbers a task for its rows: its fixed facts are kept once. */
  addTask(facts: TaskFacts): number {
    this.tasks.push(facts);
    return this.tasks.length - 1;
  }

  push(event: TraceEvent): void {
    const at = this.row(Row.OBJECT, event.t_ms, event.type);
    this.tail[at + A] = this.objects.length;
    this.objects.push(event);
  }

  /** An object event placed at `index` (a command stamped with the time it was typed); rows after it move up. */
  insert(index: number, event: TraceEvent): void {
    assert(index >= 0 && index <= this.count, 'an event goes inside the log', () => `index ${index} of ${this.count}`);
    if (index === this.count) return this.push(event);
    this.claim();
    for (let row = this.count - 1; row > index; row--) this.copyRow(row - 1, row);
    const fields = this.chunks[index >> CHUNK_SHIFT];
    const at = (index & CHUNK_MASK) * STRIDE;
    fields[at + KIND] = Row.OBJECT;
    fields[at + A] = this.objects.length;
    this.timeChunks[index >> CHUNK_SHIFT][index & CHUNK_MASK] = event.t_ms;
    this.objects.push(event);
    if (index < this.built.length) this.built.splice(index, 0, event);
  }

  /** A task_state event without `err` (and with `exitCode` when one is given). */
  taskState(timeMs: Millis, task: number, state: TaskState, message: string, exitCode?: number): void {
    const at = this.row(exitCode === undefined ? Row.TASK_STATE : Row.TASK_STATE_EXIT, timeMs);
    this.tail[at + A] = task;
    this.tail[at + B] = STATE_CODE.get(state)!;
    this.tail[at + C] = this.strings.index(message);
    if (exitCode !== undefined) this.tail[at + D] = exitCode;
  }

  taskDesired(timeMs: Millis, task: number, desired: TaskState): void {
    const at = this.row(Row.TASK_DESIRED, timeMs);
    this.tail[at + A] = task;
    this.tail[at + B] = STATE_CODE.get(desired)!;
  }

  taskNode(timeMs: Millis, task: number, nodeId: string): void {
    const at = this.row(Row.TASK_NODE, timeMs);
    this.tail[at + A] = task;
    this.tail[at + B] = this.strings.index(nodeId);
  }

  taskCreated(timeMs: Millis, task: number, nodeId: string | null, desired: TaskState): void {
    const at = this.row(Row.TASK_CREATED, timeMs);
    this.tail[at + A] = task;
    this.tail[at + B] = nodeId === null ? -1 : this.strings.index(nodeId);
    this.tail[at + C] = STATE_CODE.get(desired)!;
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
    const at = this.row(Row.CONTAINER, timeMs);
    this.tail[at + A] = task;
    this.tail[at + B] = ACTION_CODE.get(action)!;
    if (signal !== undefined) this.detail(at, Detail.SIGNAL, signal);
    else if (exitCode !== undefined) this.detail(at, Detail.EXIT_CODE, exitCode);
    else if (health !== undefined) this.detail(at, Detail.HEALTH, HEALTH.indexOf(health));
    else this.tail[at + D] = Detail.NONE;
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
    const at = this.row(action === 'slot_start' ? Row.SLOT_START : Row.SLOT_DONE, timeMs);
    this.tail[at + A] = this.strings.index(serviceId);
    this.tail[at + B] = worker;
    this.tail[at + C] = slot;
    this.tail[at + D] = task;
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
    const t_ms = this.timeAt(row);
    const fields = this.chunks[row >> CHUNK_SHIFT];
    const at = (row & CHUNK_MASK) * STRIDE;
    const a = fields[at + A];
    const b = fields[at + B];
    switch (fields[at + KIND] as Row) {
      case Row.OBJECT:
        return this.objects[a];
      case Row.TASK_STATE:
      case Row.TASK_STATE_EXIT: {
        const message = this.strings.list[fields[at + C]];
        const event: TaskStateEvent = {
          t_ms,
          type: 'task_state',
          taskId: this.tasks[a].id,
          state: TASK_STATES[b],
          message,
        };
        if (fields[at + KIND] === Row.TASK_STATE_EXIT) event.exitCode = fields[at + D];
        return event;
      }
      case Row.TASK_DESIRED:
        return { t_ms, type: 'task_desired', taskId: this.tasks[a].id, desired: TASK_STATES[b] };
      case Row.TASK_NODE:
        return { t_ms, type: 'task_node', taskId: this.tasks[a].id, nodeId: this.strings.list[b] };
      case Row.TASK_CREATED:
        return this.buildCreated(t_ms, fields, at);
      case Row.CONTAINER:
        return this.buildContainer(t_ms, fields, at);
      case Row.SLOT_START:
      case Row.SLOT_DONE: {
        const action = fields[at + KIND] === Row.SLOT_START ? 'slot_start' : 'slot_done';
        const task = fields[at + D];
        const taskId = task < 0 ? undefined : this.tasks[task].id;
        return {
          t_ms,
          type: 'updater',
          serviceId: this.strings.list[a],
          action,
          worker: b,
          slot: fields[at + C],
          taskId,
        };
      }
    }
  }

  private buildCreated(t_ms: Millis, fields: Int32Array, at: number): TraceEvent {
    const facts = this.tasks[fields[at + A]];
    const node = fields[at + B];
    return {
      t_ms,
      type: 'task_created',
      taskId: facts.id,
      serviceId: facts.serviceId,
      slot: facts.slot,
      nodeId: node < 0 ? null : this.strings.list[node],
      image: facts.image,
      specVersion: facts.specVersion,
      desired: TASK_STATES[fields[at + C]],
      origin: facts.origin,
    };
  }

  private buildContainer(t_ms: Millis, fields: Int32Array, at: number): TraceEvent {
    const action = ACTIONS[fields[at + B]];
    const event: ContainerEvent = {
      t_ms,
      type: 'container',
      taskId: this.tasks[fields[at + A]].id,
      action,
    };
    const value = fields[at + C];
    switch (fields[at + D] as Detail) {
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
    const fields = this.chunks[row >> CHUNK_SHIFT];
    const at = (row & CHUNK_MASK) * STRIDE;
    const kind = fields[at + KIND] as Row;
    return kind === Row.OBJECT ? this.objects[fields[at + A]].type : KIND_TYPE[kind];
  }

  private detail(at: number, detail: Detail, value: number): void {
    this.tail[at + C] = value;
    this.tail[at + D] = detail;
  }

  /**
   * Claims the next row, writes its kind and time, which never goes back, and returns where its fields start in the
   * tail chunk.
   */
  private row(kind: Row, timeMs: Millis, type?: TraceEvent['type']): number {
    if (timeMs < this.lastTimeMs) this.outOfOrder(type ?? KIND_TYPE[kind], timeMs);
    this.lastTimeMs = timeMs;
    const offset = this.claim();
    const at = offset * STRIDE;
    this.tail[at + KIND] = kind;
    this.tailTimes[offset] = timeMs;
    return at;
  }

  /** One more row at the end, in the tail chunk (grown or added when full): its offset there. */
  private claim(): number {
    if (this.count - this.tailStart === this.tailTimes.length) this.grow();
    return this.count++ - this.tailStart;
  }

  /** Apart from `row`: a closure there would make every call allocate the variables it captures. */
  private outOfOrder(type: TraceEvent['type'], timeMs: Millis): never {
    const last = this.count - 1;
    const previous = `a ${this.typeAt(last)} event at ${this.timeAt(last)} ms`;
    return fail('the trace is in time order', `a ${type} event at ${timeMs} ms after ${previous}`);
  }

  private grow(): void {
    const last = this.chunks.length - 1;
    const rows = this.tailTimes.length;
    if (rows < CHUNK_ROWS) {
      // The first chunk, still small: doubled (a copy) so that a short run holds little.
      this.tail = this.chunks[last] = grown(this.tail, new Int32Array(rows * 2 * STRIDE));
      this.tailTimes = this.timeChunks[last] = grown(this.tailTimes, new Float64Array(rows * 2));
      return;
    }
    this.tail = new Int32Array(CHUNK_ROWS * STRIDE);
    this.tailTimes = new Float64Array(CHUNK_ROWS);
    this.chunks.push(this.tail);
    this.timeChunks.push(this.tailTimes);
    this.tailStart += CHUNK_ROWS;
  }

  private copyRow(from: number, to: number): void {
    const source = this.chunks[from >> CHUNK_SHIFT];
    const target = this.chunks[to >> CHUNK_SHIFT];
    const at = (from & CHUNK_MASK) * STRIDE;
    const toAt = (to & CHUNK_MASK) * STRIDE;
    for (let field = 0; field < STRIDE; field++) target[toAt + field] = source[at + field];
    this.timeChunks[to >> CHUNK_SHIFT][to & CHUNK_MASK] = this.timeAt(from);
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
