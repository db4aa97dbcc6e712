// `cat FILE`: the sandbox prints the scenario's files (a lesson's stack files) and reports a missing one as cat does.
import { describe, expect, it } from 'vitest';
import { type ExecuteOptions, executeCommand } from '../../src/commands/execute.js';
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';

const OPTS: ExecuteOptions = {
  tty: false,
  files: { 'a.yml': 'services:\n  web:\n    image: nginx:1.25\n', 'b.yml': 'x: 1\n' },
  followLimitMs: 600_000,
};

const engine = () => createSimulator({ seed: 1, cluster: { ...defaultClusterConfig(), nodes: defaultNodes(1) } });

describe('cat', () => {
  it('prints one file, then two one after the other', () => {
    expect(executeCommand(engine(), 'cat a.yml', OPTS)).toEqual({
      stdout: 'services:\n  web:\n    image: nginx:1.25\n',
      stderr: '',
      exitCode: 0,
    });
    expect(executeCommand(engine(), 'cat b.yml a.yml', OPTS).stdout).toBe(
      'x: 1\nservices:\n  web:\n    image: nginx:1.25\n',
    );
  });

  it('a missing file: cat’s message, exit 1, the files found still printed; no file: the files it can read', () => {
    expect(executeCommand(engine(), 'cat nope.yml b.yml', OPTS)).toEqual({
      stdout: 'x: 1\n',
      stderr: 'cat: nope.yml: No such file or directory\n',
      exitCode: 1,
    });
    expect(executeCommand(engine(), 'cat', OPTS)).toEqual({
      stdout: '',
      stderr: "swarmlab: cat reads this scenario's files: cat FILE (files: a.yml, b.yml)\n",
      exitCode: 1,
    });
    expect(executeCommand(engine(), 'cat constructor', OPTS).stderr).toBe(
      'cat: constructor: No such file or directory\n',
    );
  });
});
