// Fuzzing each class of bad input the CLI takes: huge argument counts, special files, sizes past every limit,
// non-finite numbers, flags Docker parses that swarmlab does not simulate, environment variables. Never an internal
// error, never a hang, never a JS leak; refusals exit 2 with the reader's words.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREATE_FLAGS } from '../../src/commands/service-flags.js';
import { TRACE_FILE_LIMIT_BYTES, YAML_FILE_LIMIT_BYTES } from '../../src/defaults.js';
import { EXIT_INTERNAL, main } from '../helpers/main.js';
import { leakIn } from './clear-message.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-classes-'));
const FIFO = join(dir, 'pipe');
execFileSync('mkfifo', [FIFO]);
const SCENARIO = 'scenarios/drills/exit-zero.yaml';

function cli(argv: readonly string[], env?: Record<string, string>): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdoutIsTty: false,
    env,
  });
  return { code, out, err };
}

/** The yardstick of every class: a known exit status, no internal error, nothing JavaScript leaking. */
function expectClear(argv: readonly string[], result: { code: number; err: string }, echoed = argv.join(' ')): void {
  const shown = `${JSON.stringify(argv).slice(0, 400)}\n${result.err.slice(0, 2_000)}`;
  expect(result.code, shown).not.toBe(EXIT_INTERNAL);
  expect([0, 1, 2, 125, 127], shown).toContain(result.code); // 127: exec's last line named no command
  expect(leakIn(result.err, echoed), shown).toBeNull();
  if (result.code === 2) expect(result.err.trim(), shown).not.toBe('');
}

/** Every command that reads a file, with the file at `{}` (and what it calls the file). */
const READERS: readonly (readonly string[])[] = [
  ['run', '{}'],
  ['run', SCENARIO, '{}'],
  ['compare', '{}', '{}'],
  ['check', '{}'],
  ['lint', '{}'],
  ['explore', '{}'],
  ['export', '{}', '--to', 'perfetto'],
  ['export', '{}', '--to', 'docker-events'],
  ['conform', '{}'],
];
const fill = (shape: readonly string[], path: string) => shape.map((word) => (word === '{}' ? path : word));

