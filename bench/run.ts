// `npm run bench`: engine scaling, virtual vs real time, property tests, UI, typing a line (medians of 5, min, max).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { measureArgs } from './entry.js';
import type { ExploreThroughput } from './explore.js';

const REPEATS = 5;
/**
 * EXPLORE_SCENARIO's whole space explored by the code before issue 14's work (commit ff3c6c9): what explore's ×5
 * target is measured against. Measured on this 2-core machine on 2026-12-07 as the bench measures it
 * (bench/explore-process.ts bundled as scripts/bench.mjs bundles it: a fresh process, one warm-up exploration, then
 * five timed), alternating with the code of that day's seventh session: medians 1,207 to 1,352 ms in nine rounds,
 * 1,251 ms their median (that code: 246 to 282 ms); 664 runs replayed (420 played, 244 cut) each time. Under tsx, as
 * the bench ran before that session, the same code took 1,430 to 1,595 ms (1,493 ms).
 */
const EXPLORE_BASELINE_MS = 1_251;
const EXPLORE_BASELINE_RUNS_PER_SECOND = 531;
const EXPLORE_BASELINE_MEASURED = 'commit ff3c6c9, bundled, fresh process, measured on 2026-12-07 on this machine';
const args = process.argv.slice(2);
const USAGE =
  'Usage: npm run bench -- [--quick] [--no-ui] [--json [FILE]]\n' +
  '  --quick       skip the 100,000-replica rollout\n' +
  '  --no-ui       skip the page measures (no chromium)\n' +
  '  --json FILE   also write the figures as JSON (default bench-results.json)\n';
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
// A misspelt flag must not start a run of several minutes that ignores it; a word is only --json's file.
const unknown = args.find((a, i) =>
  a.startsWith('-') ? !['--quick', '--no-ui', '--json'].includes(a) : args[i - 1] !== '--json',
);
if (unknown !== undefined) {
  process.stderr.write(`bench: unknown argument ${unknown}\n${USAGE}`);
  process.exit(2);
}
// The measures (the engine, fast-check, playwright) load once the arguments are known good: a refused or --help run
// answers at once.
const { EXPLORE_SCENARIO } = await import('./explore.js');
const { measurePropertyThroughput } = await import('./properties.js');
const { measureSessionAppend, printSessionAppend } = await import('./session-append.js');
const { measureUi, printUi } = await import('./ui.js');
const { measureVirtualVsReal } = await import('./virtual-vs-real.js');
const { measureWholeRun } = await import('./whole-run.js');
const { measureYoungSurvival } = await import('./young-survival.js');
const json = args.includes('--json');
const quick = args.includes('--quick');
const SIZES: [replicas: number, nodes: number][] = quick
  ? [
      [100, 10],
      [1_000, 100],
      [10_000, 1_000],
    ]
  : [
      [100, 10],
      [1_000, 100],
      [10_000, 1_000],
      [100_000, 1_000],
    ];

interface Sample {
  wallMs: number;
  peakRssMb: number;
  transitions: number;
  /** Trace events of the rollout, and the best of 3 runs of as many events through a bare heap (bench/floor.ts). */
  events: number;
  floorMs: number;
  failed: number;
  virtualMs: number;
  completed: boolean;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number, digits = 0) => n.toFixed(digits);
