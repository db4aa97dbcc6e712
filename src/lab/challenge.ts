// Grades a challenge's answer (one typed `docker service update|create`): run on several seeds and with one node lost,
// judged by `swarmlab check` requirements.

import { renderInput } from '../input-messages.js';
import { loadScenario } from '../scenario/load.js';
import { runScenario } from '../scenario/run.js';
import { stepFromText } from '../scenario/steps.js';
import type { Scenario, ScenarioStep } from '../scenario/types.js';
import { availabilitySeries, lowestAvailability } from '../trace/series.js';
import type { Millis, Trace } from '../types.js';
import { badTasksStarted, type Rollout, rollouts, serviceId } from './queries.js';
import { judgeRequirement, type MeasuredRun, parseRequirement } from './requirements.js';

/** What a challenge runs an answer in, and what it asks of every run. */
export interface ChallengePlan {
  /** Scenario YAML: the cluster, the images (their behaviours) and the setup steps before the answer. */
  scenarioYaml: string;
  service: string;
  /** `update`: the setup created the service, the answer changes it; `create`: the answer creates it. */
  answerKind: 'update' | 'create';
  /** The image the service must run right after the answer (an update's new image, a create's first one). */
  answerImage: string;
  /** Steps after the answer, before the fault: e.g. a later image update or a manual rollback. */
  afterAnswer: readonly string[];
  /** Which rollout of the service is measured, counted from the answer on: 0 is the first. */
  measured: number;
  seeds: readonly number[];
  /**
   * The fault run: `node` lost `afterMs` after the last `afterAnswer` step (or the answer) started, back `forMs` later
   * (a reboot). Without its return a task the scheduler had just sent there would hold the update forever (no timeout).
   */
  nodeLoss: { node: string; afterMs: Millis; forMs: Millis; seed: number };
  /** `swarmlab check` expressions (`min-available>=3`, `duration<=30s`) and `outcome==STATE`. */
  requirements: readonly string[];
}

export interface ChallengeRun extends MeasuredRun {
  /** The node lost in this run, when, and when it came back; null in a seed run. */
  nodeLoss: { node: string; atMs: Millis; backMs: Millis } | null;
  outcome: Rollout['outcome'];
  /** The requirements (their text) this run broke. */
  broken: string[];
  trace: Trace;
}

/** Why an answer was not run: Docker refused it (its own error), or it is not the kind of command the task asks. */
export type AnswerRefusal =
  | { reason: 'empty' }
  | { reason: 'not-service-command'; expected: 'update' | 'create' }
  | { reason: 'docker-error'; stderr: string; exitCode: number }
  | { reason: 'wrong-service'; expected: string }
  | { reason: 'wrong-image'; expected: string; actual: string }
  | { reason: 'too-many-replicas'; replicas: number; max: number }
  | { reason: 'no-rollout' };

export type ChallengeGrade =
  | { kind: 'refused'; refusal: AnswerRefusal }
  | { kind: 'graded'; passed: boolean; runs: ChallengeRun[]; requirements: ChallengeRequirementResult[] };

/** A requirement over every run: the run furthest from it that broke it (null when none did), how many did. */
export interface ChallengeRequirementResult {
  text: string;
  broken: ChallengeRun | null;
  brokenRuns: number;
}

/** `outcome==rollback_completed`: the measured rollout's final UpdateStatus. */
const OUTCOME = /^\s*outcome\s*==\s*([a-z_]+)\s*$/;

/**
 * The answer as run: detached (`-d` after `docker service VERB`, `--detach=false` turned true), so the node loss lands
 * while it rolls out.
 */
export function detachedAnswer(answer: string): string {
  const text = answer.trim().replace(/(^|\s)--detach=(?:false|f|0|F|FALSE|False)(?=\s|$)/g, '$1--detach=true');
  const words = text.split(/\s+/);
  if (words.some((w) => w === '--detach' || w === '--detach=true' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(w))) return text;
  return text.replace(/^docker\s+service\s+(?:update|create)\b/, '$& -d');
}

/** An answer's service may have this many replicas at most: six runs of it are simulated in the page, at once. */
export const CHALLENGE_MAX_REPLICAS = 50;

const VERB = /^docker\s+service\s+(update|create)\b/;

/** Runs the answer once in the setup (seed of the scenario): Docker's refusal, or what the task does not accept. */
function refusalOf(plan: ChallengePlan, base: Scenario, answer: string): AnswerRefusal | null {
  if (answer.trim() === '') return { reason: 'empty' };
  if (VERB.exec(answer.trim())?.[1] !== plan.answerKind)
    return { reason: 'not-service-command', expected: plan.answerKind };
  const result = runScenario({ ...base, steps: [...base.steps, step(detachedAnswer(answer))] });
  const output = result.outputs[result.outputs.length - 1];
  if (output.exitCode !== 0) return { reason: 'docker-error', stderr: output.stderr.trim(), exitCode: output.exitCode };
  const service = result.trace.events.filter((ev) => ev.type === 'service_spec' && ev.name === plan.service).at(-1);
  if (service?.type !== 'service_spec') return { reason: 'wrong-service', expected: plan.service };
  const image = service.spec.TaskTemplate.ContainerSpec.Image;
  if (image !== plan.answerImage) return { reason: 'wrong-image', expected: plan.answerImage, actual: image };
  const replicas = service.spec.Mode.Replicated?.Replicas ?? 0;
  if (replicas > CHALLENGE_MAX_REPLICAS) return { reason: 'too-many-replicas', replicas, max: CHALLENGE_MAX_REPLICAS };
  return null;
}

