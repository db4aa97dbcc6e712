// `swarmlab explore` without the terminal: every distinct run of a scenario from its update command on, depth first.
import type { Engine } from '../../backend.js';
import { readsOnly } from '../../commands/read-only.js';
import type { EngineOptions } from '../../engine/records.js';
import { type ChooserFor, createSimulator } from '../../engine/simulator.js';
import { InputError } from '../../errors.js';
import type { BoundaryFaultConfig } from '../../scenario/boundary-faults.js';
import type { Scenario } from '../../scenario/types.js';
import type { Requirement } from '../check.js';
import type { RunOutcome } from './outcome.js';
import {
  EXPLORE_PARTS,
  explorePart,
  type InvariantBroken,
  joinParts,
  type PartContext,
  type PartResult,
  partBudget,
  planParts,
} from './parts.js';
import { symmetryOrder } from './symmetry.js';

export { nextPrefix } from './parts.js';

export const DEFAULT_EXPLORE_RUNS = 10_000;

export interface ExploreOptions {
  /** The service whose update is judged (default: the scenario's `expect: service`, else the updated one). */
  service?: string;
  /** At most this many runs (played or cut), split evenly over the parts of the choice tree. */
  maxRuns?: number;
  requirements?: readonly Requirement[];
  /** Called after each run (a progress display). */
  onRun?: (runs: number) => void;
  /** Called after each part of the choice tree is explored (a progress display). */
  onPart?: (done: number, parts: number) => void;
  /** Cut a run at a state met before (default true; false plays every choice sequence to its end). */
  prune?: boolean;
  /**
   * Count states that differ only by a renaming of interchangeable slots as one (default true; see symmetry.ts). Off
   * when a step after the update may change a replica count.
   */
  symmetry?: boolean;
  /** Builds the engine of each run around explore's chooser (default: the simulator; tests pass a mutated one). */
  engine?: (options: EngineOptions, chooserFor: ChooserFor) => Engine;
  /** Cluster faults injected at event boundaries from the update on (`--faults`, `--max-faults`); none by default. */
  faults?: BoundaryFaultConfig;
}

export interface OutcomeRow {
  outcome: RunOutcome;
  /** Shortest and longest update duration among the runs that reached this outcome. */
  durationMs: [number, number];
  runs: number;
  /** The first run (in exploration order) that reached it, as a `swarmlab run` file. */
  replay: string;
}

export interface Violation {
  requirement: Requirement;
  runs: number;
  replay: string;
}

export interface ExploreReport {
  scenario: string;
  service: string | undefined;
  /** 1-based step choices start at (the update command); before it, the scenario's seed decides. */
  fromStep: number;
  exhausted: boolean;
  /**
   * Every run (choice sequence) of the space explored: those played, and for each run cut at a state met before,
   * every run from that state on (counted when the state was first met). Outcome and requirement counts are of these.
   */
  runs: number;
  /** Runs played to their end; `pruned` more were cut at a state met before. */
  played: number;
  pruned: number;
  /** Distinct states met at choice points (summed over the parts: each part keeps its own). */
  states: number;
  outcomes: OutcomeRow[];
  requirementsChecked: readonly Requirement[];
  violations: Violation[];
  /** Engine invariants some runs broke (swarmlab bugs), each with the first such run as a replay file. */
  invariants: InvariantBroken[];
  /** The faults injected at event boundaries, when asked for. */
  faults?: BoundaryFaultConfig;
  /**
   * Whether states that differ only by which interchangeable slot holds which task were counted as one (symmetry.ts):
   * off with --no-symmetry, inapplicable when a step after the update breaks the symmetry.
   */
  symmetry: 'on' | 'off' | 'inapplicable';
  /** How many parts the choice tree was cut into (each explored on its own: see parts.ts). */
  parts: number;
}

/**
 * Depth-first over choice sequences: replay a prefix, take option 0 after it, then move the last open choice on. The
 * tree is cut into parts at a fixed frontier (planParts) and each part keeps its own states, so `--jobs` and
 * `--shard` give the same report as this one call.
 */
