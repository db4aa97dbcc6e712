// conform simulates a differing case again at the pace the swarm showed: a difference that pace explains is `pace`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyConformed } from '../../src/cli/conform-random.js';
import { compareTraces } from '../../src/real-swarm/compare.js';
import { atSwarmPace, differencesAtSwarmPace } from '../../src/real-swarm/conform.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runCommands, runScenario } from '../../src/scenario/run.js';
import type { Trace } from '../../src/types.js';

const DIR = 'test/fixtures/conformance/recorded';
const load = (name: string) => {
  const file = join(DIR, `${name}.yaml`);
  return {
    scenario: loadScenario(readFileSync(file, 'utf8'), file),
    real: JSON.parse(readFileSync(join(DIR, `${name}.real.json`), 'utf8')) as Trace,
  };
};
const row = (trace: Trace, real: Trace, what: string) =>
  compareTraces(trace, real).rows.find((r) => r.what === what)?.a;

describe('simulating again at the swarm pace', () => {
  it('reads the container start and stop latency the swarm showed, and uses them', () => {
    const { scenario, real } = load('scale-mid-update');
    const paced = atSwarmPace(scenario, real)!;
    expect(paced.timing).toEqual({ startMs: 700, stopLatencyMs: 1110 });
    expect(paced.seen).toEqual([
      'container start (starting → started): 0.70 s (median of 10)',
      'stop latency (told to stop → SIGTERM): 1.1 s (median of 4)',
    ]);
    // The swarm took 17.43 s: the profile's pace gives 16.13 s, the swarm's 17.30 s.
    expect(row(runScenario(scenario).trace, real, 'update duration (→ completed)')).toBe('16.13 s');
    expect(paced.comparison.rows.find((r) => r.what === 'update duration (→ completed)')?.a).toBe('17.30 s');
    expect(paced.comparison.ok).toBe(true);
  });

  it('is skipped when the swarm showed the profile pace already', () => {
    const { scenario, real } = load('scale-mid-update');
    const cluster = { ...scenario.cluster, timing: { ...scenario.cluster.timing, startMs: 700, stopLatencyMs: 1110 } };
    expect(atSwarmPace({ ...scenario, cluster }, real)).toBeUndefined();
  });
});

describe('the class of a conformed case', () => {
  const v1 = runCommands(['docker service create -d --name web --replicas 2 app:v1', 'wait: converged']).trace;
  const v2 = runCommands([
    'docker service create -d --name web --replicas 2 app:v1',
    'wait: converged',
    'docker service update -d --image app:v2 web',
    'wait: settled',
  ]).trace;
  const same = compareTraces(v2, v2);
  const different = compareTraces(v2, v1);

  it('is `pace` when only the paced simulation agrees with the swarm', () => {
    const paced = { timing: {}, seen: [], simulated: runScenario(load('scale-mid-update').scenario), comparison: same };
    expect(classifyConformed({ comparison: different, paced })).toBe('pace');
    expect(classifyConformed({ comparison: different, paced: { ...paced, comparison: different } })).toBe('different');
    expect(classifyConformed({ comparison: different })).toBe('different');
    expect(classifyConformed({ comparison: same })).toBe('same');
  });
});

describe('the differences a real-swarm test judges', () => {
  const base = compareTraces(
    runCommands(['docker service create -d --name web app:v1', 'wait: converged']).trace,
    runCommands(['docker service create -d --name web app:v1', 'wait: converged']).trace,
  );
  const row = (what: string, ok: boolean) => ({ what, a: 'x', b: 'y', ok, judged: true });
  const comparison = (...rows: ReturnType<typeof row>[]) => ({ ...base, ok: rows.every((r) => r.ok), rows });
  const slow = row('update duration (→ completed)', false);
  const images = row('running images at the end', false);
  const paced = (c: ReturnType<typeof comparison>) => ({
    timing: {},
    seen: [],
    simulated: runScenario(load('scale-mid-update').scenario),
    comparison: c,
  });

  it('judges durations at the swarm pace, and what happened at the scenario profile', () => {
    expect(differencesAtSwarmPace({ comparison: comparison(slow), paced: paced(comparison()) })).toEqual([]);
    expect(differencesAtSwarmPace({ comparison: comparison(slow) })).toEqual([slow]);
    expect(differencesAtSwarmPace({ comparison: comparison(slow), paced: paced(comparison(slow)) })).toEqual([slow]);
    // A behaviour the pace would hide still counts: the scenario's profile must give the swarm's outcome.
    expect(differencesAtSwarmPace({ comparison: comparison(images, slow), paced: paced(comparison()) })).toEqual([
      images,
    ]);
  });
});
