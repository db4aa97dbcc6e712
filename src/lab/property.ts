// Properties over rollout cases whose failures say how to replay them: the seed, the scenario file, the command, the
// verdict.
import fc from 'fast-check';
import type { ScenarioViolation } from '../scenario/types.js';
import type { Trace } from '../types.js';
import { caseYaml, type RolloutCase, runCase } from './case.js';
import { describeFault } from './faults.js';
import { observeRollout } from './observed.js';

/**
 * What a failing case prints: its seed and faults, then a scenario file and the `swarmlab run` command that replay it.
 * With `violation`, the file names the property and what broke, and `swarmlab run` says whether it reproduces.
 */
export function replayText(c: RolloutCase, file = 'replay.yaml', violation?: ScenarioViolation): string {
  const faults = c.faults.length ? c.faults.map(describeFault).join(', ') : 'none';
  return `${[
    `seed ${c.seed}; new image ${c.newImage}; faults: ${faults}`,
    `replay: save the scenario below as ${file}, then run: swarmlab run ${file}`,
    '---',
    caseYaml(c, violation).trimEnd(),
    '---',
  ].join('\n')}\n`;
}

/** A rollout property broke: the message names the property, what broke and how to replay it. */
export class RolloutPropertyError extends Error {
  constructor(
    readonly reason: string,
    readonly rolloutCase: RolloutCase,
    readonly violation?: ScenarioViolation,
  ) {
    super(
      `${violation ? `property "${violation.property}" violated: ` : ''}${reason}\n` +
        replayText(rolloutCase, undefined, violation),
    );
    this.name = 'RolloutPropertyError';
  }
}

/** The name a property goes by when none was given: its function's name, else a hint to give one. */
const UNNAMED = 'unnamed (pass a name to rolloutProperty)';

/**
 * `fc.property` over rollout cases: each case is simulated and its trace checked. `check` returns true (holds), or
 * false or a reason string (broken), or throws (e.g. a failed `expect`); the error then carries the property's `name`,
 * what broke and a replay file whose `swarmlab run` shows that verdict again (exit 1 when it reproduces).
 */
export function rolloutProperty(
  cases: fc.Arbitrary<RolloutCase>,
  // biome-ignore lint/suspicious/noConfusingVoidType: a check made of `expect` calls returns nothing (it holds).
  check: (trace: Trace, c: RolloutCase) => boolean | string | void,
  name: string = check.name || UNNAMED,
): fc.IPropertyWithHooks<[RolloutCase]> {
  return fc.property(cases, (c) => {
    const trace = runCase(c);
    let verdict: boolean | string | undefined;
    try {
      verdict = check(trace, c) ?? undefined;
    } catch (err) {
      verdict = err instanceof Error ? err.message : String(err);
    }
    if (verdict === true || verdict === undefined) return;
    const found = verdict === false ? 'the property does not hold' : verdict;
    const violation = {
      property: name,
      found,
      service: c.service.Name,
      observed: observeRollout(trace, c.service.Name),
    };
    throw new RolloutPropertyError(found, c, violation);
  });
}
