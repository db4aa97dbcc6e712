// The manager's store: services, tasks and nodes as plain records, one version counter, and the append-only trace.

import type { Millis, PortConfig, ServiceSpec, TaskState, TraceEvent, UpdateState } from '../types.js';
import { assert, fail } from './assert.js';
import { type ContainerAction, EventLog } from './event-log.js';
import type { NodeRecord, ServiceRecord, TaskRecord } from './records.js';
import { isAfterRunning, isAtMostRunning, nextDesiredState, nextTaskState } from './task-state.js';

export type SlotKey = number | string;

/** Replicated tasks are grouped by slot number, global ones by node. */
export const slotKeyOf = (task: TaskRecord): SlotKey => (task.slot > 0 ? task.slot : (task.nodeId ?? ''));

export interface StoreHooks {
  /** A task was created or its desired state or node changed: the agent must act. */
  taskNeedsAgent(task: TaskRecord): void;
  /** A task's current state changed (after the write). */
  taskStateChanged(task: TaskRecord, previous: TaskState): void;
  taskDeleted(task: TaskRecord): void;
}

export class Store {
  readonly services = new Map<string, ServiceRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly nodes = new Map<string, NodeRecord>();
  /** serviceId → slot key → tasks of that slot, oldest first. */
  private readonly slots = new Map<string, Map<SlotKey, TaskRecord[]>>();
  /**
   * serviceId → replicated slots holding more than one task meant to run (desired ≤ running), kept as tasks are added,
   * told to stop or deleted: read when an update completes, where a scan of every slot cost a 100,000-replica update
   * about 400 ms (the scan runs once, in cold code).
   */
  private readonly crowded = new Map<string, number>();
  /** The trace's events, the frequent ones as rows of numbers (built as objects when read: `log.events()`). */
  readonly log = new EventLog();
  private versionIndex = 0;
  lastTaskChangeMs: Millis = 0;
  /** Last write of a service (spec, UpdateStatus) or a node: what a crash loop's endless task changes are not. */
  lastControlChangeMs: Millis = 0;
  hooks: StoreHooks | null = null;
  /** Bumped by every node write: readers that index nodes (the scheduler) know when to look again. */
  nodeWrites = 0;

  constructor(private readonly now: () => Millis) {}

  nextVersion(): number {
    return ++this.versionIndex;
  }

  /** The write counter: it moves with every write of a service, task or node record. */
  get writes(): number {
    return this.versionIndex;
  }

  record(event: TraceEvent): void {
    this.log.push(event);
  }

  /** A container event of the task's (at most one of `signal`, `exitCode` and `health`, as the agents send). */
  recordContainer(
    task: TaskRecord,
    action: ContainerAction,
    signal?: number,
    exitCode?: number,
    health?: 'healthy' | 'unhealthy',
  ): void {
    this.log.container(this.now(), task.traceNo, action, signal, exitCode, health);
  }

  /** An updater's slot_start or slot_done (`task`: the task the slot keeps or got; none when it has none yet). */
  recordSlot(
    serviceId: string,
    action: 'slot_start' | 'slot_done',
    worker: number,
    slot: number,
    task: TaskRecord | undefined,
  ): void {
    this.log.slot(this.now(), action, serviceId, worker, slot, task ? task.traceNo : -1);
  }

  // --- services --------------------------------------------------------------------------------

  findService(idOrName: string): ServiceRecord | undefined {
    const byId = this.services.get(idOrName);
    if (byId) return byId;
    for (const service of this.services.values()) if (service.spec.Name === idOrName) return service;
    const prefixed = [...this.services.values()].filter((s) => s.id.startsWith(idOrName));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }

  addService(record: ServiceRecord): void {
    this.services.set(record.id, record);
    this.slots.set(record.id, new Map());
    this.recordSpec(record, 'create');
  }

  writeSpec(
    service: ServiceRecord,
    change: {
      spec: ServiceSpec;
      specVersion: number;
      previousSpec: ServiceSpec | null;
      previousSpecVersion: number | null;
      endpointPorts: PortConfig[] | null;
    },
    action: 'update' | 'rollback' | 'auto_rollback',
  ): void {
    Object.assign(service, change);
    this.touchService(service);
    this.recordSpec(service, action);
  }

