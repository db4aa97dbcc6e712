// ExploreWalk: explore a few runs at a time gives, step after step, exactly the report `explore` gives in one call.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/lab/explore/explore.js';
import { ExploreWalk } from '../../src/lab/explore/walk.js';
import { loadScenario } from '../../src/scenario/load.js';

function load(file: string) {
  const text = readFileSync(file, 'utf8');
  return { text, scenario: loadScenario(text, file) };
}

describe('ExploreWalk', () => {
  it('lesson 2c in steps of 7 runs: the same report as explore, exhausted after 60 runs and 2 outcomes', () => {
    const { text, scenario } = load('scenarios/course/2c-check-after-rollback.yaml');
    const walk = new ExploreWalk(scenario, text, { maxRuns: 1_000 });
    let steps = 0;
    while (walk.step(7)) steps++;
    const report = walk.report();
    expect(report).toEqual(explore(scenario, text, { maxRuns: 1_000 }));
    expect([report.exhausted, report.runs, report.outcomes.map((o) => [o.outcome.minAvailable, o.runs])]).toEqual([
      true,
      60,
      [
        [1, 48],
        [0, 12],
      ],
    ]);
    expect(steps).toBe(Math.ceil((report.played + report.pruned) / 7) - 1);
  });

  it('cut by its budget (runs plus cut runs): the same report as explore with that --max-runs, not exhausted', () => {
    const { text, scenario } = load('test/fixtures/explore/flaky.yaml');
    const walk = new ExploreWalk(scenario, text, { maxRuns: 50 });
    while (walk.step(3));
    expect(walk.done).toBe(true);
    expect(walk.exhausted).toBe(false);
    expect(walk.played + walk.pruned).toBe(50);
    expect(walk.report()).toEqual(explore(scenario, text, { maxRuns: 50 }));
  });

  it('refuses a replay file, as explore does', () => {
    const { text } = load('scenarios/course/2c-check-after-rollback.yaml');
    const replay = `${text}choices:\n  from_step: 3\n  picks: [1]\n`;
    expect(() => new ExploreWalk(loadScenario(replay, 'r.yaml'), replay)).toThrow(
      'r.yaml: already a replay (it has choices:); explore the scenario it came from',
    );
  });
});
