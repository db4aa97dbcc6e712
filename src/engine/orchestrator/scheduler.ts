// The scheduler: moves new tasks to pending, then assigns them to a node (spread), or leaves them pending with Swarm's
// error.
import { errNoSuitableNode, explainUnschedulable, TASK_MSG } from '../../messages.js';
import { hostPortKey } from '../../ports.js';
import { fail } from '../assert.js';
import type { NodeRecord, TaskRecord } from '../records.js';
import { isAfterRunning, isAtMostRunning } from '../task-state.js';
import type { Manager } from './context.js';
import { SpreadIndex } from './spread-index.js';
import { nodeMatches } from './tasks.js';

export class Scheduler {
  private readonly unassigned = new Set<TaskRecord>();
  /** Node order is fixed at start: per-node counters live in arrays indexed by it, so spreading is a tight scan. */
  private readonly nodeIndex = new Map<string, number>();
  private nodeList: NodeRecord[] = [];
  private readonly perService = new Map<string, Int32Array>();
  private totals = new Int32Array(0);
  private readonly counted = new Map<string, number>();
  /** Per service, the spread choice among schedulable nodes, kept up to date (placements with no constraints). */
  private readonly spread = new Map<string, SpreadIndex>();
  private schedulableNodes = new Uint8Array(0);
  private seenNodeWrites = -1;

  constructor(private readonly m: Manager) {}

  /** A task was just created: the allocator makes it pending, the scheduler assigns it a little later. */
  taskCreated(task: TaskRecord): void {
    this.m.store.setTaskStatus(task, 'pending', TASK_MSG.pending);
    this.unassigned.add(task);
    this.m.clock.setTimeout(() => this.assign(task), this.m.span('scheduleMs'));
  }

  /** Nodes changed (availability, status): retry every task still waiting for a node. */
  retryPending(): void {
    for (const task of [...this.unassigned]) this.assign(task);
  }

  /** Desired state went past running, or the task was deleted: it no longer weighs on its node. */
  release(task: TaskRecord): void {
    if (this.unassigned.delete(task) && !task.removed && isAfterRunning(task.desired)) {
      // Never scheduled: no agent will report it, so it ends here (the recordings show such tasks shut down).
      this.m.clock.setTimeout(() => {
        if (!task.removed && !isAfterRunning(task.state)) {
          this.m.store.setTaskState(task, 'shutdown', { message: TASK_MSG.shutdown });
        }
      }, this.m.span('cancelMs'));
    }
    const index = this.counted.get(task.id);
    if (index === undefined) return;
    this.counted.delete(task.id);
    const counts = this.countsOf(task.serviceId);
    counts[index]--;
    this.totals[index]--;
    this.countsChanged(index);
    if (counts[index] < 0 || this.totals[index] < 0)
      fail(
        "a node's scheduled-task counts never go negative",
        `node #${index}: ${counts[index]} of service ${task.serviceId}, ${this.totals[index]} in all`,
        this.m.random.seed,
      );
  }

