// The task reaper: keeps at most the history limit of tasks per slot (MaxAttempts+1 when set) and drops removed tasks.

import { fail } from '../assert.js';
import type { TaskRecord } from '../records.js';
import { type SlotKey, slotKeyOf } from '../store.js';
import { isAfterRunning } from '../task-state.js';
import type { Manager } from './context.js';

/** swarmkit batches reaping about every 250 ms. */
const REAP_BATCH_MS = 250;

export class TaskReaper {
  private readonly dirty = new Map<string, Set<SlotKey>>();
  private readonly removed = new Set<TaskRecord>();
  private scheduled = false;

  constructor(private readonly m: Manager) {}

  taskCreated(task: TaskRecord): void {
    let keys = this.dirty.get(task.serviceId);
    if (!keys) this.dirty.set(task.serviceId, (keys = new Set()));
    keys.add(slotKeyOf(task));
    this.schedule();
  }

  /** A task with desired=remove (scale-down, service rm) has stopped: it goes at the next batch. */
  taskStoppedForRemoval(task: TaskRecord): void {
    this.removed.add(task);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.m.clock.setTimeout(() => this.reap(), REAP_BATCH_MS);
  }

  private reap(): void {
    this.scheduled = false;
    for (const task of this.removed) this.m.store.deleteTask(task);
    this.removed.clear();
    const limit = this.m.config.taskHistoryLimit;
    if (limit < 0) return this.dirty.clear();
    for (const [serviceId, keys] of this.dirty) {
      const service = this.m.store.services.get(serviceId);
      const maxAttempts = service?.spec.TaskTemplate.RestartPolicy?.MaxAttempts ?? 0;
      const keep = maxAttempts > 0 ? maxAttempts + 1 : limit;
      for (const key of keys) this.reapSlot(serviceId, key, keep);
    }
    this.dirty.clear();
  }

  /** Deletes the slot's oldest finished tasks until it holds `keep` tasks (running ones are never reaped). */
  private reapSlot(serviceId: string, key: SlotKey, keep: number): void {
    const tasks = this.m.store.tasksOfSlot(serviceId, key);
    let excess = tasks.length - keep;
    for (const task of [...tasks]) {
      if (excess <= 0) break;
      if (reapable(task)) {
        this.m.store.deleteTask(task);
        excess--;
      }
    }
    // O(slot): the slot holds about `keep` tasks, and the loop above walked it already.
    const left = this.m.store.tasksOfSlot(serviceId, key);
    let history = 0;
    for (const task of left) if (reapable(task)) history++;
    if (history > keep)
      fail(
        'a slot keeps at most the task history limit of finished tasks once reaped',
        `service ${serviceId} slot ${key}: ${history} finished tasks of ${left.length}, limit ${keep}`,
        this.m.random.seed,
      );
  }
}

/** A finished task, or one never started that is meant to stop: history the reaper may delete. */
function reapable(task: TaskRecord): boolean {
  return isAfterRunning(task.state) || (isAfterRunning(task.desired) && task.state === 'pending');
}
