// A `swarmlab run` file for one explored run: the scenario's own text with the run's choices under `choices:`.
import type { ChoiceMade } from '../../engine/chooser.js';
import type { BoundaryFaultConfig } from '../../scenario/boundary-faults.js';

/**
 * The scenario text, then `choices:` with the step they start at and the option each choice took. Trailing option 0s
 * are left out (a replay takes option 0 once its picks run out), so the list stays as short as the run allows.
 */
export function replayText(
  fileText: string,
  fromStep: number,
  made: readonly ChoiceMade[],
  faults?: BoundaryFaultConfig,
): string {
  const picks = made.map((choice) => choice.taken);
  while (picks.length && picks[picks.length - 1] === 0) picks.pop();
  const body = fileText.endsWith('\n') ? fileText : `${fileText}\n`;
  const injected = faults ? `  faults: [${faults.kinds.join(', ')}]\n  max_faults: ${faults.max}\n` : '';
  return `${body}choices:\n  from_step: ${fromStep}\n${injected}  picks: [${picks.join(', ')}]\n`;
}
