// The simulated daemon: wires clock, random, store, orchestrator and the simulated cluster behind the Engine interface.

import type { Engine } from '../backend.js';
import { SETTLE_MAX_AFTER_STATUS_MS, VIRTUAL_EPOCH_ISO } from '../defaults.js';
import { DaemonError } from '../errors.js';
import { faultTraceEvent } from '../faults/registry.js';
import {
  errFaultLeaderDown,
  errFaultNoRunningContainer,
  errFaultNoSuchTask,
  errFaultTaskAmbiguous,
  MSG_HEARTBEAT_FAILURE,
} from '../messages.js';
import type {
  ClusterState,
  Millis,
  Node,
  NodeAvailability,
  Service,
  ServiceSpec,
  Trace,
  TraceEvent,
} from '../types.js';
import { isFinalUpdateState } from '../update-states.js';
import type { Chooser, ClockView } from './chooser.js';
import { VirtualClock } from './clock.js';
import { Daemon } from './daemon.js';
import { type Manager, type NodeWatcher, TaskWatchers } from './orchestrator/context.js';
import { Orchestrator } from './orchestrator/orchestrator.js';
import { TaskReaper } from './orchestrator/reaper.js';
import { RestartSupervisor } from './orchestrator/restart.js';
import { Scheduler, schedulable } from './orchestrator/scheduler.js';
import { isGlobal, isTaskDirty, nodeMatches, replicasOf } from './orchestrator/tasks.js';
import { PortAllocator } from './port-allocator.js';
import { SeededRandom } from './random.js';
import type { EngineOptions, NodeRecord, ServiceRecord } from './records.js';
import { SimulatedCluster } from './sim-agent.js';
import { Snapshotter } from './snapshot.js';
import { Store } from './store.js';
import { isAfterRunning, isAtMostRunning } from './task-state.js';
import { traceLimitCheck } from './trace-limit.js';

/** How often `runUntil` re-checks a predicate that may turn true with the mere passing of time. */
const RUN_UNTIL_STEP_MS = 100;

/** Builds the chooser of a run from the seeded draws and a view of the clock's pending deadlines. */
export type ChooserFor = (seeded: Chooser, clock: ClockView) => Chooser;

/** `chooserFor` (explore and `choices:` replays) takes over every choice point from the seeded draws. */
export function createSimulator(options: EngineOptions, chooserFor?: ChooserFor): Engine {
  return new Simulator(options, chooserFor);
}

class Simulator implements Engine {
  /**
   * Its last `state()` and the store's write and event counts then: every record write and every fault (a node's agent
   * lost or back) moves one of them, so equal counts mean the same objects. Read-only for callers, as every state is.
   * Private fields (#), which explore's state hash does not walk; not a WeakMap outside it: a long-lived WeakMap's
   * values survive young-generation collections after their run is over (a run's states and tasks promoted, ~4 % of
   * what a small run allocates, until a full collection).
   */
  #lastState: { writes: number; events: number; leaderId: string | null; state: ClusterState } | null = null;
  /** The last `isConverged` answer and the counts it was given at (as #lastState). */
  #lastConverged: { key: string; writes: number; events: number; converged: boolean } | null = null;
  readonly seed: number;
  private readonly clock: VirtualClock;
  private readonly random: SeededRandom;
  private readonly store: Store;
  private readonly m: Manager;
  private readonly agent: SimulatedCluster;
  private readonly scheduler: Scheduler;
  private readonly restarts: RestartSupervisor;
  private readonly reaper: TaskReaper;
  private readonly orchestrator: Orchestrator;
  private readonly daemon: Daemon;
  private readonly snapshot = new Snapshotter(VIRTUAL_EPOCH_ISO);
  private leaderId: string | null = null;
  /** Per node that came back with node-up: when; its agent has beaten every heartbeat period since (see nodeDown). */
  private readonly agentBackMs = new Map<string, Millis>();
  /** Per lost node: its current loss, so the Down timer of an earlier loss, healed since, does nothing. */
  private readonly losses = new Map<string, object>();

