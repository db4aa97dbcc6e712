// `swarmlab conform`: one scenario on the simulator and on the real swarm, and the comparison of the two traces.
import { runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import { runScenarioOnSwarm, type SwarmRunOptions, type SwarmRunResult } from './backend.js';
import { type Comparison, compareTraces, type Tolerances } from './compare.js';

export interface ConformResult {
  simulated: ReturnType<typeof runScenario>;
  real: SwarmRunResult;
  comparison: Comparison;
}

export function conformScenario(
  scenario: Scenario,
  opts: SwarmRunOptions & { tolerances?: Tolerances } = {},
): ConformResult {
  const simulated = runScenario(scenario, { seed: opts.seed });
  const real = runScenarioOnSwarm(scenario, opts);
  const service = scenario.expect?.service;
  return {
    simulated,
    real,
    comparison: compareTraces(simulated.trace, real.trace, { service, tolerances: opts.tolerances }),
  };
}
