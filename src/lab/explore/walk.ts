// `explore` a few runs at a time: the same depth-first walk, paced by its caller (the page's atlas worker must hear "stop").
import { createSimulator } from '../../engine/simulator.js';
import { InputError } from '../../errors.js';
import type { Scenario } from '../../scenario/types.js';
import {
  DEFAULT_EXPLORE_RUNS,
  type ExploreReport,
  nextPrefix,
  type OutcomeRow,
  replayPrefix,
  tally,
  updatedService,
  updateStep,
} from './explore.js';
import { measureRun } from './outcome.js';
import { replayText } from './replay.js';

export interface WalkOptions {
  /** The service whose update is judged (default: the scenario's `expect: service`, else the updated one). */
  service?: string;
  /** Runs played plus runs cut, as `explore`'s `maxRuns`. */
  maxRuns?: number;
}

/**
 * `explore(scenario, text, { maxRuns })` split into `step(n)` calls: after the last one, `report()` is the report
 * `explore` returns for the same scenario and budget (no requirements checked). Between two steps nothing runs.
 */
export class ExploreWalk {
  readonly service: string | undefined;
  readonly fromStep: number;
  readonly maxRuns: number;
  /** Runs played to the end. */
  runs = 0;
  /** Runs cut at a state met before. */
  pruned = 0;
  private prefix: number[] | null = [];
  private readonly rows = new Map<string, OutcomeRow>();
  private readonly states = new Set<string>();

  constructor(
    private readonly scenario: Scenario,
    private readonly fileText: string,
    opts: WalkOptions = {},
  ) {
    if (scenario.choices)
      throw new InputError(`${scenario.file}: already a replay (it has choices:); explore the scenario it came from`);
    this.fromStep = updateStep(scenario, opts.service);
    this.service = opts.service ?? scenario.expect?.service ?? updatedService(scenario, this.fromStep);
    this.maxRuns = opts.maxRuns ?? DEFAULT_EXPLORE_RUNS;
  }

  /** Every run was enumerated. */
  get exhausted(): boolean {
    return this.prefix === null;
  }

  /** Nothing left to do: exhausted, or the budget spent. */
  get done(): boolean {
    return this.prefix === null || this.runs + this.pruned >= this.maxRuns;
  }

  /** The outcomes met so far, in the order first met (live objects: copy before keeping). */
  outcomes(): OutcomeRow[] {
    return [...this.rows.values()];
  }

  /** Plays up to `count` more runs (a cut run counts); true while there is more to do. */
  step(count: number): boolean {
    for (let i = 0; i < count && !this.done; i++) {
      const attempt = replayPrefix(this.scenario, this.fromStep, this.prefix ?? [], this.states, createSimulator);
      this.prefix = nextPrefix(attempt.made);
      if (!attempt.trace) {
        this.pruned++;
        continue;
      }
      this.runs++;
      const made = attempt.made;
      tally(this.rows, measureRun(attempt.trace, this.service), () => replayText(this.fileText, this.fromStep, made));
    }
    return !this.done;
  }

  report(): ExploreReport {
    return {
      scenario: this.scenario.name,
      service: this.service,
      fromStep: this.fromStep,
      exhausted: this.exhausted,
      runs: this.runs,
      pruned: this.pruned,
      states: this.states.size,
      outcomes: this.outcomes(),
      requirementsChecked: [],
      violations: [],
    };
  }
}