  private assign(task: TaskRecord): void {
    if (!this.unassigned.has(task)) return;
    if (task.removed || isAfterRunning(task.desired)) {
      this.unassigned.delete(task);
      return;
    }
    this.syncNodes();
    if (task.nodeId) {
      const node = this.m.store.nodes.get(task.nodeId);
      if (!node || !schedulable(node)) return this.unschedulable(task, { notReady: 1, constraints: 0, maxReplicas: 0 });
      if (task.hostPorts.length && this.hostPortsInUse(task).has(node.id))
        return this.unschedulable(task, { notReady: 0, constraints: 0, hostPorts: 1, maxReplicas: 0 });
      this.bind(task, node, TASK_MSG.assignedGlobal);
      return;
    }
    const constraints = task.spec.Placement?.Constraints ?? [];
    const maxReplicas = task.spec.Placement?.MaxReplicas ?? 0;
    const nodes = this.nodeList;
    const portsInUse = task.hostPorts.length ? this.hostPortsInUse(task) : null;
    if (!constraints.length && !maxReplicas && !portsInUse) {
      const best = this.spreadOf(task.serviceId).best();
      if (best >= 0) {
        this.m.store.setTaskNode(task, nodes[best].id);
        this.bind(task, nodes[best], TASK_MSG.assigned);
        return;
      }
    }
    const counts = this.countsOf(task.serviceId);
    const totals = this.totals;
    let best = -1;
    const failures = { notReady: 0, constraints: 0, hostPorts: 0, maxReplicas: 0 };
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!schedulable(node)) failures.notReady++;
      else if (constraints.length && !nodeMatches(node, constraints)) failures.constraints++;
      else if (portsInUse?.has(node.id)) failures.hostPorts++;
      else if (maxReplicas && counts[i] >= maxReplicas) failures.maxReplicas++;
      else if (best < 0 || counts[i] < counts[best] || (counts[i] === counts[best] && totals[i] < totals[best]))
        best = i;
    }
    if (best < 0) return this.unschedulable(task, failures);
    this.m.store.setTaskNode(task, nodes[best].id);
    this.bind(task, nodes[best], TASK_MSG.assigned);
  }

  /** A task holding a host port passed RUNNING or was deleted: its node may take a task waiting for that port. */
  hostPortsFreed(task: TaskRecord): void {
    if (!task.hostPorts.length || !task.nodeId) return;
    for (const waiting of [...this.unassigned]) if (waiting.hostPorts.length && waiting.err) this.assign(waiting);
  }

  /**
   * swarmkit nodeinfo.usedHostPorts: the nodes where a task assigned there and not yet past RUNNING (whatever its
   * desired state: an old task being stopped still holds its port) publishes one of `task`'s host ports.
   */
  private hostPortsInUse(task: TaskRecord): Set<string> {
    const wanted = new Set(task.hostPorts.map(hostPortKey));
    const nodes = new Set<string>();
    for (const other of this.m.store.tasks.values()) {
      if (other === task || !other.nodeId || !other.hostPorts.length || this.unassigned.has(other)) continue;
      if (!isAtMostRunning(other.state) || other.state === 'new' || other.state === 'pending') continue;
      if (other.hostPorts.some((port) => wanted.has(hostPortKey(port)))) nodes.add(other.nodeId);
    }
    return nodes;
  }

  private bind(task: TaskRecord, node: NodeRecord, message: string): void {
    this.unassigned.delete(task);
    if (isAtMostRunning(task.desired)) {
      if (this.counted.has(task.id))
        fail('a task weighs on one node once', `task ${task.id} counted again on ${node.id}`, this.m.random.seed);
      const index = this.nodeIndex.get(node.id)!;
      this.counted.set(task.id, index);
      this.countsOf(task.serviceId)[index]++;
      this.totals[index]++;
      this.countsChanged(index);
    }
    // swarmkit replaces the whole status on assignment: a pending task's "no suitable node" error goes.
    this.m.store.setTaskStatus(task, 'assigned', message, task.err ? '' : undefined);
    this.m.store.hooks?.taskNeedsAgent(task);
  }

  private unschedulable(task: TaskRecord, failures: Parameters<typeof explainUnschedulable>[0]): void {
    const err = errNoSuitableNode(explainUnschedulable(failures));
    if (task.err !== err) this.m.store.setTaskState(task, 'pending', { message: TASK_MSG.pending, err });
  }

  private syncNodes(): void {
    if (this.seenNodeWrites !== this.m.store.nodeWrites) {
      this.seenNodeWrites = this.m.store.nodeWrites;
      this.spread.clear();
    }
    if (this.nodeList.length === this.m.store.nodes.size) return;
    this.spread.clear();
    this.nodeList = [...this.m.store.nodes.values()];
    this.nodeList.forEach((node, i) => {
      this.nodeIndex.set(node.id, i);
    });
    const grow = (old: Int32Array) => {
      const next = new Int32Array(this.nodeList.length);
      next.set(old.subarray(0, Math.min(old.length, next.length)));
      return next;
    };
    this.totals = grow(this.totals);
    for (const [serviceId, counts] of this.perService) this.perService.set(serviceId, grow(counts));
  }

  /** The spread index of a service, built on first use after a node change. */
  private spreadOf(serviceId: string): SpreadIndex {
    let index = this.spread.get(serviceId);
    if (index) return index;
    if (this.schedulableNodes.length !== this.nodeList.length || !this.spread.size)
      this.schedulableNodes = Uint8Array.from(this.nodeList, (node) => (schedulable(node) ? 1 : 0));
    index = new SpreadIndex(this.countsOf(serviceId), this.totals, this.schedulableNodes);
    this.spread.set(serviceId, index);
    return index;
  }

  /** A node's counts moved: totals weigh in every service's choice. */
  private countsChanged(nodeIndex: number): void {
    for (const index of this.spread.values()) index.changed(nodeIndex);
  }

  private countsOf(serviceId: string): Int32Array {
    let counts = this.perService.get(serviceId);
    if (!counts) this.perService.set(serviceId, (counts = new Int32Array(this.nodeList.length)));
    return counts;
  }
}

/** swarmkit ReadyFilter: the node is up and accepts new tasks. */
export function schedulable(node: NodeRecord): boolean {
  return node.state === 'ready' && node.availability === 'active';
}
