// Each real-Swarm recording simulated: wall time of the simulation against the recorded duration, as a ratio.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/scenario/run.js';
import type { Scenario } from '../src/scenario/types.js';

export const RECORDINGS = [
  'update-default',
  'update-p2-d3',
  'update-start-first',
  'fail-pause',
  'fail-rollback',
  'manual-rollback',
  'unhealthy',
  'slow-start',
  'fast-stop',
];

const WARM_UP_RUNS = 3;

export interface VirtualVsReal {
  name: string;
  realMs: number;
  wallMsMedian: number;
  wallMsMin: number;
  wallMsMax: number;
  ratio: number;
}

/** A recording's scenario file, as `swarmlab run` reads it. */
export function loadRecording(name: string): Scenario {
  const file = `scenarios/conformance/${name}.yaml`;
  return loadScenario(readFileSync(file, 'utf8'), file);
}

export function measureVirtualVsReal(repeats: number): VirtualVsReal[] {
  return RECORDINGS.map((name) => {
    const scenario = loadRecording(name);
    const recorded = JSON.parse(
      readFileSync(resolve('test/fixtures/conformance/real-traces', `${name}.json`), 'utf8'),
    ) as {
      end: { t: number };
    };
    const walls: number[] = [];
    // Warm-up runs (JIT compilation) are not counted; a few milliseconds each.
    for (let i = 0; i < WARM_UP_RUNS; i++) runScenario(scenario);
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      runScenario(scenario);
      walls.push(performance.now() - started);
    }
    walls.sort((a, b) => a - b);
    const median = walls[Math.floor(walls.length / 2)];
    return {
      name,
      realMs: recorded.end.t,
      wallMsMedian: median,
      wallMsMin: walls[0],
      wallMsMax: walls.at(-1)!,
      ratio: recorded.end.t / median,
    };
  });
}
