// `swarmlab conform`: one scenario on the simulator and on the real swarm, and the comparison of the two traces.
import { runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import { runScenarioOnSwarm, type SwarmRunOptions, type SwarmRunResult } from './backend.js';
import { type Comparison, compareTraces, type Tolerances } from './compare.js';
import { notComparableText, unsimulatedComposeKeys, unsimulatedFlags } from './unsimulated.js';

export interface ConformResult {
  simulated: ReturnType<typeof runScenario>;
  real: SwarmRunResult;
  comparison: Comparison;
}

/** A command gives a flag the simulator does not model: the scenario is not run on the swarm, nothing is compared. */
export class NotComparable extends Error {
  constructor(
    readonly flags: string[],
    readonly simulated: ReturnType<typeof runScenario>,
  ) {
    super(notComparableText(flags));
  }
}

export function conformScenario(
  scenario: Scenario,
  opts: SwarmRunOptions & { tolerances?: Tolerances } = {},
): ConformResult {
  const simulated = runScenario(scenario, { seed: opts.seed });
  const unsimulated = [...unsimulatedFlags(simulated.trace), ...unsimulatedComposeKeys(scenario)];
  if (unsimulated.length) throw new NotComparable(unsimulated, simulated);
  const real = runScenarioOnSwarm(scenario, opts);
  const service = scenario.expect?.service;
  return {
    simulated,
    real,
    comparison: compareTraces(simulated.trace, real.trace, { service, tolerances: opts.tolerances }),
  };
}
