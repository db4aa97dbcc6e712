// TaskState order (swarmkit's numeric "lamport clock") and the pure transition rule: states never go backwards.
import type { TaskState } from '../types.js';
import { assert } from './assert.js';

export const TASK_STATE_ORDER: Readonly<Record<TaskState, number>> = Object.freeze({
  new: 0,
  allocated: 32,
  pending: 64,
  assigned: 192,
  accepted: 256,
  preparing: 320,
  ready: 384,
  starting: 448,
  running: 512,
  complete: 576,
  shutdown: 640,
  failed: 704,
  rejected: 768,
  remove: 800,
  orphaned: 832,
});

export function stateRank(state: TaskState): number {
  return TASK_STATE_ORDER[state];
}

export { isAfterRunning, isAtMostRunning } from '../task-states.js';

/** The next current state, asserting it does not go backwards (a bug in the engine, never user input). */
export function nextTaskState(current: TaskState, next: TaskState, taskId: string): TaskState {
  assert(
    TASK_STATE_ORDER[next] >= TASK_STATE_ORDER[current],
    "a task's observed state never goes backwards",
    () => `task ${taskId} ${current} -> ${next}`,
  );
  return next;
}

/** The next desired state: swarmkit only ever moves it forward (ready → running → shutdown → remove). */
export function nextDesiredState(current: TaskState, next: TaskState, taskId: string): TaskState {
  assert(
    TASK_STATE_ORDER[next] >= TASK_STATE_ORDER[current],
    "a task's desired state only goes forward",
    () => `task ${taskId} desired ${current} -> ${next}`,
  );
  return next;
}