describe('input classes (fast-check; the seed is printed on failure)', () => {
  it('huge argument counts: 1,000 to 20,000 arguments to run, exec and compare', () => {
    const argv = fc.oneof(
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => ['run', ...Array.from({ length: n }, () => 'nope.yaml')]),
      fc.integer({ min: 1_000, max: 5_000 }).map((n) => ['exec', ...Array.from({ length: n }, () => 'wait: 1ms')]),
      fc
        .tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom('--json', '--seed', '7', '-x', 'wait: x'))
        .map(([n, word]) => ['exec', ...Array.from({ length: n }, () => word)]),
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => ['compare', ...Array.from({ length: n }, () => 'a.json')]),
    );
    fc.assert(
      fc.property(argv, (args) => {
        expectClear(args, cli(args));
      }),
      { numRuns: 20 },
    );
  });

  it('special files (FIFO, devices, directories) in every place a file is read: refused at once, exit 2', () => {
    const special = fc.constantFrom(FIFO, '/dev/zero', '/dev/null', '/dev/urandom', dir);
    fc.assert(
      fc.property(fc.constantFrom(...READERS), special, (shape, path) => {
        const argv = fill(shape, path);
        const result = cli(argv);
        expectClear(argv, result);
        expect(result.code, result.err).toBe(2);
        expect(result.err, argv.join(' ')).toContain(`${path}: cannot read the `);
      }),
      { numRuns: 100 },
    );
  });

  it('stack deploy -c of a special file inside exec: refused before anything runs, exit 2, nothing waits', () => {
    const special = fc.constantFrom(FIFO, '/dev/zero', '/dev/urandom', dir);
    fc.assert(
      fc.property(special, (path) => {
        const argv = ['exec', `docker stack deploy -c ${path} s`];
        const result = cli(argv);
        expectClear(argv, result);
        expect(result.code).toBe(2);
      }),
      { numRuns: 20 },
    );
  });

  it('sizes past every limit: sparse files from just over the limit to 3 GB, refused before reading', () => {
    const kinds = fc.constantFrom(
      { shape: ['run', '{}'], limit: YAML_FILE_LIMIT_BYTES, ext: 'yaml' },
      { shape: ['check', '{}'], limit: YAML_FILE_LIMIT_BYTES, ext: 'yml' },
      { shape: ['lint', '{}'], limit: YAML_FILE_LIMIT_BYTES, ext: 'yml' },
      { shape: ['explore', '{}'], limit: YAML_FILE_LIMIT_BYTES, ext: 'yaml' },
      { shape: ['compare', '{}', '{}'], limit: TRACE_FILE_LIMIT_BYTES, ext: 'json' },
      { shape: ['export', '{}', '--to', 'perfetto'], limit: TRACE_FILE_LIMIT_BYTES, ext: 'json' },
      { shape: ['exec', 'docker stack deploy -c {} s'], limit: YAML_FILE_LIMIT_BYTES, ext: 'yml' },
    );
    let index = 0;
    fc.assert(
      fc.property(kinds, fc.integer({ min: 1, max: 3_000_000_000 }), ({ shape, limit, ext }, over) => {
        const path = join(dir, `big-${index++}.${ext}`);
        writeFileSync(path, '');
        truncateSync(path, Math.min(limit + over, 3_000_000_000));
        const argv = shape.map((word) => word.replace('{}', path));
        const result = cli(argv);
        expectClear(argv, result);
        expect(result.code).toBe(2);
        expect(result.err).toMatch(/is read up to (1|25) MB/);
      }),
      { numRuns: 60 },
    );
  });

  it('non-finite and out-of-range numbers for every numeric option: a clear refusal or a run', () => {
    const number = fc.oneof(
      fc.constantFrom(
        'NaN',
        'Infinity',
        '-Infinity',
        'inf',
        '1e309',
        '-1e309',
        '1e21',
        '-0',
        '0x1f',
        '9007199254740993',
      ),
      fc.constantFrom(' 7', '7 ', '7e0', '+7', '07', '0', '-1', '1.5', '', '٣'),
      fc.double().map(String),
    );
    const shapes = fc.constantFrom(
      ['run', SCENARIO, '--seed', '{}'],
      ['run', SCENARIO, '--until', '{}'],
      ['run', SCENARIO, '--width', '{}'],
      ['exec', '--nodes', '{}', 'docker node ls'],
      ['exec', '--seed', '{}', 'docker node ls'],
      ['check', SCENARIO, '--runs', '{}', '--replay-dir', join(dir, 'replays')],
      ['sweep', '--replicas', '{}', '--parallelism', '1', '--delay', '0s', '--order', 'stop-first'],
      ['sweep', '--parallelism', '{}', '--delay', '0s', '--order', 'stop-first', '--failure-action', 'pause'],
      ['explore', SCENARIO, '--max-runs', '{}', '--out', join(dir, 'explored')],
    );
    fc.assert(
      fc.property(shapes, number, (shape, n) => {
        // A valid count that large is a long run, not bad input (the limits refuse the rest).
        const counts = ['check', 'sweep', 'explore'].includes(shape[0]) || shape[1] === '--nodes';
        fc.pre(!(counts && Number(n) > 50));
        const argv = fill(shape, n);
        expectClear(argv, cli(argv));
      }),
      { numRuns: 150 },
    );
  });

  it('flags Docker parses but swarmlab does not simulate, with hostile values: parsed as Docker does', () => {
    const ignored = [...new Set(CREATE_FLAGS.filter((def) => def.ignored).map((def) => def.name))];
    const hostile = fc.constantFrom(
      'abc',
      'NaN',
      'Inf',
      '-1',
      '1e309',
      '0',
      '',
      '::',
      '80:80/xyz',
      'a=b',
      '1.5',
      '99999999',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ignored), hostile), { minLength: 1, maxLength: 4 }), (flags) => {
        const line = `docker service create -d ${flags.map(([f, v]) => `--${f} '${v}'`).join(' ')} app:v1`;
        const argv = ['exec', line];
        const result = cli(argv);
        expectClear(argv, result, line);
        expect([0, 1, 125], result.err).toContain(result.code);
      }),
      { numRuns: 150 },
    );
  });

  it('environment variables read by compose interpolation: any value, set or not, with every $-form', () => {
    const compose = join(dir, 'env.yml');
    // $TAG, $$TAG, and the braced forms: ${TAG}, ${TAG:-1.25}, ${TAG-x}, ${TAG:?need TAG}, ${TAG:+x}.
    const braced = ['', ':-1.25', '-x', ':?need TAG', ':+x'].map((tail) => `$\{TAG${tail}}`);
    const forms = fc.constantFrom('$TAG', '$$TAG', ...braced);
    const valueArb = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('1.27', '', '$', '${', '}', '\n', ':', '"', "'", 'a b', 'x'.repeat(100_000), '\u0000'),
    );
    fc.assert(
      fc.property(forms, fc.option(valueArb, { nil: undefined }), (form, tag) => {
        writeFileSync(compose, `services:\n  web:\n    image: "nginx:${form}"\n`);
        const argv = ['exec', `docker stack deploy -c ${compose} s`, 'docker service ls'];
        const env: Record<string, string> = tag === undefined ? {} : { TAG: tag };
        const result = cli(argv, env);
        expectClear(argv, result, `${argv.join(' ')} ${tag ?? ''}`);
      }),
      { numRuns: 150 },
    );
  });
});
