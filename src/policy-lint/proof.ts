// The proofs of `swarmlab lint`: a lab case of the service run in the simulator, and the figures read from its trace.
import { parse, stringify } from 'yaml';
import { caseYaml } from '../lab/case.js';
import { policyCase } from '../lab/policy.js';
import { firstRollout, type Rollout, rollouts } from '../lab/queries.js';
import { simulate } from '../lab/simulate.js';
import { isFailure } from '../task-states.js';
import type { ImageBehaviour, Millis, Trace } from '../types.js';
import { type LintText, lintText, renderLint } from './messages.js';
import type { LintTarget } from './types.js';

export interface ProofRun {
  /** The scenario file of the run (YAML): `swarmlab run FILE` replays it. */
  scenario: string;
  trace: Trace;
  rollout: Rollout;
}

/**
 * Runs the target's rollout to its next image (behaving as `behaviour`, default as the file declares), then `extra`
 * steps. The run is its own scenario file, so the figures are exactly what `swarmlab run` of that file shows.
 */
export function runProof(
  target: LintTarget,
  ruleId: string,
  behaviour?: ImageBehaviour,
  extra: (string | { wait: string })[] = [],
): ProofRun {
  const policy = target.policy!;
  const name = `lint-${ruleId}-${target.service}`;
  let scenario = caseYaml(policyCase(policy, { seed: target.seed, newBehaviour: behaviour, name }));
  if (extra.length) {
    const doc = parse(scenario) as { steps: unknown[] };
    doc.steps.push(...extra);
    scenario = stringify(doc, { lineWidth: 0 });
  }
  const trace = simulate(scenario, { file: `${name}.yaml` });
  return { scenario, trace, rollout: firstRollout(trace, policy.service.Name) };
}

/** A task the updater created for the new image, with when it ran and when it failed (null: never). */
export interface UpdatedTask {
  taskId: string;
  slot: number;
  createdMs: Millis;
  runningMs: Millis | null;
  failedMs: Millis | null;
}

export function updatedTasks(run: ProofRun): UpdatedTask[] {
  const tasks = new Map<string, UpdatedTask>();
  for (const ev of run.trace.events) {
    if (ev.type === 'task_created' && ev.serviceId === run.rollout.serviceId && ev.origin === 'updater') {
      if (ev.image === run.rollout.toImage && ev.t_ms >= run.rollout.startMs)
        tasks.set(ev.taskId, { taskId: ev.taskId, slot: ev.slot, createdMs: ev.t_ms, runningMs: null, failedMs: null });
    } else if (ev.type === 'task_state') {
      const task = tasks.get(ev.taskId);
      if (task && ev.state === 'running' && task.runningMs === null) task.runningMs = ev.t_ms;
      if (task && isFailure(ev.state) && task.failedMs === null) task.failedMs = ev.t_ms;
    }
  }
  return [...tasks.values()];
}

/** The updater's `failure_counted` events of the first rollout, in time order. */
export function countedFailures(run: ProofRun): { tMs: Millis; taskId: string }[] {
  return run.trace.events.flatMap((ev) =>
    ev.type === 'updater' &&
    ev.action === 'failure_counted' &&
    ev.serviceId === run.rollout.serviceId &&
    ev.t_ms >= run.rollout.startMs &&
    (run.rollout.endMs === null || ev.t_ms <= run.rollout.endMs)
      ? [{ tMs: ev.t_ms, taskId: ev.taskId ?? '' }]
      : [],
  );
}

/** The UpdateStatus the first rollout ended with: state and message (as `docker service inspect` shows them). */
export function endStatus(run: ProofRun): { state: string; message: string } {
  const end = run.rollout.endMs;
  const last = run.trace.events
    .filter((ev) => ev.type === 'update_status' && ev.serviceId === run.rollout.serviceId && ev.t_ms === end)
    .at(-1);
  return last?.type === 'update_status' && last.state
    ? { state: last.state, message: last.message }
    : { state: 'unfinished', message: 'the update had not finished when the run ended' };
}

/** `UpdateStatus became completed ("update completed") 10.1 s after the update began`. */
export function outcomeText(run: ProofRun): string {
  return renderLint(outcomeOf(run));
}

/** The outcome as a text in the lint's catalogue (Docker's UpdateStatus message stays as Docker wrote it). */
export function outcomeOf(run: ProofRun): LintText {
  const end = run.rollout.endMs;
  if (end === null) return lintText('unfinished');
  const status = endStatus(run);
  return lintText('outcome', {
    state: status.state,
    message: status.message,
    after: { ms: end - run.rollout.startMs },
  });
}

/** The rollouts of the run's service (an update, then a manual rollback when the proof asked for one). */
export function serviceRollouts(run: ProofRun): readonly Rollout[] {
  return rollouts(run.trace, run.rollout.serviceId);
}

/** Milliseconds as seconds for a reader: `6 s`, `7.6 s`. */
export function seconds(ms: Millis): string {
  return `${+(ms / 1000).toFixed(1)} s`;
}
