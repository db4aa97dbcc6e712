// One rolling update (or rollback) of a service: `parallelism` workers replacing dirty slots, driven by the updater
// machine.
import type { Millis, ServiceSpec, TraceEvent, UpdaterAction } from '../../types.js';
import { fail } from '../assert.js';
import type { Step, TimerHandle } from '../clock.js';
import { FlatActor } from '../flat-actor.js';
import type { ServiceRecord, TaskRecord } from '../records.js';
import { type SlotKey, slotKeyOf } from '../store.js';
import { isAfterRunning, isAtMostRunning, stateRank } from '../task-state.js';
import type { Manager, TaskWatchStep } from './context.js';
import { delayStart, type StartGate } from './start-gate.js';
import { createTask, isGlobal, isSlotDirty, isTaskDirty } from './tasks.js';
import { type EffectiveUpdateConfig, effectiveConfig } from './update-config.js';
import { type UpdaterContext, type UpdaterEvent, updaterContext, updaterFlatMachine } from './updater-machine.js';

/** What the updater asks of the service's orchestrator. */
export interface UpdaterHost {
  onFailureAction(service: ServiceRecord, action: 'pause' | 'rollback', taskId: string, isRollback: boolean): void;
  onCompleted(service: ServiceRecord): void;
}

/**
 * One of the update's `parallelism` workers, and where its slot stands: the clock's and the watchers' shared steps are
 * given the worker (no closure per slot).
 */
class Worker {
  /** The queue index of the slot this worker is replacing (null: between slots). */
  slot: number | null = null;
  /** The slot's tasks when it was taken (start-first removes them once the new task runs). */
  tasks: TaskRecord[] | null = null;
  /** The new task it waits to see reach RUNNING or later (null: none). */
  task: TaskRecord | null = null;
  /** Its gap or `--update-delay` after a slot (null: none). */
  timer: TimerHandle | null = null;

  constructor(
    readonly updater: Updater,
    readonly index: number,
  ) {}
}

export class Updater {
  readonly targetSpec: ServiceSpec;
  readonly isRollback: boolean;
  private readonly config: EffectiveUpdateConfig;
  private readonly queue: TaskRecord[][];
  /** Next slot to hand out (an index, not shift(): O(1) per slot for 100,000-slot services). */
  private nextSlot = 0;
  private readonly dirtyCount: number;
  /** taskId → when this updater saw it reach RUNNING or later (null: not yet). Only tasks it created. */
  private readonly created = new Map<string, Millis | null>();
  /** What must be undone if the update is cancelled; each entry leaves the set once it has fired. */
  private readonly cleanups = new Set<() => void>();
  private readonly workers: Worker[] = [];
  /** The new tasks watched for a failure (failure action pause or rollback) until they end. */
  private readonly failureWatched = new Set<TaskRecord>();
  private actor: FlatActor<UpdaterContext, UpdaterEvent> | null = null;
  private activeWorkers = 0;
  /** Slots handed out and not yet done: at most one per worker, so at most `parallelism`. */
  private inFlight = 0;
  private workerCount = 0;
  private readonly handedOut = new Set<SlotKey>();
  /** The monitor window the machine just entered, armed as a deadline once the send that entered it returns. */
  private monitorDue: Millis | null = null;
  /** Clears the monitor window's pending deadline (null: none). */
  private disarmMonitor: (() => void) | null = null;
  private stopped = false;
  finished = false;

  constructor(
    private readonly m: Manager,
    private readonly host: UpdaterHost,
    private readonly service: ServiceRecord,
    slots: TaskRecord[][],
  ) {
    this.targetSpec = service.spec;
    this.isRollback = service.updateStatus?.state === 'rollback_started';
    this.config = effectiveConfig(service.spec, this.isRollback);
    const dirty = slots.filter((slot) => isSlotDirty(service, slot, m.store.nodes));
    this.queue = dirty;
    this.dirtyCount = dirty.length;
  }

  get hasDirtySlots(): boolean {
    return this.dirtyCount > 0;
  }

