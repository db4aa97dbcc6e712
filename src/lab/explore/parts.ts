// The choice tree cut into parts: a fixed frontier of choice prefixes, each part explored on its own, then joined.
// One run, `--jobs N` and `--shard K/N` all explore the same parts and join them the same way: the same result.
import type { Scenario } from '../../scenario/types.js';
import type { Requirement } from '../check.js';
import { measureRun, metricOfRun, outcomeKey, type RunOutcome } from './outcome.js';
import { replayText } from './replay.js';
import { type RunHow, replayPrefix } from './run-once.js';
import { addOutcome, addTally, emptyTally, StateTallies } from './tally.js';

/** How many parts the choice tree is cut into (fewer when the tree is smaller): enough for a few workers. */
export const EXPLORE_PARTS = 16;

/** What every part of one exploration shares. */
export interface PartContext {
  scenario: Scenario;
  fileText: string;
  fromStep: number;
  service: string | undefined;
  requirements: readonly Requirement[];
  how: RunHow;
  /** Cut a run at a state met before in its part. */
  prune: boolean;
  /** Whether the state hash is taken modulo slot symmetry (see ExploreReport.symmetry). */
  symmetry: 'on' | 'off' | 'inapplicable';
}

/** What one part found; plain data (it crosses worker threads and shard files). */
export interface PartResult {
  index: number;
  prefix: number[];
  exhausted: boolean;
  /** Every run of the part: those played, and every run from each state a cut run met. */
  runs: number;
  /** Runs played to their end; `pruned` more were cut at a state met before. */
  played: number;
  pruned: number;
  states: number;
  outcomes: { outcome: RunOutcome; durationMs: [number, number]; runs: number; replay: string }[];
  /** Per broken requirement (by its index in the requirements): runs that broke it, the first one as a replay. */
  violations: { requirement: number; runs: number; replay: string }[];
  /** Per engine invariant broken (a swarmlab bug): runs that broke it, the first one's detail and replay. */
  invariants: InvariantBroken[];
  /** An earlier part whose first state is this one's, modulo the slot symmetry: its runs are this part's. */
  mirrorOf?: number;
}

export interface InvariantBroken {
  invariant: string;
  detail: string;
  runs: number;
  replay: string;
}

/**
 * The frontier: starting from the empty prefix, the shallowest prefix not known to be a whole run is replaced, in
 * place, by one prefix per option of its next choice, until there are `target` prefixes. The list stays in
 * depth-first order, so the parts in order are the whole depth-first search.
 */
export function planParts(ctx: PartContext, target = EXPLORE_PARTS): number[][] {
  const items: { prefix: number[]; leaf?: boolean }[] = [{ prefix: [] }];
  while (items.length < target) {
    let best = -1;
    items.forEach((item, i) => {
      if (!item.leaf && (best < 0 || item.prefix.length < items[best].prefix.length)) best = i;
    });
    if (best < 0) break;
    const { prefix } = items[best];
    const made = replayPrefix(ctx.scenario, ctx.fromStep, prefix, null, ctx.how).made;
    if (made.length <= prefix.length) {
      items[best].leaf = true;
      continue;
    }
    const children = Array.from({ length: made[prefix.length].options }, (_, option) => ({
      prefix: [...prefix, option],
    }));
    items.splice(best, 1, ...children);
  }
  return items.map((item) => item.prefix);
}

/** The share of `maxRuns` part `index` of `parts` may use: an even split, the first parts taking the remainder. */
export function partBudget(maxRuns: number, parts: number, index: number): number {
  return Math.floor(maxRuns / parts) + (index < maxRuns % parts ? 1 : 0);
}

/**
 * Depth-first over the choice sequences that start with `prefix`, with its own set of states met; given every part's
 * prefix, a part that mirrors an earlier one (mirroredPart) is not walked.
 */
export function explorePart(
  ctx: PartContext,
  index: number,
  prefix: readonly number[],
  budget: number,
  onRun?: () => void,
  prefixes?: readonly (readonly number[])[],
): PartResult {
  const mirrorOf = prefixes && mirroredPart(ctx, prefixes, index);
  if (mirrorOf !== undefined) return mirrorResult(index, prefix, mirrorOf);
  const walk = new PartWalk(ctx, index, prefix, budget);
  walk.step(budget, onRun);
  return walk.result();
}

