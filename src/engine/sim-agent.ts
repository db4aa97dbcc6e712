// The simulated cluster: node agents that take tasks to their desired state with the scenario's images and timing.

import { DEFAULT_STOP_GRACE_PERIOD_MS, NS_PER_MS } from '../defaults.js';
import { errNonZeroExit, errNoSuchImage, errUnhealthy, TASK_MSG } from '../messages.js';
import type { ImageBehaviour, Millis, TimingProfile, TraceEvent } from '../types.js';
import { Runtime } from './agent-runtime.js';
import type { Step, VirtualClock } from './clock.js';
import { healthPlan } from './health-plan.js';
import type { SeededRandom } from './random.js';
import type { ClusterBackend, NodeRecord, TaskRecord, TaskStatusSink } from './records.js';
import { StartQueue } from './start-queue.js';
import { isAfterRunning, stateRank } from './task-state.js';

type AgentRuntime = Runtime<SimulatedCluster>;
type ContainerEvent = Extract<TraceEvent, { type: 'container' }>;

const PROBE_EXEC_MS = 50;
const SIGTERM = 15;
const SIGKILL = 9;
const KILLED_EXIT_CODE = 137;

export interface SimAgentDeps {
  clock: VirtualClock;
  random: SeededRandom;
  timing: TimingProfile;
  images: Record<string, ImageBehaviour>;
  nodes: Map<string, NodeRecord>;
  sink: TaskStatusSink;
}

export class SimulatedCluster implements ClusterBackend {
  private readonly runtimes = new Map<string, AgentRuntime>();
  /** node ID → images already pulled there (no key string built per task). */
  private readonly pulled = new Map<string | null, Set<string>>();
  readonly logLines: { taskId: string; tMs: Millis; line: string }[] = [];
  private readonly starts: StartQueue;

  // The agent's steps: one function for every task's timers of a kind (no closure per timer), given its runtime.
  private static readonly acceptStep: Step<AgentRuntime> = (runtime) => runtime.agent.accept(runtime);
  private static readonly preparedStep: Step<AgentRuntime> = (runtime) => runtime.agent.prepared(runtime);
  private static readonly startStep: Step<AgentRuntime> = (runtime) => runtime.agent.start(runtime);
  private static readonly containerStartedStep: Step<AgentRuntime> = (runtime) =>
    runtime.agent.containerStarted(runtime);
  private static readonly logsStep: Step<AgentRuntime> = (runtime) => runtime.agent.printLogs(runtime);
  private static readonly probeStep: Step<AgentRuntime> = (runtime, index) => runtime.agent.probed(runtime, index);
  private static readonly selfExitStep: Step<AgentRuntime> = (runtime, exitCode) =>
    runtime.agent.die(runtime, exitCode, false);
  private static readonly sigtermStep: Step<AgentRuntime> = (runtime) => runtime.agent.sigterm(runtime);
  private static readonly sigkillStep: Step<AgentRuntime> = (runtime) => runtime.agent.sigkill(runtime);
  private static readonly stoppedStep: Step<AgentRuntime> = (runtime, exitCode) =>
    runtime.agent.die(runtime, exitCode, runtime.stopUnhealthy);
  private static readonly endReportStep: Step<AgentRuntime> = (runtime) => runtime.agent.reportEnd(runtime);

  constructor(private readonly deps: SimAgentDeps) {
    this.starts = new StartQueue(deps.random, deps.timing);
  }

