// Engine invariants asserted where they live: a failed one is a bug in swarmlab, never a bad scenario or command.

/** An engine invariant does not hold. `invariant` names the rule, `detail` what broke it; `seed` replays the run. */
export class EngineInvariantError extends Error {
  constructor(
    readonly invariant: string,
    readonly detail: string,
    readonly seed?: number,
  ) {
    const replay = seed === undefined ? '' : ` (seed ${seed})`;
    super(`engine invariant broken, a swarmlab bug: ${invariant}: ${detail}${replay}`);
    this.name = 'EngineInvariantError';
  }
}

/**
 * Throws EngineInvariantError unless `condition` holds. `detail` is only built when it does not, so an assertion on a
 * hot path costs one comparison.
 */
export function assert(condition: boolean, invariant: string, detail: () => string, seed?: number): asserts condition {
  if (!condition) throw new EngineInvariantError(invariant, detail(), seed);
}
