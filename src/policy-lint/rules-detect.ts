// Lint rules about what the updater can see: the monitor window, the failure ratio, delay against monitor, monitor 0.
import { DEFAULT_HEALTH_INTERVAL_MS, DEFAULT_HEALTH_RETRIES, NS_PER_MS } from '../defaults.js';
import { effectiveConfig } from '../engine/orchestrator/updater.js';
import { ratioExceeded } from '../engine/orchestrator/updater-machine.js';
import { goDuration } from '../lab/case.js';
import type { ImageBehaviour, Millis } from '../types.js';
import { countedFailures, outcomeText, type ProofRun, runProof, seconds, updatedTasks } from './proof.js';
import type { Finding, LintTarget, Proof, Rule, RuleMeta } from './types.js';

const SWARMKIT_UPDATER = 'swarmkit manager/orchestrator/update/updater.go';

export function finding(
  rule: RuleMeta,
  target: LintTarget,
  line: number,
  message: string,
  proof: Proof | null,
  noProof?: string,
): Finding {
  return {
    ruleId: rule.id,
    level: rule.level,
    file: target.file,
    line,
    service: target.service,
    message,
    proof,
    ...(noProof ? { noProof } : {}),
  };
}

/**
 * The figure of a rollout that completed although updated tasks failed after the monitor; null when the run does not
 * show it (then the rule reports nothing: every finding carries its proof).
 */
function completedDespiteFailures(run: ProofRun, monitorMs: number): string | null {
  const tasks = updatedTasks(run);
  const failed = tasks.filter((task) => task.failedMs !== null);
  const first = failed.find((task) => task.runningMs !== null);
  if (run.rollout.outcome !== 'completed' || !first || countedFailures(run).length > 0) return null;
  const afterRunning = first.failedMs! - first.runningMs!;
  if (afterRunning <= monitorMs) return null;
  return (
    `the first updated task failed ${seconds(afterRunning)} after it ran, after the ${seconds(monitorMs)} monitor: ` +
    `${outcomeText(run)}, with ${failed.length} of ${tasks.length} updated tasks failed`
  );
}

/** The proof steps after the rollout: long enough for a crash `afterStartMs` after a container start to show. */
function watchFor(afterStartMs: Millis): { wait: string }[] {
  return [{ wait: goDuration(afterStartMs + 2_000) }];
}

/** From a container's start to its task running: a task with a healthcheck (test) runs once its first probe passes. */
function startToRunningMs(target: LintTarget): Millis {
  const health = healthOf(target);
  return health?.hasTest ? health.intervalMs : 0;
}

function proofOf(run: ProofRun, figure: string | null): Proof | null {
  return figure === null ? null : { scenario: run.scenario, figure };
}

function healthOf(target: LintTarget): { intervalMs: number; retries: number; hasTest: boolean } | null {
  const health = target.spec.TaskTemplate.ContainerSpec.Healthcheck;
  if (!health || health.Test?.[0] === 'NONE') return null;
  return {
    intervalMs: health.Interval ? health.Interval / NS_PER_MS : DEFAULT_HEALTH_INTERVAL_MS,
    retries: health.Retries || DEFAULT_HEALTH_RETRIES,
    hasTest: (health.Test?.length ?? 0) > 0,
  };
}

const monitorShort: RuleMeta = {
  id: 'monitor-shorter-than-failure',
  level: 'error',
  summary: 'the update monitor closes before a failure of the new tasks can be seen',
  source: `${SWARMKIT_UPDATER} (a failure counts only within the monitor after the task ran); moby daemon/cluster/executor/container/controller.go (a task with a healthcheck runs once healthy)`,
};