  run(): void {
    const { config } = this;
    this.trace('start', { config: { ...config, rollback: this.isRollback }, dirtySlots: this.dirtyCount });
    const context = updaterContext({
      dirtySlotCount: this.dirtyCount,
      maxFailureRatio: config.maxFailureRatio,
      monitorMs: config.monitorMs,
      delayMs: config.delayMs,
      failureAction: config.failureAction,
      now: () => this.m.now(),
      startedAt: (taskId) => this.created.get(taskId),
      onCounted: (taskId) => this.trace('failure_counted', { taskId }),
      onFailureAction: (action, taskId) => {
        this.trace('stop', { taskId });
        this.host.onFailureAction(this.service, action, taskId, this.isRollback);
      },
      onMonitorStart: (monitorMs) => this.monitorStarted(monitorMs),
      onMonitorLeft: () => this.monitorLeft(),
      onCompleted: () => {
        this.trace('monitor_end');
        this.host.onCompleted(this.service);
      },
      workersIdle: () => this.activeWorkers === 0,
    });
    // Once done or failed, the machine takes no more events and calls nothing back (FlatActor).
    this.actor = new FlatActor(updaterFlatMachine, context, {
      done: () => this.finish(),
      // As xstate's actor did, an error a guard or an action throws (an engine assertion among them) stops the
      // machine; the clock throws it once the deadline being fired returns.
      error: (error) => this.m.clock.defer(error),
    });
    const parallelism = config.parallelism || this.dirtyCount;
    const workers = Math.min(parallelism, this.dirtyCount);
    this.activeWorkers = workers;
    this.workerCount = workers;
    for (let i = 0; i < workers; i++) this.workers.push(new Worker(this, i + 1));
    for (const worker of this.workers) this.takeNext(worker);
  }

  /** A newer spec supersedes this update: abandon every wait; tasks already created or stopped stay as they are. */
  cancel(): void {
    if (this.finished) return;
    this.trace('cancel');
    this.finish();
    this.send({ type: 'CANCEL' });
  }

  private monitorStarted(monitorMs: Millis): void {
    this.trace('monitor_start', { durationMs: monitorMs });
    this.monitorDue = monitorMs;
  }

  private monitorLeft(): void {
    this.monitorDue = null;
    const disarm = this.disarmMonitor;
    this.disarmMonitor = null;
    disarm?.();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stopped = true;
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups.clear();
    for (const worker of this.workers) {
      if (worker.timer) this.m.clock.clearTimeout(worker.timer);
      if (worker.task) this.m.watchers.unwatch(worker.task.id, Updater.newTaskStep, worker);
      worker.timer = worker.task = worker.tasks = null;
    }
    for (const task of this.failureWatched) this.m.watchers.unwatch(task.id, Updater.failureStep, this);
    this.failureWatched.clear();
  }

  // --- workers ------------------------------------------------------------------------------------

  private takeNext(worker: Worker): void {
    // The machine's states are all atomic: its value is the state's name (matches() parses the name at every call).
    if (this.stopped || this.actor?.getSnapshot().value !== 'dispatching' || this.nextSlot >= this.queue.length) {
      this.workerExit();
      return;
    }
    this.m.random.bringNext(this.queue, this.nextSlot);
    const index = this.nextSlot++;
    this.handOut(worker, index);
    if (this.nextSlot === this.queue.length) this.send({ type: 'HANDED_OUT' });
    this.replaceSlot(worker, this.queue[index]);
  }

  /** The worker's slot is done (`failed`: its new task never ran): its gap, maybe its delay, then the next slot. */
  private slotFinished(worker: Worker, task: TaskRecord, failed: boolean): void {
    this.m.store.recordSlot(this.service.id, 'slot_done', worker.index, task.slot, task);
    this.slotDone(worker);
    this.afterSlot(worker, failed);
  }

  /** A worker takes one slot at a time and each slot is handed out once: at most `parallelism` slots in flight. */
  private handOut(worker: Worker, index: number): void {
    if (worker.slot !== null)
      this.fail(
        'an update worker replaces one slot at a time',
        `worker ${worker.index} handed slot #${index} while replacing #${worker.slot}`,
      );
    const key = slotKeyOf(this.queue[index][0]);
    if (this.handedOut.has(key)) this.fail('an update hands each slot out once', `slot ${key} handed out twice`);
    this.handedOut.add(key);
    worker.slot = index;
    this.inFlight++;
    if (this.inFlight > this.workerCount)
      this.fail(
        'at most parallelism slots are in flight per update',
        `${this.inFlight} slots in flight, ${this.workerCount} workers (parallelism ${this.config.parallelism})`,
      );
  }