/** `explorePart` a few runs at a time (the page's outcome atlas steps it between two looks at its messages). */
export class PartWalk {
  /** Per outcome key, requirement and invariant: what the first run (in depth-first order) that reached it showed. */
  private readonly firstRows = new Map<string, { outcome: RunOutcome; replay: string }>();
  private readonly firstBroken = new Map<number, string>();
  private readonly firstInvariants = new Map<string, { detail: string; replay: string }>();
  /** The runs through every state met; without pruning, one root state no run is cut at. */
  private readonly states = new StateTallies();
  private picks: number[] | null;
  /** Runs played to their end (or to a broken engine invariant). */
  played = 0;
  /** Runs cut at a state met before (each counts as every run from that state on). */
  pruned = 0;

  constructor(
    private readonly ctx: PartContext,
    private readonly index: number,
    private readonly prefix: readonly number[],
    private readonly budget: number,
  ) {
    this.picks = [...prefix];
  }

  /** Every run of the part was played or cut, or its budget is spent. */
  get done(): boolean {
    return this.picks === null || this.played + this.pruned >= this.budget;
  }

  /** Up to `count` more runs played or cut; true while the part has more to do. */
  step(count: number, onRun?: () => void): boolean {
    const { ctx } = this;
    for (let i = 0; i < count && !this.done; i++) {
      const picks = this.picks ?? [];
      this.states.startRun(picks.length);
      const attempt = replayPrefix(ctx.scenario, ctx.fromStep, picks, ctx.prune ? this.states : null, ctx.how);
      this.picks = nextPrefix(attempt.made, this.prefix.length);
      const replay = () => replayText(ctx.fileText, ctx.fromStep, attempt.made, ctx.how.faults);
      if (attempt.cut) {
        this.pruned++;
        addTally(this.states.current, attempt.cut);
        continue;
      }
      this.played++;
      if (attempt.broken) this.noteInvariant(attempt.broken, replay);
      else if (attempt.trace) this.noteOutcome(measureRun(attempt.trace, ctx.service), replay);
      onRun?.();
    }
    return !this.done;
  }

  private noteOutcome(outcome: RunOutcome, replay: () => string): void {
    const tally = this.states.current;
    const key = outcomeKey(outcome);
    tally.runs++;
    addOutcome(tally, key, [outcome.durationMs, outcome.durationMs]);
    if (!this.firstRows.has(key)) this.firstRows.set(key, { outcome, replay: replay() });
    this.ctx.requirements.forEach((requirement, r) => {
      const value = metricOfRun(outcome, requirement.metric);
      if (value === null || holds(value, requirement.op, requirement.value)) return;
      tally.violations.set(r, (tally.violations.get(r) ?? 0) + 1);
      if (!this.firstBroken.has(r)) this.firstBroken.set(r, replay());
    });
  }

  private noteInvariant(broken: { invariant: string; detail: string }, replay: () => string): void {
    const tally = this.states.current;
    tally.runs++;
    tally.invariants.set(broken.invariant, (tally.invariants.get(broken.invariant) ?? 0) + 1);
    if (!this.firstInvariants.has(broken.invariant))
      this.firstInvariants.set(broken.invariant, { detail: broken.detail, replay: replay() });
  }

  /**
   * What the part found so far (exhausted only once every run of it was played or cut). Rows are in the order first
   * reached; a run cut at a known state reaches only outcomes a run played before it reached.
   */
  result(): PartResult {
    const total = this.states.total();
    return {
      index: this.index,
      prefix: [...this.prefix],
      exhausted: this.picks === null,
      runs: total.runs,
      played: this.played,
      pruned: this.pruned,
      states: this.states.size,
      outcomes: [...this.firstRows].map(([key, first]) => {
        const row = total.outcomes.get(key)!;
        return { outcome: first.outcome, durationMs: [...row.durationMs], runs: row.runs, replay: first.replay };
      }),
      violations: [...this.firstBroken]
        .map(([requirement, replay]) => ({ requirement, runs: total.violations.get(requirement)!, replay }))
        .sort((a, b) => a.requirement - b.requirement),
      invariants: [...this.firstInvariants].map(([invariant, first]) => ({
        invariant,
        detail: first.detail,
        runs: total.invariants.get(invariant)!,
        replay: first.replay,
      })),
    };
  }
}

/**
 * The choices of the next run in depth-first order: the last choice (at or after `floor`, the part's own prefix)
 * with an option left, moved on; null when none.
 */
export function nextPrefix(made: readonly { taken: number; options: number }[], floor = 0): number[] | null {
  for (let i = made.length - 1; i >= floor; i--) {
    if (made[i].taken + 1 < made[i].options) return [...made.slice(0, i).map((c) => c.taken), made[i].taken + 1];
  }
  return null;
}