function checkMonitorShort(target: LintTarget): Finding | null {
  if (!target.policy) return null;
  const config = effectiveConfig(target.spec, false);
  if (config.failureAction === 'continue') return null;
  const monitor = seconds(config.monitorMs);
  const crash = target.newImage?.behaviour;
  if (crash?.exitCode !== undefined && crash.exitAfterMs !== undefined && crash.exitAfterMs > config.monitorMs) {
    const run = runProof(target, monitorShort.id, undefined, watchFor(crash.exitAfterMs));
    const proof = proofOf(run, completedDespiteFailures(run, config.monitorMs));
    if (!proof) return null;
    const message = `${target.newImage!.name} exits ${seconds(crash.exitAfterMs)} after it starts, after the ${monitor} monitor: Swarm counts a failure only within the monitor after a task runs, so the update goes on over crashing tasks`;
    return finding(monitorShort, target, target.newImage!.afterLine ?? target.lineOf('update.monitor'), message, proof);
  }
  const health = healthOf(target);
  if (!health) return null;
  const detectMs = health.intervalMs * health.retries;
  if (detectMs <= config.monitorMs) return null;
  // A task with a healthcheck runs once its first probe passes; the image then fails when `retries` probes would say so.
  const behaviour: ImageBehaviour = { exitCode: 1, exitAfterMs: startToRunningMs(target) + detectMs };
  const run = runProof(target, monitorShort.id, behaviour, watchFor(behaviour.exitAfterMs!));
  const figure = completedDespiteFailures(run, config.monitorMs);
  if (!figure) return null;
  const message = `the healthcheck needs ${health.retries} failed probes ${seconds(health.intervalMs)} apart (${seconds(detectMs)}) to mark a running task unhealthy, longer than the ${monitor} monitor: a new task that turns unhealthy after it ran is never counted as an update failure`;
  const simulated = `simulated with a new image that passes its first probe and ends ${seconds(detectMs)} later, when the probes would mark it unhealthy: `;
  return finding(monitorShort, target, target.lineOf('update.monitor'), message, {
    scenario: run.scenario,
    figure: simulated + figure,
  });
}

const neverFires: RuleMeta = {
  id: 'failure-action-never-fires',
  level: 'error',
  summary: 'max_failure_ratio is so high that the failure action (pause or rollback) can never fire',
  source: `${SWARMKIT_UPDATER} (float32(failures)/float32(len(dirtySlots)) > MaxFailureRatio; failures count tasks the update created, at most one per slot)`,
};

function checkNeverFires(target: LintTarget): Finding | null {
  if (!target.policy) return null;
  const config = effectiveConfig(target.spec, false);
  const replicas = target.spec.Mode.Replicated?.Replicas ?? 0;
  if (config.failureAction === 'continue' || replicas === 0) return null;
  if (ratioExceeded(replicas, replicas, config.maxFailureRatio)) return null;
  const run = runProof(target, neverFires.id, { exitCode: 1, exitAfterMs: 1_000 });
  const counted = countedFailures(run).length;
  const tasks = updatedTasks(run);
  const failed = tasks.filter((task) => task.failedMs !== null).length;
  if (run.rollout.outcome !== 'completed' || counted === 0) return null;
  const message = `max_failure_ratio ${config.maxFailureRatio} with ${replicas} replicas: failures are counted out of ${replicas} and ${replicas}/${replicas} = 1 never exceeds ${config.maxFailureRatio}, so failure_action ${config.failureAction} can never fire`;
  const figure = `with a new image that exits 1 s after it starts, the updater counted ${counted} failures within the ${seconds(config.monitorMs)} monitor and took no action: ${outcomeText(run)}, with ${failed} of ${tasks.length} updated tasks failed`;
  return finding(neverFires, target, target.lineOf('update.max_failure_ratio'), message, {
    scenario: run.scenario,
    figure,
  });
}

const delayMonitor: RuleMeta = {
  id: 'delay-not-shorter-than-monitor',
  level: 'warning',
  summary: 'update delay ≥ monitor: failures during the rest of the delay are not counted, except in the last slot',
  source: `${SWARMKIT_UPDATER} (each worker sleeps Delay after every slot; "if updateConfig.Delay >= monitoringPeriod { monitoringPeriod = updateConfig.Delay + 1*time.Second }" only for the final monitor)`,
};

