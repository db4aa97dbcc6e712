// rolloutFigures: the first rollout, its lowest availability and its bad tasks from one fold, equal to the three
// queries that each fold the trace (explore reads the former at every run and every state it hashes).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { badTasksStarted, minAvailable, rolloutFigures, rollouts } from '../../src/lab/queries.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const FOLDERS = ['scenarios/course', 'scenarios/drills', 'scenarios/conformance'];

describe('rolloutFigures', () => {
  const files = FOLDERS.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => `${dir}/${name}`),
  );

  it('gives what rollouts, minAvailable and badTasksStarted give, with and without a service named', () => {
    let withRollout = 0;
    for (const file of files) {
      const scenario = loadScenario(readFileSync(file, 'utf8'), file);
      const trace = runScenario(scenario).trace;
      const names = [undefined, ...new Set(rollouts(trace).map((r) => r.service))];
      for (const service of names) {
        const rollout = rollouts(trace, service)[0];
        const expected = rollout
          ? {
              rollout,
              minAvailable: minAvailable(trace, rollout.serviceId),
              badTasksStarted: badTasksStarted(trace, rollout.serviceId),
            }
          : null;
        expect(rolloutFigures(trace, service), `${file} ${service ?? '(first rollout)'}`).toEqual(expected);
        if (rollout) withRollout++;
      }
    }
    // The scenarios hold rollouts of every kind (updates, rollbacks, several services): a test of something.
    expect(withRollout).toBeGreaterThan(40);
  });

  it('throws for a service the trace does not know, as the queries do', () => {
    const file = 'scenarios/course/2b-rollback-on-failure.yaml';
    const trace = runScenario(loadScenario(readFileSync(file, 'utf8'), file)).trace;
    expect(() => rolloutFigures(trace, 'nope')).toThrow('no service nope in the trace (services: my_service)');
    expect(() => rollouts(trace, 'nope')).toThrow('no service nope in the trace (services: my_service)');
  });
});
