// The service orchestrators (replicated and global) with the update supervisor: reconcile slots, start and cancel
// updaters.
import {
  MSG_ROLLBACK_COMPLETED,
  MSG_UPDATE_COMPLETED,
  MSG_UPDATE_IN_PROGRESS,
  msgRollbackPaused,
  msgUpdatePaused,
  msgUpdateRolledBack,
} from '../../messages.js';
import type { NodeRecord, ServiceRecord, TaskRecord } from '../records.js';
import { isAfterRunning, isAtMostRunning } from '../task-state.js';
import type { Manager } from './context.js';
import { type LifecycleEvent, lifecycleStep, updateStateOf } from './lifecycle.js';
import type { RestartSupervisor } from './restart.js';
import { schedulable } from './scheduler.js';
import { createTask, isGlobal, nodeMatches, replicasOf, sameJson } from './tasks.js';
import { Updater, type UpdaterHost } from './updater.js';

export class Orchestrator implements UpdaterHost {
  private readonly updaters = new Map<string, Updater>();
  private readonly reconcileQueued = new Set<string>();

  constructor(
    private readonly m: Manager,
    private readonly restarts: RestartSupervisor,
  ) {}

  serviceCreated(service: ServiceRecord): void {
    this.scheduleReconcile(service);
  }

  serviceRemoved(service: ServiceRecord): void {
    this.updaters.get(service.id)?.cancel();
    this.updaters.delete(service.id);
  }

  /**
   * An updater still at work for the service. Its UpdateStatus says so too, but not after the spec was sent again
   * unchanged mid-rollout: the API resets the status to null while the updater, heading for that same spec, runs on.
   */
  updaterRunning(serviceId: string): boolean {
    const updater = this.updaters.get(serviceId);
    return updater !== undefined && !updater.finished;
  }

  /** UpdateStatus changes all go through the lifecycle machine, which refuses what Swarm cannot do. */
  writeStatus(service: ServiceRecord, event: LifecycleEvent, message: string): void {
    // Every UpdateStatus write goes through here: the status written last is the lifecycle's state.
    const state = updateStateOf(lifecycleStep(service.updateStatus?.state ?? 'none', event));
    const now = this.m.now();
    if (state === null) return this.m.store.writeUpdateStatus(service, null);
    const keepsStart = event.type === 'AUTO_ROLLBACK' || event.type === 'PAUSE' || event.type === 'COMPLETE';
    const startedMs = keepsStart ? (service.updateStatus?.startedMs ?? now) : now;
    const completedMs = event.type === 'COMPLETE' ? now : null;
    this.m.store.writeUpdateStatus(service, { state, message, startedMs, completedMs });
  }

  /**
   * Reconcile runs after the write that asked for it, at the same virtual instant (swarmkit reacts to store events).
   */
  scheduleReconcile(service: ServiceRecord): void {
    if (this.reconcileQueued.has(service.id)) return;
    this.reconcileQueued.add(service.id);
    this.m.clock.setTimeout(() => {
      this.reconcileQueued.delete(service.id);
      const current = this.m.store.services.get(service.id);
      if (current) this.reconcile(current);
    }, 0);
  }

  reconcile(service: ServiceRecord): void {
    if (isGlobal(service)) this.reconcileGlobal(service);
    else this.reconcileReplicated(service);
  }

  /**
   * A node's availability or status changed: move what Swarm moves, then reconcile the global services. A replicated
   * service is not reconciled (swarmkit's replicated orchestrator only restarts the node's tasks): with restart
   * condition `none` a drained or lost task is not replaced (recorded on a lab cluster: drain-restart-none).
   */
  nodeChanged(node: NodeRecord): void {
    const invalid = node.state === 'down' || node.availability === 'drain';
    if (invalid) {
      for (const task of [...this.m.store.tasks.values()]) {
        if (task.nodeId !== node.id || isAfterRunning(task.desired)) continue;
        const service = this.m.store.services.get(task.serviceId);
        if (!service) continue;
        if (isGlobal(service)) this.m.store.setTaskDesired(task, 'shutdown');
        else this.restarts.restart(service, task);
      }
    }
    for (const service of this.m.store.services.values()) if (isGlobal(service)) this.scheduleReconcile(service);
  }

  // --- replicated ---------------------------------------------------------------------------------

  private reconcileReplicated(service: ServiceRecord): void {
    const rollbackStarted = service.updateStatus?.state === 'rollback_started';
    const running: TaskRecord[][] = [];
    for (const [, tasks] of this.m.store.slotsOf(service.id)) {
      let updatable = tasks.filter((t) => isAtMostRunning(t.desired));
      if (!updatable.length && !rollbackStarted) {
        const newest = tasks[tasks.length - 1];
        if (
          newest &&
          isAfterRunning(newest.state) &&
          newest.desired !== 'remove' &&
          !this.restarts.shouldRestart(service, newest)
        ) {
          updatable = [newest];
        }
      }
      if (updatable.length) running.push(updatable);
    }
    const replicas = replicasOf(service);
    // swarmkit collects slots from a Go map: the update order is effectively random, here seeded (an updater reads
    // the order of the slots it takes; a scale-down draws an order of its own).
    this.m.random.orderUpFront(running);
    if (replicas > running.length) {
      this.supervise(service, running);
      const used = new Set(running.map((slot) => slot[0].slot));
      let missing = replicas - running.length;
      for (let slot = 1; missing > 0; slot++) {
        if (used.has(slot)) continue;
        createTask(this.m, service, { slot, nodeId: null }, 'running', 'orchestrator');
        missing--;
      }
    } else if (replicas < running.length) {
      const ordered = this.scaleDownOrder(running);
      this.supervise(service, ordered.slice(0, replicas));
      for (const slot of ordered.slice(replicas)) {
        for (const task of slot) if (isAtMostRunning(task.desired)) this.m.store.setTaskDesired(task, 'remove');
      }
    } else {
      this.supervise(service, running);
    }
  }

