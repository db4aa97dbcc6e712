// `swarmlab explore` without the terminal: every distinct run of a scenario from its update command on, depth first.
import type { Engine } from '../../backend.js';
import { type ChoiceMade, type ClockView, ScriptedChooser } from '../../engine/chooser.js';
import type { EngineOptions } from '../../engine/records.js';
import { type ChooserFor, createSimulator } from '../../engine/simulator.js';
import { InputError } from '../../errors.js';
import { type BoundaryFaultConfig, type BoundaryFaults, injectAtBoundaries } from '../../scenario/boundary-faults.js';
import { runScenario } from '../../scenario/run.js';
import type { Scenario } from '../../scenario/types.js';
import type { Trace } from '../../types.js';
import type { Requirement } from '../check.js';
import { measureRun, metricOfRun, outcomeKey, type RunOutcome } from './outcome.js';
import { replayText } from './replay.js';
import { hashState } from './state-hash.js';

export const DEFAULT_EXPLORE_RUNS = 10_000;

export interface ExploreOptions {
  /** The service whose update is judged (default: the scenario's `expect: service`, else the updated one). */
  service?: string;
  maxRuns?: number;
  requirements?: readonly Requirement[];
  /** Called after each run (a progress display). */
  onRun?: (runs: number) => void;
  /** Cut a run at a state met before (default true; false plays every choice sequence to its end). */
  prune?: boolean;
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
  /** Runs played to the end; `pruned` more were cut at a state met before (their outcomes are among those seen). */
  runs: number;
  pruned: number;
  /** Distinct states met at choice points. */
  states: number;
  outcomes: OutcomeRow[];
  requirementsChecked: readonly Requirement[];
  violations: Violation[];
  /** The faults injected at event boundaries, when asked for. */
  faults?: BoundaryFaultConfig;
}

/** Depth-first over choice sequences: replay a prefix, take option 0 after it, then move the last open choice on. */
export function explore(scenario: Scenario, fileText: string, opts: ExploreOptions = {}): ExploreReport {
  if (scenario.choices)
    throw new InputError(`${scenario.file}: already a replay (it has choices:); explore the scenario it came from`);
  const fromStep = updateStep(scenario, opts.service);
  const service = opts.service ?? scenario.expect?.service ?? updatedService(scenario, fromStep);
  const maxRuns = opts.maxRuns ?? DEFAULT_EXPLORE_RUNS;
  const rows = new Map<string, OutcomeRow>();
  const broken = new Map<Requirement, Violation>();
  const states = new Set<string>();
  let prefix: number[] | null = [];
  let runs = 0;
  let pruned = 0;
  while (prefix !== null && runs + pruned < maxRuns) {
    const attempt = replayPrefix(scenario, fromStep, prefix, opts.prune === false ? null : states, {
      build: opts.engine ?? createSimulator,
      faults: opts.faults,
    });
    prefix = nextPrefix(attempt.made);
    if (!attempt.trace) {
      pruned++;
      continue;
    }
    runs++;
    const made = attempt.made;
    const outcome = measureRun(attempt.trace, service);
    const replay = () => replayText(fileText, fromStep, made, opts.faults);
    tally(rows, outcome, replay);
    for (const requirement of opts.requirements ?? []) {
      const value = metricOfRun(outcome, requirement.metric);
      if (value === null || holds(value, requirement.op, requirement.value)) continue;
      const violation = broken.get(requirement);
      if (violation) violation.runs++;
      else broken.set(requirement, { requirement, runs: 1, replay: replay() });
    }
    opts.onRun?.(runs);
  }
  return {
    scenario: scenario.name,
    service,
    fromStep,
    exhausted: prefix === null,
    runs,
    pruned,
    states: states.size,
    outcomes: [...rows.values()],
    requirementsChecked: opts.requirements ?? [],
    violations: (opts.requirements ?? []).flatMap((r) => broken.get(r) ?? []),
    ...(opts.faults && { faults: opts.faults }),
  };
}

/** Thrown from the chooser when a run meets a state met before: every run on from there was (or will be) explored. */
class StateSeen extends Error {}

interface Attempt {
  made: ChoiceMade[];
  /** Undefined when the run was cut at a state met before. */
  trace?: Trace;
}

/** One run that takes `picks` from step `fromStep` on, then option 0, hashing the state at each new choice point. */
function replayPrefix(
  scenario: Scenario,
  fromStep: number,
  picks: number[],
  states: Set<string> | null,
  how: { build: (options: EngineOptions, chooserFor: ChooserFor) => Engine; faults?: BoundaryFaultConfig },
): Attempt {
  let engine: Engine | undefined;
  let chooser: ScriptedChooser | undefined;
  let injector: BoundaryFaults | undefined;
  let clock: ClockView | undefined;
  let step = '';
  /** Per choice: the synchronous stretch (step, deadlines fired) it was made in. */
  const stretches: string[] = [];
  const onChoice = (point: string, options: number, index: number) => {
    const stretch = `${step}/${clock?.fired()}`;
    stretches[index] = stretch;
    if (index < picks.length || !states) return;
    // Earlier choices of this stretch may live only in local variables (a half-done shuffle): they count too.
    const local = chooser?.made.filter((_, i) => stretches[i] === stretch).map((c) => c.taken) ?? [];
    const extra = `${step} ${point} ${options} [${local.join(',')}] ${injector?.injected} ${callSite()}`;
    const key = hashState(engine, extra, (o) => o instanceof ScriptedChooser);
    if (states.has(key)) throw new StateSeen();
    states.add(key);
  };
  try {
    const result = runScenario(scenario, {
      engine: (options) => {
        engine = how.build(options, (seeded, view) => {
          clock = view;
          chooser = new ScriptedChooser(picks, seeded, onChoice);
          return chooser;
        });
        if (how.faults && chooser) injector = injectAtBoundaries(engine, chooser, how.faults);
        return engine;
      },
      beforeStep: (index) => {
        step = `${index}@${engine?.nowMs()}`;
        if (index === fromStep) chooser?.start();
      },
    });
    return { made: chooser?.made ?? [], trace: result.trace };
  } catch (err) {
    if (err instanceof StateSeen) return { made: chooser?.made ?? [] };
    throw err;
  }
}

/** Where in the engine the choice is made: the call stack's functions and lines (not its local variables). */
function callSite(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack;
}

function tally(rows: Map<string, OutcomeRow>, outcome: RunOutcome, replay: () => string): void {
  const key = outcomeKey(outcome);
  const row = rows.get(key);
  if (!row) {
    rows.set(key, { outcome, durationMs: [outcome.durationMs, outcome.durationMs], runs: 1, replay: replay() });
    return;
  }
  row.runs++;
  row.durationMs = [Math.min(row.durationMs[0], outcome.durationMs), Math.max(row.durationMs[1], outcome.durationMs)];
}

/** The choices of the next run in depth-first order: the last choice with an option left, moved on; null when none. */
export function nextPrefix(made: readonly ChoiceMade[]): number[] | null {
  for (let i = made.length - 1; i >= 0; i--) {
    if (made[i].taken + 1 < made[i].options) return [...made.slice(0, i).map((c) => c.taken), made[i].taken + 1];
  }
  return null;
}

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

function holds(value: number, op: Requirement['op'], limit: number): boolean {
  if (op === '>=') return value >= limit;
  if (op === '<=') return value <= limit;
  if (op === '>') return value > limit;
  if (op === '<') return value < limit;
  return value === limit;
}
