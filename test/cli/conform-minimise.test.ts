// `conform FILE --minimise` against a stand-in swarm with a known bug: the smallest scenario that still shows it.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimiseConform } from '../../src/cli/conform-minimise.js';
import { classifyConformed } from '../../src/cli/conform-random.js';
import type { SwarmRunResult } from '../../src/real-swarm/backend.js';
import { compareTraces, failedRows } from '../../src/real-swarm/compare.js';
import { type ConformResult, NotComparable } from '../../src/real-swarm/conform.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { scenarioReductions } from '../../src/scenario/shrink.js';
import type { Scenario } from '../../src/scenario/types.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-minimise-'));
const CREATE =
  'docker service create -d --name web --replicas 3 --restart-condition none --update-parallelism 1 ' +
  '--update-delay 2s --update-monitor 2s --update-failure-action rollback --rollback-parallelism 1 app:v1';
const FILE = `name: minimise-me
seed: 7
images:
  app:v1: {}
  app:v2: {exit: 1, after: 0s}
steps:
  - ${CREATE}
  - wait: converged
  - docker service update -d --image app:v2 web
  - wait: 3s
  - docker service scale -d web=4
  - wait: settled
expect:
  service: web
`;
const load = (text: string) => loadScenario(text, 's.yaml');

/** A "swarm" that is the simulator, except that its --update-failure-action rollback pauses instead. */
function pausingSwarm(scenario: Scenario): ConformResult {
  const simulated = runScenario(scenario);
  const steps = scenario.steps.map((step) =>
    step.kind === 'command'
      ? { ...step, text: step.text.replace('--update-failure-action rollback', '--update-failure-action pause') }
      : step,
  );
  const trace = runScenario({ ...scenario, steps }).trace;
  const comparison = compareTraces(simulated.trace, trace, { service: scenario.expect?.service });
  return { simulated, real: { trace, warnings: [] } as unknown as SwarmRunResult, comparison };
}

function minimise(maxTrials: number, conform = pausingSwarm, outDir?: string) {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  const code = minimiseConform({ text: FILE, file: 's.yaml', load, maxTrials, conform, outDir }, io);
  return { code, out, err };
}

const rowsOf = (text: string) => {
  const conformed = pausingSwarm(load(text));
  return { kind: classifyConformed(conformed), rows: failedRows(conformed.comparison).map((row) => row.what) };
};

