// How much of what small runs allocate outlives a young-generation collection (V8's --trace-gc-nvp), in a process
// that only simulates the recordings: a run is over long before the next scavenge, so almost nothing should. Something
// that keeps finished runs reachable until a full collection (an object literal's getter, whose hidden class kept the
// run; a module-level WeakMap's values) shows here as tens of percent.
import { execFileSync } from 'node:child_process';
import { measureArgs } from './entry.js';

/** The scavenges of process start-up and warm-up, left out. */
const WARM_UP_SCAVENGES = 15;

export interface YoungSurvival {
  scavenges: number;
  allocatedMb: number;
  /** Bytes that outlived their first scavenge, as a share of the bytes allocated, in percent. */
  survivedPct: number;
}

export function measureYoungSurvival(rounds: number): YoungSurvival {
  const out = execFileSync(process.execPath, ['--trace-gc-nvp', ...measureArgs('small-runs'), String(rounds)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  let allocated = 0;
  let survived = 0;
  let scavenges = 0;
  for (const line of out.split('\n')) {
    if (!line.includes(' gc=s ')) continue;
    if (++scavenges <= WARM_UP_SCAVENGES) continue;
    allocated += Number(/ allocated=(\d+)/.exec(line)?.[1] ?? 0);
    survived += Number(/ new_space_survived=(\d+)/.exec(line)?.[1] ?? 0);
  }
  return {
    scavenges: Math.max(0, scavenges - WARM_UP_SCAVENGES),
    allocatedMb: allocated / 1e6,
    survivedPct: allocated > 0 ? (100 * survived) / allocated : Number.NaN,
  };
}
