// The restart supervisor: replaces a task that ended (or whose node was drained or lost) per its restart policy.
import { NS_PER_MS } from '../../defaults.js';
import type { Millis } from '../../types.js';
import type { ServiceRecord, TaskRecord } from '../records.js';
import { isAfterRunning } from '../task-state.js';
import type { Manager } from './context.js';
import { delayStart } from './start-gate.js';
import { createTask, isGlobal, restartCondition, restartDelayMs } from './tasks.js';

interface SlotHistory {
  specVersion: number;
  restartsMs: Millis[];
}

export class RestartSupervisor {
  /** serviceId|slotKey → restarts made for the slot at one spec version (MaxAttempts / Window accounting). */
  private readonly history = new Map<string, SlotHistory>();
  /**
   * Replacement task ID → cancels its pending delayed start. A callback rather than the gate: explore's state hash
   * reads a callback by its source, and the gate's fields hold its timers, with the order they were set in.
   */
  private readonly pendingStarts = new Map<string, () => void>();
  /** Replacements that ended while their own delayed start was pending: restarted once that delay is over. */
  private readonly waiters = new Map<string, () => void>();

  constructor(private readonly m: Manager) {}

  /** A task ended while meant to run: handle it after the orchestrator's reaction latency. */
  taskEnded(task: TaskRecord): void {
    this.m.clock.setTimeout(() => {
      const service = this.m.store.services.get(task.serviceId);
      if (service && !task.removed) this.restart(service, task);
    }, this.m.span('restartReactMs'));
  }

  /** swarmkit Supervisor.Restart. */
  restart(service: ServiceRecord, task: TaskRecord): void {
    if (isAfterRunning(task.desired)) return;
    // Still in its own restart delay (e.g. its image does not exist): wait for that delay, no tight restart loop.
    if (this.pendingStarts.has(task.id)) {
      if (!this.waiters.has(task.id)) this.waiters.set(task.id, () => this.restartAfterDelay(task));
      return;
    }
    this.m.store.setTaskDesired(task, 'shutdown');
    if (!this.shouldRestart(service, task)) return;
    const node = task.nodeId ? this.m.store.nodes.get(task.nodeId) : undefined;
    const replacement = createTask(
      this.m,
      service,
      { slot: task.slot, nodeId: isGlobal(service) ? task.nodeId : null },
      'ready',
      'restart',
    );
    const delayMs = node?.availability === 'drain' ? 0 : restartDelayMs(task.spec);
    const waitStop = !(node?.state === 'down') && !isAfterRunning(task.state);
    this.recordRestart(service, replacement);
    let started = false;
    const gate = delayStart(this.m, task, replacement, delayMs, waitStop, () => {
      started = true;
      this.gateDone(replacement.id);
    });
    // With no delay and nothing to wait for, the gate has already opened: there is no pending start to keep.
    if (!started) this.pendingStarts.set(replacement.id, () => gate.cancel());
  }

  /** A new task that another component shuts down before its start must not be started by a pending gate. */
  forget(taskId: string): void {
    this.pendingStarts.get(taskId)?.();
    this.gateDone(taskId);
  }

  private gateDone(taskId: string): void {
    this.pendingStarts.delete(taskId);
    const waiter = this.waiters.get(taskId);
    this.waiters.delete(taskId);
    waiter?.();
  }

  private restartAfterDelay(task: TaskRecord): void {
    const service = this.m.store.services.get(task.serviceId);
    if (service && !task.removed) this.restart(service, task);
  }

  /** Would this task's slot be restarted? (Also used by reconcile to keep finished slots updatable.) */
  shouldRestart(service: ServiceRecord, task: TaskRecord): boolean {
    const condition = restartCondition(task.spec);
    if (condition === 'none') return false;
    if (condition === 'on-failure' && task.state === 'complete') return false;
    const policy = task.spec.RestartPolicy;
    const maxAttempts = policy?.MaxAttempts ?? 0;
    if (!maxAttempts) return true;
    const record = this.history.get(this.key(service, task));
    if (!record || record.specVersion !== task.specVersion) return true;
    const windowMs = (policy?.Window ?? 0) / NS_PER_MS;
    if (!windowMs) return record.restartsMs.length < maxAttempts;
    const since = task.stateMs - windowMs;
    return record.restartsMs.filter((t) => t >= since).length < maxAttempts;
  }

  private recordRestart(service: ServiceRecord, replacement: TaskRecord): void {
    const key = this.key(service, replacement);
    const task = replacement;
    const record = this.history.get(key);
    if (!record || record.specVersion !== task.specVersion) {
      this.history.set(key, { specVersion: task.specVersion, restartsMs: [this.m.now()] });
    } else {
      record.restartsMs.push(this.m.now());
    }
  }

  private key(service: ServiceRecord, task: TaskRecord): string {
    return `${service.id}|${isGlobal(service) ? task.nodeId : task.slot}`;
  }
}