describe('swarmlab conform FILE --minimise', () => {
  it('ends at a scenario that still differs the same way, and no single cut of which does', () => {
    const outDir = join(dir, 'out');
    const { code, out, err } = minimise(30, pausingSwarm, outDir);
    expect(code).toBe(1);
    const minimal = readFileSync(join(outDir, 'minimal.yaml'), 'utf8');
    expect(minimal).toBe(
      FILE.replace(
        / --replicas 3 .* app:v1/,
        ' --replicas 2 --update-delay 2s --update-failure-action rollback app:v1',
      ).replace('  - docker service scale -d web=4\n  - wait: settled\n', ''),
    );
    // Checked here without the minimiser: FILE's difference rows, the minimal file's, and every cut of it.
    const original = rowsOf(FILE);
    expect(original.kind).toBe('different');
    const kept = rowsOf(minimal);
    expect(kept.kind).toBe('different');
    expect(kept.rows).toEqual(['final UpdateStatus', 'final message', 'running images at the end', 'phases']);
    for (const cut of scenarioReductions(minimal)) {
      const again = rowsOf(cut.text);
      expect(again.kind === 'different' && again.rows.some((row) => original.rows.includes(row)), cut.what).toBe(false);
    }
    expect(out.split('\n').slice(0, 4)).toEqual([
      'minimised s.yaml in 20 trial(s), each on the simulator and the swarm: steps 6 → 4, flags 12 → 7',
      'minimal: no single cut of it (a step, fewer replicas, a flag) still differs this way',
      're-checked on the swarm: different again',
      '',
    ]);
    expect(out).toContain(`\n${minimal.trimEnd()}\n`);
    expect(out).toMatch(/final UpdateStatus +rollback_started +paused +✗/);
    const trials = readFileSync(join(outDir, 'trials.txt'), 'utf8').trimEnd().split('\n');
    expect(trials[0]).toBe(`s.yaml: different (${original.rows.join('; ')})`);
    expect(trials).toHaveLength(21);
    expect(trials[1]).toBe(
      'trial 1/30: without step 6 (wait: settled): different (running images at the end; phases): kept',
    );
    expect(err.trimEnd().split('\n')).toHaveLength(21);
    for (const name of ['simulator.json', 'swarm.json', 'verdict.txt'])
      expect(existsSync(join(outDir, name))).toBe(true);
  });

  it('says minimal when its last allowed trial was the last cut left (20 trials, --max-trials 20)', () => {
    expect(minimise(20).out.split('\n').slice(0, 2)).toEqual([
      'minimised s.yaml in 20 trial(s), each on the simulator and the swarm: steps 6 → 4, flags 12 → 7',
      'minimal: no single cut of it (a step, fewer replicas, a flag) still differs this way',
    ]);
    expect(minimise(19).out.split('\n')[1]).toBe('stopped at --max-trials 19: smaller, not shown minimal');
  });

  it('stops at --max-trials with what it has kept, saying it is not shown minimal', () => {
    const { code, out, err } = minimise(3);
    expect(code).toBe(1);
    expect(out.split('\n').slice(0, 2)).toEqual([
      'minimised s.yaml in 3 trial(s), each on the simulator and the swarm: steps 6 → 4, flags 12 → 11',
      'stopped at --max-trials 3: smaller, not shown minimal',
    ]);
    expect(err.match(/trial \d+\/3:/g)).toHaveLength(3);
  });

  it('has nothing to minimise when FILE is the same on both sides, or not comparable', () => {
    const same = (scenario: Scenario): ConformResult => {
      const simulated = runScenario(scenario);
      const comparison = compareTraces(simulated.trace, simulated.trace, { service: 'web' });
      return { simulated, real: { trace: simulated.trace, warnings: [] } as unknown as SwarmRunResult, comparison };
    };
    expect(minimise(30, same)).toEqual({
      code: 0,
      out: 's.yaml is the same on the simulator and the swarm: nothing to minimise\n',
      err: '',
    });
    const mount = (scenario: Scenario): ConformResult => {
      throw new NotComparable(['--mount'], runScenario(scenario));
    };
    expect(minimise(30, mount)).toEqual({
      code: 1,
      out: 'verdict: not comparable: --mount is not simulated (not run on the swarm): nothing to minimise\n',
      err: '',
    });
  });

  it('refuses flags that do not go with it before running anything (exit 2)', () => {
    const file = join(dir, 'cli.yaml');
    writeFileSync(file, FILE);
    const refused = (message: string) => ({ code: 2, out: '', err: `swarmlab: ${message}\n` });
    expect(runCli('conform', '--random', '2', '--minimise')).toEqual(
      refused('conform: --minimise and --max-trials go with one scenario FILE, not --random'),
    );
    expect(runCli('conform', file, '--max-trials', '5')).toEqual(refused('conform: --max-trials goes with --minimise'));
    expect(runCli('conform', file, '--minimise', '--keep')).toEqual(
      refused('conform: --keep goes with one run, not --minimise'),
    );
    expect(runCli('conform', file, '--minimise', '--junit', join(dir, 'j.xml'))).toEqual(
      refused('conform: --junit does not go with --minimise'),
    );
    expect(runCli('conform', file, '--minimise', '--seed', '3')).toEqual(
      refused('conform: --seed and --lab go with --random N'),
    );
    expect(runCli('conform', '--minimise')).toEqual(refused('conform: --minimise takes a scenario FILE'));
    expect(runCli('conform', file, '--minimise', '--max-trials', '0').err).toBe(
      "error: option '--max-trials <n>' argument '0' is invalid. --max-trials must be a whole number from 1 to 500.\n" +
        '(run swarmlab --help for usage)\n',
    );
  });
});
