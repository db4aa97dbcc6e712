// Run counts kept per state met: a run cut at a state met before counts as every run from that state on.

/** What the runs through one state (or one part) ended in: per outcome key, per requirement, per invariant. */
export interface Tally {
  runs: number;
  outcomes: Map<string, { runs: number; durationMs: [number, number] }>;
  /** Per broken requirement (by its index): how many runs broke it. */
  violations: Map<number, number>;
  /** Per engine invariant broken: how many runs broke it. */
  invariants: Map<string, number>;
}

export function emptyTally(): Tally {
  return { runs: 0, outcomes: new Map(), violations: new Map(), invariants: new Map() };
}

/** Adds every run of `from` to `into`. */
export function addTally(into: Tally, from: Tally): void {
  into.runs += from.runs;
  for (const [key, row] of from.outcomes) addOutcome(into, key, row.durationMs, row.runs);
  for (const [r, runs] of from.violations) into.violations.set(r, (into.violations.get(r) ?? 0) + runs);
  for (const [name, runs] of from.invariants) into.invariants.set(name, (into.invariants.get(name) ?? 0) + runs);
}

/** `runs` runs reaching outcome `key`, their durations in `durationMs` ([shortest, longest]). */
export function addOutcome(into: Tally, key: string, durationMs: readonly [number, number], runs = 1): void {
  const row = into.outcomes.get(key);
  if (!row) into.outcomes.set(key, { runs, durationMs: [durationMs[0], durationMs[1]] });
  else {
    row.runs += runs;
    row.durationMs = [Math.min(row.durationMs[0], durationMs[0]), Math.max(row.durationMs[1], durationMs[1])];
  }
}

/**
 * The states of a depth-first walk over choice sequences, with the runs through each. A state is met at choice `index`
 * of a run; every run that shares the run's choices before `index` passes through it, and the depth-first order plays
 * all of them before it moves a choice before `index`. So the states met along the current run are a stack: a state
 * is closed (its tally final, kept for the runs cut there later) once the walk moves a choice at or before its index.
 */
export class StateTallies {
  private readonly closed = new Map<string, Tally>();
  /** The current run's open states, shallowest first, under a root that collects every run of the walk. */
  private readonly open: { index: number; key: string; tally: Tally }[] = [{ index: -1, key: '', tally: emptyTally() }];
  private readonly openKeys = new Set<string>();

  /** Distinct states met. */
  get size(): number {
    return this.closed.size + this.openKeys.size;
  }

  /** A new run whose choices agree with the last one's before `index` (its first changed choice): close the rest. */
  startRun(index: number): void {
    while (this.open.length > 1 && this.open[this.open.length - 1].index >= index) this.closeTop();
  }

  /**
   * The run meets state `key` at choice `index`: the tally of every run from there on when it was met before (the run
   * is cut there), else undefined (the state is opened). A state still open (met earlier in this same run) is not cut.
   */
  meet(key: string, index: number): Tally | undefined {
    const known = this.closed.get(key);
    if (known) return known;
    if (!this.openKeys.has(key)) {
      this.openKeys.add(key);
      this.open.push({ index, key, tally: emptyTally() });
    }
    return undefined;
  }

  /** The current run's own end (its outcome, a broken invariant) or the tally of the state it was cut at. */
  get current(): Tally {
    return this.open[this.open.length - 1].tally;
  }

  /** Every run counted so far (the open states folded in, left open). */
  total(): Tally {
    const total = emptyTally();
    for (const { tally } of this.open) addTally(total, tally);
    return total;
  }

  private closeTop(): void {
    const top = this.open.pop()!;
    this.openKeys.delete(top.key);
    this.closed.set(top.key, top.tally);
    addTally(this.open[this.open.length - 1].tally, top.tally);
  }
}
