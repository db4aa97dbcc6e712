// A bug inside swarmlab: `swarmlab: internal error: <message>`, the command that replays the run, exit 70.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

vi.mock('../../src/scenario/run.js', () => ({
  runScenario: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'slot')");
  },
  runCommands: () => {
    throw new Error('boom');
  },
}));

const run = runCli;

describe('an unexpected exception', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'swarmlab-crash-')), 'x.yaml');
  writeFileSync(file, 'seed: 42\nsteps: [docker service ls]\n');

  it('prints the message and the seed to replay, without a stack trace, and exits 70', () => {
    expect(run('run', file)).toEqual({
      code: 70,
      out: '',
      err:
        `swarmlab: internal error: Cannot read properties of undefined (reading 'slot')\nswarmlab: replay with: ` +
        `swarmlab run ${file} --seed 42\n`,
    });
    expect(run('run', file, '--seed', '8').err).toContain(`replay with: swarmlab run ${file} --seed 8\n`);
  });

  it('replays exec with its seed and commands', () => {
    expect(run('exec', '--seed', '3', 'docker service ls', 'wait: 5s')).toEqual({
      code: 70,
      out: '',
      err:
        "swarmlab: internal error: boom\nswarmlab: replay with: swarmlab exec --seed 3 'docker service ls' 'wait: " +
        "5s'\n",
    });
  });
});
