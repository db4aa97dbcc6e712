// The one definition of availability: which tasks of a service count at an instant, in two named counting modes.
import { isAfterRunning } from '../task-states.js';
import type { FoldState, NodeRow, TaskRow } from './fold.js';

/**
 * `serving` (the default; the chart, the lab's minAvailable, lesson goals and trace comparisons): tasks that are
 * `running`, still desired `running`, on a node the manager has not marked `down`.
 * - A task told to stop no longer serves: the daemon's swarm executor removes its service binding (load balancer and
 *   DNS entries) first when told to shut down, before it stops the container (moby daemon/cluster/executor/container,
 *   controller.Shutdown → deactivateServiceBinding).
 * - A task on a node whose agent was cut still counts until the manager marks the node `down`: its container keeps
 *   running and the manager, which is where Swarm's view of the service comes from, knows of no change before then.
 *
 * `running`: every task whose state is `running`, as `docker service ps` shows it (told to stop or not, on a down node
 * or not).
 */
export type AvailabilityCounting = 'serving' | 'running';

export const DEFAULT_COUNTING: AvailabilityCounting = 'serving';

/** Whether `task` counts as available under `counting`; `node` is the row of the node it is on, if any. */
export function countsAsAvailable(
  task: Pick<TaskRow, 'state' | 'desired'>,
  node: Pick<NodeRow, 'state'> | undefined,
  counting: AvailabilityCounting = DEFAULT_COUNTING,
): boolean {
  if (task.state !== 'running') return false;
  if (counting === 'running') return true;
  return !isAfterRunning(task.desired) && node?.state !== 'down';
}

/** Whether the task with this row counts in the fold's current state. */
export function isAvailableIn(
  state: FoldState,
  task: TaskRow,
  counting: AvailabilityCounting = DEFAULT_COUNTING,
): boolean {
  return countsAsAvailable(task, task.nodeId === null ? undefined : state.nodes.get(task.nodeId), counting);
}

/** Available tasks per image among `taskIds` (default: every task of `serviceId`), in the fold's current state. */
export function availableByImage(
  state: FoldState,
  serviceId: string,
  counting: AvailabilityCounting = DEFAULT_COUNTING,
  taskIds?: Iterable<string>,
): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (task: TaskRow | undefined) => {
    if (!task || task.serviceId !== serviceId || !isAvailableIn(state, task, counting)) return;
    counts.set(task.image, (counts.get(task.image) ?? 0) + 1);
  };
  if (taskIds === undefined) for (const task of state.tasks.values()) count(task);
  else for (const id of taskIds) count(state.tasks.get(id));
  return counts;
}
