// `swarmlab export`: scenario or trace in, the three formats out, --seed/--out, and exit 2 with a clear message on bad
// input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-export-'));
const COURSE = 'scenarios/course/2b-rollback-on-failure.yaml';

const run = runCli;

describe('swarmlab export', () => {
  it('simulates a scenario with --seed and exports the same as its saved trace', () => {
    const trace = join(dir, 'trace.json');
    expect(run('run', COURSE, '--seed', '1', '--json', '--out', trace).code).toBe(0);
    const fromScenario = run('export', COURSE, '--seed', '1', '--to', 'perfetto');
    const fromTrace = run('export', trace, '--to', 'perfetto');
    expect([fromScenario.code, fromTrace.code, fromScenario.err]).toEqual([0, 0, '']);
    expect(fromTrace.out).toBe(fromScenario.out);
    const perfetto = JSON.parse(fromScenario.out) as { traceEvents: { ph: string; name: string; ts: number }[] };
    expect(perfetto.traceEvents.find((e) => e.ph === 'i')).toMatchObject({ name: 'updating', ts: 5_600_000 });
    // Without --seed: the scenario's own seed (22), another run.
    expect(run('export', COURSE, '--to', 'perfetto').out).not.toBe(fromScenario.out);
  });

  it('writes docker events lines and JUnit XML, to --out when given', () => {
    const out = join(dir, 'events.jsonl');
    expect(run('export', COURSE, '--seed', '1', '--to', 'docker-events', '--out', out)).toEqual({
      code: 0,
      out: '',
      err: '',
    });
    const first = readFileSync(out, 'utf8').split('\n')[0];
    expect(first).toBe(
      '{"Type":"service","Action":"create","Actor":{"ID":"ddnh0cc3971o4qfoj5hnuhdsh",' +
        '"Attributes":{"name":"my_service"}},"scope":"swarm","time":1767225600,"timeNano":1767225600000000000}',
    );
    const junit = run('export', COURSE, '--seed', '1', '--to', 'junit');
    expect(junit.code).toBe(0);
    expect(junit.out).toContain('<testsuites name="swarmlab" tests="4" failures="0" errors="0" skipped="0">');
  });

  it('rejects an unknown --to with the choices (exit 2)', () => {
    expect(run('export', COURSE, '--to', 'chrome')).toEqual({
      code: 2,
      out: '',
      err:
        "error: option '--to <format>' argument 'chrome' is invalid. Allowed choices are perfetto, docker-events, " +
        'junit.\n(run swarmlab --help for usage)\n',
    });
    expect(run('export', COURSE).err).toBe(
      "error: required option '--to <format>' not specified\n(run swarmlab --help for usage)\n",
    );
  });

  it('says what is wrong with the input (exit 2)', () => {
    const trace = join(dir, 'for-errors.json');
    run('run', COURSE, '--json', '--out', trace);
    expect(run('export', trace, '--to', 'perfetto', '--seed', '3')).toEqual({
      code: 2,
      out: '',
      err: `swarmlab export: --seed applies to a scenario file; ${trace} is a trace (its seed is fixed)\n`,
    });
    expect(run('export', trace, '--to', 'junit').err).toBe(
      `swarmlab export: --to junit needs a scenario file (its expect: block); ${trace} is a trace (for a policy ` +
        `check: swarmlab check FILE --junit OUT.xml)\n`,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"scenario": 1}');
    const badResult = run('export', bad, '--to', 'docker-events');
    expect(badResult.code).toBe(2);
    expect(badResult.err).toMatch(new RegExp(`^${bad}: not a swarmlab trace \\(`));
    expect(run('export', join(dir, 'missing.yaml'), '--to', 'perfetto')).toEqual({
      code: 2,
      out: '',
      err: `${join(dir, 'missing.yaml')}: cannot read the file (no such file)\n`,
    });
  });
});
