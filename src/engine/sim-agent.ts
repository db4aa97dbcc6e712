// The simulated cluster: node agents that take tasks to their desired state with the scenario's images and timing.

import { DEFAULT_STOP_GRACE_PERIOD_MS, NS_PER_MS } from '../defaults.js';
import { errNonZeroExit, errNoSuchImage, errUnhealthy, TASK_MSG } from '../messages.js';
import type { ImageBehaviour, Millis, TimingProfile, TraceEvent } from '../types.js';
import type { TimerHandle, VirtualClock } from './clock.js';
import { type HealthPlan, healthPlan } from './health-plan.js';
import type { SeededRandom } from './random.js';
import type { ClusterBackend, NodeRecord, TaskRecord, TaskStatusSink } from './records.js';
import { StartQueue } from './start-queue.js';
import { isAfterRunning, stateRank } from './task-state.js';

type Phase = 'idle' | 'preparing' | 'parked' | 'starting' | 'running' | 'stopping' | 'exited';

interface Runtime {
  task: TaskRecord;
  phase: Phase;
  /** Pending clock timers (rarely more than two): an array is lighter than a Set per task. */
  timers: TimerHandle[];
  /** The task reached READY while desired was READY: starting it later costs the dispatch latency. */
  parkedAtReady: boolean;
  healthFailures: number;
  /** The container's process is up (its `start` event was sent). */
  started?: boolean;
  /** What the task's container does: its image's behaviour, or the one of its `one_of` drawn when first prepared. */
  behaviour?: ImageBehaviour;
  /**
   * An exited container's end report not yet sent; a lost node loses the timer, so it is sent again when it is back.
   */
  endReport?: () => void;
  /** When the process will exit by itself (virtual ms) and with which code: a stop does not cancel that exit. */
  selfExit?: { atMs: Millis; exitCode: number };
}

type ContainerEvent = Extract<TraceEvent, { type: 'container' }>;

const PROBE_EXEC_MS = 50;
const SIGTERM = 15;
const SIGKILL = 9;

export interface SimAgentDeps {
  clock: VirtualClock;
  random: SeededRandom;
  timing: TimingProfile;
  images: Record<string, ImageBehaviour>;
  nodes: Map<string, NodeRecord>;
  sink: TaskStatusSink;
}

export class SimulatedCluster implements ClusterBackend {
  private readonly runtimes = new Map<string, Runtime>();
  /** node ID → images already pulled there (no key string built per task). */
  private readonly pulled = new Map<string | null, Set<string>>();
  readonly logLines: { taskId: string; tMs: Millis; line: string }[] = [];
  private readonly starts = new StartQueue();

  constructor(private readonly deps: SimAgentDeps) {}

  taskChanged(task: TaskRecord): void {
    const runtime = this.runtimeOf(task);
    if (!task.nodeId || !this.agentUp(task.nodeId)) return;
    if (isAfterRunning(task.state)) return;
    if (isAfterRunning(task.desired)) this.stop(runtime);
    else this.progress(runtime);
  }

  taskDeleted(taskId: string): void {
    const runtime = this.runtimes.get(taskId);
    if (runtime) this.clearTimers(runtime);
    this.runtimes.delete(taskId);
  }

  /** The node's agent stopped answering: nothing on it makes progress until it is back. */
  nodeLost(nodeId: string): void {
    for (const runtime of this.runtimes.values()) if (runtime.task.nodeId === nodeId) this.clearTimers(runtime);
  }

  /** The node's agent is back: pick up every task on it where it stands. */
  nodeBack(nodeId: string): void {
    for (const runtime of this.runtimes.values()) {
      if (runtime.task.nodeId !== nodeId) continue;
      if (runtime.phase === 'preparing') runtime.phase = 'idle';
      if (runtime.phase === 'starting') this.resumeStarting(runtime);
      if (runtime.phase === 'stopping') runtime.phase = 'running';
      if (runtime.phase === 'running') this.scheduleExit(runtime);
      if (runtime.phase === 'exited' && runtime.endReport)
        this.sendEndReport(runtime, this.span('shutdownReportMs'), runtime.endReport);
      this.taskChanged(runtime.task);
    }
  }

