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
 * Throws EngineInvariantError unless `condition` holds. `detail` is only built when it does not; but the closure
 * itself is allocated at every call, with the variables it captures (a function's captured variables live in a
 * context allocated each time it is entered). On a hot path, test the condition and call `fail` from a helper.
 */
export function assert(condition: boolean, invariant: string, detail: () => string, seed?: number): asserts condition {
  if (!condition) throw new EngineInvariantError(invariant, detail(), seed);
}

/** Throws EngineInvariantError: for a hot path's own test of an invariant (see `assert`). */
export function fail(invariant: string, detail: string, seed?: number): never {
  throw new EngineInvariantError(invariant, detail, seed);
}