  private slotDone(worker: Worker): void {
    if (worker.slot === null) this.fail('an update slot is done once', `worker ${worker.index} finished no slot`);
    worker.slot = null;
    this.inFlight--;
  }

  /** A slot whose new task failed outright reaches the dispatcher together with its failure, which wins the race. */
  private afterSlot(worker: Worker, failed: boolean): void {
    const gapMs =
      this.m.span('updaterGapMs') +
      (failed && this.config.failureAction !== 'continue' ? this.m.span('updaterReactMs') : 0);
    worker.timer = this.m.clock.setStep(null, Updater.gapStep, worker, 0, gapMs);
  }

  private static readonly gapStep: Step<Worker> = (worker) => worker.updater.gapOver(worker);
  private static readonly delayStep: Step<Worker> = (worker) => worker.updater.delayOver(worker);

  private gapOver(worker: Worker): void {
    worker.timer = null;
    if (this.stopped) return;
    if (this.config.delayMs <= 0) return this.takeNext(worker);
    this.trace('delay_start', { worker: worker.index, durationMs: this.config.delayMs });
    worker.timer = this.m.clock.setStep(null, Updater.delayStep, worker, 0, this.config.delayMs);
  }

  private delayOver(worker: Worker): void {
    worker.timer = null;
    if (this.stopped) return;
    this.trace('delay_end', { worker: worker.index });
    this.takeNext(worker);
  }

  private workerExit(): void {
    this.activeWorkers--;
    if (this.activeWorkers === 0 && !this.stopped) this.send({ type: 'WORKERS_DONE' });
  }

  // --- the per-slot procedure (swarmkit worker / updateTask / useExistingTask) --------------------

  private replaceSlot(worker: Worker, slotAtStart: TaskRecord[]): void {
    const first = slotAtStart[0];
    const key = first.slot > 0 ? first.slot : first.nodeId!;
    const slot = this.m.store.tasksOfSlot(this.service.id, key).filter((t) => isAtMostRunning(t.desired));
    const tasks = slot.length ? slot : slotAtStart;
    let runningClean: TaskRecord | undefined;
    let readyClean: TaskRecord | undefined;
    for (const task of tasks) {
      if (isTaskDirty(this.service, task, this.nodeOf(task))) continue;
      if (task.desired === 'running') {
        runningClean = task;
        break;
      }
      if (stateRank(task.desired) < stateRank('running')) readyClean = task;
    }
    const existing = runningClean ?? readyClean;
    this.m.store.recordSlot(this.service.id, 'slot_start', worker.index, first.slot, existing);
    if (existing) return this.useExisting(worker, tasks, existing);

    const place = { slot: first.slot, nodeId: isGlobal(this.service) ? first.nodeId : null };
    const task = createTask(this.m, this.service, place, 'ready', 'updater');
    this.created.set(task.id, null);
    this.watchFailure(task);
    const startFirst = this.config.order === 'start-first';
    const old = startFirst ? null : this.removeOldTasks(tasks);
    this.gate(delayStart(this.m, old, task, 0, !startFirst));
    worker.tasks = tasks;
    worker.task = task;
    this.m.watchers.watch(task.id, Updater.newTaskStep, worker);
  }

  private static readonly newTaskStep: TaskWatchStep<Worker> = (worker, task) =>
    worker.updater.newTaskChanged(worker, task);

  private newTaskChanged(worker: Worker, updated: TaskRecord): void {
    if (stateRank(updated.state) < stateRank('running')) return;
    this.m.watchers.unwatch(updated.id, Updater.newTaskStep, worker);
    const tasks = worker.tasks!;
    worker.task = worker.tasks = null;
    // A task first seen past RUNNING (failed while starting) never ran: its failure counts whenever it is processed.
    if (updated.state === 'running') this.created.set(updated.id, this.m.now());
    if (this.config.order === 'start-first' && updated.state === 'running') this.removeOldTasks(tasks);
    this.slotFinished(worker, updated, updated.state !== 'running');
  }

