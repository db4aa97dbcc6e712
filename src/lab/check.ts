// `swarmlab check` without the terminal: run a policy against seeded fault schedules, find the worst cases, judge
// requirements.
import fc from 'fast-check';
import { InputError } from '../errors.js';
import {
  DRAWN_CLUSTER_FAULTS,
  type FaultEvent,
  type FaultWord,
  IMAGE_FAULT_KINDS,
  type ImageFault,
} from '../faults/registry.js';
import type { Millis, Trace, UpdateState } from '../types.js';
import { faultScheduleArb, imageBehaviourArb } from './arbitraries.js';
import { type RolloutCase, runCase } from './case.js';
import { type Policy, policyCase } from './policy.js';
import { badTasksStarted, firstRollout, minAvailable, timeToDetect } from './queries.js';
import { judgeRequirement, type Requirement, type RequirementResult } from './requirements.js';

export {
  judgeRequirement,
  type Metric,
  parseRequirement,
  type Requirement,
  type RequirementResult,
} from './requirements.js';

export interface CheckOptions {
  runs: number;
  /** Base seed: run i uses case seed `caseSeed(seed, i)`, which decides its faults and its simulation. */
  seed: number;
  faults: readonly FaultWord[];
  requirements?: readonly Requirement[];
  /** Called after each run (a progress display). */
  onRun?: (done: number, runs: number) => void;
}

export type Outcome = UpdateState | 'unfinished';

export interface CheckRun {
  seed: number;
  imageFault: ImageFault;
  faults: FaultEvent[];
  outcome: Outcome;
  /** Update start → final UpdateStatus; the trace's end when it never got one. */
  durationMs: Millis;
  finished: boolean;
  minAvailable: number;
  badTasks: number;
  timeToDetectMs: Millis | null;
  rolloutCase: RolloutCase;
}

export interface CheckReport {
  policy: Policy;
  runs: CheckRun[];
  /** How many runs ended in each outcome, in a fixed order. */
  outcomes: [Outcome, number][];
  /** Horizon the fault times were drawn from: the fault-free rollout's duration plus its monitor. */
  horizonMs: Millis;
  worst: { duration: CheckRun; availability: CheckRun; badTasks: CheckRun };
  requirements: RequirementResult<CheckRun>[];
}

const OUTCOME_ORDER: Outcome[] = [
  'completed',
  'paused',
  'rollback_completed',
  'rollback_paused',
  'updating',
  'rollback_started',
  'unfinished',
];

/** A run's case seed: a 31-bit mix of the base seed and the run index (never 0). */
export function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) & 0x7fffffff || 1;
}

/** The case run `index` of a check: image behaviour and fault schedule drawn by fast-check from the case seed. */
export function checkCase(
  policy: Policy,
  faults: readonly FaultWord[],
  horizonMs: Millis,
  seed: number,
): { rolloutCase: RolloutCase; imageFault: ImageFault } {
  // In the registry's order, whatever the order of `faults`: a case seed draws the same case for the same set.
  const imageKinds = IMAGE_FAULT_KINDS.filter((k) => k === 'healthy' || (faults as readonly string[]).includes(k));
  const clusterKinds = DRAWN_CLUSTER_FAULTS.filter((k) => faults.includes(k));
  const replicas = policy.service.Mode.Replicated?.Replicas ?? 1;
  const arb = fc.record({
    image: imageBehaviourArb(imageKinds),
    faults: clusterKinds.length
      ? faultScheduleArb({ nodes: policy.nodes, replicas, horizonMs, kinds: clusterKinds })
      : fc.constant([] as FaultEvent[]),
  });
  const [drawn] = fc.sample(arb, { seed, numRuns: 1 });
  const rolloutCase = policyCase(policy, {
    seed,
    faults: drawn.faults,
    newBehaviour: drawn.image.behaviour,
    name: `check-${policy.name}-${seed}`,
  });
  return { rolloutCase, imageFault: drawn.image.fault };
}

/** Runs one case (or takes its trace) and measures it. */
export function measureCase(
  rolloutCase: RolloutCase,
  imageFault: ImageFault,
  trace: Trace = runCase(rolloutCase),
): CheckRun {
  const rollout = firstRollout(trace, rolloutCase.service.Name);
  return {
    seed: rolloutCase.seed,
    imageFault,
    faults: rolloutCase.faults,
    outcome: rollout.outcome,
    durationMs: (rollout.endMs ?? trace.duration_ms) - rollout.startMs,
    finished: rollout.endMs !== null,
    minAvailable: minAvailable(trace, rollout.serviceId),
    badTasks: badTasksStarted(trace, rollout.serviceId),
    timeToDetectMs: timeToDetect(trace, rollout.serviceId),
    rolloutCase,
  };
}

/**
 * The fault-free rollout of the policy's own images: how long faults have to land in. A policy whose service cannot
 * be created or rolled out (the daemon refuses it, or there is nothing to replace) is an InputError saying why.
 */
export function baselineHorizon(policy: Policy): Millis {
  const rolloutCase = policyCase(policy, { seed: 1, newBehaviour: {} });
  const trace = runCase(rolloutCase);
  if (!trace.events.some((ev) => ev.type === 'update_status' && ev.state === 'updating')) {
    const error = trace.events.find((ev) => ev.type === 'output' && ev.stream === 'stderr');
    const why =
      error?.type === 'output'
        ? error.text.trim()
        : `nothing to roll out (${policy.service.Mode.Replicated?.Replicas ?? 0} replicas)`;
    throw new InputError(`service ${policy.service.Name}: no rollout to check: ${why}`);
  }
  const run = measureCase(rolloutCase, 'healthy', trace);
  const monitorMs = (policy.service.UpdateConfig?.Monitor ?? 5e9) / 1e6;
  return run.durationMs + monitorMs;
}

export function checkPolicy(policy: Policy, opts: CheckOptions): CheckReport {
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('runs must be 1 or more');
  const horizonMs = baselineHorizon(policy);
  const runs: CheckRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const { rolloutCase, imageFault } = checkCase(policy, opts.faults, horizonMs, caseSeed(opts.seed, i));
    runs.push(measureCase(rolloutCase, imageFault));
    opts.onRun?.(i + 1, opts.runs);
  }
  const counts = new Map<Outcome, number>();
  for (const run of runs) counts.set(run.outcome, (counts.get(run.outcome) ?? 0) + 1);
  const worst = {
    duration: worstBy(runs, (r) => (r.finished ? r.durationMs : Infinity)),
    availability: worstBy(runs, (r) => -r.minAvailable),
    badTasks: worstBy(runs, (r) => r.badTasks),
  };
  const requirements = (opts.requirements ?? []).map((requirement) => judgeRequirement(requirement, runs));
  return {
    policy,
    runs,
    outcomes: OUTCOME_ORDER.filter((o) => counts.has(o)).map((o) => [o, counts.get(o)!]),
    horizonMs,
    worst,
    requirements,
  };
}

/** The run with the highest `score`; ties go to the longer rollout, then the lower seed (deterministic). */
function worstBy(runs: readonly CheckRun[], score: (run: CheckRun) => number): CheckRun {
  return [...runs].sort((a, b) => score(b) - score(a) || b.durationMs - a.durationMs || a.seed - b.seed)[0];
}
