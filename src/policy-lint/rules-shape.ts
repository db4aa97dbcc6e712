// Lint rules about the rollout's shape: one replica stop-first, start-first on a host port, slow rollback, image tags.
import { effectiveConfig } from '../engine/orchestrator/update-config.js';
import { availability } from '../lab/queries.js';
import { errNoSuitableNode } from '../messages.js';
import { lintText, ruleTitle } from './messages.js';
import { outcomeOf, runProof, serviceRollouts } from './proof.js';
import { finding, type TextProof } from './rules-detect.js';
import type { Finding, LintTarget, Rule, RuleMeta } from './types.js';

const singleStopFirst: RuleMeta = {
  id: 'single-replica-stop-first',
  level: 'warning',
  summary: ruleTitle('single-replica-stop-first'),
  source:
    'swarmkit manager/orchestrator/update/updater.go (stop-first: the old task is stopped before the new one ' +
    'starts); docker docs, docker service update --update-order',
};

function checkSingleStopFirst(target: LintTarget): Finding | null {
  if (!target.policy || target.spec.Mode.Replicated?.Replicas !== 1) return null;
  if (effectiveConfig(target.spec, false).order !== 'stop-first') return null;
  const run = runProof(target, singleStopFirst.id);
  const { startMs, endMs } = run.rollout;
  let downMs = 0;
  let firstDown: number | null = null;
  let lastUp: number | null = null;
  const points = availability(run.trace, run.rollout.serviceId);
  points.forEach(([tMs, count], i) => {
    const nextMs = points[i + 1]?.[0] ?? endMs ?? tMs;
    if (count > 0 || nextMs <= startMs) return;
    firstDown ??= Math.max(tMs, startMs);
    downMs += nextMs - Math.max(tMs, startMs);
    lastUp = nextMs;
  });
  if (downMs === 0 || firstDown === null || lastUp === null) return null;
  const message = lintText('singleStopFirst.why');
  const figure = lintText('singleStopFirst.figure', {
    down: { ms: downMs },
    from: { ms: firstDown - startMs },
    to: { ms: lastUp - startMs },
    outcome: outcomeOf(run),
  });
  return finding(singleStopFirst, target, target.lineOf('replicas'), message, { scenario: run.scenario, figure });
}

/** swarmkit manager/scheduler/filter.go HostPortFilter.Explain(1). */
const HOST_PORT_IN_USE = 'host-mode port already in use on 1 node';

const hostPortStartFirst: RuleMeta = {
  id: 'start-first-host-port',
  level: 'error',
  summary: ruleTitle('start-first-host-port'),
  source:
    'swarmkit manager/scheduler/filter.go (HostPortFilter: "host-mode port already in use on 1 node"); docker docs, ' +
    '"Publish ports" (mode=host)',
};

function checkHostPort(target: LintTarget): Finding | null {
  const port = target.hostPorts[0];
  if (!port) return null;
  const update = effectiveConfig(target.spec, false).order === 'start-first';
  const rollback = effectiveConfig(target.spec, true).order === 'start-first';
  if (!update && !rollback) return null;
  const which = lintText(update ? 'hostPort.update' : 'hostPort.rollback');
  const message = lintText('hostPort.why', { which, port: port.published, err: errNoSuitableNode(HOST_PORT_IN_USE) });
  const proof = update && target.policy ? hostPortProof(target) : null;
  if (proof) return finding(hostPortStartFirst, target, port.line, message, proof);
  return finding(hostPortStartFirst, target, port.line, message, null, lintText('hostPort.noProof'));
}

/** The update run to its end: the first new task the scheduler could not place, and how the update ended. */
function hostPortProof(target: LintTarget): TextProof | null {
  const run = runProof(target, hostPortStartFirst.id);
  const blocked = run.trace.events.find(
    (ev) => ev.type === 'task_state' && ev.t_ms >= run.rollout.startMs && ev.err?.includes('host-mode port'),
  );
  if (blocked?.type !== 'task_state') return null;
  const figure = lintText('hostPort.figure', {
    after: { ms: blocked.t_ms - run.rollout.startMs },
    err: blocked.err ?? '',
    outcome: outcomeOf(run),
  });
  return { scenario: run.scenario, figure };
}

