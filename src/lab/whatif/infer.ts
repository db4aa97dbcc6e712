// A recorded rollout read back as a scenario: the swarm, the service before and after the update, each image as
// observed.
import { DEFAULT_STOP_GRACE_PERIOD_MS, NS_PER_MS } from '../../defaults.js';
import { InputError } from '../../errors.js';
import { foldTrace } from '../../trace/fold.js';
import type { ImageBehaviour, Millis, ServiceSpec, TimingProfile, Trace } from '../../types.js';
import { firstRollout, type Rollout } from '../queries.js';
import { median, type TaskLife, taskLives } from './observe.js';

/** What one image did in the recording, and the behaviour that makes the simulator do the same. */
export interface ObservedImage {
  image: string;
  tasks: number;
  behaviour: ImageBehaviour;
  /** One line each: what was seen (`exits 1 about 2s after its container starts (3 of 3 tasks)`). */
  seen: string[];
}

export interface InferredRollout {
  /** The rollout the scenario replays (the trace's first update). */
  rollout: Rollout;
  nodes: number;
  replicas: number;
  /** The service as it was before the update (old image), and the spec the update sent. */
  before: ServiceSpec;
  after: ServiceSpec;
  images: ObservedImage[];
  /** The swarm's own pace as observed (container start, stop latency), where the trace shows it. */
  timing: Partial<TimingProfile>;
  /** One line each: what the timing was read from. */
  timingSeen: string[];
}

/** Docker's default health interval and retries (an image's own HEALTHCHECK does not show in the service spec). */
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_RETRIES = 3;
/** A stop that took longer than this share of the grace period was a SIGKILL after the grace: SIGTERM ignored. */
const GRACE_SHARE = 0.8;

/** Reads the first update of the trace; an InputError when the trace holds none. */
export function inferRollout(trace: Trace, file: string): InferredRollout {
  const rollout = findUpdate(trace, file);
  const state = foldTrace(trace);
  const row = state.services.get(rollout.serviceId);
  const update = trace.events.find(
    (ev) =>
      ev.type === 'service_spec' &&
      ev.serviceId === rollout.serviceId &&
      ev.action !== 'remove' && // `record` begun mid-update: its first event (`create`) carries the previous spec
      ev.previousSpec !== null &&
      ev.spec.TaskTemplate.ContainerSpec.Image === rollout.toImage &&
      ev.t_ms <= rollout.startMs + 1_000,
  );
  if (update?.type !== 'service_spec' || !update.previousSpec || !row)
    throw new InputError(`${file}: the update of ${rollout.service} has no spec change recorded (service_spec event)`);
  const before = update.previousSpec;
  const after = update.spec;
  if (!after.Mode.Replicated)
    throw new InputError(`${file}: ${rollout.service} is a global service: swarmlab whatif replays replicated ones`);
  const nodes = [...state.nodes.values()].filter((n) => n.availability === 'active').length || 1;
  const lives = taskLives(trace, rollout.serviceId);
  const images = [...new Set([before.TaskTemplate.ContainerSpec.Image, after.TaskTemplate.ContainerSpec.Image])].map(
    (image) =>
      observeImage(
        image,
        lives.filter((life) => life.image === image),
        image === after.TaskTemplate.ContainerSpec.Image ? after : before,
      ),
  );
  const { timing, timingSeen } = observeTiming(lives);
  return { rollout, nodes, replicas: after.Mode.Replicated.Replicas, before, after, images, timing, timingSeen };
}

function findUpdate(trace: Trace, file: string): Rollout {
  let rollout: Rollout;
  try {
    rollout = firstRollout(trace);
  } catch {
    throw new InputError(`${file}: the trace holds no rollout (no UpdateStatus "updating"): nothing to replay`);
  }
  if (rollout.kind !== 'update' || rollout.fromImage === null || rollout.fromImage === rollout.toImage)
    throw new InputError(`${file}: the first rollout of ${rollout.service} is not an image update: nothing to replay`);
  return rollout;
}

function observeImage(image: string, lives: TaskLife[], spec: ServiceSpec): ObservedImage {
  const behaviour: ImageBehaviour = {};
  const seen: string[] = [];
  const count = (n: number) => `${n} of ${lives.length} task${lives.length === 1 ? '' : 's'}`;
  observeCrash(lives, behaviour, seen, count);
  observeHealth(lives, spec, behaviour, seen, count);
  observeStop(lives, spec, behaviour, seen, count);
  if (seen.length === 0) seen.push(`starts and keeps running (${count(lives.length)})`);
  return { image, tasks: lives.length, behaviour, seen };
}

type Count = (n: number) => string;

/** Containers that ended on their own (never told to stop): exit code and time after start. */
function observeCrash(lives: TaskLife[], behaviour: ImageBehaviour, seen: string[], count: Count): void {
  const crashed = lives.filter(
    (l) =>
      l.endMs !== null &&
      l.containerStartMs !== null &&
      l.unhealthyMs === null &&
      (l.stopAskedMs === null || l.stopAskedMs >= l.endMs) &&
      l.kills.length === 0,
  );
  if (crashed.length === 0) return;
  const afterMs = roundMs(median(crashed.map((l) => l.endMs! - l.containerStartMs!))!);
  const exitCode = median(crashed.map((l) => l.exitCode ?? 0))!;
  behaviour.exitCode = exitCode;
  behaviour.exitAfterMs = afterMs;
  seen.push(`exits ${exitCode} ${seconds(afterMs)} after its container starts (${count(crashed.length)})`);
}

