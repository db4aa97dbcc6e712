// A fixed-seed `conform --random` campaign on the real swarm: every case runs as written, its files and table are true.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformCampaign } from '../../src/cli/conform-random.js';
import { randomCase } from '../../src/real-swarm/random-cases.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { swarmProblem } from './faults.helpers.js';

const problem = await swarmProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const SEED = 5;
const CASES = 3;

describe('conform --random on the real swarm', () => {
  it.skipIf(skip)(
    `${CASES} drawn cases of seed ${SEED}: all run, each case's files are written, the table counts ` +
      `them${skip ? ` (skipped: ${problem})` : ''}`,
    () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      const outDir = mkdtempSync(join(tmpdir(), 'swarmlab-conform-'));
      let out = '';
      let err = '';
      const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTty: false };
      const code = runConformCampaign({ count: CASES, seed: SEED, outDir }, io);
      const tableRow = /^ {2}(same|timing|pace|different|not comparable|not run) +(\d+)$/gm;
      const counts = Object.fromEntries([...out.matchAll(tableRow)].map((m) => [m[1], Number(m[2])]));
      const printed = `the campaign printed:\n${out}${err}`;
      expect(counts['not run'], printed).toBe(0);
      // The generator draws only what the simulator models: every case is compared, whatever the machine's load.
      expect(counts['not comparable'], printed).toBe(0);
      expect(counts.same + counts.timing + counts.pace + counts.different, printed).toBe(CASES);
      expect(code).toBe(counts.same === CASES ? 0 : 1);
      for (let index = 1; index <= CASES; index++) {
        const drawn = randomCase(SEED, index);
        const dir = join(outDir, drawn.id);
        expect(err).toContain(`case ${index}/${CASES} (${drawn.id}: ${drawn.summary})`);
        expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).toBe(drawn.yaml);
        // The simulator's side is the run `swarmlab run scenario.yaml` gives, byte for byte.
        const simulated = runScenario(loadScenario(drawn.yaml, `${drawn.id}.yaml`), {}).trace;
        expect(readFileSync(join(dir, 'simulator.json'), 'utf8')).toBe(`${JSON.stringify(simulated)}\n`);
        expect(existsSync(join(dir, 'swarm.json'))).toBe(true);
        expect(readFileSync(join(dir, 'verdict.txt'), 'utf8')).toMatch(/^verdict: (same|DIFFERENT) \(/m);
      }
    },
    600_000,
  );
});
