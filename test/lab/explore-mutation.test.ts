// A bug only a rare run reaches (reversed slot order, flaky exits): explore finds it, 1,000 random seeds do not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/lab/explore/explore.js';
import { measureRun, outcomeKey } from '../../src/lab/explore/outcome.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { mutatedEngine, RARE_CHOICES, type Watch } from './planted-bug.js';

describe('explore finds what seeds miss', () => {
  const file = 'test/fixtures/explore/rare.yaml';
  const text = readFileSync(file, 'utf8');
  const scenario = loadScenario(text, file);

  it('a bug behind a rare slot order and flaky draws: found by explore, missed by seeds 1-1000', () => {
    const healthy = new Set(explore(scenario, text).outcomes.map((row) => outcomeKey(row.outcome)));
    const mutated = explore(scenario, text, { engine: (options, chooserFor) => mutatedEngine(options, chooserFor) });
    expect(mutated.exhausted).toBe(true);
    const found = mutated.outcomes.filter((row) => !healthy.has(outcomeKey(row.outcome)));
    expect(found.length).toBeGreaterThan(0);

    const watches: Watch[] = [];
    const seeded = new Set<string>();
    for (let seed = 1; seed <= 1000; seed++) {
      const run = runScenario(scenario, { seed, engine: (options) => mutatedEngine(options, undefined, watches) });
      seeded.add(outcomeKey(measureRun(run.trace, 'web')));
    }
    expect(watches.filter((w) => w.triggered)).toHaveLength(0);
    expect([...seeded].filter((key) => !healthy.has(key))).toEqual([]);
    // Every seeded run met the choices the bug needs; none took the last option at all of them.
    expect(watches.filter((w) => w.choices === RARE_CHOICES)).toHaveLength(1000);
  });
});