/** Health events: healthy after some probes, or unhealthy (never healthy). */
function observeHealth(
  lives: TaskLife[],
  spec: ServiceSpec,
  behaviour: ImageBehaviour,
  seen: string[],
  count: Count,
): void {
  const health = spec.TaskTemplate.ContainerSpec.Healthcheck;
  const healthy = lives.filter((l) => l.healthyMs !== null && l.containerStartMs !== null);
  const unhealthy = lives.filter((l) => l.unhealthyMs !== null && l.healthyMs === null && l.containerStartMs !== null);
  if (healthy.length === 0 && unhealthy.length === 0) return;
  const retries = health?.Retries || DEFAULT_RETRIES;
  if (healthy.length >= unhealthy.length) {
    const afterMs = median(healthy.map((l) => l.healthyMs! - l.containerStartMs!))!;
    const intervalMs = health?.Interval ? health.Interval / NS_PER_MS : Math.max(1, roundMs(afterMs));
    const probes = Math.max(1, Math.round(afterMs / intervalMs));
    behaviour.healthcheck = { intervalMs, retries, healthyAfterMs: probes * intervalMs };
    seen.push(`healthy ${seconds(afterMs)} after its container starts, probe ${probes} (${count(healthy.length)})`);
    return;
  }
  const afterMs = median(unhealthy.map((l) => l.unhealthyMs! - l.containerStartMs!))!;
  const intervalMs = health?.Interval
    ? health.Interval / NS_PER_MS
    : health
      ? DEFAULT_INTERVAL_MS
      : Math.max(1, roundMs(afterMs / retries));
  behaviour.healthcheck = { intervalMs, retries, healthyAfterMs: 'never' };
  seen.push(`never healthy: unhealthy ${seconds(afterMs)} after its container starts (${count(unhealthy.length)})`);
}

/** Stopped containers: a SIGKILL, or a stop as long as the grace period, means SIGTERM is ignored. */
function observeStop(
  lives: TaskLife[],
  spec: ServiceSpec,
  behaviour: ImageBehaviour,
  seen: string[],
  count: Count,
): void {
  const graceNs = spec.TaskTemplate.ContainerSpec.StopGracePeriod;
  const graceMs = graceNs === undefined ? DEFAULT_STOP_GRACE_PERIOD_MS : graceNs / NS_PER_MS;
  const stopped = lives.filter((l) => l.kills.length > 0 && l.endMs !== null);
  if (stopped.length === 0) return;
  const ignoring = stopped.filter((l) => {
    const sigterm = l.kills.find((k) => k.signal === 15);
    return (
      l.kills.some((k) => k.signal === 9) || (sigterm !== undefined && l.endMs! - sigterm.tMs >= graceMs * GRACE_SHARE)
    );
  });
  behaviour.ignoresSigterm = ignoring.length * 2 > stopped.length;
  seen.push(
    behaviour.ignoresSigterm
      ? `ignores SIGTERM: killed after the ${seconds(graceMs)} grace period (${count(ignoring.length)})`
      : `stops on SIGTERM (${count(stopped.length - ignoring.length)})`,
  );
}

/**
 * The pace a trace shows for the service named `serviceName` (else its first service): container start and stop
 * latency, as `observeTiming` reads them. Empty when the trace shows neither.
 */
export function observedPace(trace: Trace, serviceName?: string): { timing: Partial<TimingProfile>; seen: string[] } {
  const created = trace.events.find(
    (ev) => ev.type === 'service_spec' && (serviceName === undefined || ev.name === serviceName),
  );
  if (created?.type !== 'service_spec') return { timing: {}, seen: [] };
  const { timing, timingSeen } = observeTiming(taskLives(trace, created.serviceId));
  return { timing, seen: timingSeen };
}

/** `starting` → container start, and told to stop → SIGTERM, over every task of the service (medians). */
function observeTiming(lives: TaskLife[]): { timing: Partial<TimingProfile>; timingSeen: string[] } {
  const timing: Partial<TimingProfile> = {};
  const timingSeen: string[] = [];
  const starts = lives.flatMap((l) =>
    l.startingMs !== null && l.containerStartMs !== null ? [l.containerStartMs - l.startingMs] : [],
  );
  const startMs = median(starts);
  if (startMs !== null) {
    timing.startMs = Math.round(startMs / 10) * 10;
    timingSeen.push(`container start (starting → started): ${seconds(timing.startMs)} (median of ${starts.length})`);
  }
  const latencies = lives.flatMap((l) => {
    const sigterm = l.kills.find((k) => k.signal === 15);
    return l.stopAskedMs !== null && sigterm && sigterm.tMs >= l.stopAskedMs ? [sigterm.tMs - l.stopAskedMs] : [];
  });
  const latencyMs = median(latencies);
  if (latencyMs !== null) {
    timing.stopLatencyMs = Math.round(latencyMs / 10) * 10;
    timingSeen.push(
      `stop latency (told to stop → SIGTERM): ${seconds(timing.stopLatencyMs)} (median of ${latencies.length})`,
    );
  }
  return { timing, timingSeen };
}

const roundMs = (ms: Millis) => Math.round(ms / 100) * 100;
const seconds = (ms: Millis) => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