function step(text: string): ScenarioStep {
  const parsed = stepFromText(text, { file: 'challenge', line: 1 });
  if ('error' in parsed) throw new Error(`challenge step ${text}: ${renderInput(parsed.error)}`);
  return parsed;
}

/** The steps of one run: setup, the answer (detached), `afterAnswer`, the node loss when there is one, settle. */
function runSteps(plan: ChallengePlan, base: Scenario, answer: string, nodeLoss: boolean): ScenarioStep[] {
  const steps = [...base.steps, step(detachedAnswer(answer)), ...plan.afterAnswer.map(step)];
  if (nodeLoss) {
    const { node, afterMs, forMs } = plan.nodeLoss;
    steps.push(step(`wait: ${afterMs}ms`), step(`swarmlab fault node-down ${node}`));
    steps.push(step(`wait: ${forMs}ms`), step(`swarmlab fault node-up ${node}`));
  }
  steps.push(step('wait: settled'));
  return steps;
}

/** The measured rollout's figures, the trace and the node loss's virtual time. */
function measureRun(
  plan: ChallengePlan,
  trace: Trace,
  seed: number,
  answerAtMs: Millis,
  lost: boolean,
): ChallengeRun | null {
  const id = serviceId(trace, plan.service);
  const rollout = rollouts(trace, id).filter((r) => r.startMs >= answerAtMs)[plan.measured];
  const down = trace.events.find((ev) => ev.type === 'fault' && ev.fault === 'node-down');
  const up = trace.events.find((ev) => ev.type === 'fault' && ev.fault === 'node-up');
  const nodeLoss = lost && down && up ? { node: plan.nodeLoss.node, atMs: down.t_ms, backMs: up.t_ms } : null;
  if (!rollout) return null;
  const endMs = rollout.endMs ?? trace.duration_ms;
  const series = availabilitySeries(trace, id);
  return {
    seed,
    nodeLoss,
    outcome: rollout.outcome,
    durationMs: endMs - rollout.startMs,
    finished: rollout.endMs !== null,
    minAvailable: lowestAvailability(series, rollout.startMs, endMs),
    badTasks: badTasksStarted(
      trace,
      id,
      rollout.kind === 'update' ? rollout.toImage : (rollout.fromImage ?? undefined),
    ),
    timeToDetectMs: rollout.firstFailureMs === null ? null : rollout.firstFailureMs - rollout.startMs,
    broken: [],
    trace,
  };
}

/** Every run of the answer: one per seed, then the node-loss run; each with the requirements it broke. */
export function gradeAnswer(plan: ChallengePlan, answer: string): ChallengeGrade {
  const base = loadScenario(plan.scenarioYaml, 'challenge.yaml');
  const refusal = refusalOf(plan, base, answer);
  if (refusal) return { kind: 'refused', refusal };
  const cases = [...plan.seeds.map((seed) => ({ seed, lost: false })), { seed: plan.nodeLoss.seed, lost: true }];
  const runs = cases.map(({ seed, lost }) => {
    const result = runScenario({ ...base, steps: runSteps(plan, base, answer, lost) }, { seed });
    const answerAtMs = result.outputs[base.steps.length].tMs;
    return measureRun(plan, result.trace, seed, answerAtMs, lost);
  });
  if (!runs.every((run) => run !== null)) return { kind: 'refused', refusal: { reason: 'no-rollout' } };
  const requirements = plan.requirements.map((text) => judgeText(text, runs));
  for (const run of runs)
    for (const { text } of requirements) if (judgeText(text, [run]).brokenRuns > 0) run.broken.push(text);
  return { kind: 'graded', passed: requirements.every((r) => r.brokenRuns === 0), runs, requirements };
}

/** A requirement judged over the runs: `outcome==STATE` here, the metrics by `swarmlab check`'s own judge. */
function judgeText(text: string, runs: readonly ChallengeRun[]): ChallengeRequirementResult {
  const outcome = OUTCOME.exec(text);
  if (outcome) {
    const broken = runs.filter((run) => run.outcome !== outcome[1]);
    return { text: `outcome==${outcome[1]}`, broken: broken[0] ?? null, brokenRuns: broken.length };
  }
  const { requirement, broken, brokenRuns } = judgeRequirement(parseRequirement(text), runs);
  return { text: requirement.text, broken, brokenRuns };
}
