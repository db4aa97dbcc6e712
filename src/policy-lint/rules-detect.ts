// Lint rules about what the updater can see: the monitor window, the failure ratio, delay against monitor, monitor 0.
import { DEFAULT_HEALTH_INTERVAL_MS, DEFAULT_HEALTH_RETRIES, NS_PER_MS } from '../defaults.js';
import { effectiveConfig } from '../engine/orchestrator/update-config.js';
import { ratioExceeded } from '../engine/orchestrator/updater-machine.js';
import { goDuration } from '../lab/case.js';
import type { ImageBehaviour, Millis } from '../types.js';
import { type LintText, lintText, renderLint, ruleTitle } from './messages.js';
import { countedFailures, outcomeOf, type ProofRun, runProof, updatedTasks } from './proof.js';
import type { Finding, LintTarget, Rule, RuleMeta } from './types.js';

const SWARMKIT_UPDATER = 'swarmkit manager/orchestrator/update/updater.go';

export function finding(
  rule: RuleMeta,
  target: LintTarget,
  line: number,
  why: LintText,
  proof: TextProof | null,
  noProof?: LintText,
): Finding {
  return {
    ruleId: rule.id,
    level: rule.level,
    file: target.file,
    line,
    service: target.service,
    message: renderLint(why),
    proof: proof ? { scenario: proof.scenario, figure: renderLint(proof.figure) } : null,
    ...(noProof ? { noProof: renderLint(noProof) } : {}),
    texts: { why, ...(proof ? { figure: proof.figure } : {}), ...(noProof ? { noProof } : {}) },
  };
}

/** A proof whose figure is a text of the catalogue (English for the CLI, French too for the page). */
export interface TextProof {
  scenario: string;
  figure: LintText;
}

const ms = (value: number) => ({ ms: value });

/**
 * The figure of a rollout that completed although updated tasks failed after the monitor; null when the run does not
 * show it (then the rule reports nothing: every finding carries its proof).
 */