  constructor(options: EngineOptions, chooserFor?: ChooserFor) {
    this.seed = options.seed;
    const clockView: ClockView = {
      now: () => this.clock.now(),
      fired: () => this.clock.fired(),
      pending: () => this.clock.pending(),
    };
    this.random = new SeededRandom(options.seed, chooserFor && ((seeded) => chooserFor(seeded, clockView)));
    this.clock = new VirtualClock(chooserFor ? this.random.chooser : undefined);
    this.store = new Store(() => this.clock.now());
    this.limitTrace(options);
    const random = this.random;
    const timing = options.cluster.timing;
    const nodeWatchers = new Set<NodeWatcher>();
    this.m = {
      store: this.store,
      clock: this.clock,
      random,
      timing,
      config: options.cluster,
      watchers: new TaskWatchers(),
      nodeWatchers,
      ports: new PortAllocator(this.store.services),
      now: () => this.clock.now(),
      span: (key) => random.span(timing[key]),
      reconcile: (service) => this.orchestrator.scheduleReconcile(service),
    };
    this.agent = new SimulatedCluster({
      clock: this.clock,
      random,
      timing,
      images: options.cluster.images,
      nodes: this.store.nodes,
      sink: {
        reportTaskState: (task, state, message, err, exitCode) => {
          if (!task.removed) this.store.setTaskStatus(task, state, message, err, exitCode);
        },
        reportContainerEvent: (task, action, signal, exitCode, health) =>
          this.store.recordContainer(task, action, signal, exitCode, health),
      },
    });
    this.scheduler = new Scheduler(this.m);
    this.restarts = new RestartSupervisor(this.m);
    this.reaper = new TaskReaper(this.m);
    this.orchestrator = new Orchestrator(this.m, this.restarts);
    this.daemon = new Daemon(this.m, this.orchestrator);
    this.store.hooks = {
      taskNeedsAgent: (task) => {
        if (task.state === 'new') {
          this.reaper.taskCreated(task);
          this.scheduler.taskCreated(task);
          return;
        }
        if (isAfterRunning(task.desired)) this.scheduler.release(task);
        this.agent.taskChanged(task);
      },
      taskStateChanged: (task, previous) => {
        this.m.watchers.notify(task, previous);
        if (!isAfterRunning(task.state)) return;
        if (!isAfterRunning(previous)) this.scheduler.hostPortsFreed(task);
        if (isAtMostRunning(task.desired)) this.restarts.taskEnded(task);
        else if (task.desired === 'remove') this.reaper.taskStoppedForRemoval(task);
      },
      taskDeleted: (task) => {
        this.scheduler.release(task);
        this.scheduler.hostPortsFreed(task);
        this.agent.taskDeleted(task.id);
      },
    };
    options.cluster.nodes.forEach((config, index) => {
      const node: NodeRecord = {
        id: random.id25(),
        hostname: config.name,
        role: config.role,
        availability: config.availability,
        state: 'ready',
        message: '',
        labels: config.labels ?? {},
        createdMs: 0,
        updatedMs: 0,
        version: 0,
        addr: `192.0.2.${index + 1}`,
        agentUp: true,
      };
      if (config.role === 'manager' && !this.leaderId) this.leaderId = node.id;
      this.store.writeNode(node);
    });
  }

  /** The trace limit (EngineOptions.traceEventLimit), checked after every deadline fired. */
  private limitTrace(options: EngineOptions): void {
    const events = options.traceEventLimit;
    if (events === undefined) return;
    const limit = { events, eventsPerReplica: options.traceEventsPerReplica ?? 0 };
    const nodeCount = () => this.store.nodes.size;
    this.clock.afterFire = traceLimitCheck(limit, this.store.log, this.store.services, nodeCount, () =>
      this.clock.now(),
    );
  }

  // --- DaemonApi --------------------------------------------------------------------------------

  nowMs(): Millis {
    return this.clock.now();
  }

  state(): ClusterState {
    // The CLI's progress display asks every 200 ms of virtual time; mostly nothing was written in between.
    const writes = this.store.writes;
    const events = this.store.log.length;
    const last = this.#lastState;
    if (last && last.writes === writes && last.events === events && last.leaderId === this.leaderId)
      return { ...last.state, nowMs: this.clock.now() };
    const state: ClusterState = {
      nowMs: this.clock.now(),
      epochIso: this.snapshot.epochIso,
      services: [...this.store.services.values()].map((s) => this.snapshot.service(s)),
      tasks: [...this.store.tasks.values()].map((t) => this.snapshot.task(t)),
      nodes: sameItems(this.nodeObjects(), last?.state.nodes),
    };
    this.#lastState = { writes, events, leaderId: this.leaderId, state };
    return state;
  }

  createService(spec: ServiceSpec): Service {
    return this.snapshot.service(this.daemon.createService(spec));
  }

  updateService(idOrName: string, spec: ServiceSpec, opts: { rollback?: boolean } = {}): Service {
    return this.snapshot.service(this.daemon.updateService(idOrName, spec, opts.rollback === true));
  }

  removeService(idOrName: string): void {
    this.daemon.removeService(idOrName);
  }

