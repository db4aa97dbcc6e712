// SwarmEngine: the Engine interface on a real swarm, made synchronous over a worker thread (Atomics.wait +
// receiveMessageOnPort).
import { appendFileSync } from 'node:fs';
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import type { Engine } from '../backend.js';
import { canonicalJson } from '../engine/orchestrator/tasks.js';
import type { EngineOptions } from '../engine/records.js';
import { isAtMostRunning } from '../engine/task-state.js';
import { DaemonError } from '../errors.js';
import { ERR_FAULT_NODE_LOSS_NEEDS_LAB, errFaultNodeNotBack } from '../messages.js';
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
import type { ConnectRequest } from './daemon-ops.js';
import type { LabCluster } from './lab-cluster/cluster.js';
import { findLabCluster, labNodeDown, labNodeOf, labNodeUp, labUpdateNode } from './lab-cluster/nodes.js';
import { startWorker } from './module-runner.js';
import { NodeFaultLog } from './node-faults.js';
import { POLL_INTERVAL_MS } from './recorder.js';
import { isPolledSettled, type PolledState } from './settle.js';
import { wallNowMs } from './wall-clock.js';
import type { WorkerCall, WorkerReply } from './worker.js';

const CALL_TIMEOUT_MS = 120_000;
const CONNECT_TIMEOUT_MS = 600_000;
const NODE_UPDATE_SEEN_MS = 5_000;
const NODE_BACK_MS = 30_000;

export interface SwarmEngineOptions extends EngineOptions {
  /** --host (default DOCKER_HOST, then unix:///var/run/docker.sock). */
  host?: string;
  runId: string;
  /** Every event is appended here as a JSON line while the run goes. */
  outFile?: string;
  usedImages: string[];
  serviceNames: string[];
  /** On a lab cluster: lab hostname → the scenario's node name (lab-names.ts). */
  hostnames?: Record<string, string>;
}

/** The daemon went away (or another non-daemon failure) during a run; `cleanupHint` says how to remove what is left. */
export class SwarmRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SwarmRunError';
  }
}

/**
 * The run never started (the daemon never answered, a bad host, a name taken): nothing was created, nothing to clean.
 */
export class SwarmNotStartedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SwarmNotStartedError';
  }
}

export class SwarmEngine implements Engine {
  readonly seed: number;
  readonly runId: string;
  readonly epochIso: string;
  private readonly startEpochMs: number;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: a reply is ready; [1]: the daemon failed (set by the worker). */
  private readonly flag = new Int32Array(new SharedArrayBuffer(8));
  private readonly daemonEvents: TraceEvent[] = [];
  private readonly ownEvents: TraceEvent[] = [];
  private readonly nodeFaults = new NodeFaultLog(
    (event) => this.recordOwn(event),
    () => this.nowMs(),
  );
  private last: PolledState | null = null;
  private closed = false;
  /** undefined until looked up; null on a swarm that is not a swarmlab lab cluster. */
  private lab: LabCluster | null | undefined;

  constructor(private readonly options: SwarmEngineOptions) {
    this.seed = options.seed;
    this.runId = options.runId;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = startWorker('worker', {
      workerData: { signal: this.flag.buffer, port: port2 },
      transferList: [port2],
    });
    this.worker.unref();
    const request: ConnectRequest = {
      host: options.host,
      env: { ...process.env },
      runId: options.runId,
      outFile: options.outFile,
      usedImages: options.usedImages,
      images: options.cluster.images,
      serviceNames: options.serviceNames,
      hostnames: options.hostnames,
    };
    try {
      this.startEpochMs = (
        this.call({ op: 'connect', request }, CONNECT_TIMEOUT_MS) as { startEpochMs: number }
      ).startEpochMs;
    } catch (err) {
      this.stopWorker();
      throw err;
    }
    this.epochIso = new Date(Math.floor(this.startEpochMs)).toISOString();
  }

  // --- DaemonApi --------------------------------------------------------------------------------

  nowMs(): Millis {
    return wallNowMs() - this.startEpochMs;
  }

  state(): ClusterState {
    const polled = this.poll();
    return {
      nowMs: this.nowMs(),
      epochIso: this.epochIso,
      services: polled.services,
      tasks: polled.tasks,
      nodes: polled.nodes,
    };
  }

  createService(spec: ServiceSpec): Service {
    return this.call({ op: 'createService', spec }) as Service;
  }

