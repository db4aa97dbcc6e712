// The scheduler: moves new tasks to pending, then assigns them to a node (spread), or leaves them pending with Swarm's error.
import { errNoSuitableNode, nodesNotAvailable, TASK_MSG } from '../messages.js';
import { isAfterRunning, isAtMostRunning } from '../task-state.js';
import type { NodeRecord, TaskRecord } from '../types.js';
import type { Manager } from './context.js';
import { nodeMatches } from './tasks.js';

export class Scheduler {
  private readonly unassigned = new Set<TaskRecord>();
  /** nodeId → serviceId → tasks meant to run there; kept incrementally so spreading stays O(nodes). */
  private readonly load = new Map<string, Map<string, number>>();
  private readonly loadTotal = new Map<string, number>();

  constructor(private readonly m: Manager) {}

  /** A task was just created: the allocator makes it pending, the scheduler assigns it a little later. */
  taskCreated(task: TaskRecord): void {
    this.m.store.setTaskState(task, 'pending', { message: TASK_MSG.pending });
    this.unassigned.add(task);
    this.m.clock.setTimeout(() => this.assign(task), this.m.span('scheduleMs'));
  }

  /** Nodes changed (availability, status): retry every task still waiting for a node. */
  retryPending(): void {
    for (const task of [...this.unassigned]) this.assign(task);
  }

  /** Desired state went past running, or the task was deleted: it no longer weighs on its node. */
  release(task: TaskRecord): void {
    this.unassigned.delete(task);
    if (task.nodeId && (this.counted.has(task.id))) {
      this.counted.delete(task.id);
      this.adjust(task.nodeId, task.serviceId, -1);
    }
  }

  private readonly counted = new Set<string>();

  private assign(task: TaskRecord): void {
    if (!this.unassigned.has(task)) return;
    if (!this.m.store.tasks.has(task.id) || isAfterRunning(task.desired)) {
      this.unassigned.delete(task);
      return;
    }
    const constraints = task.spec.Placement?.Constraints ?? [];
    const maxReplicas = task.spec.Placement?.MaxReplicas ?? 0;
    if (task.nodeId) {
      const node = this.m.store.nodes.get(task.nodeId);
      if (!node || !schedulable(node)) return this.unschedulable(task, 1);
      this.bind(task, node, TASK_MSG.assignedGlobal);
      return;
    }
    let best: NodeRecord | undefined;
    let bestService = Infinity;
    let bestTotal = Infinity;
    let unavailable = 0;
    for (const node of this.m.store.nodes.values()) {
      if (!schedulable(node) || !nodeMatches(node, constraints)) {
        unavailable++;
        continue;
      }
      const onNode = this.load.get(node.id)?.get(task.serviceId) ?? 0;
      if (maxReplicas && onNode >= maxReplicas) {
        unavailable++;
        continue;
      }
      const total = this.loadTotal.get(node.id) ?? 0;
      if (onNode < bestService || (onNode === bestService && total < bestTotal)) {
        best = node;
        bestService = onNode;
        bestTotal = total;
      }
    }
    if (!best) return this.unschedulable(task, unavailable);
    this.m.store.setTaskNode(task, best.id);
    this.bind(task, best, TASK_MSG.assigned);
  }

  private bind(task: TaskRecord, node: NodeRecord, message: string): void {
    this.unassigned.delete(task);
    if (isAtMostRunning(task.desired)) {
      this.counted.add(task.id);
      this.adjust(node.id, task.serviceId, +1);
    }
    this.m.store.setTaskState(task, 'assigned', { message });
    this.m.store.hooks?.taskNeedsAgent(task);
  }

  private unschedulable(task: TaskRecord, unavailable: number): void {
    const err = errNoSuitableNode(nodesNotAvailable(unavailable));
    if (task.err !== err) this.m.store.setTaskState(task, 'pending', { message: TASK_MSG.pending, err });
  }

  private adjust(nodeId: string, serviceId: string, delta: number): void {
    let perService = this.load.get(nodeId);
    if (!perService) this.load.set(nodeId, (perService = new Map()));
    perService.set(serviceId, (perService.get(serviceId) ?? 0) + delta);
    this.loadTotal.set(nodeId, (this.loadTotal.get(nodeId) ?? 0) + delta);
  }
}

/** swarmkit ReadyFilter: the node is up and accepts new tasks. */
export function schedulable(node: NodeRecord): boolean {
  return node.state === 'ready' && node.availability === 'active';
}