  updateNode(idOrName: string, change: { availability?: NodeAvailability }): Node {
    const node = this.daemon.updateNode(idOrName, change);
    this.scheduler.retryPending();
    return this.snapshot.node(node, this.leaderId);
  }

  advanceTo(untilMs: Millis): void {
    this.clock.advanceTo(untilMs);
  }

  logs(idOrName: string): { taskId: string; slot: number; nodeId: string; line: string }[] {
    const service = this.daemon.service(idOrName);
    const out: { taskId: string; slot: number; nodeId: string; line: string }[] = [];
    for (const entry of this.agent.logLines) {
      const task = this.store.tasks.get(entry.taskId);
      if (task && task.serviceId === service.id)
        out.push({ taskId: task.id, slot: task.slot, nodeId: task.nodeId ?? '', line: entry.line });
    }
    return out;
  }

  // --- FaultApi ---------------------------------------------------------------------------------

  /**
   * Like swarmkit's dispatcher: the agent beats every heartbeat period and the node is marked down the TTL
   * (heartbeatTimeoutMs, 3 periods) after the last beat, so 10 to 15 s after the cut depending on the beats' phase.
   * The time since the last beat is a seeded draw in [0, period), or, once the node came back with node-up (its
   * agent registers again and beats at once), counted from then. Swarm also jitters each period by up to ±0.5 s,
   * which is not modelled (real Down: 9 to 16.5 s after the cut).
   */
  nodeDown(idOrName: string): void {
    const node = this.daemon.node(idOrName);
    // The leader is the manager the CLI talks to: a swarm losing its only manager has no control plane left.
    if (node.id === this.leaderId) throw new DaemonError(errFaultLeaderDown(node.hostname));
    if (!node.agentUp) return;
    node.agentUp = false;
    this.store.record(faultTraceEvent(this.clock.now(), 'node-down', node.id));
    this.agent.nodeLost(node.id);
    const now = this.clock.now();
    const periodMs = this.m.span('heartbeatPeriodMs');
    const backMs = this.agentBackMs.get(node.id);
    const sinceBeatMs =
      periodMs <= 0 ? 0 : backMs === undefined ? this.random.phase(periodMs) : (now - backMs) % periodMs;
    const loss = {};
    this.losses.set(node.id, loss);
    this.clock.setTimeout(
      () => {
        if (this.losses.get(node.id) !== loss || node.state === 'down') return;
        node.state = 'down';
        node.message = MSG_HEARTBEAT_FAILURE;
        this.store.writeNode(node);
        this.daemon.nodeChanged(node);
      },
      Math.max(0, this.m.span('heartbeatTimeoutMs') - sinceBeatMs),
    );
  }

  nodeUp(idOrName: string): void {
    const node = this.daemon.node(idOrName);
    if (node.agentUp) return;
    node.agentUp = true;
    this.store.record(faultTraceEvent(this.clock.now(), 'node-up', node.id));
    this.agentBackMs.set(node.id, this.clock.now());
    this.losses.delete(node.id);
    if (node.state !== 'ready') {
      node.state = 'ready';
      node.message = '';
      this.store.writeNode(node);
    }
    this.agent.nodeBack(node.id);
    this.daemon.nodeChanged(node);
    this.scheduler.retryPending();
  }

  killContainer(taskIdPrefix: string, exitCode = 137): void {
    const matches = [...this.store.tasks.values()].filter((t) => t.id.startsWith(taskIdPrefix));
    if (matches.length !== 1)
      throw new DaemonError(matches.length ? errFaultTaskAmbiguous(taskIdPrefix) : errFaultNoSuchTask(taskIdPrefix));
    if (!this.agent.kill(matches[0], exitCode)) throw new DaemonError(errFaultNoRunningContainer(matches[0].id));
    const { id: taskId, nodeId } = matches[0];
    this.store.record(faultTraceEvent(this.clock.now(), 'kill', nodeId ?? '', { taskId, exitCode }));
  }

  // --- Engine -----------------------------------------------------------------------------------

  events(): readonly TraceEvent[] {
    return this.store.log.events();
  }

  eventCount(): number {
    return this.store.log.length;
  }

  eventAt(index: number): TraceEvent | undefined {
    return this.store.log.at(index);
  }

  /** A command is recorded once it returns, stamped with the time it was typed: keep the log in time order. */
  record(event: Extract<TraceEvent, { type: 'command' | 'output' }>): void {
    const log = this.store.log;
    let index = log.length;
    while (index > 0 && log.timeAt(index - 1) > event.t_ms) index--;
    log.insert(index, event);
  }

