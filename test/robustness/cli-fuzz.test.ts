// Fuzzing the swarmlab binary's argv (run / exec and their options): never an internal error, never a JS leak.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT_INTERNAL, main } from '../helpers/main.js';
import { leakIn } from './clear-message.js';
import { commandLine, value } from './gen-command.js';

/** A named pipe: reading it would wait for a writer forever, so the fuzz hangs if any path opens it. */
const FIFO = join(mkdtempSync(join(tmpdir(), 'swarmlab-fuzz-')), 'pipe.yaml');
execFileSync('mkfifo', [FIFO]);
/**
 * Files a user may name: a quick scenario, one that is not there, a directory, a file that is not YAML, special files.
 */
const FILES = [
  'scenarios/drills/exit-zero.yaml',
  'scenarios/nope.yaml',
  'scenarios',
  'package.json',
  '-',
  '',
  '/dev/zero',
  FIFO,
];
const option: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('--seed', '--until', '--width', '--nodes', '--out'),
      fc.oneof(value, fc.constantFrom('7', '90s', '0', '120', '3', '/nonexistent-dir/out.txt')),
    )
    .map(([name, v]) => (name === '--out' ? [name, '/nonexistent-dir/out.txt'] : [name, v])),
  fc.constantFrom<string[]>(
    ['--json'],
    ['--tty'],
    ['--no-tty'],
    ['--help'],
    ['--version'],
    ['--bogus'],
    ['-x'],
    ['--'],
  ),
);
const argv: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .tuple(fc.array(option, { maxLength: 3 }), fc.array(fc.constantFrom(...FILES), { maxLength: 2 }))
    .map(([opts, files]) => ['run', ...opts.flat(), ...files]),
  fc
    .tuple(
      fc.array(option, { maxLength: 3 }),
      fc.array(fc.oneof(commandLine, fc.constantFrom('wait: 5s', 'wait: converged', 'wait: x')), { maxLength: 3 }),
    )
    .map(([opts, commands]) => ['exec', ...opts.flat(), ...commands]),
  fc.array(value, { maxLength: 3 }),
);

describe('swarmlab argv fuzzing (fast-check; the seed is printed on failure)', () => {
  it('answers 500 random command lines with a usage error, a clear message or a run, never an internal error', () => {
    fc.assert(
      fc.property(argv, (args) => {
        let out = '';
        let err = '';
        const code = main(args, {
          out: (t) => {
            out += t;
          },
          err: (t) => {
            err += t;
          },
          stdoutIsTty: false,
        });
        const shown = JSON.stringify(args);
        expect(code, `${shown}\n${err}`).not.toBe(EXIT_INTERNAL);
        expect(Number.isInteger(code) && code >= 0 && code <= 255, shown).toBe(true);
        expect(leakIn(err, args.join(' ')), `${shown}\n${err}`).toBeNull();
        if (code === 2 && args[0] === 'run') expect(err.trim(), shown).not.toBe('');
        void out;
      }),
      { numRuns: 500 },
    );
  });
});