const slowRollback: RuleMeta = {
  id: 'rollback-slower-than-update',
  level: 'warning',
  summary: ruleTitle('rollback-slower-than-update'),
  source:
    'swarmkit manager/orchestrator/update/updater.go (a rollback runs with Spec.Rollback, default parallelism 1, ' +
    'delay 0, monitor 5 s); docker docs, docker service update --rollback-parallelism',
};

function checkSlowRollback(target: LintTarget): Finding | null {
  const replicas = target.spec.Mode.Replicated?.Replicas ?? 0;
  if (!target.policy || replicas < 2) return null;
  const update = effectiveConfig(target.spec, false);
  const rollback = effectiveConfig(target.spec, true);
  const rounds = (parallelism: number) => (parallelism === 0 ? 1 : Math.ceil(replicas / parallelism));
  if (rounds(rollback.parallelism) <= rounds(update.parallelism) && rollback.delayMs <= update.delayMs) return null;
  const name = target.policy.service.Name;
  const run = runProof(target, slowRollback.id, undefined, [`docker service rollback -d ${name}`, { wait: 'settled' }]);
  const [forward, back] = serviceRollouts(run);
  if (forward?.endMs == null || back?.kind !== 'rollback' || back.endMs === null) return null;
  const updateMs = forward.endMs - forward.startMs;
  const rollbackMs = back.endMs - back.startMs;
  if (rollbackMs <= updateMs) return null;
  const written = target.spec.RollbackConfig !== undefined;
  const describe = (c: typeof update) =>
    lintText('slowRollback.config', {
      parallelism: c.parallelism || lintText('slowRollback.all'),
      delay: { ms: c.delayMs },
    });
  const message = lintText('slowRollback.why', {
    rollback: describe(rollback),
    defaults: written ? '' : lintText('slowRollback.defaults'),
    update: describe(update),
  });
  const figure = lintText('slowRollback.figure', {
    replicas,
    updateTook: { ms: updateMs },
    rollbackTook: { ms: rollbackMs },
  });
  const line = written ? target.lineOf('rollback_config') : target.lineOf('update_config');
  return finding(slowRollback, target, line, message, { scenario: run.scenario, figure });
}

const noDigest: RuleMeta = {
  id: 'image-without-digest',
  level: 'warning',
  summary: ruleTitle('image-without-digest'),
  source:
    'docker/cli (service create/update and stack deploy: "image … could not be accessed on a registry to record its ' +
    'digest. Each node will access … independently, possibly leading to different nodes running different versions ' +
    'of the image."); docker docs, docker stack deploy --resolve-image',
};

function checkDigest(target: LintTarget): Finding | null {
  const written = target.images.find(({ image }) => floatingTag(image) !== undefined);
  if (!written) return null;
  const { image, line } = written;
  const tag = floatingTag(image);
  const what = tag === null ? lintText('noDigest.noTag') : ':latest';
  const message = lintText('noDigest.why', { image, what });
  return finding(noDigest, target, line, message, null, lintText('noDigest.noProof'));
}

/** `latest` or null (no tag) for an image with no digest; undefined for a pinned one. */
function floatingTag(image: string): string | null | undefined {
  if (image.includes('@')) return undefined;
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  const tag = colon < 0 ? null : name.slice(colon + 1);
  return tag === null || tag === 'latest' ? tag : undefined;
}

export const SHAPE_RULES: readonly Rule[] = [
  { ...singleStopFirst, check: checkSingleStopFirst },
  { ...hostPortStartFirst, check: checkHostPort },
  { ...slowRollback, check: checkSlowRollback },
  { ...noDigest, check: checkDigest },
];