  updateService(idOrName: string, spec: ServiceSpec, opts: { rollback?: boolean } = {}): Service {
    return this.call({ op: 'updateService', idOrName, spec, rollback: opts.rollback === true }) as Service;
  }

  removeService(idOrName: string): void {
    this.call({ op: 'removeService', idOrName });
  }

  /** Only on a swarmlab lab cluster (`swarmlab cluster up`), whose nodes are swarmlab's own. */
  updateNode(idOrName: string, change: { availability?: NodeAvailability }): Node {
    const lab = this.labCluster();
    if (!lab)
      throw new DaemonError(
        'swarmlab does not change the nodes of a real swarm (they are not its own): node availability stays ' +
          'simulated-only outside a lab cluster (swarmlab cluster up)',
      );
    const node = labUpdateNode(lab, labNodeOf(lab, this.poll().nodes, idOrName), change);
    // The recorder polls on its own clock: wait until it has seen the change, so the next command and the trace do.
    this.runUntil(
      () => this.poll().nodes.some((n) => n.ID === node.ID && n.Version.Index >= node.Version.Index),
      NODE_UPDATE_SEEN_MS,
    );
    return node;
  }

  /** Waits until wall time `untilMs`, waking at once if the daemon fails meanwhile (then throws its error). */
  advanceTo(untilMs: Millis): void {
    const remaining = untilMs - this.nowMs();
    if (remaining > 0) Atomics.wait(this.flag, 1, 0, remaining);
    if (Atomics.load(this.flag, 1) !== 0) this.poll();
  }

  logs(idOrName: string): { taskId: string; slot: number; nodeId: string; line: string }[] {
    return this.call({ op: 'logs', idOrName }) as { taskId: string; slot: number; nodeId: string; line: string }[];
  }

  // --- FaultApi ---------------------------------------------------------------------------------

  /** On a lab cluster: the worker's cable is pulled (Swarm sees a heartbeat failure); refused on any other swarm. */
  nodeDown(idOrName: string): void {
    const lab = this.requireLab();
    const node = labNodeOf(lab, this.poll().nodes, idOrName);
    this.nodeFaults.down(node.nodeId, () => labNodeDown(lab, node));
  }

  /**
   * On a lab cluster: the cable back, then until the manager sees the node again (in the simulator it is back at once).
   */
  nodeUp(idOrName: string): void {
    const lab = this.requireLab();
    const node = labNodeOf(lab, this.poll().nodes, idOrName);
    this.nodeFaults.up(node.nodeId, () => labNodeUp(lab, node));
    const back = () => this.poll().nodes.some((n) => n.ID === node.nodeId && n.Status.State === 'ready');
    if (!this.runUntil(back, NODE_BACK_MS)) throw new DaemonError(errFaultNodeNotBack(node.name, NODE_BACK_MS / 1000));
  }

  /** The swarmlab lab cluster this swarm is, or null. */
  labCluster(): LabCluster | null {
    if (this.lab === undefined) this.lab = findLabCluster(this.poll().nodes);
    return this.lab;
  }

  private requireLab(): LabCluster {
    const lab = this.labCluster();
    if (!lab) throw new DaemonError(ERR_FAULT_NODE_LOSS_NEEDS_LAB);
    return lab;
  }

  killContainer(taskIdPrefix: string, exitCode?: number): void {
    this.call({ op: 'killContainer', taskIdPrefix, exitCode });
  }

  // --- Engine -----------------------------------------------------------------------------------

  events(): readonly TraceEvent[] {
    if (!this.closed)
      this.daemonEvents.push(...(this.call({ op: 'events', from: this.daemonEvents.length }) as TraceEvent[]));
    return [...this.daemonEvents, ...this.ownEvents].sort((a, b) => a.t_ms - b.t_ms);
  }

  eventCount(): number {
    return this.events().length;
  }

  eventAt(index: number): TraceEvent | undefined {
    return this.events()[index];
  }

  record(event: Extract<TraceEvent, { type: 'command' | 'output' }>): void {
    this.recordOwn(event);
  }

  /** Commands, outputs and node faults: the events this side of the worker knows first. */
  private recordOwn(event: TraceEvent): void {
    this.ownEvents.push(event);
    if (this.options.outFile) appendFileSync(this.options.outFile, `${JSON.stringify(event)}\n`);
  }

