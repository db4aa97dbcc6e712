// What every manager component shares: the store, the clock, the seeded random, timing, and task watchers.

import type { ClusterConfig, Millis, TaskState, TimingProfile } from '../../types.js';
import type { VirtualClock } from '../clock.js';
import type { PortAllocator } from '../port-allocator.js';
import type { SeededRandom } from '../random.js';
import type { NodeRecord, ServiceRecord, TaskRecord } from '../records.js';
import { removeItem } from '../short-list.js';
import type { Store } from '../store.js';

export type TaskWatcher = (task: TaskRecord, previous: TaskState) => void;

/** Per-task callbacks on current-state changes (the updater's and the start gate's watches). */
export class TaskWatchers {
  /** Rarely more than two per task: an array each is lighter than a Set (a task watched once per slot replaced). */
  private readonly byTask = new Map<string, TaskWatcher[]>();

  watch(taskId: string, watcher: TaskWatcher): () => void {
    const list = this.byTask.get(taskId);
    if (list) list.push(watcher);
    else this.byTask.set(taskId, [watcher]);
    return () => this.unwatch(taskId, watcher);
  }

  notify(task: TaskRecord, previous: TaskState): void {
    const list = this.byTask.get(task.id);
    if (!list) return;
    // One watcher (the common case) needs no copy; several are called as they stood before the first one ran.
    if (list.length === 1) {
      list[0](task, previous);
      return;
    }
    for (const watcher of list.slice()) watcher(task, previous);
  }

  private unwatch(taskId: string, watcher: TaskWatcher): void {
    const list = this.byTask.get(taskId);
    if (!list) return;
    if (list.length === 1 && list[0] === watcher) this.byTask.delete(taskId);
    else removeItem(list, watcher);
  }
}

/** Node-status callbacks (the start gate waits on "old task's node went down"). */
export type NodeWatcher = (node: NodeRecord) => void;

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