  /** Keep the slots whose node holds the fewest copies: sort by per-node instance index (ties in random order). */
  private scaleDownOrder(slots: TaskRecord[][]): TaskRecord[][] {
    const shuffled = this.m.random.shuffle([...slots]);
    const perNode = new Map<string, number>();
    const indexed = shuffled.map((slot) => {
      const node = slot[0].nodeId ?? '';
      const index = perNode.get(node) ?? 0;
      perNode.set(node, index + 1);
      return { slot, index, running: slot.some((t) => t.state === 'running') ? 0 : 1 };
    });
    indexed.sort((a, b) => a.running - b.running || a.index - b.index);
    return indexed.map((entry) => entry.slot);
  }

  // --- global -------------------------------------------------------------------------------------

  private reconcileGlobal(service: ServiceRecord): void {
    const constraints = service.spec.TaskTemplate.Placement?.Constraints ?? [];
    const slots = this.m.store.slotsOf(service.id);
    const updatable: TaskRecord[][] = [];
    for (const node of this.m.store.nodes.values()) {
      const tasks = (slots.get(node.id) ?? []).filter((t) => isAtMostRunning(t.desired));
      const eligible = schedulable(node) && nodeMatches(node, constraints);
      if (eligible && !tasks.length) {
        createTask(this.m, service, { slot: 0, nodeId: node.id }, 'running', 'orchestrator');
      } else if (!eligible && tasks.length && node.availability !== 'pause' && node.state !== 'down') {
        for (const task of tasks) this.m.store.setTaskDesired(task, 'shutdown');
      } else if (eligible && tasks.length) {
        updatable.push(tasks);
      }
    }
    this.supervise(service, this.m.random.orderUpFront(updatable));
  }

  // --- the update supervisor ----------------------------------------------------------------------

  private supervise(service: ServiceRecord, slots: TaskRecord[][]): void {
    if (this.keepsUpdater(service)) return;
    this.updaters.get(service.id)?.cancel();
    this.updaters.delete(service.id);
    if (isPaused(service)) return;
    const updater = new Updater(this.m, this, service, slots);
    if (!updater.hasDirtySlots) {
      const state = service.updateStatus?.state;
      if (state === 'updating' || state === 'rollback_started') this.onCompleted(service);
      return;
    }
    if (!service.updateStatus) this.writeStatus(service, { type: 'START' }, MSG_UPDATE_IN_PROGRESS);
    this.updaters.set(service.id, updater);
    updater.run();
  }

  /**
   * Keep an updater already heading for this spec, unless a manual rollback turned it into a rollback: a forward
   * updater would answer a failure with AUTO_ROLLBACK from rollback_started (swarmkit rolls back the rollback there).
   */
  private keepsUpdater(service: ServiceRecord): boolean {
    const current = this.updaters.get(service.id);
    const rollingBack = service.updateStatus?.state === 'rollback_started';
    return (
      current !== undefined &&
      !current.finished &&
      sameSpec(current.targetSpec, service.spec) &&
      current.isRollback === rollingBack
    );
  }

  onFailureAction(service: ServiceRecord, action: 'pause' | 'rollback', taskId: string, isRollback: boolean): void {
    if (!service.updateStatus) return;
    if (action === 'pause') return this.writeStatus(service, { type: 'PAUSE' }, msgUpdatePaused(taskId));
    if (isRollback) return this.writeStatus(service, { type: 'PAUSE' }, msgRollbackPaused(taskId));
    // swarmkit: "cannot roll back service because no previous spec is available" is only logged.
    if (!service.previousSpec) return;
    this.writeStatus(service, { type: 'AUTO_ROLLBACK' }, msgUpdateRolledBack(taskId));
    this.m.store.writeSpec(
      service,
      {
        spec: service.previousSpec,
        specVersion: service.previousSpecVersion!,
        previousSpec: null,
        previousSpecVersion: null,
        endpointPorts: this.m.ports.allocate(service.previousSpec, service),
      },
      'auto_rollback',
    );
    this.scheduleReconcile(service);
  }

  onCompleted(service: ServiceRecord): void {
    const state = service.updateStatus?.state;
    if (!state) return;
    const message = state === 'rollback_started' ? MSG_ROLLBACK_COMPLETED : MSG_UPDATE_COMPLETED;
    this.writeStatus(service, { type: 'COMPLETE' }, message);
    // swarmkit's replicated orchestrator reconciles on every service write, this one included: a slot left with two
    // tasks (the restart supervisor's replacement beside the updater's own) gets a new updater, with the update
    // config, which ends in `completed` ("update completed", also after a rollback: recorded in campaign 14-44).
    // Without such a slot that reconcile does nothing (and is skipped: it would only redraw the seeded slot order).
    if (!isGlobal(service) && this.m.store.crowdedSlots(service.id) > 0) this.scheduleReconcile(service);
  }
}

/** A paused update (or rollback) starts no updater until the next UpdateService. */
function isPaused(service: ServiceRecord): boolean {
  const state = service.updateStatus?.state;
  return state === 'paused' || state === 'rollback_paused';
}

function sameSpec(a: ServiceRecord['spec'], b: ServiceRecord['spec']): boolean {
  return a === b || sameJson(a, b);
}
