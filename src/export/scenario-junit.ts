// A scenario run as a JUnit suite: one test case per line of its `expect:` block, failed with what was seen.
import { checkExpectations } from '../scenario/expect.js';
import type { Scenario, ScenarioExpect } from '../scenario/types.js';
import { stateAt } from '../trace/replay.js';
import type { Trace } from '../types.js';
import type { JUnitCase, JUnitSuite } from './junit.js';

const CHECKED_KEYS = ['update_status', 'update_message', 'previous_spec', 'running_images'] as const;

/**
 * `expect.<key>` cases checked against the state at the trace's end (what `swarmlab run` checks); a run stopped by
 * `--until` fails them all (not checked). No `expect:` block: no case.
 */
export function scenarioSuite(scenario: Scenario, trace: Trace, finished: boolean): JUnitSuite {
  const expect = scenario.expect ?? {};
  const state = stateAt(trace, trace.duration_ms);
  const classname = `swarmlab.scenario.${scenario.name}`;
  const cases = CHECKED_KEYS.filter((key) => expect[key] !== undefined).map((key): JUnitCase => {
    const name = `expect.${key}`;
    if (!finished) return { name, classname, failure: { message: 'the run stopped before its last step (--until)' } };
    const only: ScenarioExpect = { service: expect.service, [key]: expect[key] };
    const unmet = checkExpectations(only, state);
    return unmet.length === 0 ? { name, classname } : { name, classname, failure: { message: unmet.join('; ') } };
  });
  return {
    name: scenario.file,
    cases,
    timeSeconds: trace.duration_ms / 1000,
    properties: { scenario: scenario.name, seed: trace.seed },
  };
}
