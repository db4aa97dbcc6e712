// swarmkit's DelayStart: move a new task to desired=running after a delay and once the old task has stopped (≤ 1 min).
import { OLD_TASK_TIMEOUT_MS } from '../../defaults.js';
import type { Millis } from '../../types.js';
import type { TimerHandle } from '../clock.js';
import type { TaskRecord } from '../records.js';
import { isAfterRunning } from '../task-state.js';
import type { Manager, NodeWatcher } from './context.js';

export interface StartGate {
  cancel(): void;
}

/**
 * Waits `delayMs`, then (if `waitStop` and the old task still runs) until the old task passes RUNNING, its node goes
 * down, or one minute after the call; then sets the new task's desired state to RUNNING and calls `onStarted`.
 */
export function delayStart(
  m: Manager,
  oldTask: TaskRecord | null,
  newTask: TaskRecord,
  delayMs: Millis,
  waitStop: boolean,
  onStarted?: () => void,
): StartGate {
  const waitFor = waitStop && oldTask !== null && !isAfterRunning(oldTask.state) ? oldTask : null;
  const gate = new DelayedStart(m, waitFor, newTask, m.now() + OLD_TASK_TIMEOUT_MS, onStarted);
  gate.begin(delayMs);
  return gate;
}

/**
 * One gate: its state in fields and the few closures a wait needs, made only when it waits (one gate per slot an
 * update replaces: the closures and cleanup list it once made each time outlived the young generation).
 */
class DelayedStart implements StartGate {
  private done = false;
  private delayTimer: TimerHandle | null = null;
  private deadlineTimer: TimerHandle | null = null;
  private unwatch: (() => void) | null = null;
  private nodeWatcher: NodeWatcher | null = null;

  constructor(
    private readonly m: Manager,
    /** The old task to wait for (null: none, or it had already stopped when the gate was made). */
    private readonly oldTask: TaskRecord | null,
    private readonly newTask: TaskRecord,
    private readonly deadlineMs: Millis,
    private readonly onStarted: (() => void) | undefined,
  ) {}

  begin(delayMs: Millis): void {
    if (delayMs > 0) this.delayTimer = this.m.clock.setTimeout(() => this.waitOld(), delayMs);
    else this.waitOld();
  }

  private waitOld(): void {
    if (this.done) return;
    const old = this.oldTask;
    if (!old || isAfterRunning(old.state) || nodeDown(this.m, old)) return this.finish();
    this.unwatch = this.m.watchers.watch(old.id, (task) => {
      if (isAfterRunning(task.state)) this.finish();
    });
    this.nodeWatcher = () => {
      if (nodeDown(this.m, old)) this.finish();
    };
    this.m.nodeWatchers.add(this.nodeWatcher);
    this.deadlineTimer = this.m.clock.setTimeout(() => this.finish(), Math.max(0, this.deadlineMs - this.m.now()));
  }

  cancel(): void {
    if (this.done) return;
    this.done = true;
    this.cleanUp();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.cleanUp();
    const task = this.newTask;
    if (!task.removed && task.desired === 'ready') this.m.store.setTaskDesired(task, 'running');
    this.onStarted?.();
  }

  private cleanUp(): void {
    if (this.delayTimer) this.m.clock.clearTimeout(this.delayTimer);
    this.unwatch?.();
    if (this.nodeWatcher) this.m.nodeWatchers.delete(this.nodeWatcher);
    if (this.deadlineTimer) this.m.clock.clearTimeout(this.deadlineTimer);
  }
}

function nodeDown(m: Manager, task: TaskRecord): boolean {
  if (!task.nodeId) return false;
  const node = m.store.nodes.get(task.nodeId);
  return !node || node.state === 'down';
}
