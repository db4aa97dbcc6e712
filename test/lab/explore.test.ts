// `swarmlab explore`: every outcome random seeds reach is among the enumerated ones; same file, same JSON; replays
// replay.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploreJson } from '../../src/cli/explore.js';
import { parseRequirement } from '../../src/lab/check.js';
import { explore } from '../../src/lab/explore/explore.js';
import { measureRun, outcomeKey } from '../../src/lab/explore/outcome.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const FIXTURES = 'test/fixtures/explore';
/** As many seeded runs as `swarmlab check --runs 1000` would sample. */
const SEEDS = 1000;

function load(name: string) {
  const file = `${FIXTURES}/${name}.yaml`;
  const text = readFileSync(file, 'utf8');
  return { text, scenario: loadScenario(text, file) };
}

/** The outcome keys 1,000 seeded runs reach (seeds 1 to 1,000), with how many runs reach each. */
function seededOutcomes(name: string): Map<string, number> {
  const { scenario } = load(name);
  const counts = new Map<string, number>();
  for (let seed = 1; seed <= SEEDS; seed++) {
    const key = outcomeKey(measureRun(runScenario(scenario, { seed }).trace, 'web'));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('explore covers what random seeds reach', () => {
  const cases = [
    // 3 replicas, a flaky new image (exits in half of its runs), rollback on failure: slot orders and flaky draws.
    {
      name: 'flaky',
      runs: 324,
      outcomes: [
        '["completed","update completed",{"app:v2":3},2,3]',
        '["rollback_completed","rollback completed",{"app:v1":3},1,3]',
        '["rollback_completed","rollback completed",{"app:v1":3},2,3]',
        '["rollback_completed","rollback completed",{"app:v1":3},0,3]',
      ],
    },
    // 3 replicas on 2 nodes, node-2 lost mid-update: slot orders and the heartbeat phase. A task on the lost node
    // serves until the node is marked down (the one availability definition), so 2 stay available throughout.
    {
      name: 'node-down',
      runs: 15,
      outcomes: [
        '["updating","update in progress",{"app:v1":2,"app:v2":2},2,2]',
        '["updating","update in progress",{"app:v1":1,"app:v2":3},2,3]',
        '["updating","update in progress",{"app:v1":3,"app:v2":1},2,1]',
      ],
    },
    // 2 replicas, start time a 1-9 s range, no restarts: timing ranges and same-instant deadlines.
    {
      name: 'slow-start',
      runs: 2304,
      outcomes: [
        '["rollback_completed","rollback completed",{"app:v1":2},0,2]',
        '["rollback_completed","rollback completed",{"app:v1":1},0,2]',
        '["rollback_completed","rollback completed",{},0,2]',
      ],
    },
    // 2 replicas, each new task healthy or exiting 1 after 2 s (one_of): the draw of each task's behaviour.
    {
      name: 'one-of',
      runs: 20,
      outcomes: [
        '["completed","update completed",{"app:v2":2},1,2]',
        '["rollback_completed","rollback completed",{"app:v1":2},0,2]',
        '["rollback_completed","rollback completed",{"app:v1":2},1,2]',
      ],
    },
  ];
  for (const { name, runs, outcomes } of cases) {
    it(`${name}: the space is exhausted and holds every outcome of seeds 1-1000`, () => {
      const { scenario, text } = load(name);
      const report = explore(scenario, text);
      expect(report.exhausted).toBe(true);
      expect(report.runs).toBe(runs);
      expect(report.fromStep).toBe(3);
      expect(report.outcomes.map((row) => outcomeKey(row.outcome))).toEqual(outcomes);
      const seeded = seededOutcomes(name);
      expect([...seeded.keys()].filter((key) => !outcomes.includes(key))).toEqual([]);
      // The seeds are not a formality: they reach more than one outcome.
      expect(seeded.size).toBeGreaterThan(1);
    });
  }

  /** What a report says a user reads: every outcome row (replay included), every broken requirement, the counts. */
  const seen = (report: ReturnType<typeof explore>) => ({
    exhausted: report.exhausted,
    runs: report.runs,
    outcomes: report.outcomes.map((row) => [outcomeKey(row.outcome), row.runs, row.durationMs, row.replay]),
    violations: report.violations.map((v) => [v.requirement.text, v.runs, v.replay]),
  });

  it('cutting runs at a state met before changes no outcome, no count (course 2b: 4 replicas, two updates)', {
    timeout: 240_000,
  }, () => {
    const file = 'scenarios/course/2b-rollback-on-failure.yaml';
    const text = readFileSync(file, 'utf8');
    const requirements = [parseRequirement('min-available>=2'), parseRequirement('duration<=12s')];
    const pruned = explore(loadScenario(text, file), text, { requirements });
    const full = explore(loadScenario(text, file), text, { prune: false, requirements });
    // A reconcile's shuffle orders only the slots a new updater takes (the rollback's one or two, not all four): 264
    // runs, where ordering all four made 1,056 (the same three outcomes, 4 times as many runs each or more).
    expect([full.runs, full.played, full.pruned]).toEqual([264, 264, 0]);
    // With the slot symmetry (explore-symmetry.test.ts): 198 played, not 216.
    expect([pruned.runs, pruned.played, pruned.pruned, pruned.states]).toEqual([264, 182, 26, 168]);
    expect(seen(pruned)).toEqual(seen(full));
    expect(seen(full).outcomes.map(([, runs, durationMs]) => [runs, durationMs])).toEqual([
      [24, [12680, 12680]],
      [192, [11440, 11440]],
      [48, [12680, 12680]],
    ]);
    expect(seen(full).violations.map(([text, runs]) => [text, runs])).toEqual([
      ['min-available>=2', 48],
      ['duration<=12s', 72],
    ]);
  });

  // Per scope: [runs, played, cut] with cutting, then runs played without (slow-start: same-instant deadlines fired in
  // either order reach one state, the history differs but not the state, so 324 runs are played instead of 2,304).
  const scopes: [string, number[]][] = [
    ['flaky', [324, 268, 26, 324]],
    ['node-down', [15, 15, 0, 15]],
    ['one-of', [20, 20, 0, 20]],
    ['slow-start', [2304, 324, 108, 2304]],
  ];
  for (const [name, counts] of scopes) {
    it(`${name}: cutting runs changes no outcome, no count`, { timeout: 240_000 }, () => {
      const requirements = [parseRequirement('min-available>=1'), parseRequirement('bad-tasks<=2')];
      const { scenario, text } = load(name);
      const pruned = explore(scenario, text, { requirements });
      const full = explore(load(name).scenario, text, { prune: false, requirements });
      expect(seen(pruned)).toEqual(seen(full));
      expect([pruned.runs, pruned.played, pruned.pruned, full.played]).toEqual(counts);
    });
  }

  it('--max-runs cuts the search and says so', () => {
    const { scenario, text } = load('flaky');
    const report = explore(scenario, text, { maxRuns: 10 });
    expect(report.exhausted).toBe(false);
    expect(report.played + report.pruned).toBe(10);
  });
});

describe('explore output', () => {
  it('the same file gives the same JSON', () => {
    const { scenario, text } = load('flaky');
    const first = JSON.stringify(exploreJson(explore(scenario, text)));
    const second = JSON.stringify(exploreJson(explore(load('flaky').scenario, text)));
    expect(second).toBe(first);
    const json = JSON.parse(first);
    expect(Object.keys(json)).toEqual(['scenario', 'exhausted', 'runs', 'states', 'outcomes', 'violations']);
    expect(json.outcomes[0]).toMatchObject({
      update_status: 'completed',
      message: 'update completed',
      running_images: { 'app:v2': 3 },
      min_available: 2,
      bad_tasks_started: 3,
      duration_ms: [10130, 10130],
      runs: 6,
    });
    expect(json.outcomes.map((o: { runs: number }) => o.runs)).toEqual([6, 246, 30, 42]);
  });

  it("each outcome's replay file, run by swarmlab run, ends in that outcome", () => {
    const { scenario, text } = load('flaky');
    const report = explore(scenario, text);
    for (const row of report.outcomes) {
      expect(row.replay).toMatch(/\nchoices:\n {2}from_step: 3\n {2}picks: \[[\d, ]*\]\n$/);
      const replayed = loadScenario(row.replay, 'replay.yaml');
      expect(outcomeKey(measureRun(runScenario(replayed).trace, 'web'))).toBe(outcomeKey(row.outcome));
    }
  });

  it('a broken --require names its first breaking run as a replay', () => {
    const { scenario, text } = load('flaky');
    const requirements = [parseRequirement('min-available>=1'), parseRequirement('bad-tasks<=3')];
    const report = explore(scenario, text, { requirements });
    expect(report.violations.map((v) => [v.requirement.text, v.runs])).toEqual([['min-available>=1', 42]]);
    const replayed = loadScenario(report.violations[0].replay, 'replay.yaml');
    expect(measureRun(runScenario(replayed).trace, 'web').minAvailable).toBe(0);
  });
});
