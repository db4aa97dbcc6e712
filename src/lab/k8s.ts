// A comparison model, not Swarm: a Kubernetes Deployment's RollingUpdate on the lab's simulated cluster timing and faults.
import { DEFAULT_TIMING } from '../defaults.js';
import { SeededRandom } from '../engine/random.js';
import type { ImageBehaviour, Millis, TimingProfile } from '../types.js';
import type { FaultEvent } from './faults.js';

/** An int or a percentage (`"25%"`), as Kubernetes' IntOrString. */
export type IntOrPercent = number | `${number}%`;

export interface K8sRollout {
  replicas: number;
  /** Default 25% (rounded up). */
  maxSurge?: IntOrPercent;
  /** Default 25% (rounded down). */
  maxUnavailable?: IntOrPercent;
  /** A new pod counts as available once Ready this long (default 0). */
  minReadySeconds?: number;
  /** No progress for this long marks the rollout failed (ProgressDeadlineExceeded); nothing is rolled back. Default 600. */
  progressDeadlineSeconds?: number;
  nodes: number;
  oldImage: ImageBehaviour;
  newImage: ImageBehaviour;
  /** Faults at `atMs` after the rollout starts (kill: the `slot`-th pod in creation order restarts in place). */
  faults?: FaultEvent[];
  timing?: Partial<TimingProfile>;
  seed: number;
}

export interface K8sResult {
  /**
   * `complete`: every new pod available and no old pod left; `failed`: ProgressDeadlineExceeded (nothing is rolled back);
   * `stalled`: neither after an hour (a crash-looping pod turning Ready again counts as progress and resets the deadline).
   */
  outcome: 'complete' | 'failed' | 'stalled';
  durationMs: Millis;
  /** Lowest count of Ready pods on reachable nodes, not terminating, during the rollout. */
  minAvailable: number;
  /** New-image pods whose container started. */
  badTasks: number;
  maxSurge: number;
  maxUnavailable: number;
  /** [tMs, serving pods] after each change. */
  series: [Millis, number][];
}

/** Kubernetes' rounding: surge rounds up, unavailable rounds down (intstr.GetScaledValueFromIntOrPercent). */
export function resolveSurgeUnavailable(
  replicas: number,
  maxSurge: IntOrPercent = '25%',
  maxUnavailable: IntOrPercent = '25%',
): { surge: number; unavailable: number } {
  const scaled = (value: IntOrPercent, roundUp: boolean, field: string): number => {
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < 0)
        throw new Error(`spec.strategy.rollingUpdate.${field}: must be a non-negative integer or percentage`);
      return value;
    }
    const percent = Number(value.slice(0, -1));
    if (!Number.isFinite(percent) || percent < 0)
      throw new Error(`spec.strategy.rollingUpdate.${field}: invalid percentage ${value}`);
    const exact = (percent * replicas) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  };
  const surge = scaled(maxSurge, true, 'maxSurge');
  const unavailable = scaled(maxUnavailable, false, 'maxUnavailable');
  // The API rejects both 0 (validation works on the raw values; a percentage rounding to 0 is then unavailable 1).
  if (surge === 0 && unavailable === 0) {
    if (isZero(maxSurge) && isZero(maxUnavailable))
      throw new Error('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: may not be 0 when `maxSurge` is 0');
    return { surge, unavailable: 1 };
  }
  return { surge, unavailable };
}

const isZero = (value: IntOrPercent): boolean =>
  typeof value === 'number' ? value === 0 : Number(value.slice(0, -1)) === 0;

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

const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** Kubernetes' default toleration of a NotReady/unreachable node before its pods are evicted. */
const EVICTION_TOLERATION_MS = 300_000;
const HORIZON_MS = 3 * 3_600_000;
/** Like the Swarm progress follower, the model stops looking after an hour of virtual time. */
export const K8S_GIVE_UP_MS = 3_600_000;

