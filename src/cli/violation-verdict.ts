// A replay of a broken library property (`violation:` in the file): does this run reproduce it? Said on stderr.
import { formatObserved, observedDifferences, observeRollout } from '../lab/observed.js';
import type { ScenarioViolation } from '../scenario/types.js';
import type { Trace } from '../types.js';

/**
 * The verdict of a replay: reproduced when the run's figures equal the failing run's (the property's check is code,
 * not in the file, so this is how the file can tell). `reproduced` decides the exit status (1 when true).
 */
export function violationVerdict(
  file: string,
  violation: ScenarioViolation,
  trace: Trace,
): { reproduced: boolean; text: string } {
  const seen = observeRollout(trace, violation.service);
  const differences = observedDifferences(violation.observed, seen);
  const found = violation.found.trimEnd().replaceAll('\n', '\n    ');
  if (differences.length === 0)
    return {
      reproduced: true,
      text:
        `swarmlab: ${file}: property "${violation.property}" violated: ${found}\n` +
        `swarmlab: ${file}: reproduced: ${violation.service} ended as in the failing run (${formatObserved(seen)})\n`,
    };
  return {
    reproduced: false,
    text:
      `swarmlab: ${file}: the recorded run violated property "${violation.property}": ${found}\n` +
      `swarmlab: ${file}: not reproduced: ${violation.service} ended differently from the failing run ` +
      `(${differences.join(', ')}); the property's check is code: run its test again to know whether it holds\n`,
  };
}
