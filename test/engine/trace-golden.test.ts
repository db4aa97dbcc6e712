// Refactors keep behaviour: every scenario file × seeds 1..8 gives the trace whose hash was recorded before.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { scenarioSources } from '../robustness/file-checks.js';

const HASHES_FILE = 'test/engine/trace-hashes.json';
const SEEDS = 8;

function traceHashes(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const { file, text } of scenarioSources()) {
    const scenario = loadScenario(text, file);
    for (let seed = 1; seed <= SEEDS; seed++) {
      const json = JSON.stringify(runScenario(scenario, { seed }).trace);
      hashes[`${file} seed ${seed}`] = createHash('sha256').update(json).digest('hex').slice(0, 16);
    }
  }
  return hashes;
}

describe('traces recorded before the refactors', () => {
  it('every scenario file and seed gives the same trace (TRACE_GOLDEN_WRITE=1 records them anew)', () => {
    const hashes = traceHashes();
    if (process.env.TRACE_GOLDEN_WRITE === '1') writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 1)}\n`);
    const recorded = JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as Record<string, string>;
    const changed = Object.keys(recorded).filter((key) => recorded[key] !== hashes[key]);
    expect(Object.keys(hashes).sort()).toEqual(Object.keys(recorded).sort());
    expect(changed, `changed traces (replay: swarmlab run FILE --seed N --json)`).toEqual([]);
  });
});
