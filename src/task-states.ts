// Every TaskState of the Engine API, in swarmkit's order, named once: the type, the trace reader and the filters use
// it.

export const TASK_STATES = [
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
] as const;

export type TaskState = (typeof TASK_STATES)[number];

/** swarmkit's numeric TaskState values (its "lamport clock"): a task's state only moves up this order. */
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

/** Past `running` in swarmkit's order: as a desired state, the task was told to stop; as a state, it has ended. */
export const isAfterRunning = (state: TaskState): boolean => TASK_STATE_ORDER[state] > TASK_STATE_ORDER.running;
export const isAtMostRunning = (state: TaskState): boolean => TASK_STATE_ORDER[state] <= TASK_STATE_ORDER.running;
/** Ended, and not yet removed or orphaned: `complete`, `shutdown`, `failed` or `rejected` (the states with an exit). */
export const hasEnded = (state: TaskState): boolean =>
  isAfterRunning(state) && TASK_STATE_ORDER[state] < TASK_STATE_ORDER.remove;
/** A failure of the task itself: it exited in error (`failed`), or its node could not run it (`rejected`). */
export const isFailure = (state: TaskState): boolean => state === 'failed' || state === 'rejected';

/**
 * What `docker service ps -f desired-state=` accepts (case-insensitive): swarmkit's TaskState enum names.
 * 'allocated' is the Engine API's only; the 20.10 daemon answers `Invalid desired-state filter: 'allocated'`.
 */
export const DESIRED_STATE_FILTER_STATES: readonly TaskState[] = TASK_STATES.filter((s) => s !== 'allocated');