function completedDespiteFailures(run: ProofRun, monitorMs: number): LintText | null {
  const tasks = updatedTasks(run);
  const failed = tasks.filter((task) => task.failedMs !== null);
  const first = failed.find((task) => task.runningMs !== null);
  if (run.rollout.outcome !== 'completed' || !first || countedFailures(run).length > 0) return null;
  const afterRunning = first.failedMs! - first.runningMs!;
  if (afterRunning <= monitorMs) return null;
  return lintText('completedDespiteFailures', {
    afterRunning: ms(afterRunning),
    monitor: ms(monitorMs),
    outcome: outcomeOf(run),
    failed: failed.length,
    total: tasks.length,
  });
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

function proofOf(run: ProofRun, figure: LintText | null): TextProof | null {
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
  summary: ruleTitle('monitor-shorter-than-failure'),
  source:
    `${SWARMKIT_UPDATER} (a failure counts only within the monitor after the task ran); moby ` +
    'daemon/cluster/executor/container/controller.go (a task with a healthcheck runs once healthy)',
};

function checkMonitorShort(target: LintTarget): Finding | null {
  if (!target.policy) return null;
  const config = effectiveConfig(target.spec, false);
  if (config.failureAction === 'continue') return null;
  const monitor = ms(config.monitorMs);
  const crash = target.newImage?.behaviour;
  if (crash?.exitCode !== undefined && crash.exitAfterMs !== undefined && crash.exitAfterMs > config.monitorMs) {
    const run = runProof(target, monitorShort.id, undefined, watchFor(crash.exitAfterMs));
    const proof = proofOf(run, completedDespiteFailures(run, config.monitorMs));
    if (!proof) return null;
    const message = lintText('monitorShort.crash', {
      image: target.newImage!.name,
      exitAfter: ms(crash.exitAfterMs),
      monitor,
    });
    return finding(monitorShort, target, target.newImage!.afterLine ?? target.lineOf('update.monitor'), message, proof);
  }
  const health = healthOf(target);
  if (!health) return null;
  const detectMs = health.intervalMs * health.retries;
  if (detectMs <= config.monitorMs) return null;
  // A task with a healthcheck runs once its first probe passes; the image then fails when `retries` probes would say
  // so.
  const behaviour: ImageBehaviour = { exitCode: 1, exitAfterMs: startToRunningMs(target) + detectMs };
  const run = runProof(target, monitorShort.id, behaviour, watchFor(behaviour.exitAfterMs!));
  const figure = completedDespiteFailures(run, config.monitorMs);
  if (!figure) return null;
  const message = lintText('monitorShort.health', {
    retries: health.retries,
    interval: ms(health.intervalMs),
    detect: ms(detectMs),
    monitor,
  });
  return finding(monitorShort, target, target.lineOf('update.monitor'), message, {
    scenario: run.scenario,
    figure: lintText('monitorShort.healthFigure', { detect: ms(detectMs), figure }),
  });
}

const neverFires: RuleMeta = {
  id: 'failure-action-never-fires',
  level: 'error',
  summary: ruleTitle('failure-action-never-fires'),
  source:
    `${SWARMKIT_UPDATER} (float32(failures)/float32(len(dirtySlots)) > MaxFailureRatio; failures count tasks ` +
    'the update created, at most one per slot)',
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
  const message = lintText('neverFires.why', {
    ratio: config.maxFailureRatio,
    replicas,
    action: config.failureAction,
  });
  const figure = lintText('neverFires.figure', {
    counted,
    monitor: ms(config.monitorMs),
    outcome: outcomeOf(run),
    failed,
    total: tasks.length,
  });
  return finding(neverFires, target, target.lineOf('update.max_failure_ratio'), message, {
    scenario: run.scenario,
    figure,
  });
}

const delayMonitor: RuleMeta = {
  id: 'delay-not-shorter-than-monitor',
  level: 'warning',
  summary: ruleTitle('delay-not-shorter-than-monitor'),
  source:
    `${SWARMKIT_UPDATER} (each worker sleeps Delay after every slot; "if updateConfig.Delay >= ` +
    'monitoringPeriod { monitoringPeriod = updateConfig.Delay + 1*time.Second }" only for the final monitor)',
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
  const message = lintText('delayMonitor.why', { delay: ms(config.delayMs), monitor: ms(config.monitorMs) });
  const total = tasks.length;
  const counting = counted.length
    ? inFinal
      ? lintText('delayMonitor.countedFinal', { before, total, finalMonitor: ms(finalMonitorMs) })
      : lintText('delayMonitor.counted', { before, total })
    : lintText('delayMonitor.notCounted', { total });
  const figure = lintText('delayMonitor.figure', {
    crash: ms(crashMs),
    after: ms(first.failedMs! - first.runningMs!),
    counting,
    outcome: outcomeOf(run),
  });
  return finding(delayMonitor, target, target.lineOf('update.delay'), message, { scenario: run.scenario, figure });
}

const monitorZero: RuleMeta = {
  id: 'no-healthcheck-monitor-zero',
  level: 'warning',
  summary: ruleTitle('no-healthcheck-monitor-zero'),
  source:
    'moby daemon/cluster/convert/service.go (a zero Monitor is not sent: swarmkit uses its 5 s default); moby ' +
    'daemon/cluster/executor/container/controller.go (no healthcheck: RUNNING once the container starts)',
};

function checkMonitorZero(target: LintTarget): Finding | null {
  if (!target.policy || target.monitorZeroLine === null || healthOf(target) || target.newImage?.behaviour.healthcheck)
    return null;
  const config = effectiveConfig(target.spec, false);
  const crashMs = config.monitorMs + 1_000;
  const run = runProof(target, monitorZero.id, { exitCode: 1, exitAfterMs: crashMs }, watchFor(crashMs));
  const figure = completedDespiteFailures(run, config.monitorMs);
  if (!figure) return null;
  const message = lintText('monitorZero.why', { monitor: ms(config.monitorMs) });
  return finding(monitorZero, target, target.monitorZeroLine, message, {
    scenario: run.scenario,
    figure: lintText('monitorZero.figure', { crash: ms(crashMs), figure }),
  });
}

export const DETECT_RULES: readonly Rule[] = [
  { ...monitorShort, check: checkMonitorShort },
  { ...neverFires, check: checkNeverFires },
  { ...delayMonitor, check: checkDelayMonitor },
  { ...monitorZero, check: checkMonitorZero },
];