  private useExisting(worker: Worker, tasks: TaskRecord[], existing: TaskRecord): void {
    const others = tasks.filter((t) => t !== existing);
    const old = others.length ? this.removeOldTasks(others) : null;
    if (existing.desired === 'running') return this.slotFinished(worker, existing, false);
    this.gate(
      delayStart(this.m, old, existing, 0, true, () => {
        if (!this.stopped) this.slotFinished(worker, existing, false);
      }),
    );
  }

  /** Desired=shutdown on every task of the slot still meant to run; returns the first (the one to wait for). */
  private removeOldTasks(tasks: TaskRecord[]): TaskRecord | null {
    let first: TaskRecord | null = null;
    for (const task of tasks) {
      if (task.removed || isAfterRunning(task.desired)) continue;
      this.m.store.setTaskDesired(task, 'shutdown');
      first ??= task;
    }
    return first;
  }

  private watchFailure(task: TaskRecord): void {
    if (this.config.failureAction === 'continue') return;
    this.failureWatched.add(task);
    this.m.watchers.watch(task.id, Updater.failureStep, this);
  }

  private static readonly failureStep: TaskWatchStep<Updater> = (updater, task) => updater.failureSeen(task);

  private failureSeen(updated: TaskRecord): void {
    if (!isAfterRunning(updated.state)) return;
    this.m.watchers.unwatch(updated.id, Updater.failureStep, this);
    this.failureWatched.delete(updated);
    this.later(this.m.span('updaterReactMs'), () => this.send({ type: 'FAILURE', taskId: updated.id }));
  }

  // --- plumbing -----------------------------------------------------------------------------------

  /** Events for a machine that already reached a final state are dropped (a late failure after completion). */
  private send(event: UpdaterEvent): void {
    if (this.actor?.getSnapshot().status !== 'active') return;
    this.actor.send(event);
    this.armMonitor();
    const { failures } = this.actor.getSnapshot().context;
    if (failures > this.dirtyCount)
      this.fail(
        'an update counts at most one failure per dirty slot',
        `${failures} failures counted for ${this.dirtyCount} dirty slots`,
      );
  }

  /**
   * The monitor window's deadline, set where xstate set an `after` delay: once the send that entered monitoring has
   * run its whole macrostep (a send made from inside it sees the snapshot before it, and leaves it to the outer one).
   */
  private armMonitor(): void {
    const monitorMs = this.monitorDue;
    if (monitorMs === null || this.actor?.getSnapshot().value !== 'monitoring') return;
    this.monitorDue = null;
    const disarm = () => {
      this.cleanups.delete(disarm);
      this.m.clock.clearTimeout(timer);
    };
    const timer = this.m.clock.setTimeout(() => {
      this.cleanups.delete(disarm);
      this.disarmMonitor = null;
      this.send({ type: 'MONITOR_ELAPSED' });
    }, monitorMs);
    this.cleanups.add(disarm);
    this.disarmMonitor = disarm;
  }

  /** An invariant of this update is broken: its detail is built by the caller's own test, on a hot path. */
  private fail(invariant: string, detail: string): never {
    return fail(invariant, `service ${this.service.id}: ${detail}`, this.m.random.seed);
  }

  /**
   * swarmkit's DelayStart runs on a background context owned by the restart supervisor: a superseded updater does not
   * cancel it, so a new task waiting for its old one still starts (else a stop-first slot caught mid-way by a scale or
   * another non-dirtying update is left with no running task forever).
   */
  private gate(_gate: StartGate): void {}

  private later(delayMs: Millis, fn: () => void): void {
    const cancel = () => this.m.clock.clearTimeout(id);
    const id = this.m.clock.setTimeout(() => {
      this.cleanups.delete(cancel);
      if (!this.stopped) fn();
    }, delayMs);
    this.cleanups.add(cancel);
  }

  private nodeOf(task: TaskRecord) {
    return task.nodeId ? this.m.store.nodes.get(task.nodeId) : undefined;
  }

  private trace(
    action: UpdaterAction,
    extra: Omit<Extract<TraceEvent, { type: 'updater' }>, 't_ms' | 'type' | 'serviceId' | 'action'> = {},
  ): void {
    this.m.store.record({ t_ms: this.m.now(), type: 'updater', serviceId: this.service.id, action, ...extra });
  }
}
