// Properties over rollout cases whose failures say how to replay them: the seed, the scenario file, the command.
import fc from 'fast-check';
import type { Trace } from '../types.js';
import { caseYaml, type RolloutCase, runCase } from './case.js';
import { describeFault } from './faults.js';

/** What a failing case prints: its seed and faults, then a scenario file and the `swarmlab run` command that replay it. */
export function replayText(c: RolloutCase, file = 'replay.yaml'): string {
  const faults = c.faults.length ? c.faults.map(describeFault).join(', ') : 'none';
  return `${[
    `seed ${c.seed}; new image ${c.newImage}; faults: ${faults}`,
    `replay: save the scenario below as ${file}, then run: swarmlab run ${file}`,
    '---',
    caseYaml(c).trimEnd(),
    '---',
  ].join('\n')}\n`;
}

/** A rollout property broke: the message holds what broke and how to replay it. */
export class RolloutPropertyError extends Error {
  constructor(
    readonly reason: string,
    readonly rolloutCase: RolloutCase,
  ) {
    super(`${reason}\n${replayText(rolloutCase)}`);
    this.name = 'RolloutPropertyError';
  }
}

/**
 * `fc.property` over rollout cases: each case is simulated and its trace checked. `check` returns true (holds), or false
 * or a reason string (broken), or throws (e.g. a failed `expect`); the error then carries the replay instructions.
 */
export function rolloutProperty(
  cases: fc.Arbitrary<RolloutCase>,
  // biome-ignore lint/suspicious/noConfusingVoidType: a check made of `expect` calls returns nothing (it holds).
  check: (trace: Trace, c: RolloutCase) => boolean | string | void,
): fc.IPropertyWithHooks<[RolloutCase]> {
  return fc.property(cases, (c) => {
    const trace = runCase(c);
    let verdict: boolean | string | undefined;
    try {
      verdict = check(trace, c) ?? undefined;
    } catch (err) {
      throw new RolloutPropertyError(err instanceof Error ? err.message : String(err), c);
    }
    if (verdict === false) throw new RolloutPropertyError('the property does not hold', c);
    if (typeof verdict === 'string') throw new RolloutPropertyError(verdict, c);
  });
}