  runUntil(predicate: () => boolean, limitMs: Millis): boolean {
    // What the last call set in motion at this instant (reconciles, 0 ms timers) happens before the first look.
    this.clock.advanceTo(this.clock.now());
    const endMs = this.clock.now() + limitMs;
    for (;;) {
      if (predicate()) return true;
      const now = this.clock.now();
      if (now >= endMs) return false;
      const next = this.clock.nextDeadline();
      const stepMs = Math.min(endMs, now + RUN_UNTIL_STEP_MS);
      // Fire every deadline of the next instant (one at a time), then look again: predicates see whole instants.
      if (next !== undefined && next <= stepMs) this.clock.advanceTo(next);
      else this.clock.advanceTo(stepMs);
    }
  }

  isConverged(serviceIdOrName?: string): boolean {
    // Asked after every instant of a wait; its answer moves only with a record write or an event (a fault included).
    const writes = this.store.writes;
    const events = this.store.log.length;
    const key = serviceIdOrName ?? '';
    const last = this.#lastConverged;
    if (last && last.key === key && last.writes === writes && last.events === events) return last.converged;
    const services = serviceIdOrName ? [this.daemon.service(serviceIdOrName)] : [...this.store.services.values()];
    const converged = services.every((service) => this.serviceConverged(service));
    this.#lastConverged = { key, writes, events, converged };
    return converged;
  }

  containerUp(taskId: string): boolean {
    return this.agent.isUp(taskId);
  }

  pendingTimers(): number {
    return this.clock.pendingCount();
  }

  firedTimers(): number {
    return this.clock.fired();
  }

  isSettled(quietMs: Millis): boolean {
    // The quiet-time test first: O(1) and mostly false, it spares the scans below at nearly every instant of a wait.
    const now = this.clock.now();
    const quiet =
      now - this.store.lastTaskChangeMs >= quietMs ||
      now - this.store.lastControlChangeMs >= SETTLE_MAX_AFTER_STATUS_MS;
    if (!quiet) return false;
    for (const service of this.store.services.values()) {
      const state = service.updateStatus?.state;
      if (state && !isFinalUpdateState(state)) return false;
      // A null status over a running updater: the spec was sent again unchanged mid-rollout. A real swarm's recorder
      // sees only the tasks still outdated (src/real-swarm/settle.ts); the simulator sees the updater itself.
      if (!state && this.orchestrator.updaterRunning(service.id)) return false;
    }
    // Like the real-Swarm recorder: no task that was told to stop is still running on a live node.
    for (const task of this.store.tasks.values()) {
      if (isAfterRunning(task.desired) && task.state === 'running' && this.nodeUpFor(task.nodeId)) return false;
    }
    return true;
  }

  exportTrace(scenarioName: string): Trace {
    const state = this.state();
    return {
      scenario: scenarioName,
      seed: this.seed,
      duration_ms: state.nowMs,
      epoch: state.epochIso,
      services: state.services,
      tasks: state.tasks,
      nodes: state.nodes,
      events: [...this.store.log.events()],
    };
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** The CLI's convergence rule: one running, up-to-date task per slot (per eligible node for global). */
  private serviceConverged(service: ServiceRecord): boolean {
    let running = 0;
    for (const [, tasks] of this.store.slotsOf(service.id)) {
      const ok = tasks.some(
        (t) =>
          t.state === 'running' &&
          isAtMostRunning(t.desired) &&
          this.nodeUpFor(t.nodeId) &&
          !isTaskDirty(service, t, t.nodeId ? this.store.nodes.get(t.nodeId) : undefined),
      );
      if (ok) running++;
    }
    if (!isGlobal(service)) return running === replicasOf(service);
    const constraints = service.spec.TaskTemplate.Placement?.Constraints ?? [];
    const eligible = [...this.store.nodes.values()].filter((n) => schedulable(n) && nodeMatches(n, constraints)).length;
    return running === eligible;
  }

  private nodeUpFor(nodeId: string | null): boolean {
    const node = nodeId ? this.store.nodes.get(nodeId) : undefined;
    return node !== undefined && node.state !== 'down';
  }

  private nodeObjects(): Node[] {
    return [...this.store.nodes.values()].map((n) => this.snapshot.node(n, this.leaderId));
  }
}

/** `made`, or `before` when it holds the same objects in the same order: a reader may then know it unchanged. */
function sameItems<T>(made: T[], before: T[] | undefined): T[] {
  if (before === undefined || before.length !== made.length) return made;
  for (let i = 0; i < made.length; i++) if (made[i] !== before[i]) return made;
  return before;
}