/**
 * The earlier part whose first choice point (the one after its prefix) is in a state equivalent to part `index`'s,
 * modulo the slot symmetry (symmetry.ts); undefined when none is, or without the symmetry or cutting. Every run of a
 * part passes through that state, so the two parts count the same runs, with the same outcomes, durations and broken
 * requirements; the earlier one reaches each first, so its replays are the ones a report shows.
 */
export function mirroredPart(
  ctx: PartContext,
  prefixes: readonly (readonly number[])[],
  index: number,
): number | undefined {
  if (!ctx.prune || !ctx.how.symmetry || index === 0) return undefined;
  const key = rootKey(ctx, prefixes[index]);
  if (key === null) return undefined;
  for (let k = 0; k < index; k++) if (rootKey(ctx, prefixes[k]) === key) return k;
  return undefined;
}

/** A part that mirrors part `of`: nothing of its own, the runs of `of` once joined. */
export function mirrorResult(index: number, prefix: readonly number[], of: number): PartResult {
  const none = { runs: 0, played: 0, pruned: 0, states: 0, outcomes: [], violations: [], invariants: [] };
  return { index, prefix: [...prefix], exhausted: true, ...none, mirrorOf: of };
}

const rootKeys = new WeakMap<PartContext, Map<string, string | null>>();

/** The state hash at the first choice after `prefix` (null when the prefix is a whole run): one short replay. */
function rootKey(ctx: PartContext, prefix: readonly number[]): string | null {
  let keys = rootKeys.get(ctx);
  if (!keys) rootKeys.set(ctx, (keys = new Map()));
  const id = prefix.join(',');
  let key = keys.get(id);
  if (key === undefined) {
    let met: string | null = null;
    const first = {
      meet: (state: string) => {
        met = state;
        return emptyTally();
      },
    };
    replayPrefix(ctx.scenario, ctx.fromStep, prefix, first, ctx.how);
    keys.set(id, (key = met));
  }
  return key;
}

/**
 * The parts joined in their order: outcomes in the order first reached, counts summed, each first replay kept. A part
 * that mirrors another counts that one's runs (none played, cut or met of its own); without it (a shard alone), none,
 * and it is not exhausted.
 */
export function joinParts(parts: readonly PartResult[]): Omit<PartResult, 'index' | 'prefix'> {
  const joined: Omit<PartResult, 'index' | 'prefix'> = {
    exhausted: true,
    runs: 0,
    played: 0,
    pruned: 0,
    states: 0,
    outcomes: [],
    violations: [],
    invariants: [],
  };
  const invariants = new Map<string, InvariantBroken>();
  const rows = new Map<string, PartResult['outcomes'][number]>();
  const broken = new Map<number, PartResult['violations'][number]>();
  const byIndex = new Map(parts.map((part) => [part.index, part]));
  for (const raw of [...parts].sort((a, b) => a.index - b.index)) {
    const part = raw.mirrorOf === undefined ? raw : mirrored(raw, byIndex.get(raw.mirrorOf));
    joined.exhausted &&= part.exhausted;
    joined.runs += part.runs;
    joined.played += part.played ?? part.runs;
    joined.pruned += part.pruned;
    joined.states += part.states;
    for (const row of part.outcomes) {
      const key = outcomeKey(row.outcome);
      const seen = rows.get(key);
      if (!seen) rows.set(key, { ...row, durationMs: [...row.durationMs] });
      else {
        seen.runs += row.runs;
        seen.durationMs = [
          Math.min(seen.durationMs[0], row.durationMs[0]),
          Math.max(seen.durationMs[1], row.durationMs[1]),
        ];
      }
    }
    for (const violation of part.violations) {
      const seen = broken.get(violation.requirement);
      if (seen) seen.runs += violation.runs;
      else broken.set(violation.requirement, { ...violation });
    }
    for (const bug of part.invariants ?? []) {
      const seen = invariants.get(bug.invariant);
      if (seen) seen.runs += bug.runs;
      else invariants.set(bug.invariant, { ...bug });
    }
  }
  joined.invariants = [...invariants.values()];
  joined.outcomes = [...rows.values()];
  joined.violations = [...broken.values()].sort((a, b) => a.requirement - b.requirement);
  return joined;
}

function mirrored(part: PartResult, original: PartResult | undefined): PartResult {
  if (!original) return { ...part, exhausted: false };
  return { ...original, index: part.index, prefix: part.prefix, played: 0, pruned: 0, states: 0 };
}

function holds(value: number, op: Requirement['op'], limit: number): boolean {
  if (op === '>=') return value >= limit;
  if (op === '<=') return value <= limit;
  if (op === '>') return value > limit;
  if (op === '<') return value < limit;
  return value === limit;
}
