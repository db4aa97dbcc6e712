// What every manager component shares: the store, the clock, the seeded random, timing, and task watchers.

import type { ClusterConfig, Millis, TaskState, TimingProfile } from '../../types.js';
import type { VirtualClock } from '../clock.js';
import type { PortAllocator } from '../port-allocator.js';
import type { SeededRandom } from '../random.js';
import type { NodeRecord, ServiceRecord, TaskRecord } from '../records.js';
import type { Store } from '../store.js';

/**
 * Called on a watched task's current-state change with what the watch was given: one function for every watch of its
 * kind (no closure per watch), as the clock's steps are.
 */
export type TaskWatchStep<S> = (subject: S, task: TaskRecord, previous: TaskState) => void;

/** Per-task watches of current-state changes (the updater's and the start gate's). */
export class TaskWatchers {
  /**
   * Per task, its watches as step, subject, step, subject…: rarely more than two watches, an array each is lighter than
   * a Set (a task watched once per slot replaced).
   */
  private readonly byTask = new Map<string, unknown[]>();

  watch<S>(taskId: string, step: TaskWatchStep<S>, subject: S): void {
    const list = this.byTask.get(taskId);
    if (list) list.push(step, subject);
    else this.byTask.set(taskId, [step, subject]);
  }

  /** Ends the watch `watch(taskId, step, subject)` began (none: nothing). */
  unwatch<S>(taskId: string, step: TaskWatchStep<S>, subject: S): void {
    const list = this.byTask.get(taskId);
    if (!list) return;
    for (let at = 0; at < list.length; at += 2) {
      if (list[at] !== step || list[at + 1] !== subject) continue;
      if (list.length === 2) this.byTask.delete(taskId);
      else list.splice(at, 2);
      return;
    }
  }

  notify(task: TaskRecord, previous: TaskState): void {
    const list = this.byTask.get(task.id);
    if (!list) return;
    // One watch (the common case) needs no copy; several are called as they stood before the first one ran.
    if (list.length === 2) {
      (list[0] as TaskWatchStep<unknown>)(list[1], task, previous);
      return;
    }
    const watches = list.slice();
    for (let at = 0; at < watches.length; at += 2) {
      (watches[at] as TaskWatchStep<unknown>)(watches[at + 1], task, previous);
    }
  }
}

/** What waits on node-status changes (the start gate waits on "old task's node went down"). */
export interface NodeWatcher {
  nodeChanged(node: NodeRecord): void;
}

export interface Manager {
  readonly store: Store;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly timing: TimingProfile;
  readonly config: ClusterConfig;
  readonly watchers: TaskWatchers;
  readonly nodeWatchers: Set<NodeWatcher>;
  /** Published ports: conflict checks and the ingress ports handed out. */
  readonly ports: PortAllocator;
  now(): Millis;
  span(key: keyof TimingProfile): Millis;
  /** Re-run the orchestrator for a service (after a spec change or a node change). */
  reconcile(service: ServiceRecord): void;
}
