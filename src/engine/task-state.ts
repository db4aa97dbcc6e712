// The task-state transition rule: states never go backwards in swarmkit's order (src/task-states.ts).
import { TASK_STATE_ORDER } from '../task-states.js';
import type { TaskState } from '../types.js';
import { fail } from './assert.js';

export function stateRank(state: TaskState): number {
  return TASK_STATE_ORDER[state];
}

export { isAfterRunning, isAtMostRunning } from '../task-states.js';

/** The next current state, asserting it does not go backwards (a bug in the engine, never user input). */
export function nextTaskState(current: TaskState, next: TaskState, taskId: string): TaskState {
  if (TASK_STATE_ORDER[next] < TASK_STATE_ORDER[current])
    fail("a task's observed state never goes backwards", `task ${taskId} ${current} -> ${next}`);
  return next;
}

/** The next desired state: swarmkit only ever moves it forward (ready → running → shutdown → remove). */
export function nextDesiredState(current: TaskState, next: TaskState, taskId: string): TaskState {
  if (TASK_STATE_ORDER[next] < TASK_STATE_ORDER[current])
    fail("a task's desired state only goes forward", `task ${taskId} desired ${current} -> ${next}`);
  return next;
}
