// Lint rules about the rollout's shape: one replica stop-first, start-first on a host port, slow rollback, image tags.
import { effectiveConfig } from '../engine/orchestrator/updater.js';
import { availability } from '../lab/queries.js';
import { errNoSuitableNode } from '../messages.js';
import { outcomeText, runProof, seconds, serviceRollouts } from './proof.js';
import { finding } from './rules-detect.js';
import type { Finding, LintTarget, Rule, RuleMeta } from './types.js';

const singleStopFirst: RuleMeta = {
  id: 'single-replica-stop-first',
  level: 'warning',
  summary: 'one replica updated stop-first: the service is down during every update',
  source:
    'swarmkit manager/orchestrator/update/updater.go (stop-first: the old task is stopped before the new one starts); docker docs, docker service update --update-order',
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
  const message =
    'one replica updated stop-first: Swarm stops the only task before its replacement starts, so the service serves nothing during every update (start-first keeps it up)';
  const figure = `with a healthy new image, no task served for ${seconds(downMs)} (from ${seconds(firstDown - startMs)} to ${seconds(lastUp - startMs)} after the update began); ${outcomeText(run)}`;
  return finding(singleStopFirst, target, target.lineOf('replicas'), message, { scenario: run.scenario, figure });
}

/** swarmkit manager/scheduler/filter.go HostPortFilter.Explain(1). */
const HOST_PORT_IN_USE = 'host-mode port already in use on 1 node';

const hostPortStartFirst: RuleMeta = {
  id: 'start-first-host-port',
  level: 'error',
  summary: 'start-first with a host-mode published port: the new task cannot start where the old one holds the port',
  source:
    'swarmkit manager/scheduler/filter.go (HostPortFilter: "host-mode port already in use on 1 node"); docker docs, "Publish ports" (mode=host)',
};

function checkHostPort(target: LintTarget): Finding | null {
  const port = target.hostPorts[0];
  if (!port) return null;
  const update = effectiveConfig(target.spec, false).order === 'start-first';
  const rollback = effectiveConfig(target.spec, true).order === 'start-first';
  if (!update && !rollback) return null;
  const which = update ? 'update' : 'rollback';
  const message = `${which} order start-first with host-mode port ${port.published}: the new task must start while the old one still holds port ${port.published} on its node, so it cannot be placed there; when no other node is free (always for a global service) it stays pending with "${errNoSuitableNode(HOST_PORT_IN_USE)}" and the ${which} stalls`;
  const proof = update && target.policy ? hostPortProof(target) : null;
  if (proof) return finding(hostPortStartFirst, target, port.line, message, proof);
  return finding(
    hostPortStartFirst,
    target,
    port.line,
    message,
    null,
    'no simulated proof: the stall shows in an update, and this rollback order is only used by a rollback; the explanation is swarmkit’s HostPortFilter',
  );
}

/** The update run to its end: the first new task the scheduler could not place, and how the update ended. */
function hostPortProof(target: LintTarget): { scenario: string; figure: string } | null {
  const run = runProof(target, hostPortStartFirst.id);
  const blocked = run.trace.events.find(
    (ev) => ev.type === 'task_state' && ev.t_ms >= run.rollout.startMs && ev.err?.includes('host-mode port'),
  );
  if (blocked?.type !== 'task_state') return null;
  const figure = `${seconds(blocked.t_ms - run.rollout.startMs)} after the update began a new task stayed pending with "${blocked.err}"; ${outcomeText(run)}`;
  return { scenario: run.scenario, figure };
}

const slowRollback: RuleMeta = {
  id: 'rollback-slower-than-update',
  level: 'warning',
  summary: 'the rollback config (parallelism, delay) makes undoing an update slower than the update itself',
  source:
    'swarmkit manager/orchestrator/update/updater.go (a rollback runs with Spec.Rollback, default parallelism 1, delay 0, monitor 5 s); docker docs, docker service update --rollback-parallelism',
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
  const describe = (c: typeof update) => `parallelism ${c.parallelism || 'all'}, delay ${seconds(c.delayMs)}`;
  const message = `rolling back is slower than the update it undoes: rollback ${describe(rollback)}${written ? '' : ' (no rollback_config: Swarm’s defaults)'} against update ${describe(update)}, so a bad release stays longer than it took to roll out`;
  const figure = `the update of ${replicas} replicas took ${seconds(updateMs)}; docker service rollback took ${seconds(rollbackMs)} to undo it`;
  const line = written ? target.lineOf('rollback_config') : target.lineOf('update_config');
  return finding(slowRollback, target, line, message, { scenario: run.scenario, figure });
}

const noDigest: RuleMeta = {
  id: 'image-without-digest',
  level: 'warning',
  summary: 'an image named by :latest (or no tag) with no digest',
  source:
    'docker/cli (service create/update and stack deploy: "image … could not be accessed on a registry to record its digest. Each node will access … independently, possibly leading to different nodes running different versions of the image."); docker docs, docker stack deploy --resolve-image',
};

function checkDigest(target: LintTarget): Finding | null {
  const written = target.images.find(({ image }) => floatingTag(image) !== undefined);
  if (!written) return null;
  const { image, line } = written;
  const tag = floatingTag(image);
  const what = tag === null ? 'no tag (so :latest)' : ':latest';
  const message = `image ${image} has ${what} and no digest: the tag moves, so nodes that pull at different times (or when the registry cannot record a digest) run different versions, and rolling back to it may restore nothing; pin a version tag or an @sha256 digest`;
  return finding(
    noDigest,
    target,
    line,
    message,
    null,
    'no simulated proof exists: the simulator has no registry, and image digests are not modelled',
  );
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
