// `docker logs CONTAINER`: a task's container on the node the CLI talks to (the leader manager), by name or ID, as the
// local daemon finds it.

import { errNoSuchContainer } from '../messages.js';
import type { ClusterState, Task } from '../types.js';
import { CliError, type CommandInfo, runCommand } from './cobra.js';
import type { CommandContext } from './context.js';
import type { CommandResult } from './result.js';

const LOGS: CommandInfo = {
  path: 'docker logs',
  useLine: 'docker logs [OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  flags: [
    { name: 'details', kind: 'bool', ignored: true },
    { name: 'follow', short: 'f', kind: 'bool', ignored: true },
    { name: 'since', kind: 'string', ignored: true },
    { name: 'until', kind: 'string', ignored: true },
    { name: 'timestamps', short: 't', kind: 'bool', ignored: true },
    { name: 'tail', short: 'n', kind: 'string', defaultValue: 'all' },
  ],
  args: { exactly: 1 },
};

/** Task states in which its container exists (created, then kept after it exited); a shutdown one if it has exited. */
const WITH_CONTAINER = new Set(['starting', 'running', 'complete', 'failed']);
const hasContainer = (task: Task): boolean =>
  WITH_CONTAINER.has(task.Status.State) || task.Status.ContainerStatus !== undefined;

/**
 * The containers of the CLI's own node: a swarm task's is named SERVICE.SLOT.TASKID. The simulator gives containers
 * no ID of their own (a recorded trace may): those are found by name only.
 */
function localContainers(state: ClusterState): { task: Task; name: string; id: string }[] {
  const self = state.nodes.find((n) => n.ManagerStatus?.Leader) ?? state.nodes.find((n) => n.Spec.Role === 'manager');
  return state.tasks.flatMap((task) => {
    const id = task.Status.ContainerStatus?.ContainerID ?? '';
    if (!self || task.NodeID !== self.ID || !hasContainer(task)) return [];
    const service = state.services.find((s) => s.ID === task.ServiceID)?.Spec.Name ?? task.ServiceID;
    return [{ task, name: `${service}.${task.Slot ?? task.NodeID}.${task.ID}`, id }];
  });
}

/** Full ID, exact name, then a unique ID prefix (moby's container lookup); a service name is no container name. */
function findContainer(state: ClusterState, ref: string): Task | null {
  const containers = localContainers(state);
  const exact = containers.find(
    (c) => (c.id !== '' && c.id === ref) || c.name === ref || c.name === ref.replace(/^\//, ''),
  );
  if (exact) return exact.task;
  const prefixed = containers.filter((c) => c.id !== '' && c.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0].task : null;
}

export function containerLogs(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(LOGS, argv, (flags, out) => {
    const ref = flags.args[0];
    const task = findContainer(ctx.engine.state(), ref);
    if (!task) throw new CliError(errNoSuchContainer(ref));
    let lines = ctx.engine
      .logs(task.ServiceID)
      .filter((line) => line.taskId === task.ID)
      .map((line) => line.line);
    const tail = flags.string('tail');
    if (/^\d+$/.test(tail)) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    for (const line of lines) out.out(line);
    return out.result(0);
  });
}
