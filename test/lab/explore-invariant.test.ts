// An engine invariant broken in one rare run: explore reports it (a swarmlab bug) with a replay file that breaks it
// again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploreJson, formatExploreReport } from '../../src/cli/explore-format.js';
import { EngineInvariantError } from '../../src/engine/assert.js';
import { explore } from '../../src/lab/explore/explore.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { mutatedEngine } from './planted-bug.js';

const plantInvariant = () => {
  throw new EngineInvariantError('planted rare invariant', 'the last option at five choices in a row');
};

describe('explore: engine invariants', () => {
  const file = 'test/fixtures/explore/rare.yaml';
  const text = readFileSync(file, 'utf8');
  const scenario = loadScenario(text, file);

  it('a run that breaks one is counted, reported with its detail, and its replay breaks it again', () => {
    const report = explore(scenario, text, {
      engine: (options, chooserFor) => mutatedEngine(options, chooserFor, [], plantInvariant),
    });
    expect(report.exhausted).toBe(true);
    expect(report.invariants.map((bug) => [bug.invariant, bug.detail, bug.runs])).toEqual([
      ['planted rare invariant', 'the last option at five choices in a row', 1],
    ]);
    const replay = loadScenario(report.invariants[0].replay, 'bug-1.yaml');
    expect(replay.choices).toBeDefined();
    expect(() =>
      runScenario(replay, { engine: (options, chooserFor) => mutatedEngine(options, chooserFor, [], plantInvariant) }),
    ).toThrow(/engine invariant broken, a swarmlab bug: planted rare invariant/);
    const text2 = formatExploreReport(report, file, { outcomes: [], violations: [], invariants: ['bug-1.yaml'] });
    expect(text2).toContain(
      `  BROKEN  planted rare invariant in 1 of ${report.runs} runs: the last option at five choices in a row\n` +
        '      replay: swarmlab run bug-1.yaml',
    );
    expect((exploreJson(report) as { violations: unknown[] }).violations).toEqual([
      {
        requirement: 'engine invariant: planted rare invariant',
        detail: 'the last option at five choices in a row',
        replay: report.invariants[0].replay,
      },
    ]);
    // The same scenario without the plant breaks nothing.
    expect(explore(scenario, text).invariants).toEqual([]);
  });
});
