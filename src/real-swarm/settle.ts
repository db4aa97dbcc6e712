// When a recorded swarm has settled: no update running, no task left running that was told to stop, quiet long enough.
import { SETTLE_MAX_AFTER_STATUS_MS } from '../defaults.js';
import { isAfterRunning } from '../engine/task-state.js';
import type { Millis, Node, Service, Task } from '../types.js';
import { isFinalUpdateState } from '../update-states.js';

/**
 * How long after a service update its new updater may take to set UpdateStatus again (ms here; seconds when loaded).
 */
export const UPDATER_START_MS: Millis = 2_000;

/** What one poll of the swarm saw, with when tasks and control state last changed (wall ms of the run). */
export interface PolledState {
  nowMs: Millis;
  services: Service[];
  tasks: Task[];
  nodes: Node[];
  lastTaskChangeMs: Millis;
  lastControlChangeMs: Millis;
}

export function isPolledSettled(polled: PolledState, quietMs: Millis): boolean {
  if (polled.services.some((s) => s.UpdateStatus && !isFinalUpdateState(s.UpdateStatus.State))) return false;
  // A task on a down node stays `running` in the manager's view until the node is back: as in the simulator, it does
  // not count.
  const upNodes = new Set(polled.nodes.filter((n) => n.Status.State !== 'down').map((n) => n.ID));
  const stopping = (t: Task) =>
    isAfterRunning(t.DesiredState) && t.Status.State === 'running' && upNodes.has(t.NodeID ?? '');
  if (polled.tasks.some(stopping)) return false;
  const now = polled.nowMs;
  // Every service update resets UpdateStatus to nil, and the new updater sets it again moments later when a task is
  // dirty: a nil status just after a control change does not yet mean "no update" (tasks may have been quiet long).
  const justReset = polled.services.some((s) => !s.UpdateStatus) && now - polled.lastControlChangeMs < UPDATER_START_MS;
  if (justReset) return false;
  const live = polled.tasks.filter((t) => !t.NodeID || upNodes.has(t.NodeID));
  if (polled.services.some((s) => !s.UpdateStatus && hasOutdatedTask(s, live))) return false;
  return now - polled.lastTaskChangeMs >= quietMs || now - polled.lastControlChangeMs >= SETTLE_MAX_AFTER_STATUS_MS;
}

/**
 * A spec sent again unchanged mid-rollout resets UpdateStatus to nil while swarmkit's updater, heading for that same
 * spec, runs on: the status cannot tell, but a task still meant to run with another image or force count can (the
 * simulator sees the updater itself). A task on a down node stays as it was until the node is back: not counted.
 */
function hasOutdatedTask(service: Service, tasks: Task[]): boolean {
  const template = service.Spec?.TaskTemplate;
  if (!template) return false;
  return tasks.some(
    (t) =>
      t.ServiceID === service.ID &&
      t.DesiredState === 'running' &&
      (t.Spec?.ContainerSpec?.Image !== template.ContainerSpec?.Image ||
        (t.Spec?.ForceUpdate ?? 0) !== (template.ForceUpdate ?? 0)),
  );
}
