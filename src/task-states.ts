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

const ORDER = Object.fromEntries(TASK_STATES.map((state, index) => [state, index])) as Record<TaskState, number>;

/** Past `running` in swarmkit's order: as a desired state, the task was told to stop; as a state, it has ended. */
export const isAfterRunning = (state: TaskState): boolean => ORDER[state] > ORDER.running;
export const isAtMostRunning = (state: TaskState): boolean => ORDER[state] <= ORDER.running;

/**
 * What `docker service ps -f desired-state=` accepts (case-insensitive): swarmkit's TaskState enum names.
 * 'allocated' is the Engine API's only; the 20.10 daemon answers `Invalid desired-state filter: 'allocated'`.
 */
export const DESIRED_STATE_FILTER_STATES: readonly TaskState[] = TASK_STATES.filter((s) => s !== 'allocated');