/** Every target and within-run check, for the closing line and the exit code (1 when one is not met). */
const verdicts: { what: string; met: boolean }[] = [];
const judge = (what: string, met: boolean) => {
  verdicts.push({ what, met });
  return met ? 'met' : 'NOT met';
};
/** Cost per replica may grow by this much from one size to the next (×10 replicas) before it counts as superlinear. */
const LINEAR_GROWTH_LIMIT = 1.5;

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? '?',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, node ${machine.node}\n`);

console.log(
  '1. engine scaling — rollout, parallelism 50, 5 % of new tasks failing, failure action continue, restart none',
);
console.log('   replicas   nodes   wall ms median [min–max]   peak RSS MB   transitions/s   failed   virtual s');
interface ScalingRow {
  replicas: number;
  nodes: number;
  repeats: number;
  wallMsMedian: number;
  wallMsMin: number;
  wallMsMax: number;
  peakRssMb: number;
  transitionsPerSecond: number;
  failedTasks: number;
  virtualSeconds: number;
  allCompleted: boolean;
  events: number;
  floorMsMin: number;
}
const scaling: ScalingRow[] = [];
for (const [replicas, nodes] of SIZES) {
  const samples: Sample[] = [];
  const repeats = replicas >= 100_000 ? 3 : REPEATS;
  for (let i = 0; i < repeats; i++) {
    const out = execFileSync(
      process.execPath,
      [...measureArgs('rollout'), String(replicas), String(nodes), String(i + 1)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    samples.push(JSON.parse(out.trim().split('\n').at(-1)!));
  }
  const walls = samples.map((s) => s.wallMs);
  const row: ScalingRow = {
    replicas,
    nodes,
    repeats,
    wallMsMedian: median(walls),
    wallMsMin: Math.min(...walls),
    wallMsMax: Math.max(...walls),
    peakRssMb: median(samples.map((s) => s.peakRssMb)),
    transitionsPerSecond: median(samples.map((s) => s.transitions / (s.wallMs / 1000))),
    failedTasks: samples[0].failed,
    virtualSeconds: samples[0].virtualMs / 1000,
    allCompleted: samples.every((s) => s.completed),
    events: samples[0].events,
    floorMsMin: Math.min(...samples.map((s) => s.floorMs)),
  };
  scaling.push(row);
  console.log(
    `   ${String(replicas).padStart(8)}   ${String(nodes).padStart(5)}  ` +
      ` ${`${fmt(row.wallMsMedian)} [${fmt(row.wallMsMin)}–${fmt(row.wallMsMax)}]`.padEnd(24)}` +
      `${fmt(row.peakRssMb).padStart(11)}   ${fmt(row.transitionsPerSecond).padStart(13)}  ` +
      ` ${String(row.failedTasks).padStart(6)}   ${fmt(row.virtualSeconds).padStart(9)}`,
  );
}
console.log('   floor — as many events through a bare binary-heap loop (one live timer per replica), same process');
for (const row of scaling) {
  console.log(
    `   ${String(row.replicas).padStart(8)}   ${String(row.events).padStart(9)} events   ` +
      `floor ${fmt(row.floorMsMin, 1).padStart(7)} ms   ` +
      `engine ${fmt(row.wallMsMin).padStart(6)} ms (min)   engine / floor ×${fmt(row.wallMsMin / row.floorMsMin, 1)}`,
  );
}
const perReplica = scaling.map((r) => r.wallMsMedian / r.replicas);
console.log(
  `   cost per replica (µs): ${perReplica.map((c) => fmt(c * 1000, 1)).join(' → ')}   (about linear when these stay ` +
    'close)',
);
const at = (replicas: number) => scaling.find((r) => r.replicas === replicas);
const tenThousand = at(10_000)!;
const targets = [`10,000 replicas ≤ 100 ms: ${judge('10,000 replicas ≤ 100 ms', tenThousand.wallMsMedian <= 100)}`];
const hundredThousand = at(100_000);
if (hundredThousand) {
  targets.push(
    `100,000 replicas ≤ 1.0 s: ${judge('100,000 replicas ≤ 1.0 s', hundredThousand.wallMsMedian <= 1000)}`,
    `peak RSS ≤ 350 MB: ${judge('100,000 replicas: peak RSS ≤ 350 MB', hundredThousand.peakRssMb <= 350)}`,
  );
}
const fastest = Math.max(...scaling.map((r) => r.transitionsPerSecond));
targets.push(
  `≥ 1,000,000 task transitions/s (best here ${fmt(fastest)}): ` +
    judge('≥ 1,000,000 task transitions/s', fastest >= 1_000_000),
);
console.log(`   targets: ${targets.join('; ')}`);
// A regression check independent of the machine's speed: ratios of figures measured in this same run.
for (let i = 2; i < scaling.length; i++) {
  const growth = perReplica[i] / perReplica[i - 1];
  const what =
    `cost per replica ${scaling[i - 1].replicas.toLocaleString('en')} ` +
    `→ ${scaling[i].replicas.toLocaleString('en')} grows ≤ ×${LINEAR_GROWTH_LIMIT}`;
  console.log(`   regression check: ${what}: ×${fmt(growth, 2)} ${judge(what, growth <= LINEAR_GROWTH_LIMIT)}`);
}

console.log(
  '\n2. virtual vs real — each conformance recording simulated (median of 15 after 3 warm-up runs), recorded ' +
    'duration / simulation wall time',
);
const virtualVsReal = measureVirtualVsReal(3 * REPEATS);
for (const row of virtualVsReal) {
  console.log(
    `   ${row.name.padEnd(20)} real ${fmt(row.realMs / 1000, 1).padStart(5)} s   ` +
      `simulated ${fmt(row.wallMsMedian, 2).padStart(6)} ms [${fmt(row.wallMsMin, 2)}–${fmt(row.wallMsMax, 2)}]  ` +
      ` ${fmt(row.ratio).padStart(7)}×`,
  );
}
const worst = Math.min(...virtualVsReal.map((r) => r.ratio));
console.log(
  `   lowest ratio ${fmt(worst)}× (target ≥ ` +
    `50,000×: ${judge('virtual vs real ≥ 50,000× for every recording', worst >= 50_000)})`,
);

const young = measureYoungSurvival(300);
console.log(
  `   outlived a young-generation collection: ${fmt(young.survivedPct, 1)} % of ${fmt(young.allocatedMb)} MB ` +
    `allocated over ${young.scavenges} scavenges, the recordings simulated round after round in a process of their ` +
    `own (regression check ≤ 5 %: ${judge('small runs: ≤ 5 % outlive a scavenge', young.survivedPct <= 5)})`,
);

console.log('\n3. property-test throughput — 1,000 fast-check runs (≤ 10 replicas, random policies, clusters, images)');
const propertyWalls = Array.from({ length: quick ? 1 : 3 }, () => measurePropertyThroughput(1_000).wallMs);
const propertyMs = median(propertyWalls);
console.log(
  `   ${fmt(propertyMs)} ms [${fmt(Math.min(...propertyWalls))}–${fmt(Math.max(...propertyWalls))}] (target ≤ 0.3 ` +
    `s: ${judge('1,000 property runs ≤ 0.3 s', propertyMs <= 300)})`,
);

console.log(
  '\n4. trace size — the rollout above, whole trace: indented JSON (--trace-format json) vs compact (gzipped columns)',
);
console.log('   replicas     events   JSON MB   compact MB   JSON / compact   write ms   read ms');
const traceSizes = [];
for (const [replicas, nodes] of SIZES.filter(([replicas]) => replicas >= 10_000)) {
  const out = execFileSync(process.execPath, [...measureArgs('trace-size'), String(replicas), String(nodes), '1'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const row = JSON.parse(out.trim().split('\n').at(-1)!);
  traceSizes.push(row);
  console.log(
    `   ${String(replicas).padStart(8)}   ${String(row.events).padStart(8)}  ` +
      ` ${fmt(row.jsonBytes / 1e6, 1).padStart(7)}   ${fmt(row.compactBytes / 1e6, 2).padStart(10)}` +
      `   ${`×${fmt(row.jsonBytes / row.compactBytes)}`.padStart(14)}   ${fmt(row.writeMs).padStart(8)}  ` +
      ` ${fmt(row.readMs).padStart(7)}`,
  );
}
const largest = traceSizes.at(-1)!;
console.log(
  `   target: the ${largest.replicas.toLocaleString('en')}-replica trace ≤ 20 MB on ` +
    `disk: ${judge('largest trace ≤ 20 MB compact', largest.compactBytes <= 20e6)}`,
);

console.log(`\n5. swarmlab explore throughput — ${EXPLORE_SCENARIO} (4 replicas, 3 nodes), the whole space`);
// In a fresh process after a warm-up exploration, as the baseline was measured (a process that just ran the rollouts
// above explored 30-50 % slower).
const explorations = JSON.parse(
  execFileSync(process.execPath, [...measureArgs('explore-process'), String(quick ? 1 : REPEATS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
    .trim()
    .split('\n')
    .at(-1)!,
) as ExploreThroughput[];
const exploreMs = median(explorations.map((e) => e.wallMs));
const explored = explorations[0];
const exploreRunsPerSecond = (explored.played + explored.pruned) / (exploreMs / 1000);
const exploreWallMs = explorations.map((e) => e.wallMs);
console.log(
  `   ${explored.runs} runs (${explored.played} played, ${explored.pruned} cut at a known state), ${explored.states} ` +
    `states, ${explored.exhausted ? 'exhausted' : 'NOT exhausted'}: ` +
    `${fmt(exploreMs)} ms ` +
    `[${fmt(Math.min(...exploreWallMs))}–${fmt(Math.max(...exploreWallMs))}], ${fmt(exploreRunsPerSecond)} ` +
    'runs/s (played + cut)',
);
// Faster means the same space explored sooner: fewer runs to replay (orders nobody reads are not enumerated) counts as
// much as each run replayed sooner, so the target is judged on the time; runs/s is printed beside it.
const exploreSpeedup = EXPLORE_BASELINE_MS / exploreMs;
const runsPerSecondRatio = exploreRunsPerSecond / EXPLORE_BASELINE_RUNS_PER_SECOND;
console.log(
  `   before issue 14's work (${EXPLORE_BASELINE_MEASURED}): the same space in ${fmt(EXPLORE_BASELINE_MS)} ms at ` +
    `${EXPLORE_BASELINE_RUNS_PER_SECOND} runs/s; runs/s now ×${fmt(runsPerSecondRatio, 2)}`,
);
console.log(
  `   explored ×${fmt(exploreSpeedup, 2)} faster: target ≥ ×5: ${judge('explore ≥ 5× faster', exploreSpeedup >= 5)}`,
);