  private recordSpec(
    service: ServiceRecord,
    action: 'create' | 'update' | 'rollback' | 'auto_rollback' | 'remove',
  ): void {
    this.lastControlChangeMs = this.now();
    this.record({
      t_ms: this.now(),
      type: 'service_spec',
      serviceId: service.id,
      name: service.spec.Name,
      action,
      version: service.version,
      spec: service.spec,
      previousSpec: service.previousSpec,
      ...(service.endpointPorts ? { endpointPorts: service.endpointPorts } : {}),
    });
  }

  writeUpdateStatus(
    service: ServiceRecord,
    status: { state: UpdateState; message: string; startedMs: Millis | null; completedMs: Millis | null } | null,
  ): void {
    service.updateStatus = status;
    this.touchService(service);
    this.record({
      t_ms: this.now(),
      type: 'update_status',
      serviceId: service.id,
      state: status?.state ?? null,
      message: status?.message ?? '',
      startedMs: status?.startedMs ?? null,
      completedMs: status?.completedMs ?? null,
    });
  }

  removeService(service: ServiceRecord): void {
    this.recordSpec(service, 'remove');
    this.services.delete(service.id);
  }

  private touchService(service: ServiceRecord): void {
    service.version = this.nextVersion();
    service.updatedMs = this.now();
    this.lastControlChangeMs = this.now();
  }

  // --- tasks -----------------------------------------------------------------------------------

  slotsOf(serviceId: string): Map<SlotKey, TaskRecord[]> {
    let slots = this.slots.get(serviceId);
    if (!slots) this.slots.set(serviceId, (slots = new Map()));
    return slots;
  }

  tasksOfSlot(serviceId: string, key: SlotKey): TaskRecord[] {
    return this.slotsOf(serviceId).get(key) ?? [];
  }

  addTask(task: TaskRecord): void {
    if (this.tasks.has(task.id)) fail('a task ID is never reused', `task ${task.id} added twice`);
    this.tasks.set(task.id, task);
    const slots = this.slotsOf(task.serviceId);
    const key = slotKeyOf(task);
    const list = slots.get(key);
    if (list) list.push(task);
    else slots.set(key, [task]);
    if (list && isAtMostRunning(task.desired)) this.meantToRunChanged(task, list, 1);
    this.lastTaskChangeMs = this.now();
    const { id, serviceId, slot, specVersion, origin } = task;
    task.traceNo = this.log.addTask({ id, serviceId, slot, image: task.spec.ContainerSpec.Image, specVersion, origin });
    this.log.taskCreated(this.now(), task.traceNo, task.nodeId, task.desired);
    this.hooks?.taskNeedsAgent(task);
  }

  setTaskState(task: TaskRecord, state: TaskState, detail: { message: string; err?: string; exitCode?: number }): void {
    this.setTaskStatus(task, state, detail.message, detail.err, detail.exitCode);
  }

  /** setTaskState with the detail as arguments: the agents' reports, several per task, allocate no detail object. */
  setTaskStatus(task: TaskRecord, state: TaskState, message: string, err?: string, exitCode?: number): void {
    const previous = task.state;
    if (previous === state && task.message === message && !err) return;
    const clearsErr = err === '' && task.err !== '';
    task.state = nextTaskState(previous, state, task.id);
    task.stateMs = this.now();
    task.message = message;
    if (err !== undefined) task.err = err;
    if (exitCode !== undefined) task.exitCode = exitCode;
    this.touchTask(task);
    if (err || clearsErr) {
      const event: TraceEvent = { t_ms: this.now(), type: 'task_state', taskId: task.id, state, message, err };
      if (exitCode !== undefined) event.exitCode = exitCode;
      this.record(event);
    } else this.log.taskState(this.now(), task.traceNo, state, message, exitCode);
    if (previous !== state) this.hooks?.taskStateChanged(task, previous);
  }

