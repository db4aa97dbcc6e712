// swarmkit's DelayStart: move a new task to desired=running after a delay and once the old task has stopped (≤ 1 min).
import { OLD_TASK_TIMEOUT_MS } from '../../defaults.js';
import type { Millis } from '../../types.js';
import type { Step, TimerHandle } from '../clock.js';
import type { TaskRecord } from '../records.js';
import { isAfterRunning } from '../task-state.js';
import type { Manager, NodeWatcher, TaskWatchStep } from './context.js';

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
 * One gate: its state in fields, its waits as the clock's and the watchers' shared steps given the gate (one gate per
 * slot an update replaces: closures made for each wait outlived the young generation).
 */
class DelayedStart implements StartGate, NodeWatcher {
  private static readonly delayStep: Step<DelayedStart> = (gate) => {
    gate.delayTimer = null;
    gate.waitOld();
  };
  private static readonly deadlineStep: Step<DelayedStart> = (gate) => {
    gate.deadlineTimer = null;
    gate.finish();
  };
  private static readonly oldTaskStep: TaskWatchStep<DelayedStart> = (gate, task) => {
    if (isAfterRunning(task.state)) gate.finish();
  };

  private done = false;
  private delayTimer: TimerHandle | null = null;
  private deadlineTimer: TimerHandle | null = null;
  /** Waiting for the old task: its state changes and its node's are watched. */
  private waiting = false;

  constructor(
    private readonly m: Manager,
    /** The old task to wait for (null: none, or it had already stopped when the gate was made). */
    private readonly oldTask: TaskRecord | null,
    private readonly newTask: TaskRecord,
    private readonly deadlineMs: Millis,
    private readonly onStarted: (() => void) | undefined,
  ) {}

  begin(delayMs: Millis): void {
    if (delayMs > 0) this.delayTimer = this.m.clock.setStep(null, DelayedStart.delayStep, this, 0, delayMs);
    else this.waitOld();
  }

  /** The old task's node changed: gone down, the wait is over. */
  nodeChanged(): void {
    if (this.oldTask && nodeDown(this.m, this.oldTask)) this.finish();
  }

  private waitOld(): void {
    if (this.done) return;
    const old = this.oldTask;
    if (!old || isAfterRunning(old.state) || nodeDown(this.m, old)) return this.finish();
    this.waiting = true;
    this.m.watchers.watch(old.id, DelayedStart.oldTaskStep, this);
    this.m.nodeWatchers.add(this);
    const leftMs = Math.max(0, this.deadlineMs - this.m.now());
    this.deadlineTimer = this.m.clock.setStep(null, DelayedStart.deadlineStep, this, 0, leftMs);
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
    if (this.waiting && this.oldTask) {
      this.m.watchers.unwatch(this.oldTask.id, DelayedStart.oldTaskStep, this);
      this.m.nodeWatchers.delete(this);
    }
    if (this.deadlineTimer) this.m.clock.clearTimeout(this.deadlineTimer);
    this.delayTimer = this.deadlineTimer = null;
    this.waiting = false;
  }
}

function nodeDown(m: Manager, task: TaskRecord): boolean {
  if (!task.nodeId) return false;
  const node = m.store.nodes.get(task.nodeId);
  return !node || node.state === 'down';
}