  runUntil(predicate: () => boolean, limitMs: Millis): boolean {
    const endMs = this.nowMs() + limitMs;
    for (;;) {
      if (predicate()) return true;
      const now = this.nowMs();
      if (now >= endMs) return false;
      this.advanceTo(now + Math.min(POLL_INTERVAL_MS, endMs - now));
    }
  }

  isConverged(serviceIdOrName?: string): boolean {
    const polled = this.poll();
    const services = serviceIdOrName ? [findService(polled.services, serviceIdOrName)] : polled.services;
    return services.every((service) => this.serviceConverged(service, polled));
  }

  isSettled(quietMs: Millis): boolean {
    return isPolledSettled(this.poll(), quietMs);
  }

  exportTrace(scenarioName: string): Trace {
    const state = this.closed && this.last ? { ...this.last, epochIso: this.epochIso } : this.state();
    return {
      scenario: scenarioName,
      seed: this.seed,
      duration_ms: state.nowMs,
      epoch: this.epochIso,
      services: state.services,
      tasks: state.tasks,
      nodes: state.nodes,
      events: [...this.events()],
    };
  }

  /** Stops recording; removes the run's services and images unless `keep`. Returns what was removed. */
  finish(keep: boolean): string[] {
    if (this.closed) return [];
    try {
      this.events();
      this.poll();
    } catch {
      // The run failed on a daemon error: keep what was recorded and still try to clean up.
    }
    this.closed = true;
    try {
      return this.call({ op: 'finish', cleanup: !keep }, CALL_TIMEOUT_MS) as string[];
    } finally {
      this.stopWorker();
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private poll(): PolledState {
    if (this.closed && this.last) return this.last;
    this.last = this.call({ op: 'state' }) as PolledState;
    return this.last;
  }

  private serviceConverged(service: Service, polled: PolledState): boolean {
    const wanted = canonicalJson({
      c: service.Spec.TaskTemplate.ContainerSpec,
      f: service.Spec.TaskTemplate.ForceUpdate ?? 0,
    });
    const upNodes = new Set(polled.nodes.filter((n) => n.Status.State !== 'down').map((n) => n.ID));
    const good = polled.tasks.filter(
      (t) =>
        t.ServiceID === service.ID &&
        t.Status.State === 'running' &&
        isAtMostRunning(t.DesiredState) &&
        upNodes.has(t.NodeID ?? '') &&
        canonicalJson({ c: t.Spec.ContainerSpec, f: t.Spec.ForceUpdate ?? 0 }) === wanted,
    );
    const slots = new Set(good.map((t) => (service.Spec.Mode.Global ? t.NodeID : t.Slot)));
    if (service.Spec.Mode.Global) {
      return (
        slots.size === polled.nodes.filter((n) => n.Status.State === 'ready' && n.Spec.Availability === 'active').length
      );
    }
    return slots.size === (service.Spec.Mode.Replicated?.Replicas ?? 1);
  }

  /** One synchronous round trip to the worker. */
  private call(call: WorkerCall, timeoutMs = CALL_TIMEOUT_MS): unknown {
    if (this.closed && call.op !== 'finish') throw new SwarmRunError('the swarm run is over');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(call);
    const deadline = wallNowMs() + timeoutMs;
    for (;;) {
      Atomics.wait(this.flag, 0, 0, 100);
      const received = receiveMessageOnPort(this.port);
      if (received) return unwrap(received.message as WorkerReply);
      if (wallNowMs() > deadline)
        throw new SwarmRunError(`the Docker daemon did not answer ${call.op} within ${timeoutMs / 1000} s`);
    }
  }

  private stopWorker(): void {
    this.closed = true;
    void this.worker.terminate();
    this.port.close();
  }
}

function unwrap(reply: WorkerReply): unknown {
  if (reply.ok) return reply.result;
  if (reply.name === 'DaemonError') throw new DaemonError(reply.message);
  if (reply.name === 'RunNotStartedError') throw new SwarmNotStartedError(reply.message);
  if (reply.name === 'DaemonUnreachableError')
    throw new SwarmRunError(`the Docker daemon went away during the run: ${reply.message}`);
  throw new SwarmRunError(reply.message);
}

function findService(services: Service[], idOrName: string): Service {
  const found =
    services.find((s) => s.ID === idOrName || s.Spec.Name === idOrName) ??
    services.filter((s) => s.ID.startsWith(idOrName)).at(0);
  if (!found) throw new DaemonError(`service ${idOrName} not found`);
  return found;
}