  taskChanged(task: TaskRecord): void {
    // A task past RUNNING has no container left to run: its runtime, if any, is gone (`forgetIfEnded`).
    if (isAfterRunning(task.state)) return;
    const runtime = this.runtimeOf(task);
    if (!task.nodeId || !this.agentUp(task.nodeId)) return;
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
      if (runtime.phase === 'exited' && runtime.endReportPending)
        this.after(runtime, this.span('shutdownReportMs'), SimulatedCluster.endReportStep);
      this.taskChanged(runtime.task);
    }
  }

  /** A container up (starting, running or being stopped): what a kill can reach. */
  isUp(taskId: string): boolean {
    const phase = this.runtimes.get(taskId)?.phase;
    return phase === 'running' || phase === 'starting' || phase === 'stopping';
  }

  /** Sandbox fault: the container's process dies now with `exitCode`. */
  kill(task: TaskRecord, exitCode: number): boolean {
    const runtime = this.runtimes.get(task.id);
    if (!runtime || !this.isUp(task.id)) return false;
    this.clearTimers(runtime);
    this.die(runtime, exitCode, false);
    return true;
  }

  // --- progression towards desired ≤ running ----------------------------------------------------

  private progress(runtime: AgentRuntime): void {
    const { task } = runtime;
    if (
      runtime.phase === 'idle' &&
      stateRank(task.state) >= stateRank('assigned') &&
      stateRank(task.state) < stateRank('ready')
    ) {
      this.prepare(runtime);
    } else if (runtime.phase === 'parked' && task.desired === 'running') {
      const dispatchMs = runtime.parkedAtReady ? this.span('startDispatchMs') : 0;
      this.after(runtime, dispatchMs, SimulatedCluster.startStep);
    }
  }

  private prepare(runtime: AgentRuntime): void {
    const { task } = runtime;
    runtime.phase = 'preparing';
    // Drawn in this order (the image's variant, then the pull) when the preparation begins.
    this.behaviourOf(runtime);
    const pulledHere = this.pulled.get(task.nodeId)?.has(task.spec.ContainerSpec.Image) === true;
    runtime.pullMs = pulledHere ? 0 : this.span('pullMs');
    this.after(runtime, 0, SimulatedCluster.acceptStep);
  }

  private accept(runtime: AgentRuntime): void {
    const { task } = runtime;
    // A node back from a loss prepares again a task it had already accepted: states never go back.
    if (stateRank(task.state) < stateRank('accepted')) this.report(task, 'accepted', TASK_MSG.accepted);
    if (stateRank(task.state) < stateRank('preparing')) this.report(task, 'preparing', TASK_MSG.preparing);
    this.after(runtime, this.span('prepareMs') + runtime.pullMs, SimulatedCluster.preparedStep);
  }

  private prepared(runtime: AgentRuntime): void {
    const { task } = runtime;
    const image = task.spec.ContainerSpec.Image;
    if (this.behaviourOf(runtime).pull === 'fail') {
      runtime.phase = 'exited';
      this.report(task, 'rejected', TASK_MSG.rejected, errNoSuchImage(image));
      this.forgetIfEnded(runtime);
      return;
    }
    let images = this.pulled.get(task.nodeId);
    if (!images) this.pulled.set(task.nodeId, (images = new Set()));
    images.add(image);
    this.containerEvent(task, 'create');
    runtime.phase = 'parked';
    runtime.parkedAtReady = task.desired !== 'running';
    this.report(task, 'ready', TASK_MSG.ready);
    if (task.desired === 'running') this.start(runtime);
  }

  private start(runtime: AgentRuntime): void {
    const { task } = runtime;
    if (runtime.phase !== 'parked' || task.desired !== 'running') return;
    runtime.phase = 'starting';
    this.report(task, 'starting', TASK_MSG.starting);
    const containerStartMs = this.span('startMs');
    this.after(
      runtime,
      containerStartMs + this.starts.begin(task.nodeId, this.deps.clock.now(), containerStartMs),
      SimulatedCluster.containerStartedStep,
    );
  }

  private containerStarted(runtime: AgentRuntime): void {
    const behaviour = this.behaviourOf(runtime);
    this.containerEvent(runtime.task, 'start');
    runtime.started = true;
    // An image's `start` is its process getting up inside the started container: Swarm sees the task running
    // now unless a healthcheck holds it in `starting`; the logs, the exit and the health pass come after it.
    const upInMs = behaviour.startMs ?? 0;
    if (upInMs > 0) this.after(runtime, upInMs, SimulatedCluster.logsStep);
    else this.printLogs(runtime);
    this.scheduleExit(runtime, upInMs);
    this.beginProbes(runtime);
  }

  private printLogs(runtime: AgentRuntime): void {
    for (const line of this.behaviourOf(runtime).logs ?? [])
      this.logLines.push({ taskId: runtime.task.id, tMs: this.deps.clock.now(), line });
  }

  /**
   * Back from a node loss while starting: not up yet → start again (once parked); up → exit plan and health probes
   * again.
   */
  private resumeStarting(runtime: AgentRuntime): void {
    if (!runtime.started) {
      runtime.phase = 'parked';
      return;
    }
    this.scheduleExit(runtime);
    this.beginProbes(runtime);
  }

  /** The healthcheck's probes from the first, or running at once without one. */
  private beginProbes(runtime: AgentRuntime): void {
    runtime.health = healthPlan(runtime.task, this.behaviourOf(runtime));
    if (runtime.health) this.probe(runtime, 1);
    else this.becomeRunning(runtime);
  }

  private becomeRunning(runtime: AgentRuntime): void {
    runtime.phase = 'running';
    this.report(runtime.task, 'running', TASK_MSG.running);
  }

  /** The process's own exit, `exit after` from when it is up (`upInMs` from now). */
  private scheduleExit(runtime: AgentRuntime, upInMs: Millis = 0): void {
    const behaviour = this.behaviourOf(runtime);
    runtime.selfExit = undefined;
    if (behaviour.exitAfterMs === undefined && behaviour.exitCode === undefined) return;
    if (behaviour.failFraction !== undefined && !this.deps.random.chance(behaviour.failFraction)) return;
    const code = behaviour.exitCode ?? 0;
    const delayMs = upInMs + (behaviour.exitAfterMs ?? 0);
    runtime.selfExit = { atMs: this.deps.clock.now() + delayMs, exitCode: code };
    this.after(runtime, delayMs, SimulatedCluster.selfExitStep, code);
  }

  private probe(runtime: AgentRuntime, index: number): void {
    const intervalMs = runtime.health!.intervalMs;
    this.after(runtime, intervalMs + (index === 1 ? PROBE_EXEC_MS : 0), SimulatedCluster.probeStep, index);
  }

  /** Probe number `index` has run. */
  private probed(runtime: AgentRuntime, index: number): void {
    const health = runtime.health!;
    const sinceStartMs = index * health.intervalMs;
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
    this.probe(runtime, index + 1);
  }

  // --- stopping ---------------------------------------------------------------------------------

  private stop(runtime: AgentRuntime): void {
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
        runtime.endReport = 'cancelled';
        runtime.endReportPending = true;
        this.after(runtime, this.span('cancelMs'), SimulatedCluster.endReportStep);
    }
  }

  /** SIGTERM after `latencyMs`, SIGKILL after the grace period if the image ignores it. */
  private terminate(runtime: AgentRuntime, latencyMs: Millis, unhealthy: boolean): void {
    this.clearTimers(runtime);
    runtime.phase = 'stopping';
    runtime.stopUnhealthy = unhealthy;
    this.after(runtime, latencyMs, SimulatedCluster.sigtermStep);
  }

  private sigterm(runtime: AgentRuntime): void {
    this.containerEvent(runtime.task, 'kill', SIGTERM);
    if (this.behaviourOf(runtime).ignoresSigterm !== true) {
      this.after(runtime, this.span('stopMs'), SimulatedCluster.stoppedStep, 0);
      return;
    }
    // The process ignores SIGTERM but may still exit by itself before the grace period ends: then it is not killed.
    const graceNs = runtime.task.spec.ContainerSpec.StopGracePeriod;
    const graceMs = graceNs === undefined ? DEFAULT_STOP_GRACE_PERIOD_MS : graceNs / NS_PER_MS;
    const selfExit = runtime.selfExit;
    const nowMs = this.deps.clock.now();
    if (selfExit && selfExit.atMs < nowMs + graceMs)
      this.after(runtime, Math.max(0, selfExit.atMs - nowMs), SimulatedCluster.stoppedStep, selfExit.exitCode);
    else this.after(runtime, graceMs, SimulatedCluster.sigkillStep);
  }

  private sigkill(runtime: AgentRuntime): void {
    this.containerEvent(runtime.task, 'kill', SIGKILL);
    this.after(runtime, this.span('stopMs'), SimulatedCluster.stoppedStep, KILLED_EXIT_CODE);
  }

  private die(runtime: AgentRuntime, exitCode: number, unhealthy: boolean): void {
    const requested = runtime.phase === 'stopping' && !unhealthy;
    this.clearTimers(runtime);
    runtime.phase = 'exited';
    this.containerEvent(runtime.task, 'die', undefined, exitCode);
    runtime.endReport = 'exited';
    runtime.endReportPending = true;
    runtime.endExitCode = exitCode;
    runtime.endUnhealthy = unhealthy;
    runtime.endRequested = requested;
    this.after(runtime, this.span('shutdownReportMs'), SimulatedCluster.endReportStep);
  }

  /**
   * The end report the runtime holds, sent now. A node back from a loss sends it again if it was still pending: when
   * the report's first timer was set after the loss, both fire, and the manager hears it twice, as before.
   */
  private reportEnd(runtime: AgentRuntime): void {
    runtime.endReportPending = false;
    this.sendEnd(runtime);
    this.forgetIfEnded(runtime);
  }

  private sendEnd(runtime: AgentRuntime): void {
    const { task } = runtime;
    if (runtime.endReport === 'cancelled') return this.report(task, 'shutdown', TASK_MSG.shutdown);
    const exitCode = runtime.endExitCode;
    // A TERM-handling process stopped as unhealthy exits 0: the real 20.10 swarm then reports the task complete.
    if (runtime.endUnhealthy && exitCode !== 0)
      this.report(task, 'failed', task.message, errUnhealthy(exitCode), exitCode);
    else if (runtime.endUnhealthy) this.report(task, 'complete', TASK_MSG.complete, undefined, exitCode);
    else if (runtime.endRequested || isAfterRunning(task.desired))
      this.report(task, 'shutdown', TASK_MSG.shutdown, undefined, exitCode);
    else if (exitCode === 0) this.report(task, 'complete', TASK_MSG.complete, undefined, exitCode);
    else this.report(task, 'failed', TASK_MSG.failed, errNonZeroExit(exitCode), exitCode);
  }

  // --- plumbing ---------------------------------------------------------------------------------

  /**
   * A container gone and reported (no report left to send again), its task past RUNNING: nothing the agent does reads
   * its runtime again (`taskChanged` returns first), so it is dropped rather than kept for the rest of the run (half
   * the tasks of a finished update).
   */
  private forgetIfEnded(runtime: AgentRuntime): void {
    const { task } = runtime;
    if (runtime.phase !== 'exited' || runtime.endReportPending || !isAfterRunning(task.state)) return;
    if (runtime.timers.length) return;
    this.runtimes.delete(task.id);
    task.agentState = null;
  }

  private runtimeOf(task: TaskRecord): AgentRuntime {
    let runtime = task.agentState as AgentRuntime | null;
    if (!runtime) {
      runtime = new Runtime(task, this);
      task.agentState = runtime;
      this.runtimes.set(task.id, runtime);
    }
    return runtime;
  }

  private behaviourOf(runtime: AgentRuntime): ImageBehaviour {
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

  private span(key: keyof TimingProfile): Millis {
    return this.deps.random.span(this.deps.timing[key]);
  }

  private after(runtime: AgentRuntime, delayMs: Millis, step: Step<AgentRuntime>, detail = 0): void {
    this.deps.clock.setStep(runtime.timers, step, runtime, detail, delayMs);
  }

  private clearTimers(runtime: AgentRuntime): void {
    for (const timer of runtime.timers) this.deps.clock.clearTimeout(timer);
    runtime.timers.length = 0;
  }

  /** The details as arguments, not an object: as for container events. */
  private report(task: TaskRecord, state: TaskRecord['state'], message: string, err?: string, exitCode?: number): void {
    this.deps.sink.reportTaskState(task, state, message, err, exitCode);
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
