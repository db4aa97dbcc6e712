// `swarmlab conform`: one scenario on the simulator and on the real swarm, and the comparison of the two traces.
import { observedPace } from '../lab/whatif/infer.js';
import { runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import type { TimingProfile } from '../types.js';
import { runScenarioOnSwarm, type SwarmRunOptions, type SwarmRunResult } from './backend.js';
import {
  type Comparison,
  type ComparisonRow,
  compareTraces,
  failedRows,
  formatComparison,
  isDurationRow,
  type Tolerances,
} from './compare.js';
import { notComparableText, unsimulatedComposeKeys, unsimulatedFlags } from './unsimulated.js';

/** The scenario simulated again at the pace the swarm showed (container start, stop latency), and its comparison. */
export interface PacedComparison {
  timing: Partial<TimingProfile>;
  /** One line each: what the pace was read from (`container start (starting → started): 1.9 s (median of 6)`). */
  seen: string[];
  simulated: ReturnType<typeof runScenario>;
  comparison: Comparison;
}

export interface ConformResult {
  simulated: ReturnType<typeof runScenario>;
  real: SwarmRunResult;
  comparison: Comparison;
  /** Only when the comparison failed and the swarm's pace differs from the scenario's timing profile. */
  paced?: PacedComparison;
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
  const comparison = compareTraces(simulated.trace, real.trace, { service, tolerances: opts.tolerances });
  const paced = comparison.ok ? undefined : atSwarmPace(scenario, real.trace, opts);
  return { simulated, real, comparison, ...(paced ? { paced } : {}) };
}

/**
 * A loaded node starts containers seconds slower than the profile's 0.4 s, so a command given mid-run can land before
 * the last replacement on the swarm and after it on the simulator. Simulating again at the swarm's measured pace tells
 * that apart from a difference in behaviour.
 */
export function atSwarmPace(
  scenario: Scenario,
  realTrace: SwarmRunResult['trace'],
  opts: { seed?: number; tolerances?: Tolerances } = {},
): PacedComparison | undefined {
  const service = scenario.expect?.service;
  const { timing, seen } = observedPace(realTrace, service);
  const profile = scenario.cluster.timing;
  const changed = Object.entries(timing).some(([key, value]) => profile[key as keyof TimingProfile] !== value);
  if (!changed) return undefined;
  const paced: Scenario = { ...scenario, cluster: { ...scenario.cluster, timing: { ...profile, ...timing } } };
  const simulated = runScenario(paced, { seed: opts.seed });
  const comparison = compareTraces(simulated.trace, realTrace, { service, tolerances: opts.tolerances });
  return { timing, seen, simulated, comparison };
}

/** The paced comparison as `conform` prints it below the first one. */
export function formatPaced(paced: PacedComparison): string {
  const verdict = formatComparison(paced.comparison, ['simulator', 'swarm']);
  return `\nsimulated again at the swarm's pace (${paced.seen.join('; ')}):\n${verdict}`;
}

/**
 * The judged rows that differ when what happened is judged at the scenario's timing profile and how long it took at the
 * pace the swarm showed: a loaded machine starts containers seconds slower, which says nothing of the rollout logic
 * (the default profile's durations are judged against quiet recordings in test/conformance).
 */
export function differencesAtSwarmPace(result: Pick<ConformResult, 'comparison' | 'paced'>): ComparisonRow[] {
  const behaviour = failedRows(result.comparison).filter((row) => !isDurationRow(row));
  const durations = failedRows(result.paced?.comparison ?? result.comparison).filter(isDurationRow);
  return [...behaviour, ...durations];
}
