// JUnit XML for explore and conform: schema-checked documents with exact cases, conform without a swarm (recordings).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformFileSuite } from '../../src/cli/conform-junit.js';
import { judgeConformed, runConformCampaign } from '../../src/cli/conform-random.js';
import { exploreSuite } from '../../src/cli/explore-junit.js';
import { toJUnit } from '../../src/export/junit.js';
import type { ExploreReport } from '../../src/lab/explore/explore.js';
import type { SwarmRunResult } from '../../src/real-swarm/backend.js';
import { compareTraces, formatComparison, type Tolerances } from '../../src/real-swarm/compare.js';
import { type ConformResult, NotComparable } from '../../src/real-swarm/conform.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Trace } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { parseJUnit } from '../helpers/junit-xml.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-junit-ec-'));
const FLAKY = 'test/fixtures/explore/flaky.yaml';

describe('the schema check the tests use', () => {
  it('accepts skipped cases with their counts, and refuses counts that do not add up or a stray element', () => {
    const xml = toJUnit([
      {
        name: 's',
        cases: [
          { name: 'a', classname: 'c', skipped: { message: 'not run: no <daemon>' } },
          { name: 'b', classname: 'c', failure: { message: 'm' } },
          { name: 'c', classname: 'c' },
        ],
      },
    ]);
    expect(xml).toContain('<testsuites name="swarmlab" tests="3" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('      <skipped message="not run: no &lt;daemon&gt;"/>');
    expect(parseJUnit(xml)[0].cases[0]).toEqual({
      name: 'a',
      classname: 'c',
      skipped: { message: 'not run: no <daemon>' },
    });
    expect(() => parseJUnit(xml.replace('skipped="1">', 'skipped="0">'))).toThrow(/but the suites sum to 1/);
    expect(() => parseJUnit(xml.replace('<testcase name="c" classname="c"/>', '<bogus/>'))).toThrow(
      '<bogus> is not allowed in <testsuite>',
    );
    expect(() => parseJUnit(xml.replace('</testsuite>', ''))).toThrow();
  });
});

describe('swarmlab explore --junit', () => {
  it('writes one case per requirement (a broken one with its counter-example), one for the engine invariants', () => {
    const junit = join(dir, 'explore.xml');
    const out = join(dir, 'replays');
    const result = runCli(
      'explore',
      FLAKY,
      '--max-runs',
      '8',
      '--require',
      'min-available>=2',
      'bad-tasks<=3',
      '--out',
      out,
      '--junit',
      junit,
    );
    expect(result.code).toBe(1);
    // The text report says the same: the JUnit file repeats its verdicts.
    expect(result.out).toContain('  BROKEN  min-available>=2 in 6 of 8 runs\n');
    expect(result.out).toContain('  ok      bad-tasks<=3 in all 8 runs\n');
    const [suite, ...others] = parseJUnit(readFileSync(junit, 'utf8'));
    expect(others).toEqual([]);
    expect(suite.name).toBe(`swarmlab explore ${FLAKY}`);
    expect(suite.counts).toEqual({ tests: 3, failures: 1, errors: 0, skipped: 0 });
    expect(suite.properties).toEqual({ runs: '8', states: '22', exhausted: 'false' });
    const notAll = ' (NOT exhausted: --max-runs stopped the search)';
    expect(suite.cases).toEqual([
      {
        name: 'min-available>=2',
        classname: 'swarmlab.explore.web',
        failure: {
          message: `min-available>=2 broken in 6 of 8 runs${notAll}`,
          type: 'requirement',
          text: `replay: swarmlab run ${join(out, 'flaky-broken-1.yaml')}\n`,
        },
      },
      { name: 'bad-tasks<=3', classname: 'swarmlab.explore.web', systemOut: `met in all 8 runs${notAll}` },
      { name: 'engine invariants', classname: 'swarmlab.explore.web', systemOut: `held in all 8 runs${notAll}` },
    ]);
    // The file it names is the counter-example the report printed.
    expect(result.out).toContain(`      replay: swarmlab run ${join(out, 'flaky-broken-1.yaml')}\n`);
    expect(readFileSync(join(out, 'flaky-broken-1.yaml'), 'utf8')).toContain('choices:\n  from_step: 3\n');
  });

  it('with --json (no replay files written) puts the replay file itself under the failure', () => {
    const junit = join(dir, 'explore-json.xml');
    const result = runCli(
      'explore',
      FLAKY,
      '--max-runs',
      '8',
      '--require',
      'min-available>=2',
      '--json',
      '--junit',
      junit,
    );
    const [suite] = parseJUnit(readFileSync(junit, 'utf8'));
    const replay = JSON.parse(result.out).violations[0].replay as string;
    expect(replay).toContain('choices:\n  from_step: 3\n  picks: [0, 0, 0, 1]\n');
    expect(suite.cases[0].failure?.text).toBe(`replay file:\n${replay}`);
  });

  it('fails one case per broken engine invariant', () => {
    const report = {
      service: 'web',
      runs: 4,
      states: 9,
      exhausted: true,
      requirementsChecked: [],
      violations: [],
      invariants: [{ invariant: 'one task per slot', detail: 'slot 2 ran two tasks', runs: 1, replay: 'name: x\n' }],
    } as unknown as ExploreReport;
    const xml = toJUnit([exploreSuite(report, 'x.yaml', { violations: [], invariants: ['r/x-bug-1.yaml'] })]);
    expect(parseJUnit(xml)[0].cases).toEqual([
      {
        name: 'engine invariant: one task per slot',
        classname: 'swarmlab.explore.web',
        failure: {
          message:
            'one task per slot broken in 1 of 4 runs: slot 2 ran two tasks (a swarmlab bug: please report it with ' +
            'the replay file)',
          type: 'invariant',
          text: 'replay: swarmlab run r/x-bug-1.yaml\n',
        },
      },
    ]);
  });

  it('refuses --junit with --shard (the merge writes it)', () => {
    const result = runCli('explore', FLAKY, '--shard', '1/2', '--json', '--junit', join(dir, 'x.xml'));
    expect(result).toEqual({
      code: 2,
      out: '',
      err: 'swarmlab explore --shard: --junit goes with --merge, which joins the shards\n',
    });
  });
});

// Recorded runs on the real swarm (test/fixtures/conformance/recorded): a comparison without a swarm.
const RECORDED = 'test/fixtures/conformance/recorded';
const recorded = (name: string, tolerances?: Tolerances): ConformResult => {
  const file = join(RECORDED, `${name}.yaml`);
  const scenario = loadScenario(readFileSync(file, 'utf8'), file);
  const real = JSON.parse(readFileSync(join(RECORDED, `${name}.real.json`), 'utf8')) as Trace;
  const simulated = runScenario(scenario);
  const comparison = compareTraces(simulated.trace, real, { tolerances });
  return { simulated, real: { trace: real, warnings: [] } as unknown as SwarmRunResult, comparison };
};
/** No slack on durations: the recorded 17.43 s update against the simulated 16.13 s is a `timing` difference. */
const EXACT: Tolerances = { tasksPerImage: 1, durationRatio: 0, durationFloorMs: 0 };

describe('swarmlab conform FILE --junit', () => {
  it('is one case: passed when same, failed with the class, the differing rows and the whole verdict', () => {
    const same = recorded('scale-mid-update');
    expect(conformFileSuite('s.yaml', { name: 's.yaml', ...judgeConformed(same) }).cases).toEqual([
      { name: 's.yaml', classname: 'swarmlab.conform', systemOut: 'same on the simulator and the swarm' },
    ]);
    const slow = recorded('scale-mid-update', EXACT);
    const verdict = formatComparison(slow.comparison, ['simulator', 'swarm']);
    const xml = toJUnit([conformFileSuite('s.yaml', { name: 's.yaml', ...judgeConformed(slow), text: verdict })]);
    const [suite] = parseJUnit(xml);
    expect(suite.counts).toEqual({ tests: 1, failures: 1, errors: 0, skipped: 0 });
    expect(suite.cases[0].failure).toEqual({
      message:
        'timing: update duration (→ updating): 3.00 s vs 3.03 s; update duration (→ completed): 16.13 s vs 17.43 s',
      type: 'timing',
      text: verdict,
    });
  });

  it('skips a scenario the simulator cannot compare, with the reason (no swarm needed: it is not run)', () => {
    const file = join(dir, 'mount.yaml');
    writeFileSync(
      file,
      'name: mount\nsteps:\n  - docker service create -d --name web --mount type=volume,target=/data app:v1\n  - ' +
        'wait: converged\n',
    );
    const junit = join(dir, 'conform-mount.xml');
    const result = runCli('conform', file, '--junit', junit);
    expect(result.out).toBe('verdict: not comparable: --mount is not simulated (not run on the swarm)\n');
    expect(result.code).toBe(1);
    const [suite] = parseJUnit(readFileSync(junit, 'utf8'));
    expect(suite.counts).toEqual({ tests: 1, failures: 0, errors: 0, skipped: 1 });
    expect(suite.cases).toEqual([
      {
        name: file,
        classname: 'swarmlab.conform',
        skipped: { message: 'not comparable: --mount is not simulated' },
      },
    ]);
  });
});

describe('swarmlab conform --random N --junit', () => {
  it('writes one case per drawn case: its class in the message, not comparable and not run skipped', () => {
    const junit = join(dir, 'campaign.xml');
    const answers = [
      () => recorded('scale-mid-update'),
      () => recorded('scale-mid-update', EXACT),
      () => {
        throw new NotComparable(['--mount'], recorded('scale-mid-update').simulated);
      },
      () => {
        throw new Error('cannot reach the Docker daemon at unix:///nowhere.sock');
      },
    ];
    let printed = '';
    const code = runConformCampaign(
      { count: 4, seed: 1, junit, outDir: join(dir, 'cases'), conform: () => answers.shift()!() },
      { out: (t) => (printed += t), err: () => {}, isTty: false },
    );
    expect(code).toBe(1);
    expect(printed).toContain('  same           1\n  timing         1\n');
    const [suite] = parseJUnit(readFileSync(junit, 'utf8'));
    expect(suite.name).toBe('swarmlab conform --random 4 --seed 1');
    expect(suite.counts).toEqual({ tests: 4, failures: 1, errors: 0, skipped: 2 });
    expect(suite.properties).toEqual({ seed: '1', cases: '4' });
    const caseDir = join(dir, 'cases', '1-2');
    expect(suite.cases).toEqual([
      {
        name: '1-1 2 replica(s), new image crash-after-2s, restart any, mid-run rm',
        classname: 'swarmlab.conform',
        systemOut: 'same on the simulator and the swarm',
      },
      {
        name: '1-2 4 replica(s), new image ignores-sigterm, restart none, mid-run none',
        classname: 'swarmlab.conform',
        failure: {
          message:
            'timing: update duration (→ updating): 3.00 s vs 3.03 s; update duration (→ completed): 16.13 s vs 17.43 s',
          type: 'timing',
          text:
            `scenario, both traces and verdict: ${caseDir}/\nreplay: swarmlab ` +
            `conform ${join(caseDir, 'scenario.yaml')}\n`,
        },
      },
      {
        name: '1-3 4 replica(s), new image exit0, restart any, mid-run rollback',
        classname: 'swarmlab.conform',
        skipped: { message: 'not comparable: --mount is not simulated' },
      },
      {
        name: '1-4 2 replica(s), new image exit0, restart none, mid-run none',
        classname: 'swarmlab.conform',
        skipped: { message: 'not run: cannot reach the Docker daemon at unix:///nowhere.sock' },
      },
    ]);
  });
});
