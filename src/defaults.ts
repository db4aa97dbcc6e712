// Every default value swarmlab applies, in one table (swarmkit api/defaults, moby daemon/health.go, docker CLI).
import type { ClusterConfig, Millis, NodeConfig, TimingProfile, UpdateConfig } from './types.js';

export const NS_PER_MS = 1_000_000;

/** swarmkit api/defaults/service.go: identical for Update and Rollback. */
export const DEFAULT_UPDATE_CONFIG: Readonly<Required<UpdateConfig>> = Object.freeze({
  Parallelism: 1,
  Delay: 0,
  FailureAction: 'pause',
  Monitor: 5_000_000_000,
  MaxFailureRatio: 0,
  Order: 'stop-first',
});

export const DEFAULT_RESTART_CONDITION = 'any';
export const DEFAULT_RESTART_DELAY_MS: Millis = 5_000;
export const DEFAULT_STOP_GRACE_PERIOD_MS: Millis = 10_000;
/** swarmkit defaultOldTaskTimeout: a stop-first / restart replacement waits at most this long for the old task. */
export const OLD_TASK_TIMEOUT_MS: Millis = 60_000;
export const DEFAULT_TASK_HISTORY_LIMIT = 5;

/** moby daemon/health.go defaults. */
export const DEFAULT_HEALTH_INTERVAL_MS: Millis = 30_000;
export const DEFAULT_HEALTH_TIMEOUT_MS: Millis = 30_000;
export const DEFAULT_HEALTH_RETRIES = 3;
export const DEFAULT_HEALTH_START_PERIOD_MS: Millis = 0;

/** docker CLI progress display. */
export const CLI_POLL_INTERVAL_MS: Millis = 200;
export const CLI_MAX_PROGRESS_SLOTS = 20;

/** The scenario runner's own limits (not Docker's): how long `wait` and a following CLI may run in virtual time. */
export const DEFAULT_WAIT_LIMIT_MS: Millis = 3_600_000;
export const SETTLE_QUIET_MS: Millis = 3_000;
/**
 * A crash loop never goes quiet: like the real-Swarm recorder, call it settled this long after the last status change.
 */
export const SETTLE_MAX_AFTER_STATUS_MS: Millis = 20_000;

/** Fixed virtual epoch: virtual t=0 is this instant, so traces are byte-identical across runs. */
export const VIRTUAL_EPOCH_ISO = '2026-01-01T00:00:00.000Z';
/**
 * The sandbox's own limit (Docker has none): `--replicas 99999999` would exhaust memory; the benchmarks go to 100,000.
 */
export const MAX_SIMULATED_REPLICAS = 100_000;

export const DEFAULT_SEED = 1;

/**
 * Timing profile measured on a real Swarm 20.10 (test/fixtures/conformance/README.md, "Timing constants").
 * A stop-first step with a TERM-ignoring image: 1170 + 10000 + 30 + 60 + 150 + 250 ≈ 11.66 s (measured 11.6–11.8 s).
 */
export const DEFAULT_TIMING: Readonly<TimingProfile> = Object.freeze({
  scheduleMs: 50,
  prepareMs: 120,
  pullMs: 0,
  startDispatchMs: 150,
  startMs: 250,
  concurrentStartMs: 0,
  stopLatencyMs: 1_170,
  stopMs: 30,
  shutdownReportMs: 60,
  cancelMs: 150,
  updaterGapMs: 50,
  updaterReactMs: 70,
  restartReactMs: 50,
  heartbeatTimeoutMs: 15_000,
  heartbeatPeriodMs: 5_000,
});

export function defaultNodes(count: number): NodeConfig[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `node-${i + 1}`,
    role: i === 0 ? 'manager' : 'worker',
    availability: 'active',
  }));
}

export function defaultClusterConfig(): ClusterConfig {
  return {
    nodes: defaultNodes(1),
    timing: { ...DEFAULT_TIMING },
    images: {},
    taskHistoryLimit: DEFAULT_TASK_HISTORY_LIMIT,
  };
}

/**
 * The CLI's limits on input files, told before reading. YAML (scenario, compose, stack files): a 1 MB compose file of
 * 17,000 services loads in 13 s, 5.9 MB in minutes. Traces: the sandbox's import limit (web/session/import-file.ts).
 */
export const YAML_FILE_LIMIT_BYTES = 1_000_000;
export const TRACE_FILE_LIMIT_BYTES = 25_000_000;

/**
 * The scenario runner's limit on a run's trace (the CLI's `run`/`exec`, the sandbox's typing session): a crash loop
 * with `--restart-delay 0s` never settles and traces ~1,800 events per replica per virtual minute, so 100 replicas
 * waited for an hour would hold ~11 million events (3.8 GB, a JSON string past V8's limit). At this many events the
 * run stops with "trace truncated after N events" and the trace so far is kept. The scenarios in scenarios/ trace
 * at most 883 events.
 */
export const TRACE_EVENT_LIMIT = 1_000_000;
/**
 * A run whose services ask for more than 20,000 replicas may trace this many events per replica instead: a
 * 100,000-replica create, update (5 % failing) and settle traces ~2.9 M events (~29 a replica), a rollback after it
 * about as many again.
 */
export const TRACE_EVENTS_PER_REPLICA = 50;
