// The simulator against real Swarm 20.10 runs recorded here with `swarmlab run --backend swarm --json --out`
// (test/fixtures/conformance/recorded: each scenario beside its real trace): `swarmlab compare` must say "same".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTraces, formatComparison } from '../../src/real-swarm/compare.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Trace } from '../../src/types.js';

const DIR = 'test/fixtures/conformance/recorded';
const NAMES = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.replace(/\.yaml$/, ''));

describe.each(NAMES)('recorded on a real swarm: %s', (name) => {
  it('the simulator gives the same outcome, images, tasks and durations', () => {
    const file = join(DIR, `${name}.yaml`);
    const scenario = loadScenario(readFileSync(file, 'utf8'), file);
    const real = JSON.parse(readFileSync(join(DIR, `${name}.real.json`), 'utf8')) as Trace;
    const simulated = runScenario(scenario).trace;
    const comparison = compareTraces(simulated, real);
    expect(comparison.ok, formatComparison(comparison, ['simulator', 'swarm'])).toBe(true);
  });
});
