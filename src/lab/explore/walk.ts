// `explore` a few runs at a time: the same parts walked in the same order, paced by its caller (the page's atlas worker
// must hear "stop").
import type { Scenario } from '../../scenario/types.js';
import { DEFAULT_EXPLORE_RUNS, type ExploreReport, exploreContext, exploreReport } from './explore.js';
import {
  joinParts,
  mirroredPart,
  mirrorResult,
  type PartContext,
  type PartResult,
  PartWalk,
  partBudget,
  planParts,
} from './parts.js';

export interface WalkOptions {
  /** The service whose update is judged (default: the scenario's `expect: service`, else the updated one). */
  service?: string;
  /** Runs played plus runs cut, as `explore`'s `maxRuns` (split over the parts the same way). */
  maxRuns?: number;
}

/**
 * `explore(scenario, text, { maxRuns })` split into `step(n)` calls: after the last one, `report()` is the report
 * `explore` returns for the same scenario and budget (no requirements checked). Between two steps nothing runs.
 */
export class ExploreWalk {
  readonly maxRuns: number;
  private readonly ctx: PartContext;
  /** The parts' prefixes, planned on the first step (planning plays a few runs). */
  private prefixes: number[][] | null = null;
  private readonly finished: PartResult[] = [];
  private current: PartWalk | null = null;

  constructor(scenario: Scenario, fileText: string, opts: WalkOptions = {}) {
    this.ctx = exploreContext(scenario, fileText, { service: opts.service });
    this.maxRuns = opts.maxRuns ?? DEFAULT_EXPLORE_RUNS;
  }

  get service(): string | undefined {
    return this.ctx.service;
  }

  get fromStep(): number {
    return this.ctx.fromStep;
  }

  /** Runs counted so far: those played, every run from each state a cut run met, and the runs of mirrored parts. */
  get runs(): number {
    return joinParts(this.results()).runs;
  }

  /** Runs played to the end so far. */
  get played(): number {
    return this.results().reduce((sum, part) => sum + part.played, 0);
  }

  /** Runs cut at a state met before so far. */
  get pruned(): number {
    return this.results().reduce((sum, part) => sum + part.pruned, 0);
  }

  /** Every part walked (each exhausted or out of its budget). */
  get done(): boolean {
    return this.prefixes !== null && this.finished.length === this.prefixes.length;
  }

  /** Every run was enumerated. */
  get exhausted(): boolean {
    return this.done && this.finished.every((part) => part.exhausted);
  }

  /** Plays up to `count` more runs (a cut run counts); true while there is more to do. */
  step(count: number): boolean {
    this.prefixes ??= planParts(this.ctx);
    const prefixes = this.prefixes;
    let left = count;
    while (!this.done) {
      const index = this.finished.length;
      if (!this.current) {
        const of = mirroredPart(this.ctx, prefixes, index);
        if (of !== undefined) {
          this.finished.push(mirrorResult(index, prefixes[index], of));
          continue;
        }
      }
      this.current ??= new PartWalk(this.ctx, index, prefixes[index], partBudget(this.maxRuns, prefixes.length, index));
      if (this.current.done) {
        this.finished.push(this.current.result());
        this.current = null;
        continue;
      }
      if (left <= 0) break;
      const before = this.current.played + this.current.pruned;
      this.current.step(left);
      left -= this.current.played + this.current.pruned - before;
    }
    return !this.done;
  }

  /** The outcomes met so far, in the order `explore` lists them. */
  outcomes(): ExploreReport['outcomes'] {
    return this.report().outcomes;
  }

  /** The report of what was walked so far (the whole report once done). */
  report(): ExploreReport {
    return { ...exploreReport(this.ctx, this.results(), this.prefixes?.length ?? 0), exhausted: this.exhausted };
  }

  private results(): PartResult[] {
    return this.current ? [...this.finished, this.current.result()] : this.finished;
  }
}
