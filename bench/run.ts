// `npm run bench`: rollout wall time, peak memory and task transitions per second (median of 5, min, max).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const REPEATS = 5;
const SIZES: [replicas: number, nodes: number][] = [[1_000, 100], [10_000, 1_000]];
const json = process.argv.includes('--json');

interface Sample { wallMs: number; peakRssMb: number; transitions: number; virtualMs: number; completed: boolean }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows: Record<string, unknown>[] = [];
console.log('engine scaling: rollout, parallelism 50, failure action continue, restart policy none');
console.log('replicas  nodes  wall ms (median [min–max])   peak RSS MB   transitions/s   virtual s');
for (const [replicas, nodes] of SIZES) {
  const samples: Sample[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/rollout.ts', String(replicas), String(nodes), String(i + 1)], { encoding: 'utf8' });
    samples.push(JSON.parse(out.trim().split('\n').at(-1)!));
  }
  const walls = samples.map((s) => s.wallMs);
  const wall = median(walls);
  const rss = median(samples.map((s) => s.peakRssMb));
  const perSecond = median(samples.map((s) => s.transitions / (s.wallMs / 1000)));
  const row = { replicas, nodes, wallMsMedian: wall, wallMsMin: Math.min(...walls), wallMsMax: Math.max(...walls), peakRssMb: rss, transitionsPerSecond: perSecond, virtualSeconds: samples[0].virtualMs / 1000, allCompleted: samples.every((s) => s.completed) };
  rows.push(row);
  console.log(`${String(replicas).padStart(8)}  ${String(nodes).padStart(5)}  ${wall.toFixed(0).padStart(7)} [${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)}]`.padEnd(46) +
    `${rss.toFixed(0).padStart(6)}   ${perSecond.toFixed(0).padStart(12)}   ${(samples[0].virtualMs / 1000).toFixed(0).padStart(9)}`);
}
if (json) {
  writeFileSync('bench-results.json', JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rows }, null, 2));
  console.log('wrote bench-results.json');
}