  /** Sandbox fault: the container's process dies now with `exitCode`. */
  /** A container up (starting, running or being stopped): what a kill can reach. */
  isUp(taskId: string): boolean {
    const phase = this.runtimes.get(taskId)?.phase;
    return phase === 'running' || phase === 'starting' || phase === 'stopping';
  }

  kill(task: TaskRecord, exitCode: number): boolean {
    const runtime = this.runtimes.get(task.id);
    if (!runtime || !this.isUp(task.id)) return false;
    this.clearTimers(runtime);
    this.die(runtime, exitCode, { signal: SIGKILL });
    return true;
  }

  // --- progression towards desired ≤ running ----------------------------------------------------

  private progress(runtime: Runtime): void {
    const { task } = runtime;
    if (
      runtime.phase === 'idle' &&
      stateRank(task.state) >= stateRank('assigned') &&
      stateRank(task.state) < stateRank('ready')
    ) {
      this.prepare(runtime);
    } else if (runtime.phase === 'parked' && task.desired === 'running') {
      const dispatchMs = runtime.parkedAtReady ? this.span('startDispatchMs') : 0;
      this.after(runtime, dispatchMs, () => this.start(runtime));
    }
  }

  private prepare(runtime: Runtime): void {
    const { task } = runtime;
    runtime.phase = 'preparing';
    const image = task.spec.ContainerSpec.Image;
    const behaviour = this.behaviourOf(runtime);
    const nodeId = task.nodeId;
    const pullMs = this.pulled.get(nodeId)?.has(image) ? 0 : this.span('pullMs');
    this.after(runtime, 0, () => {
      // A node back from a loss prepares again a task it had already accepted: states never go back.
      if (stateRank(task.state) < stateRank('accepted')) this.report(task, 'accepted', TASK_MSG.accepted);
      if (stateRank(task.state) < stateRank('preparing')) this.report(task, 'preparing', TASK_MSG.preparing);
      this.after(runtime, this.span('prepareMs') + pullMs, () => {
        if (behaviour.pull === 'fail') {
          runtime.phase = 'exited';
          this.report(task, 'rejected', TASK_MSG.rejected, { err: errNoSuchImage(image) });
          return;
        }
        let images = this.pulled.get(nodeId);
        if (!images) this.pulled.set(nodeId, (images = new Set()));
        images.add(image);
        this.containerEvent(task, 'create');
        runtime.phase = 'parked';
        runtime.parkedAtReady = task.desired !== 'running';
        this.report(task, 'ready', TASK_MSG.ready);
        if (task.desired === 'running') this.start(runtime);
      });
    });
  }

  private start(runtime: Runtime): void {
    const { task } = runtime;
    if (runtime.phase !== 'parked' || task.desired !== 'running') return;
    runtime.phase = 'starting';
    this.report(task, 'starting', TASK_MSG.starting);
    const behaviour = this.behaviourOf(runtime);
    const containerStartMs = this.span('startMs');
    this.after(runtime, containerStartMs + this.queuedStartMs(task.nodeId, containerStartMs), () => {
      this.containerEvent(task, 'start');
      runtime.started = true;
      // An image's `start` is its process getting up inside the started container: Swarm sees the task running
      // now unless a healthcheck holds it in `starting`; the logs, the exit and the health pass come after it.
      const upInMs = behaviour.startMs ?? 0;
      if (upInMs > 0) this.after(runtime, upInMs, () => this.printLogs(runtime, behaviour));
      else this.printLogs(runtime, behaviour);
      this.scheduleExit(runtime, upInMs);
      const health = healthPlan(task, behaviour);
      if (health) this.probe(runtime, health, 1);
      else this.becomeRunning(runtime);
    });
  }

  private printLogs(runtime: Runtime, behaviour: ImageBehaviour): void {
    for (const line of behaviour.logs ?? [])
      this.logLines.push({ taskId: runtime.task.id, tMs: this.deps.clock.now(), line });
  }

