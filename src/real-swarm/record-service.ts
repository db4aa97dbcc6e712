// `swarmlab record SERVICE`: one existing service on any swarm, recorded read-only (GETs and /events) until it settles.
import { writeFileSync } from 'node:fs';
import { SETTLE_MAX_AFTER_STATUS_MS, SETTLE_QUIET_MS } from '../defaults.js';
import { isAfterRunning } from '../engine/task-state.js';
import { errNoSuchServiceCli } from '../messages.js';
import type { Millis, Service, Trace } from '../types.js';
import { isFinalUpdateState } from '../update-states.js';
import { resolveEndpoint } from './host.js';
import { ApiError, apiTimeoutMs, DockerClient } from './http.js';
import { type Presenter, Recorder } from './recorder.js';
import { wallNowMs } from './wall-clock.js';

/** How often the recording looks whether the service has settled (the recorder itself polls every 100 ms). */
const SETTLE_CHECK_MS = 250;

export interface RecordOptions {
  /** The service's name or ID (a unique ID prefix too, as the daemon resolves it). */
  service: string;
  /** --host (default DOCKER_HOST, then unix:///var/run/docker.sock). */
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Events as JSON lines while recording, replaced by the whole trace at the end (as `run --backend swarm --out`). */
  outFile?: string;
  /** Told every check (about 4 times a second). */
  onProgress?: (progress: RecordProgress) => void;
}

export interface RecordProgress {
  elapsedMs: Millis;
  service: string;
  /** The UpdateStatus state now, or null when the service has none. */
  updateState: string | null;
  /** Tasks running with desired state running, and the replicas wanted (null for a global service). */
  running: number;
  replicas: number | null;
  events: number;
  /** Nothing has changed since the recording began: it waits for an update (or Ctrl-C). */
  waiting: boolean;
}

export type RecordEnd = 'settled' | 'interrupted' | 'removed';

export interface RecordResult {
  trace: Trace;
  end: RecordEnd;
}

export interface RecordSession {
  /** The recording, once it ends (settled, stopped or the service removed); rejects when the daemon fails. */
  done: Promise<RecordResult>;
  /** Ends the recording now and keeps what was recorded (Ctrl-C). */
  stop(): void;
}

/** Not a daemon failure: a service that does not exist or a swarm that cannot be read. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

/** The daemon never answered (a bad host, no daemon, missing TLS files): nothing was recorded. */
export class RecordNotStartedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordNotStartedError';
  }
}

/** Identity: a service recorded from the outside is shown as the daemon returns it. */
const AS_IS: Presenter = { image: (ref) => ref, service: (raw) => raw, task: (raw) => raw };

/** Connects (GET /_ping, /version, /info, /services/NAME), then records until the service settles or `stop()`. */
export async function startRecording(opts: RecordOptions): Promise<RecordSession> {
  let client: DockerClient;
  try {
    client = new DockerClient(resolveEndpoint(opts.host, opts.env), apiTimeoutMs(opts.env));
    await client.negotiate();
    await client.requireManager();
  } catch (err) {
    throw new RecordNotStartedError(err instanceof Error ? err.message : String(err));
  }
  const service = await inspectService(client, opts.service);
  const recorder = new Recorder(client, `record-${service.Spec.Name}`, wallNowMs(), AS_IS, opts.outFile, {
    kind: 'service',
    serviceId: service.ID,
  });
  await recorder.start();
  let stopRequested = false;
  const done = watch(recorder, service, opts, () => stopRequested);
  return {
    done: done.then(async (end) => {
      await recorder.stop();
      if (recorder.failure) throw recorder.failure;
      const trace = recordedTrace(recorder, service.Spec.Name);
      if (opts.outFile) writeFileSync(opts.outFile, `${JSON.stringify(trace, null, 2)}\n`);
      return { trace, end };
    }),
    stop: () => {
      stopRequested = true;
    },
  };
}

async function inspectService(client: DockerClient, nameOrId: string): Promise<Service> {
  try {
    return (await client.json('GET', `/services/${encodeURIComponent(nameOrId)}`)) as Service;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) throw new RecordError(errNoSuchServiceCli(nameOrId));
    throw err;
  }
}

/** Checks every SETTLE_CHECK_MS until the service settles, is removed, the daemon fails or stop is asked. */
async function watch(
  recorder: Recorder,
  initial: Service,
  opts: RecordOptions,
  stopRequested: () => boolean,
): Promise<RecordEnd> {
  const baseline = { task: recorder.lastTaskChangeMs, control: recorder.lastControlChangeMs };
  const updatingAtStart = initial.UpdateStatus !== undefined && !isFinalUpdateState(initial.UpdateStatus.State);
  let finalSeen = false;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_CHECK_MS));
    if (recorder.failure) return 'interrupted';
    if (stopRequested()) return 'interrupted';
    const service = recorder.services.get(initial.ID);
    if (!service) return 'removed';
    const state = service.UpdateStatus?.State ?? null;
    const inProgress = state !== null && !isFinalUpdateState(state);
    const changed =
      updatingAtStart || recorder.lastTaskChangeMs > baseline.task || recorder.lastControlChangeMs > baseline.control;
    if (changed && state !== null && !inProgress && recorder.lastControlChangeMs > baseline.control) finalSeen = true;
    const tasks = [...recorder.tasks.values()].filter((t) => t.ServiceID === service.ID);
    const running = tasks.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running').length;
    const replicas = service.Spec.Mode.Replicated?.Replicas ?? null;
    opts.onProgress?.({
      elapsedMs: recorder.nowMs(),
      service: service.Spec.Name,
      updateState: state,
      running,
      replicas,
      events: recorder.events.length,
      waiting: !changed,
    });
    if (!changed || inProgress) continue;
    const stopping = tasks.some((t) => isAfterRunning(t.DesiredState) && t.Status.State === 'running');
    const converged = !stopping && (replicas === null || running === replicas);
    const now = recorder.nowMs();
    const quiet = now - recorder.lastTaskChangeMs >= SETTLE_QUIET_MS;
    if (quiet && (converged || finalSeen)) return 'settled';
    if (finalSeen && now - recorder.lastControlChangeMs >= SETTLE_MAX_AFTER_STATUS_MS) return 'settled';
  }
}

/** The recording as a swarmlab trace (the shape `run --backend swarm --out` writes). */
function recordedTrace(recorder: Recorder, name: string): Trace {
  return {
    scenario: `record-${name}`,
    seed: 0,
    duration_ms: recorder.nowMs(),
    epoch: new Date(Math.floor(recorder.startEpochMs)).toISOString(),
    services: [...recorder.services.values()],
    tasks: [...recorder.tasks.values()],
    nodes: [...recorder.nodes.values()],
    events: [...recorder.events],
  };
}
