// A comparison model, not Swarm: a Kubernetes Deployment's RollingUpdate on the lab's simulated cluster timing and
// faults.

import { assertNever } from '../assert-never.js';
import { DEFAULT_TIMING } from '../defaults.js';
import { SeededRandom } from '../engine/random.js';
import type { FaultEvent } from '../faults/registry.js';
import type { ImageBehaviour, Millis, TimingProfile } from '../types.js';
import { type K8sResult, type K8sRollout, resolveSurgeUnavailable } from './k8s-spec.js';

interface Pod {
  id: number;
  rs: 'old' | 'new';
  node: string;
  /** [from, to) intervals in which the pod is Ready. */
  ready: [Millis, Millis][];
  startedMs: Millis;
  /** Deleted by the controller (or evicted) at this time: out of the endpoints and of the ReplicaSet at once. */
  deletedMs: Millis;
}

type ReplicaSet = 'old' | 'new';
type PodLife = { ready: [Millis, Millis][]; startedMs: Millis };
/** DeploymentProgressing compares these with the last status: updated up, old down, ready up or available up. */
type DeploymentStatus = { updated: number; old: number; ready: number; available: number };

const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** Kubernetes' default toleration of a NotReady/unreachable node before its pods are evicted. */
const EVICTION_TOLERATION_MS = 300_000;
const HORIZON_MS = 3 * 3_600_000;
/** Like the Swarm progress follower, the model stops looking after an hour of virtual time. */
export const K8S_GIVE_UP_MS = 3_600_000;

export function simulateK8sRollout(input: K8sRollout): K8sResult {
  return new K8sModel(input).run();
}

/** One rollout: the pods of both ReplicaSets, the nodes lost or drained, and the controllers' memory. */
class K8sModel {
  readonly surge: number;
  readonly unavailable: number;
  private readonly random: SeededRandom;
  private readonly timing: TimingProfile;
  private readonly minReadyMs: Millis;
  private readonly deadlineMs: Millis;
  private readonly reactMs: Millis;
  private readonly heartbeatMs: Millis;
  private readonly nodes: string[];
  private readonly lost = new Map<string, Millis>();
  private readonly drained = new Set<string>();
  private readonly pods: Pod[] = [];
  private nextId = 1;
  /** The ReplicaSets' desired replicas. */
  private readonly spec: Record<ReplicaSet, number>;
  private readonly faults: FaultEvent[];
  private lastProgressMs = 0;
  private lastStatus: DeploymentStatus;
  private readonly series: [Millis, number][] = [];

  constructor(private readonly input: K8sRollout) {
    const { surge, unavailable } = resolveSurgeUnavailable(input.replicas, input.maxSurge, input.maxUnavailable);
    this.surge = surge;
    this.unavailable = unavailable;
    this.timing = { ...DEFAULT_TIMING, ...(input.timing ?? {}) };
    this.random = new SeededRandom(input.seed);
    this.minReadyMs = (input.minReadySeconds ?? 0) * 1000;
    this.deadlineMs = (input.progressDeadlineSeconds ?? 600) * 1000;
    this.reactMs = this.span('updaterGapMs');
    this.heartbeatMs = this.span('heartbeatTimeoutMs');
    this.nodes = Array.from({ length: Math.max(1, input.nodes) }, (_, i) => `node-${i + 1}`);
    // The old ReplicaSet, fully available when the rollout starts at t = 0.
    for (let i = 0; i < input.replicas; i++)
      this.createPod('old', 0, { ready: [[-60_000, Infinity]], startedMs: -60_000 });
    this.spec = { old: input.replicas, new: 0 };
    this.faults = [...(input.faults ?? [])].sort((a, b) => a.atMs - b.atMs);
    this.lastStatus = { updated: 0, old: input.replicas, ready: input.replicas, available: input.replicas };
  }

  /** Faults, controllers, the serving count, the progress deadline, then on to the next instant anything changes. */
  run(): K8sResult {
    let t = 0;
    let outcome: K8sResult['outcome'] | null = null;
    for (let steps = 0; steps < 100_000 && outcome === null; steps++) {
      while (this.faults.length && this.faults[0].atMs <= t) this.applyFault(this.faults.shift()!, t);
      const changed = this.reconcile(t);
      this.record(t);
      this.noteProgress(t);
      outcome = this.outcomeAt(t);
      if (outcome === null) t = this.nextTime(t, changed);
    }
    return {
      outcome: outcome ?? 'stalled',
      durationMs: t,
      minAvailable: Math.min(...this.series.map(([, n]) => n)),
      badTasks: this.pods.filter((p) => p.rs === 'new' && p.startedMs <= t).length,
      maxSurge: this.surge,
      maxUnavailable: this.unavailable,
      series: this.series,
    };
  }

  private span(key: keyof TimingProfile): Millis {
    return this.random.span(this.timing[key]);
  }

  private imageOf(rs: ReplicaSet): ImageBehaviour {
    return rs === 'old' ? this.input.oldImage : this.input.newImage;
  }

