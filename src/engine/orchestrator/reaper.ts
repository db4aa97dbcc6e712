// The task reaper: keeps at most the history limit of tasks per slot (MaxAttempts+1 when set) and drops removed tasks.

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
      for (const key of keys) {
        const tasks = this.m.store.tasksOfSlot(serviceId, key);
        let excess = tasks.length - keep;
        for (const task of [...tasks]) {
          if (excess <= 0) break;
          if (isAfterRunning(task.state) || (isAfterRunning(task.desired) && task.state === 'pending')) {
            this.m.store.deleteTask(task);
            excess--;
          }
        }
      }
    }
    this.dirty.clear();
  }
}