console.log(
  '\n6. whole process — `node dist/cli/main.js run` of create + converge + update (parallelism 50, 5 % failing) + ' +
    'settle, 1,000 nodes',
);
// The built CLI, as a user runs it: built from this tree first (a few seconds).
execFileSync('npm', ['run', '-s', 'build:cli'], { stdio: 'inherit' });
const wholeRuns = (quick ? [10_000] : [10_000, 100_000]).map((replicas) => {
  const limitMs = replicas === 10_000 ? 1000 : 5000;
  const walls = measureWholeRun(replicas, replicas === 10_000 ? 3 : 1);
  const what = `swarmlab run of ${replicas.toLocaleString('en')} replicas ≤ ${fmt(limitMs / 1000, 1)} s`;
  console.log(
    `   ${String(replicas).padStart(8)} replicas   ${fmt(median(walls))} ms ` +
      `[${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))}]   target ≤ ${fmt(limitMs / 1000, 1)} s: ` +
      judge(what, median(walls) <= limitMs),
  );
  return { replicas, wallMsMedian: median(walls), walls };
});

console.log('\n7. UI in chromium (vite build served on 127.0.0.1)');
const ui = args.includes('--no-ui') ? 'not measured (--no-ui)' : await measureUi();
for (const verdict of printUi(ui)) judge(verdict.what, verdict.met);

console.log('\n8. web session — typing a line where the live engine stands vs replaying every line from zero');
const sessionAppend = measureSessionAppend(quick ? 3 : REPEATS);
for (const line of printSessionAppend(sessionAppend)) console.log(line);

if (json) {
  const file =
    args[args.indexOf('--json') + 1]?.startsWith('--') === false
      ? args[args.indexOf('--json') + 1]
      : 'bench-results.json';
  writeFileSync(
    file,
    JSON.stringify(
      {
        machine,
        scaling,
        virtualVsReal,
        properties: { numRuns: 1000, wallMsMedian: propertyMs },
        traceSizes,
        explore: {
          scenario: EXPLORE_SCENARIO,
          ...explored,
          wallMsMedian: exploreMs,
          runsPerSecond: exploreRunsPerSecond,
        },
        wholeRuns,
        ui,
        sessionAppend,
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${file}`);
}

const missed = verdicts.filter((v) => !v.met);
console.log(
  `\n${verdicts.length - missed.length} of ${verdicts.length} targets and checks ` +
    `met${missed.length ? `; NOT met: ${missed.map((v) => v.what).join('; ')}` : ''}`,
);
if (missed.length) process.exitCode = 1;