export function simulateK8sRollout(input: K8sRollout): K8sResult {
  const { surge, unavailable } = resolveSurgeUnavailable(input.replicas, input.maxSurge, input.maxUnavailable);
  const timing = { ...DEFAULT_TIMING, ...(input.timing ?? {}) };
  const random = new SeededRandom(input.seed);
  const span = (key: keyof TimingProfile) => random.span(timing[key]);
  const minReadyMs = (input.minReadySeconds ?? 0) * 1000;
  const deadlineMs = (input.progressDeadlineSeconds ?? 600) * 1000;
  const reactMs = span('updaterGapMs');
  const heartbeatMs = span('heartbeatTimeoutMs');
  const nodes = Array.from({ length: Math.max(1, input.nodes) }, (_, i) => `node-${i + 1}`);
  const lost = new Map<string, Millis>();
  const drained = new Set<string>();
  const pods: Pod[] = [];
  let nextId = 1;

  const startupMs = (image: ImageBehaviour) =>
    span('scheduleMs') + span('prepareMs') + span('startDispatchMs') + span('startMs') + (image.startMs ?? 0);
  const readyDelayMs = (image: ImageBehaviour): Millis => {
    const h = image.healthcheck;
    if (!h) return 0;
    if (h.healthyAfterMs === 'never') return Infinity;
    return Math.max(h.intervalMs, Math.ceil(h.healthyAfterMs / h.intervalMs) * h.intervalMs);
  };
  /** The pod's Ready intervals: up after start-up (and readiness), down on each crash, back after the restart back-off. */
  const lifeOf = (image: ImageBehaviour, createdMs: Millis): { ready: [Millis, Millis][]; startedMs: Millis } => {
    const startedMs = createdMs + startupMs(image);
    const crashes = image.exitCode !== undefined && random.next() < (image.failFraction ?? 1);
    const ready: [Millis, Millis][] = [];
    let upMs = startedMs;
    for (let restart = 0; upMs < HORIZON_MS; restart++) {
      const readyMs = upMs + readyDelayMs(image);
      const downMs = crashes ? upMs + (image.exitAfterMs ?? 0) : Infinity;
      if (readyMs < downMs) ready.push([readyMs, downMs]);
      if (!crashes) break;
      upMs =
        downMs + Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** restart) + span('startMs') + (image.startMs ?? 0);
    }
    return { ready, startedMs };
  };
  const placeNode = (t: Millis): string => {
    const usable = nodes.filter((n) => !drained.has(n) && !(lost.has(n) && lost.get(n)! + heartbeatMs <= t));
    const count = (n: string) => pods.filter((p) => p.node === n && p.deletedMs > t).length;
    return [...(usable.length ? usable : nodes)].sort((a, b) => count(a) - count(b) || a.localeCompare(b))[0];
  };
  const createPod = (rs: 'old' | 'new', t: Millis, preset?: { ready: [Millis, Millis][]; startedMs: Millis }): Pod => {
    const life = preset ?? lifeOf(rs === 'old' ? input.oldImage : input.newImage, t);
    const pod: Pod = {
      id: nextId++,
      rs,
      node: placeNode(t),
      ready: life.ready,
      startedMs: life.startedMs,
      deletedMs: Infinity,
    };
    pods.push(pod);
    return pod;
  };
  // The old ReplicaSet, fully available when the rollout starts at t = 0.
  for (let i = 0; i < input.replicas; i++) createPod('old', 0, { ready: [[-60_000, Infinity]], startedMs: -60_000 });

  const reachable = (pod: Pod, t: Millis) => !(lost.has(pod.node) && lost.get(pod.node)! <= t);
  /** What the controller sees: Ready, unless the node was marked unreachable (after the heartbeat timeout). */
  const readyAt = (pod: Pod, t: Millis, view: 'serving' | 'controller'): boolean => {
    if (pod.deletedMs <= t) return false;
    if (view === 'serving' && !reachable(pod, t)) return false;
    if (view === 'controller' && lost.has(pod.node) && lost.get(pod.node)! + heartbeatMs <= t) return false;
    return pod.ready.some(([from, to]) => from <= t && t < to);
  };
  const availableAt = (pod: Pod, t: Millis): boolean =>
    readyAt(pod, t, 'controller') && pod.ready.some(([from, to]) => from + minReadyMs <= t && t < to);
  const live = (rs: 'old' | 'new', t: Millis) => pods.filter((p) => p.rs === rs && p.deletedMs > t);
  const spec = { old: input.replicas, new: 0 };
  const faults = [...(input.faults ?? [])].sort((a, b) => a.atMs - b.atMs);
  let lastProgressMs = 0;
  /** DeploymentProgressing compares these with the last status: updated up, old down, ready up or available up. */
  let lastStatus = { updated: 0, old: input.replicas, ready: input.replicas, available: input.replicas };

  /** ReplicaSet controller: create missing pods, delete extra ones (not-ready first, then newest). */
  const syncReplicaSet = (rs: 'old' | 'new', t: Millis) => {
    const current = live(rs, t);
    for (let i = current.length; i < spec[rs]; i++) createPod(rs, t);
    if (current.length > spec[rs]) {
      const victims = [...current].sort(
        (a, b) => Number(readyAt(a, t, 'controller')) - Number(readyAt(b, t, 'controller')) || b.id - a.id,
      );
      for (const pod of victims.slice(0, current.length - spec[rs])) pod.deletedMs = t;
    }
  };
  /** The Deployment controller's rolling update (reconcileNewReplicaSet, then reconcileOldReplicaSets). */
  const reconcile = (t: Millis): boolean => {
    const before = `${spec.old}/${spec.new}/${pods.length}/${pods.filter((p) => p.deletedMs <= t).length}`;
    const total = spec.old + spec.new;
    if (spec.new < input.replicas && total < input.replicas + surge) {
      spec.new = Math.min(input.replicas, spec.new + input.replicas + surge - total);
      lastProgressMs = t;
    }
    syncReplicaSet('new', t);
    const minAvailable = input.replicas - unavailable;
    const newUnavailable = spec.new - live('new', t).filter((p) => availableAt(p, t)).length;
    let maxScaledDown = spec.old + spec.new - minAvailable - newUnavailable;
    if (maxScaledDown > 0 && spec.old > 0) {
      // cleanupUnhealthyReplicas: old pods that are not available go first, without waiting for anything.
      const oldUnavailable = spec.old - live('old', t).filter((p) => availableAt(p, t)).length;
      const cleanup = Math.min(maxScaledDown, oldUnavailable, spec.old);
      spec.old -= cleanup;
      maxScaledDown -= cleanup;
      syncReplicaSet('old', t);
      const available = pods.filter((p) => p.deletedMs > t && availableAt(p, t)).length;
      const scaleDown = Math.min(spec.old, Math.max(0, available - minAvailable));
      spec.old -= scaleDown;
    }
    syncReplicaSet('old', t);
    return before !== `${spec.old}/${spec.new}/${pods.length}/${pods.filter((p) => p.deletedMs <= t).length}`;
  };

  const series: [Millis, number][] = [];
  const record = (t: Millis) => {
    const serving = pods.filter((p) => readyAt(p, t, 'serving')).length;
    if (series.length === 0 || series[series.length - 1][1] !== serving) series.push([t, serving]);
  };
  let t = 0;
  let outcome: K8sResult['outcome'] | null = null;
  for (let steps = 0; steps < 100_000 && outcome === null; steps++) {
    while (faults.length && faults[0].atMs <= t) applyFault(faults.shift()!, t);
    const changed = reconcile(t);
    record(t);
    const newAvailable = live('new', t).filter((p) => availableAt(p, t)).length;
    const status = {
      updated: live('new', t).length,
      old: live('old', t).length,
      ready: pods.filter((p) => readyAt(p, t, 'controller')).length,
      available: pods.filter((p) => availableAt(p, t)).length,
    };
    if (
      status.updated > lastStatus.updated ||
      status.old < lastStatus.old ||
      status.ready > lastStatus.ready ||
      status.available > lastStatus.available
    ) {
      lastProgressMs = t;
    }
    lastStatus = status;
    if (spec.new === input.replicas && newAvailable === input.replicas && live('old', t).length === 0)
      outcome = 'complete';
    else if (t - lastProgressMs >= deadlineMs) outcome = 'failed';
    else if (t >= K8S_GIVE_UP_MS) outcome = 'stalled';
    else t = nextTime(t, changed);
  }

  function applyFault(fault: FaultEvent, at: Millis): void {
    if (fault.kind === 'node-down') lost.set(fault.node, at);
    else if (fault.kind === 'node-up') lost.delete(fault.node);
    else if (fault.kind === 'drain') {
      drained.add(fault.node);
      for (const pod of pods) if (pod.node === fault.node && pod.deletedMs > at) pod.deletedMs = at; // evicted; the RS replaces it
    } else if (fault.kind === 'kill') {
      const pod = pods.filter((p) => p.deletedMs > at).sort((a, b) => a.id - b.id)[fault.slot - 1];
      if (!pod) return;
      // The container restarts in place (restartPolicy Always): down now, Ready again after a start.
      const backMs = at + span('startMs') + readyDelayMs(pod.rs === 'old' ? input.oldImage : input.newImage);
      pod.ready = pod.ready.flatMap(([from, to]): [Millis, Millis][] =>
        from <= at && at < to
          ? [
              [from, at],
              [backMs, to],
            ]
          : [[from, to]],
      );
    }
  }

  /** The next instant anything changes (a pod's readiness or availability, a fault, a node marked down, the deadline). */
  function nextTime(now: Millis, changed: boolean): Millis {
    let next = Math.max(now + 1, Math.min(lastProgressMs + deadlineMs, K8S_GIVE_UP_MS));
    const consider = (at: Millis) => {
      if (at > now && at < next) next = at;
    };
    if (changed) consider(now + reactMs); // the controllers see their own changes (pods created / deleted) and go on
    for (const pod of pods) {
      if (pod.deletedMs <= now) continue;
      for (const [from, to] of pod.ready) {
        consider(from + reactMs);
        consider(from + minReadyMs + reactMs);
        consider(to + reactMs);
      }
    }
    if (faults.length) consider(faults[0].atMs);
    for (const at of lost.values()) {
      consider(at + heartbeatMs + reactMs);
      consider(at + heartbeatMs + EVICTION_TOLERATION_MS);
    }
    // Pods on a node down longer than the toleration are evicted; their ReplicaSet replaces them.
    for (const pod of pods) {
      const downMs = lost.get(pod.node);
      if (downMs !== undefined && pod.deletedMs > next && downMs + heartbeatMs + EVICTION_TOLERATION_MS <= next)
        pod.deletedMs = next;
    }
    return next;
  }

  const minAvailable = Math.min(...series.map(([, n]) => n));
  const badTasks = pods.filter((p) => p.rs === 'new' && p.startedMs <= t).length;
  return {
    outcome: outcome ?? 'stalled',
    durationMs: t,
    minAvailable,
    badTasks,
    maxSurge: surge,
    maxUnavailable: unavailable,
    series,
  };
}