  private startupMs(image: ImageBehaviour): Millis {
    return (
      this.span('scheduleMs') +
      this.span('prepareMs') +
      this.span('startDispatchMs') +
      this.span('startMs') +
      (image.startMs ?? 0)
    );
  }

  private readyDelayMs(image: ImageBehaviour): Millis {
    const h = image.healthcheck;
    if (!h) return 0;
    if (h.healthyAfterMs === 'never') return Infinity;
    return Math.max(h.intervalMs, Math.ceil(h.healthyAfterMs / h.intervalMs) * h.intervalMs);
  }

  /**
   * The pod's Ready intervals: up after start-up (and readiness), down on each crash, back after the restart back-off.
   */
  private lifeOf(image: ImageBehaviour, createdMs: Millis): PodLife {
    const startedMs = createdMs + this.startupMs(image);
    const crashes = image.exitCode !== undefined && this.random.next() < (image.failFraction ?? 1);
    const ready: [Millis, Millis][] = [];
    let upMs = startedMs;
    for (let restart = 0; upMs < HORIZON_MS; restart++) {
      const readyMs = upMs + this.readyDelayMs(image);
      const downMs = crashes ? upMs + (image.exitAfterMs ?? 0) : Infinity;
      if (readyMs < downMs) ready.push([readyMs, downMs]);
      if (!crashes) break;
      upMs =
        downMs +
        Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** restart) +
        this.span('startMs') +
        (image.startMs ?? 0);
    }
    return { ready, startedMs };
  }

  /** The scheduler: the usable node with the fewest live pods (any node when none is usable). */
  private placeNode(t: Millis): string {
    const usable = this.nodes.filter((n) => !this.drained.has(n) && !this.markedDown(n, t));
    const count = (n: string) => this.pods.filter((p) => p.node === n && p.deletedMs > t).length;
    return [...(usable.length ? usable : this.nodes)].sort((a, b) => count(a) - count(b) || a.localeCompare(b))[0];
  }

  private createPod(rs: ReplicaSet, t: Millis, preset?: PodLife): Pod {
    const life = preset ?? this.lifeOf(this.imageOf(rs), t);
    const pod: Pod = {
      id: this.nextId++,
      rs,
      node: this.placeNode(t),
      ready: life.ready,
      startedMs: life.startedMs,
      deletedMs: Infinity,
    };
    this.pods.push(pod);
    return pod;
  }

  /** The node controller marked the node unreachable (the heartbeat timeout after its loss). */
  private markedDown(node: string, t: Millis): boolean {
    const lostMs = this.lost.get(node);
    return lostMs !== undefined && lostMs + this.heartbeatMs <= t;
  }

  /** What the endpoints see (`serving`: nothing on a lost node), or the controller (Ready until marked down). */
  private readyAt(pod: Pod, t: Millis, view: 'serving' | 'controller'): boolean {
    if (pod.deletedMs <= t) return false;
    const lostMs = this.lost.get(pod.node);
    if (view === 'serving' && lostMs !== undefined && lostMs <= t) return false;
    if (view === 'controller' && this.markedDown(pod.node, t)) return false;
    return pod.ready.some(([from, to]) => from <= t && t < to);
  }

  private availableAt(pod: Pod, t: Millis): boolean {
    return this.readyAt(pod, t, 'controller') && pod.ready.some(([from, to]) => from + this.minReadyMs <= t && t < to);
  }

  private live(rs: ReplicaSet, t: Millis): Pod[] {
    return this.pods.filter((p) => p.rs === rs && p.deletedMs > t);
  }

  /** ReplicaSet controller: create missing pods, delete extra ones (not-ready first, then newest). */
  private syncReplicaSet(rs: ReplicaSet, t: Millis): void {
    const current = this.live(rs, t);
    for (let i = current.length; i < this.spec[rs]; i++) this.createPod(rs, t);
    if (current.length > this.spec[rs]) {
      const ready = (p: Pod) => Number(this.readyAt(p, t, 'controller'));
      const victims = [...current].sort((a, b) => ready(a) - ready(b) || b.id - a.id);
      for (const pod of victims.slice(0, current.length - this.spec[rs])) pod.deletedMs = t;
    }
  }

  /**
   * The Deployment controller's rolling update (reconcileNewReplicaSet, then reconcileOldReplicaSets); true on a
   * change.
   */
  private reconcile(t: Millis): boolean {
    const { input, spec } = this;
    const shape = () =>
      `${spec.old}/${spec.new}/${this.pods.length}/${this.pods.filter((p) => p.deletedMs <= t).length}`;
    const before = shape();
    const total = spec.old + spec.new;
    if (spec.new < input.replicas && total < input.replicas + this.surge) {
      spec.new = Math.min(input.replicas, spec.new + input.replicas + this.surge - total);
      this.lastProgressMs = t;
    }
    this.syncReplicaSet('new', t);
    const minAvailable = input.replicas - this.unavailable;
    const newUnavailable = spec.new - this.live('new', t).filter((p) => this.availableAt(p, t)).length;
    let maxScaledDown = spec.old + spec.new - minAvailable - newUnavailable;
    if (maxScaledDown > 0 && spec.old > 0) {
      // cleanupUnhealthyReplicas: old pods that are not available go first, without waiting for anything.
      const oldUnavailable = spec.old - this.live('old', t).filter((p) => this.availableAt(p, t)).length;
      const cleanup = Math.min(maxScaledDown, oldUnavailable, spec.old);
      spec.old -= cleanup;
      maxScaledDown -= cleanup;
      this.syncReplicaSet('old', t);
      const available = this.pods.filter((p) => p.deletedMs > t && this.availableAt(p, t)).length;
      spec.old -= Math.min(spec.old, Math.max(0, available - minAvailable));
    }
    this.syncReplicaSet('old', t);
    return before !== shape();
  }

  /** The serving count after each change. */
  private record(t: Millis): void {
    const serving = this.pods.filter((p) => this.readyAt(p, t, 'serving')).length;
    if (this.series.length === 0 || this.series[this.series.length - 1][1] !== serving) this.series.push([t, serving]);
  }

  /** DeploymentProgressing: any of updated up, old down, ready up or available up resets the progress deadline. */
  private noteProgress(t: Millis): void {
    const status: DeploymentStatus = {
      updated: this.live('new', t).length,
      old: this.live('old', t).length,
      ready: this.pods.filter((p) => this.readyAt(p, t, 'controller')).length,
      available: this.pods.filter((p) => this.availableAt(p, t)).length,
    };
    const last = this.lastStatus;
    if (
      status.updated > last.updated ||
      status.old < last.old ||
      status.ready > last.ready ||
      status.available > last.available
    )
      this.lastProgressMs = t;
    this.lastStatus = status;
  }

  private outcomeAt(t: Millis): K8sResult['outcome'] | null {
    const newAvailable = this.live('new', t).filter((p) => this.availableAt(p, t)).length;
    const replicas = this.input.replicas;
    if (this.spec.new === replicas && newAvailable === replicas && this.live('old', t).length === 0) return 'complete';
    if (t - this.lastProgressMs >= this.deadlineMs) return 'failed';
    if (t >= K8S_GIVE_UP_MS) return 'stalled';
    return null;
  }

  private applyFault(fault: FaultEvent, at: Millis): void {
    switch (fault.kind) {
      case 'node-down':
        this.lost.set(fault.node, at);
        return;
      case 'node-up':
        this.lost.delete(fault.node);
        return;
      case 'drain':
        this.drained.add(fault.node);
        // Evicted: the ReplicaSet replaces them.
        for (const pod of this.pods) if (pod.node === fault.node && pod.deletedMs > at) pod.deletedMs = at;
        return;
      case 'kill':
        this.restartInPlace(fault.slot, at);
        return;
      default:
        assertNever(fault, 'fault kind');
    }
  }

  /** A killed container restarts in place (restartPolicy Always): down now, Ready again after a start. */
  private restartInPlace(slot: number, at: Millis): void {
    const pod = this.pods.filter((p) => p.deletedMs > at).sort((a, b) => a.id - b.id)[slot - 1];
    if (!pod) return;
    const backMs = at + this.span('startMs') + this.readyDelayMs(this.imageOf(pod.rs));
    pod.ready = pod.ready.flatMap(([from, to]): [Millis, Millis][] =>
      from <= at && at < to
        ? [
            [from, at],
            [backMs, to],
          ]
        : [[from, to]],
    );
  }

  /**
   * The next instant anything changes (a pod's readiness or availability, a fault, a node marked down, the deadline).
   */
  private nextTime(now: Millis, changed: boolean): Millis {
    let next = Math.max(now + 1, Math.min(this.lastProgressMs + this.deadlineMs, K8S_GIVE_UP_MS));
    const consider = (at: Millis) => {
      if (at > now && at < next) next = at;
    };
    // the controllers see their own changes (pods created / deleted) and go on
    if (changed) consider(now + this.reactMs);
    for (const pod of this.pods) {
      if (pod.deletedMs <= now) continue;
      for (const [from, to] of pod.ready) {
        consider(from + this.reactMs);
        consider(from + this.minReadyMs + this.reactMs);
        consider(to + this.reactMs);
      }
    }
    if (this.faults.length) consider(this.faults[0].atMs);
    for (const at of this.lost.values()) {
      consider(at + this.heartbeatMs + this.reactMs);
      consider(at + this.heartbeatMs + EVICTION_TOLERATION_MS);
    }
    // Pods on a node down longer than the toleration are evicted; their ReplicaSet replaces them.
    for (const pod of this.pods) {
      const downMs = this.lost.get(pod.node);
      if (downMs !== undefined && pod.deletedMs > next && downMs + this.heartbeatMs + EVICTION_TOLERATION_MS <= next)
        pod.deletedMs = next;
    }
    return next;
  }
}