function checkDelayMonitor(target: LintTarget): Finding | null {
  if (!target.policy) return null;
  const config = effectiveConfig(target.spec, false);
  const replicas = target.spec.Mode.Replicated?.Replicas ?? 0;
  if (config.failureAction === 'continue' || config.delayMs < config.monitorMs) return null;
  if (config.parallelism === 0 || replicas <= config.parallelism) return null;
  const finalMonitorMs = config.delayMs + 1_000;
  const crashMs = startToRunningMs(target) + Math.round((config.monitorMs + finalMonitorMs) / 2);
  const run = runProof(target, delayMonitor.id, { exitCode: 1, exitAfterMs: crashMs }, watchFor(crashMs));
  const tasks = updatedTasks(run);
  const counted = countedFailures(run);
  const first = tasks.find((task) => task.failedMs !== null && task.runningMs !== null);
  if (!first || counted.some((c) => c.taskId === first.taskId)) return null;
  const before = counted.length ? tasks.filter((task) => task.createdMs <= counted[0].tMs).length : tasks.length;
  if (before <= config.parallelism) return null;
  const monitorStart = run.trace.events.find(
    (ev) => ev.type === 'updater' && ev.action === 'monitor_start' && ev.serviceId === run.rollout.serviceId,
  );
  const inFinal = counted.length > 0 && monitorStart !== undefined && counted[0].tMs >= monitorStart.t_ms;
  const delay = seconds(config.delayMs);
  const monitor = seconds(config.monitorMs);
  const message = `delay ${delay} ≥ monitor ${monitor}: a failure counts only within the monitor after a task runs, so a task failing later in the ${delay} the updater waits is ignored and the next slot is updated (only the last slot is watched for delay + 1 s)`;
  const counting = counted.length
    ? `the updater replaced ${before} of ${tasks.length} slots before it counted a failure${inFinal ? ` (in the final monitor, stretched to delay + 1 s = ${seconds(finalMonitorMs)})` : ''}`
    : `the updater replaced all ${tasks.length} slots and counted no failure`;
  const figure =
    `with a new image that exits ${seconds(crashMs)} after it starts, the first updated task failed ${seconds(first.failedMs! - first.runningMs!)} after it ran, not counted; ` +
    `${counting}: ${outcomeText(run)}`;
  return finding(delayMonitor, target, target.lineOf('update.delay'), message, { scenario: run.scenario, figure });
}

const monitorZero: RuleMeta = {
  id: 'no-healthcheck-monitor-zero',
  level: 'warning',
  summary:
    'monitor 0 without a healthcheck: Swarm monitors its default 5 s, and a task counts as up once its process starts',
  source:
    'moby daemon/cluster/convert/service.go (a zero Monitor is not sent: swarmkit uses its 5 s default); moby daemon/cluster/executor/container/controller.go (no healthcheck: RUNNING once the container starts)',
};

function checkMonitorZero(target: LintTarget): Finding | null {
  if (!target.policy || target.monitorZeroLine === null || healthOf(target) || target.newImage?.behaviour.healthcheck)
    return null;
  const config = effectiveConfig(target.spec, false);
  const crashMs = config.monitorMs + 1_000;
  const run = runProof(target, monitorZero.id, { exitCode: 1, exitAfterMs: crashMs }, watchFor(crashMs));
  const figure = completedDespiteFailures(run, config.monitorMs);
  if (!figure) return null;
  const message = `monitor 0 does not turn monitoring off or wait for anything: the daemon drops it and Swarm monitors ${seconds(config.monitorMs)}, and with no healthcheck a task is up as soon as its process starts, so only an exit in its first ${seconds(config.monitorMs)} stops the update`;
  return finding(monitorZero, target, target.monitorZeroLine, message, {
    scenario: run.scenario,
    figure: `with a new image that exits ${seconds(crashMs)} after it starts, ${figure}`,
  });
}

export const DETECT_RULES: readonly Rule[] = [
  { ...monitorShort, check: checkMonitorShort },
  { ...neverFires, check: checkNeverFires },
  { ...delayMonitor, check: checkDelayMonitor },
  { ...monitorZero, check: checkMonitorZero },
];