  /**
   * Back from a node loss while starting: not up yet → start again (once parked); up → exit plan and health probes
   * again.
   */
  private resumeStarting(runtime: Runtime): void {
    if (!runtime.started) {
      runtime.phase = 'parked';
      return;
    }
    this.scheduleExit(runtime);
    const health = healthPlan(runtime.task, this.behaviourOf(runtime));
    if (health) this.probe(runtime, health, 1);
    else this.becomeRunning(runtime);
  }

  private becomeRunning(runtime: Runtime): void {
    runtime.phase = 'running';
    this.report(runtime.task, 'running', TASK_MSG.running);
  }

  /** The process's own exit, `exit after` from when it is up (`upInMs` from now). */
  private scheduleExit(runtime: Runtime, upInMs: Millis = 0): void {
    const behaviour = this.behaviourOf(runtime);
    runtime.selfExit = undefined;
    if (behaviour.exitAfterMs === undefined && behaviour.exitCode === undefined) return;
    if (behaviour.failFraction !== undefined && !this.deps.random.chance(behaviour.failFraction)) return;
    const code = behaviour.exitCode ?? 0;
    const delayMs = upInMs + (behaviour.exitAfterMs ?? 0);
    runtime.selfExit = { atMs: this.deps.clock.now() + delayMs, exitCode: code };
    this.after(runtime, delayMs, () => this.die(runtime, code, {}));
  }

  private probe(runtime: Runtime, health: HealthPlan, index: number): void {
    const sinceStartMs = index * health.intervalMs;
    this.after(runtime, health.intervalMs + (index === 1 ? PROBE_EXEC_MS : 0), () => {
      const passes = health.healthyAfterMs !== 'never' && sinceStartMs >= health.healthyAfterMs;
      if (passes) {
        this.containerEvent(runtime.task, 'health_status', undefined, undefined, 'healthy');
        if (runtime.phase === 'starting') this.becomeRunning(runtime);
        return;
      }
      if (sinceStartMs > health.startPeriodMs) runtime.healthFailures++;
      if (runtime.healthFailures >= health.retries) {
        this.containerEvent(runtime.task, 'health_status', undefined, undefined, 'unhealthy');
        this.terminate(runtime, 0, true);
        return;
      }
      this.probe(runtime, health, index + 1);
    });
  }

  // --- stopping ---------------------------------------------------------------------------------

  private stop(runtime: Runtime): void {
    const { task } = runtime;
    switch (runtime.phase) {
      case 'stopping':
      case 'exited':
        return;
      case 'starting':
      case 'running':
        this.terminate(runtime, this.span('stopLatencyMs'), false);
        return;
      default:
        // No process yet (not assigned, preparing or parked at READY): the task is simply dropped.
        if (stateRank(task.state) < stateRank('assigned')) return;
        this.clearTimers(runtime);
        runtime.phase = 'exited';
        this.sendEndReport(runtime, this.span('cancelMs'), () => this.report(task, 'shutdown', TASK_MSG.shutdown));
    }
  }

  /** SIGTERM after `latencyMs`, SIGKILL after the grace period if the image ignores it. */
  private terminate(runtime: Runtime, latencyMs: Millis, unhealthy: boolean): void {
    this.clearTimers(runtime);
    runtime.phase = 'stopping';
    const { task } = runtime;
    const ignoresSigterm = this.behaviourOf(runtime).ignoresSigterm === true;
    const graceNs = task.spec.ContainerSpec.StopGracePeriod;
    const graceMs = graceNs === undefined ? DEFAULT_STOP_GRACE_PERIOD_MS : graceNs / NS_PER_MS;
    this.after(runtime, latencyMs, () => {
      this.containerEvent(task, 'kill', SIGTERM);
      if (ignoresSigterm) {
        // The process ignores SIGTERM but may still exit by itself before the grace period ends: then it is not killed.
        const selfExit = runtime.selfExit;
        const nowMs = this.deps.clock.now();
        if (selfExit && selfExit.atMs < nowMs + graceMs) {
          this.after(runtime, Math.max(0, selfExit.atMs - nowMs), () =>
            this.die(runtime, selfExit.exitCode, { unhealthy }),
          );
          return;
        }
        this.after(runtime, graceMs, () => {
          this.containerEvent(task, 'kill', SIGKILL);
          this.after(runtime, this.span('stopMs'), () => this.die(runtime, 137, { unhealthy }));
        });
      } else {
        this.after(runtime, this.span('stopMs'), () => this.die(runtime, 0, { unhealthy }));
      }
    });
  }