export function explore(scenario: Scenario, fileText: string, opts: ExploreOptions = {}): ExploreReport {
  const ctx = exploreContext(scenario, fileText, opts);
  const prefixes = planParts(ctx);
  const maxRuns = opts.maxRuns ?? DEFAULT_EXPLORE_RUNS;
  let runs = 0;
  const parts = prefixes.map((prefix, index) => {
    const part = explorePart(
      ctx,
      index,
      prefix,
      partBudget(maxRuns, prefixes.length, index),
      () => opts.onRun?.(++runs),
      prefixes,
    );
    opts.onPart?.(index + 1, prefixes.length);
    return part;
  });
  return exploreReport(ctx, parts, prefixes.length, opts.faults);
}

/** What every part of the exploration of `scenario` shares (the CLI's workers build the same from the same file). */
export function exploreContext(scenario: Scenario, fileText: string, opts: ExploreOptions = {}): PartContext {
  if (scenario.choices)
    throw new InputError(`${scenario.file}: already a replay (it has choices:); explore the scenario it came from`);
  const fromStep = updateStep(scenario, opts.service);
  const service = opts.service ?? scenario.expect?.service ?? updatedService(scenario, fromStep);
  const order = opts.symmetry === false ? null : symmetryOrder(scenario, fromStep, opts.faults?.kinds);
  return {
    scenario: withoutReadingTail(scenario),
    fileText,
    fromStep,
    service,
    requirements: opts.requirements ?? [],
    how: {
      build: opts.engine ?? createSimulator,
      faults: opts.faults,
      service,
      symmetry: order ?? undefined,
    },
    prune: opts.prune !== false,
    symmetry: order ? 'on' : opts.symmetry === false ? 'off' : 'inapplicable',
  };
}

/** The report of parts explored (all of them, in any order: they are joined in index order). */
export function exploreReport(
  ctx: Pick<PartContext, 'service' | 'fromStep' | 'requirements' | 'symmetry'> & { scenario: { name: string } },
  parts: readonly PartResult[],
  partCount: number,
  faults?: BoundaryFaultConfig,
): ExploreReport {
  const joined = joinParts(parts);
  return {
    scenario: ctx.scenario.name,
    service: ctx.service,
    fromStep: ctx.fromStep,
    exhausted: joined.exhausted && parts.length === partCount,
    runs: joined.runs,
    played: joined.played,
    pruned: joined.pruned,
    states: joined.states,
    outcomes: joined.outcomes,
    requirementsChecked: ctx.requirements,
    violations: joined.violations.map((v) => ({
      requirement: ctx.requirements[v.requirement],
      runs: v.runs,
      replay: v.replay,
    })),
    invariants: joined.invariants,
    ...(faults && { faults }),
    symmetry: ctx.symmetry,
    parts: partCount,
  };
}

export { EXPLORE_PARTS, explorePart, type PartContext, type PartResult, partBudget, planParts };

const UPDATE = /^docker\s+service\s+update\b/;

/** The first `docker service update` step (of `service` when given); step 1 when there is none. */
function updateStep(scenario: Scenario, service: string | undefined): number {
  const index = scenario.steps.findIndex(
    (step) =>
      step.kind === 'command' &&
      UPDATE.test(step.text) &&
      (service === undefined || step.text.split(/\s+/).at(-1) === service),
  );
  return index + 1 || 1;
}

function updatedService(scenario: Scenario, fromStep: number): string | undefined {
  const step = scenario.steps[fromStep - 1];
  return step.kind === 'command' && UPDATE.test(step.text) ? step.text.split(/\s+/).at(-1) : undefined;
}

/**
 * The scenario without the commands at its end that only read the cluster (a closing `docker service ps`): they
 * change no state, take no virtual time and leave every outcome as it was, so the runs explored stop before them. The
 * replays keep them (they are the file's own text).
 */
function withoutReadingTail(scenario: Scenario): Scenario {
  let end = scenario.steps.length;
  while (end > 0) {
    const step = scenario.steps[end - 1];
    if (step.kind !== 'command' || !readsOnly(step.text)) break;
    end--;
  }
  return end === scenario.steps.length ? scenario : { ...scenario, steps: scenario.steps.slice(0, end) };
}