  setTaskDesired(task: TaskRecord, desired: TaskState): void {
    if (task.desired === desired) return;
    const wasMeantToRun = isAtMostRunning(task.desired);
    task.desired = nextDesiredState(task.desired, desired, task.id);
    if (wasMeantToRun && !isAtMostRunning(desired) && !task.removed)
      this.meantToRunChanged(task, this.tasksOfSlot(task.serviceId, slotKeyOf(task)), -1);
    this.touchTask(task);
    this.log.taskDesired(this.now(), task.traceNo, desired);
    this.hooks?.taskNeedsAgent(task);
  }

  setTaskNode(task: TaskRecord, nodeId: string): void {
    const slots = this.slotsOf(task.serviceId);
    if (task.slot === 0) this.unlinkFromSlot(task, slots);
    task.nodeId = nodeId;
    if (task.slot === 0) {
      const list = slots.get(nodeId);
      if (list) list.push(task);
      else slots.set(nodeId, [task]);
    }
    this.touchTask(task);
    this.log.taskNode(this.now(), task.traceNo, nodeId);
  }

  deleteTask(task: TaskRecord): void {
    if (!this.tasks.delete(task.id)) return;
    task.removed = true;
    this.unlinkFromSlot(task, this.slotsOf(task.serviceId));
    if (isAtMostRunning(task.desired))
      this.meantToRunChanged(task, this.tasksOfSlot(task.serviceId, slotKeyOf(task)), -1);
    this.record({ t_ms: this.now(), type: 'task_removed', taskId: task.id });
    this.hooks?.taskDeleted(task);
  }

  /** Replicated slots of the service holding more than one task meant to run. */
  crowdedSlots(serviceId: string): number {
    return this.crowded.get(serviceId) ?? 0;
  }

  /**
   * A task meant to run joined (`by` 1) or left (-1) its slot, whose tasks are now `list`: the count moves when the
   * slot went past one such task or back to one.
   */
  private meantToRunChanged(task: TaskRecord, list: readonly TaskRecord[], by: 1 | -1): void {
    if (task.slot <= 0) return;
    const meant = meantToRun(list);
    const crowded = meant > 1;
    const crowdedBefore = meant - by > 1;
    if (crowded === crowdedBefore) return;
    const count = (this.crowded.get(task.serviceId) ?? 0) + (crowded ? 1 : -1);
    assert(count >= 0, 'a count of crowded slots never goes negative', () => `service ${task.serviceId}: ${count}`);
    this.crowded.set(task.serviceId, count);
  }

  private unlinkFromSlot(task: TaskRecord, slots: Map<SlotKey, TaskRecord[]>): void {
    const key = slotKeyOf(task);
    const list = slots.get(key);
    if (!list) return;
    const index = list.indexOf(task);
    if (index >= 0) list.splice(index, 1);
    if (!list.length) slots.delete(key);
  }

  private touchTask(task: TaskRecord): void {
    task.version = this.nextVersion();
    task.updatedMs = this.now();
    this.lastTaskChangeMs = this.now();
  }

  // --- nodes -----------------------------------------------------------------------------------

  findNode(idOrName: string): NodeRecord | undefined {
    const byId = this.nodes.get(idOrName);
    if (byId) return byId;
    for (const node of this.nodes.values()) if (node.hostname === idOrName) return node;
    const prefixed = [...this.nodes.values()].filter((n) => n.id.startsWith(idOrName));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }

  writeNode(node: NodeRecord): void {
    this.nodeWrites++;
    node.version = this.nextVersion();
    node.updatedMs = this.now();
    this.lastControlChangeMs = this.now();
    this.nodes.set(node.id, node);
    this.record({
      t_ms: this.now(),
      type: 'node',
      nodeId: node.id,
      hostname: node.hostname,
      role: node.role,
      availability: node.availability,
      state: node.state,
      ...(node.message ? { message: node.message } : {}),
    });
  }

  /** Tasks of a service still meant to run somewhere (desired ≤ running), in creation order. */
  *activeTasks(serviceId: string): Iterable<TaskRecord> {
    for (const list of this.slotsOf(serviceId).values())
      for (const task of list) if (!isAfterRunning(task.desired)) yield task;
  }
}

/** How many tasks of a slot are meant to run (desired ≤ running). */
function meantToRun(list: readonly TaskRecord[]): number {
  let count = 0;
  for (const task of list) if (isAtMostRunning(task.desired)) count++;
  return count;
}
