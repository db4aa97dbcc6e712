// `swarmlab explore --faults`: a fault may be injected at every event boundary from the update on; replays follow it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { exploreJson } from '../../src/cli/explore.js';
import { createSimulator } from '../../src/engine/simulator.js';
import { explore } from '../../src/lab/explore/explore.js';
import { measureRun, outcomeKey } from '../../src/lab/explore/outcome.js';
import { BoundaryFaults } from '../../src/scenario/boundary-faults.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const FILE = 'test/fixtures/explore/faults.yaml';
const text = readFileSync(FILE, 'utf8');
const PAUSED = '"paused","update paused due to failure or early termination of task *"';

describe('explore --faults', () => {
  it('kill at every boundary: every outcome, each replayed by swarmlab run from its choices:', () => {
    const report = explore(loadScenario(text, FILE), text, { faults: { kinds: ['kill'], max: 1 } });
    expect([report.exhausted, report.runs, report.pruned]).toEqual([true, 66, 0]);
    expect(report.outcomes.map((row) => [outcomeKey(row.outcome), row.runs])).toEqual([
      ['["completed","update completed",{"app:v2":2},1,2]', 8],
      ['["completed","update completed",{"app:v2":1},1,2]', 4],
      [`[${PAUSED},{"app:v2":1},1,2]`, 8],
      [`[${PAUSED},{"app:v2":1},0,2]`, 22],
      [`[${PAUSED},{"app:v1":1},1,1]`, 2],
      ['["completed","update completed",{"app:v2":2},0,2]', 22],
    ]);
    for (const row of report.outcomes) {
      expect(row.replay).toMatch(
        /\nchoices:\n {2}from_step: 3\n {2}faults: \[kill\]\n {2}max_faults: 1\n {2}picks: \[[\d, ]*\]\n$/,
      );
      const replayed = runScenario(loadScenario(row.replay, 'replay.yaml')).trace;
      expect(outcomeKey(measureRun(replayed, 'web'))).toBe(outcomeKey(row.outcome));
    }
    // Without faults the update always completes with both replicas on the new image.
    expect(explore(loadScenario(text, FILE), text).outcomes.map((row) => outcomeKey(row.outcome))).toEqual([
      '["completed","update completed",{"app:v2":2},1,2]',
    ]);
  });

  it('the same file with faults and one_of images gives the same JSON twice', () => {
    const oneOf = 'test/fixtures/explore/one-of.yaml';
    const oneOfText = readFileSync(oneOf, 'utf8');
    const json = () =>
      JSON.stringify(
        exploreJson(
          explore(loadScenario(oneOfText, oneOf), oneOfText, { faults: { kinds: ['kill'], max: 1 }, maxRuns: 800 }),
        ),
      );
    const first = json();
    expect(json()).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ exhausted: false, runs: 290 });
    expect(JSON.parse(first).outcomes).toHaveLength(12);
  });

  it('a node lost at some boundary leaves the update waiting on it', () => {
    const report = explore(loadScenario(text, FILE), text, { faults: { kinds: ['node-down'], max: 1 } });
    expect([report.exhausted, report.runs, report.outcomes.length]).toEqual([true, 266, 7]);
    expect(report.outcomes.filter((row) => row.outcome.updateStatus === 'updating')).toHaveLength(6);
  });

  it('offers one target per kind of interchangeable worker or container, never the manager', () => {
    const offered = (create: string) => {
      const scenario = loadScenario(
        `cluster: {nodes: 3}\nsteps:\n  - docker service create -d --name web ${create} app:v1\n  - wait: converged\n`,
        'x.yaml',
      );
      let engine: Engine | undefined;
      runScenario(scenario, { engine: (options) => (engine = createSimulator(options)) });
      const asked: number[] = [];
      const chooser = {
        index: (n: number) => asked.push(n) && 0,
        chance: () => false,
        between: (a: number) => a,
        offset: () => 0,
      };
      new BoundaryFaults(engine!, chooser, { kinds: ['node-down', 'drain', 'kill'], max: 1 }).boundary();
      return asked;
    };
    // No fault, then: both workers idle (1 node-down, 1 drain), the manager's one container (1 kill).
    expect(offered('--replicas 1 --constraint node.role==manager')).toEqual([4]);
    // node-2 runs a task, node-3 none: 2 node-down, 2 drain, 2 kill (node-1's and node-2's containers).
    expect(offered('--replicas 2')).toEqual([7]);
    // One task per node: the workers are alike (1 + 1), kills on the manager or on a worker (2).
    expect(offered('--replicas 3')).toEqual([5]);
  });

  it('a replay whose choices name faults explore does not inject is refused', () => {
    expect(() =>
      loadScenario('steps: [docker service ls]\nchoices: {from_step: 1, faults: [node-up], picks: []}\n', 'x.yaml'),
    ).toThrow('x.yaml:2: choices.faults[0]: expected one of node-down, drain, kill, got "node-up"');
    expect(() =>
      loadScenario('steps: [docker service ls]\nchoices: {from_step: 1, max_faults: 2, picks: []}\n', 'x.yaml'),
    ).toThrow('x.yaml:2: choices.max_faults: max_faults needs faults: (the kinds injected)');
  });
});

describe('explore --faults kill on a crashing image', () => {
  // The container dies a moment before its task's status says so: a kill is not offered on it then (it was, and the
  // run stopped with "internal error: task ... has no running container").
  const CRASH = `name: kill-crash
seed: 7
cluster: {nodes: 2}
images:
  app:v1: {}
  app:crash: {exit: 1, after: 1s}
steps:
  - docker service create -d --name web --replicas 2 --restart-condition none app:v1
  - wait: converged
  - docker service update -d --image app:crash web
  - wait: settled
`;

  it('explores every run, each outcome replayed by swarmlab run', () => {
    const report = explore(loadScenario(CRASH, 'kill-crash.yaml'), CRASH, { faults: { kinds: ['kill'], max: 1 } });
    expect(report.exhausted).toBe(true);
    expect(report.violations).toEqual([]);
    for (const row of report.outcomes) {
      const replayed = runScenario(loadScenario(row.replay, 'replay.yaml')).trace;
      expect(outcomeKey(measureRun(replayed, 'web'))).toBe(outcomeKey(row.outcome));
    }
  });
});
