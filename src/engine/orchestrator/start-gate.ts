// swarmkit's DelayStart: move a new task to desired=running after a delay and once the old task has stopped (≤ 1 min).
import { OLD_TASK_TIMEOUT_MS } from '../../defaults.js';
import type { Millis } from '../../types.js';
import type { TaskRecord } from '../records.js';
import { isAfterRunning } from '../task-state.js';
import type { Manager } from './context.js';

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
  const waitForOld = waitStop && oldTask !== null && !isAfterRunning(oldTask.state);
  const deadlineMs = m.now() + OLD_TASK_TIMEOUT_MS;
  let done = false;
  const cleanups: (() => void)[] = [];
  const finish = () => {
    if (done) return;
    done = true;
    for (const cleanup of cleanups) cleanup();
    if (!newTask.removed && newTask.desired === 'ready') m.store.setTaskDesired(newTask, 'running');
    onStarted?.();
  };
  const waitOld = () => {
    if (done) return;
    if (!waitForOld || isAfterRunning(oldTask!.state) || nodeDown(m, oldTask!)) return finish();
    cleanups.push(
      m.watchers.watch(oldTask!.id, (task) => {
        if (isAfterRunning(task.state)) finish();
      }),
    );
    const nodeWatcher = () => {
      if (nodeDown(m, oldTask!)) finish();
    };
    m.nodeWatchers.add(nodeWatcher);
    cleanups.push(() => m.nodeWatchers.delete(nodeWatcher));
    const timer = m.clock.setTimeout(finish, Math.max(0, deadlineMs - m.now()));
    cleanups.push(() => m.clock.clearTimeout(timer));
  };
  if (delayMs > 0) {
    const timer = m.clock.setTimeout(waitOld, delayMs);
    cleanups.push(() => m.clock.clearTimeout(timer));
  } else {
    waitOld();
  }
  return {
    cancel: () => {
      if (done) return;
      done = true;
      for (const cleanup of cleanups) cleanup();
    },
  };
}

function nodeDown(m: Manager, task: TaskRecord): boolean {
  if (!task.nodeId) return false;
  const node = m.store.nodes.get(task.nodeId);
  return !node || node.state === 'down';
}