  private die(runtime: Runtime, exitCode: number, how: { signal?: number; unhealthy?: boolean }): void {
    const { task } = runtime;
    const requested = runtime.phase === 'stopping' && !how.unhealthy;
    this.clearTimers(runtime);
    runtime.phase = 'exited';
    this.containerEvent(task, 'die', undefined, exitCode);
    this.sendEndReport(runtime, this.span('shutdownReportMs'), () => {
      // A TERM-handling process stopped as unhealthy exits 0: the real 20.10 swarm then reports the task complete.
      if (how.unhealthy && exitCode !== 0)
        this.report(task, 'failed', task.message, { err: errUnhealthy(exitCode), exitCode });
      else if (how.unhealthy) this.report(task, 'complete', TASK_MSG.complete, { exitCode });
      else if (requested || isAfterRunning(task.desired))
        this.report(task, 'shutdown', TASK_MSG.shutdown, { exitCode });
      else if (exitCode === 0) this.report(task, 'complete', TASK_MSG.complete, { exitCode });
      else this.report(task, 'failed', TASK_MSG.failed, { err: errNonZeroExit(exitCode), exitCode });
    });
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private sendEndReport(runtime: Runtime, delayMs: Millis, report: () => void): void {
    runtime.endReport = report;
    this.after(runtime, delayMs, () => {
      runtime.endReport = undefined;
      report();
    });
  }

  private runtimeOf(task: TaskRecord): Runtime {
    let runtime = task.agentState as Runtime | null;
    if (!runtime) {
      runtime = { task, phase: 'idle', timers: [], parkedAtReady: false, healthFailures: 0 };
      task.agentState = runtime;
      this.runtimes.set(task.id, runtime);
    }
    return runtime;
  }

  private behaviourOf(runtime: Runtime): ImageBehaviour {
    if (runtime.behaviour) return runtime.behaviour;
    const declared = this.deps.images[runtime.task.spec.ContainerSpec.Image] ?? {};
    const variants = declared.oneOf;
    runtime.behaviour = variants
      ? variants[variants.length > 1 ? this.deps.random.variant(variants.length) : 0]
      : declared;
    return runtime.behaviour;
  }

  private agentUp(nodeId: string): boolean {
    return this.deps.nodes.get(nodeId)?.agentUp ?? false;
  }

  /**
   * What the starts already under way on the node add to this one (`concurrent_start` each), and this start counted
   * from now on. A profile without it (0) neither counts nor draws.
   */
  private queuedStartMs(nodeId: string | null, containerStartMs: Millis): Millis {
    const each = this.deps.timing.concurrentStartMs;
    if (nodeId === null || each === 0) return 0;
    const now = this.deps.clock.now();
    const others = this.starts.inProgress(nodeId, now);
    const extraMs = others === 0 ? 0 : others * this.span('concurrentStartMs');
    this.starts.add(nodeId, now + containerStartMs + extraMs);
    return extraMs;
  }

  private span(key: keyof TimingProfile): Millis {
    return this.deps.random.span(this.deps.timing[key]);
  }

  private after(runtime: Runtime, delayMs: Millis, fn: () => void): void {
    this.deps.clock.setTimeoutIn(runtime.timers, fn, delayMs);
  }

  private clearTimers(runtime: Runtime): void {
    for (const timer of runtime.timers) this.deps.clock.clearTimeout(timer);
    runtime.timers.length = 0;
  }

  private report(
    task: TaskRecord,
    state: TaskRecord['state'],
    message: string,
    detail?: { err?: string; exitCode?: number },
  ): void {
    this.deps.sink.reportTaskState(task, state, message, detail?.err, detail?.exitCode);
  }

  /** The details as arguments, not an object: several events per task, on the hot path. */
  private containerEvent(
    task: TaskRecord,
    action: ContainerEvent['action'],
    signal?: number,
    exitCode?: number,
    health?: 'healthy' | 'unhealthy',
  ): void {
    this.deps.sink.reportContainerEvent(task, action, signal, exitCode, health);
  }
}
