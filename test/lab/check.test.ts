// `swarmlab check`: seeded fault schedules against a stack's policy, worst cases with replay files, requirements,
// errors.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseSeed, checkPolicy, parseRequirement } from '../../src/lab/check.js';
import { policyFromCompose } from '../../src/lab/policy.js';
import { minAvailable, rollouts } from '../../src/lab/queries.js';
import { simulate } from '../../src/lab/simulate.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-check-'));
const STACK = join(dir, 'stack.yml');
writeFileSync(
  STACK,
  `
services:
  web:
    image: shop/web:1.0
    deploy:
      replicas: 4
      update_config: {parallelism: 1, delay: 5s, failure_action: rollback, monitor: 10s}
`,
);
const TWO = join(dir, 'two.yml');
writeFileSync(TWO, 'services:\n  web: {image: a}\n  api: {image: b}\n');

const run = runCli;

describe('parseRequirement', () => {
  it('reads METRIC OP VALUE, durations as Go durations', () => {
    expect(parseRequirement('min-available>=3')).toEqual({
      metric: 'min-available',
      op: '>=',
      value: 3,
      text: 'min-available>=3',
    });
    expect(parseRequirement('duration <= 1m30s')).toEqual({
      metric: 'duration',
      op: '<=',
      value: 90_000,
      text: 'duration<=1m30s',
    });
    expect(() => parseRequirement('bad-tasks<=two')).toThrow(
      '--require "bad-tasks<=two": bad-tasks takes a whole number',
    );
    expect(() => parseRequirement('3>=min-available')).toThrow('expected METRIC OP VALUE');
  });
});

describe('checkPolicy', () => {
  it('draws each run from its own case seed, so the same base seed gives the same report', () => {
    expect([caseSeed(1, 0), caseSeed(1, 1), caseSeed(2, 0)]).toEqual([caseSeed(1, 0), caseSeed(1, 1), caseSeed(2, 0)]);
    expect(new Set([caseSeed(1, 0), caseSeed(1, 1), caseSeed(2, 0)]).size).toBe(3);
    const policy = policyFromCompose(readFileSync(STACK, 'utf8'), STACK);
    const summary = (seed: number) =>
      checkPolicy(policy, { runs: 6, seed, faults: ['crash', 'node-down'] }).runs.map(
        (r) => `${r.seed} ${r.imageFault} ${r.outcome} ${r.durationMs} ${r.minAvailable} ${r.badTasks}`,
      );
    expect(summary(5)).toEqual(summary(5));
    expect(summary(5)).not.toEqual(summary(6));
  });

  it('with no fault to draw, every run is the healthy rollout: completed, one replica down at a time', () => {
    const policy = policyFromCompose(readFileSync(STACK, 'utf8'), STACK);
    const report = checkPolicy(policy, { runs: 3, seed: 1, faults: [] });
    expect(report.outcomes).toEqual([['completed', 3]]);
    expect(report.runs.map((r) => [r.imageFault, r.minAvailable, r.badTasks])).toEqual([
      ['healthy', 3, 4],
      ['healthy', 3, 4],
      ['healthy', 3, 4],
    ]);
  });
});

describe('swarmlab check', () => {
  it('reports outcomes and worst cases; a met requirement exits 0', () => {
    const replays = join(dir, 'replays-ok');
    const result = run(
      'check',
      STACK,
      '--runs',
      '12',
      '--faults',
      'crash',
      '--require',
      'min-available>=2',
      '--replay-dir',
      replays,
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `swarmlab check ${STACK}: service stack_web (4 replicas on 3 nodes)`,
      '  update:   parallelism 1, delay 5s, monitor 10s, failure action rollback, max failure ratio 0, order ' +
        'stop-first',
      '  rollback: Swarm defaults (parallelism 1, delay 0s, monitor 5s, failure action pause, order stop-first)',
      expect.stringMatching(
        /^12 runs from seed 1; faults: crash; fault times within the first [\d.]+s of the rollout$/,
      ),
    ]);
    expect(result.out).toContain('  ok      min-available>=2 in all 12 runs\n');
    expect(result.out).toMatch(/lowest availability {2}\d of 4 serving/);
  });

  it('a broken requirement exits 1 and names a seed whose replay file reproduces it', () => {
    const replays = join(dir, 'replays-broken');
    const result = run(
      'check',
      STACK,
      '--runs',
      '12',
      '--faults',
      'crash',
      '--require',
      'min-available>=4',
      '--replay-dir',
      replays,
    );
    expect(result.code).toBe(1);
    const broken = new RegExp(
      'BROKEN {2}min-available>=4 in (\\d+) of 12 runs; furthest off:\\n' +
        ' {6}seed (\\d+): .* (\\d) serving at worst.*\\n {6}replay: swarmlab run (\\S+)\\n',
    ).exec(result.out);
    expect(broken).not.toBeNull();
    const [, , seed, serving, file] = broken!;
    expect(existsSync(file)).toBe(true);
    const trace = simulate(readFileSync(file, 'utf8'));
    expect(trace.seed).toBe(Number(seed));
    expect(minAvailable(trace, 'stack_web')).toBe(Number(serving));
    expect(rollouts(trace, 'stack_web')).toHaveLength(1);
  });

  it("checks the policy of a scenario file's first image update too", () => {
    const result = run(
      'check',
      'scenarios/course/2b-rollback-on-failure.yaml',
      '--runs',
      '3',
      '--faults',
      'crash',
      '--replay-dir',
      join(dir, 'replays-2b'),
    );
    expect(result.code).toBe(0);
    expect(result.out.split('\n').slice(0, 2)).toEqual([
      'swarmlab check scenarios/course/2b-rollback-on-failure.yaml: service my_service (4 replicas on 3 nodes)',
      '  update:   parallelism 1, delay 0s, monitor 5s, failure action rollback, max failure ratio 0, order stop-first',
    ]);
  });

  it('explains bad files and flags (exit 2)', () => {
    expect(run('check', join(dir, 'missing.yml'))).toMatchObject({
      code: 2,
      err: `${join(dir, 'missing.yml')}: cannot read the stack file (no such file)\n`,
    });
    expect(run('check', TWO)).toMatchObject({
      code: 2,
      err: `${TWO}: 2 services (api, web): choose one with --service NAME\n`,
    });
    expect(run('check', TWO, '--service', 'db')).toMatchObject({
      code: 2,
      err: `${TWO}: no service db (services: api, web)\n`,
    });
    expect(run('check', STACK, '--faults', 'crash,boom').err).toContain(
      '--faults takes a comma-separated list of crash, unhealthy, slow, flaky, node-down, drain, kill; got ' +
        '"crash,boom".',
    );
    expect(run('check', STACK, '--require', 'speed>3').err).toContain(
      'unknown metric speed (metrics: min-available, duration, bad-tasks, time-to-detect)',
    );
    expect(run('check', STACK, '--runs', '0').code).toBe(2);
    const negative = join(dir, 'negative.yml');
    writeFileSync(negative, 'services:\n  web:\n    image: a:1\n    deploy:\n      update_config: {delay: -5s}\n');
    expect(run('check', negative)).toMatchObject({
      code: 2,
      err:
        'service stack_web: no rollout to check: Error response from daemon: rpc error: code = InvalidArgument ' +
        'desc = TaskSpec: update-delay cannot be negative\n',
    });
  });
});
