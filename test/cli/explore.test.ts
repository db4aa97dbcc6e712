// `swarmlab explore`: the report, --json, --require and exit codes; `swarmlab run` honours a replay's choices:.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureRun } from '../../src/lab/explore/outcome.js';
import type { Trace } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-explore-'));
const FLAKY = 'test/fixtures/explore/flaky.yaml';

const run = runCli;

describe('swarmlab explore', () => {
  it('prints runs, states, the outcome table with replays and the requirements; exit 1 when one is broken', () => {
    const out = join(dir, 'replays');
    const result = run('explore', FLAKY, '--out', out, '--require', 'min-available>=1', 'bad-tasks<=3');
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        `swarmlab explore ${FLAKY}: service web; every choice from step 3 on (before it, the scenario's seed decides)`,
        'enumerated: slot orders: every order; flaky exit: both; one_of images: every behaviour per new task; timing ' +
          'ranges: min, midpoint, max; heartbeat phase: 0, half a period, a period less 1ms; deadlines due at the ' +
          'same instant: every order',
        'symmetry: states that differ only by which interchangeable slot holds which task count as one ' +
          '(--no-symmetry: not)',
        '324 runs, 268 played, 26 cut, 236 states: exhausted: every run was enumerated',
        '',
        'outcomes:',
        '  completed "update completed"',
        '      running app:v2×3; 2 available at worst; 3 new-image task(s) started; 10.13s; 6 run(s)',
        `      replay: swarmlab run ${out}/flaky-outcome-1.yaml`,
        '  rollback_completed "rollback completed"',
        '      running app:v1×3; 1 available at worst; 3 new-image task(s) started; 12.36s to 16.1s; 246 run(s)',
        `      replay: swarmlab run ${out}/flaky-outcome-2.yaml`,
        '  rollback_completed "rollback completed"',
        '      running app:v1×3; 2 available at worst; 3 new-image task(s) started; 14.39s to 16.1s; 30 run(s)',
        `      replay: swarmlab run ${out}/flaky-outcome-3.yaml`,
        '  rollback_completed "rollback completed"',
        '      running app:v1×3; 0 available at worst; 3 new-image task(s) started; 12.36s to 12.73s; 42 run(s)',
        `      replay: swarmlab run ${out}/flaky-outcome-4.yaml`,
        '',
        'requirements:',
        '  BROKEN  min-available>=1 in 42 of 324 runs',
        `      replay: swarmlab run ${out}/flaky-broken-1.yaml`,
        '  ok      bad-tasks<=3 in all 324 runs',
        '',
      ].join('\n'),
    );
    // swarmlab run follows the replay's choices: the seed alone would not give this run.
    const replayed = run('run', `${out}/flaky-outcome-1.yaml`, '--json');
    const trace = JSON.parse(replayed.out) as Trace;
    expect(measureRun(trace, 'web')).toMatchObject({ updateStatus: 'completed', minAvailable: 2, durationMs: 10130 });
    const broken = run('run', `${out}/flaky-broken-1.yaml`, '--json');
    expect(measureRun(JSON.parse(broken.out) as Trace, 'web').minAvailable).toBe(0);
  });

  it('--json prints the report with the replay files inline; exit 0 when no requirement is broken', () => {
    const result = run('explore', FLAKY, '--json', '--max-runs', '5');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ scenario: 'explore-flaky', exhausted: false, runs: 5, violations: [] });
    // The 5 runs are split over the 16 parts of the choice tree: the first run of each of the first 5 parts.
    expect(json.outcomes.map((o: { update_status: string; runs: number }) => [o.update_status, o.runs])).toEqual([
      ['completed', 2],
      ['rollback_completed', 3],
    ]);
    // The first run takes option 0 at every choice: its replay needs no picks; trailing 0s are left out.
    expect(json.outcomes[0].replay).toBe(`${readFileSync(FLAKY, 'utf8')}choices:\n  from_step: 3\n  picks: []\n`);
    expect(json.outcomes[1].replay).toMatch(/\n {2}picks: \[0, 0, 0, 1\]\n$/);
  });

  it('--faults prints what it injects; an unknown fault word is refused (exit 2)', () => {
    const FAULTS = 'test/fixtures/explore/faults.yaml';
    const result = run('explore', FAULTS, '--faults', 'kill', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ exhausted: true, runs: 66 });
    const text = run('explore', FAULTS, '--faults', 'kill,drain', '--max-faults', '2', '--max-runs', '3', '--out', dir);
    expect(text.out.split('\n')[2]).toBe(
      'faults: up to 2 of kill, drain, before every event from the update on (at the instant of the event before), ' +
        'on every target but interchangeable ones',
    );
    expect(run('explore', FAULTS, '--faults', 'kill,node-up')).toMatchObject({
      code: 2,
      err:
        `error: option '--faults <list>' argument 'kill,node-up' is invalid. --faults takes a comma-separated ` +
        `list of node-down, drain, kill; got "kill,node-up".\n(run swarmlab --help for usage)\n`,
    });
  });

  it('refuses a replay file, and a choices: key that does not fit the scenario (exit 2)', () => {
    const replay = join(dir, 'replay.yaml');
    writeFileSync(replay, `${readFileSync(FLAKY, 'utf8')}choices:\n  from_step: 3\n  picks: [1]\n`);
    expect(run('explore', replay).err).toBe(
      `${replay}: already a replay (it has choices:); explore the scenario it came from\n`,
    );
    const late = join(dir, 'late.yaml');
    writeFileSync(late, 'steps:\n  - docker service ls\nchoices: {from_step: 3, picks: [1]}\n');
    expect(run('run', late)).toMatchObject({
      code: 2,
      err: `${late}:3: choices.from_step: past the last step (the scenario has 1)\n`,
    });
    const badPick = join(dir, 'bad-pick.yaml');
    writeFileSync(badPick, `${readFileSync(FLAKY, 'utf8')}choices:\n  from_step: 3\n  picks: [7]\n`);
    expect(run('run', badPick)).toMatchObject({
      code: 2,
      err:
        'choices.picks: choice 1 (shuffle) has 3 options, so 7 does not fit this run (was the scenario edited ' +
        'after explore wrote it?)\n',
    });
  });
});
