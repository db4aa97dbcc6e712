// `swarmlab compare` and `run --backend swarm` options, registered on a commander program as main.ts does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSwarmRunOptions, registerSwarmCommands, scenarioRunner } from '../../src/cli/swarm-commands.js';
import { runCommands } from '../../src/scenario/run.js';

function cli(argv: string[]): { out: string; err: string; code: number } {
  const io = { out: '', err: '' };
  let code = -1;
  const program = new Command('swarmlab').exitOverride();
  registerSwarmCommands(
    program,
    {
      out: (t) => {
        io.out += t;
      },
      err: (t) => {
        io.err += t;
      },
    },
    (c) => {
      code = c;
    },
  );
  program.parse(argv, { from: 'user' });
  return { ...io, code };
}

function traceFile(dir: string, name: string, update: string): string {
  const { trace } = runCommands([
    'docker service create -d --name web --replicas 2 nginx:1',
    'wait: converged',
    update,
    'wait: settled',
  ]);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(trace));
  return file;
}

describe('swarmlab compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swarmlab-compare-'));
  const a = traceFile(dir, 'a.json', 'docker service update -d --image nginx:2 web');
  const b = traceFile(dir, 'b.json', 'docker service update -d --image nginx:2 --update-delay 5s web');

  it('the same trace: exit 0 and the verdict "same"', () => {
    const { out, code } = cli(['compare', a, a]);
    expect(code).toBe(0);
    expect(out).toContain('update duration (→ completed)');
    expect(out).toMatch(/verdict: same \(/);
  });

  it('a slower update: exit 1 and the phase marked', () => {
    const { out, code } = cli(['compare', a, b]);
    expect(code).toBe(1);
    expect(out).toMatch(/update duration \(→ completed\) +\d+\.\d\d s +\d+\.\d\d s +✗/);
  });

  it('a file that is not a trace: exit 2 and the reason', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"x": 1}');
    expect(cli(['compare', a, bad])).toEqual({
      out: '',
      err: `swarmlab: ${bad}: not a swarmlab trace (events: missing)\n`,
      code: 2,
    });
  });
});

describe('run options', () => {
  it('--backend defaults to the simulator (no swarm runner); swarm gives one', () => {
    const parse = (argv: string[]) => {
      const run = addSwarmRunOptions(new Command('run').exitOverride().argument('<file>'));
      run.parse(argv, { from: 'user' });
      return run.opts();
    };
    expect(parse(['x.yaml'])).toEqual({ backend: 'simulator', keep: false });
    expect(parse(['x.yaml', '--backend', 'swarm', '--host', 'unix:///tmp/d.sock', '--keep'])).toEqual({
      backend: 'swarm',
      host: 'unix:///tmp/d.sock',
      keep: true,
    });
    expect(scenarioRunner({ backend: 'simulator', keep: false })).toBeNull();
    expect(typeof scenarioRunner({ backend: 'swarm', keep: false })).toBe('function');
  });
});
