// The `swarmlab` command line: transcripts, JSON traces, --out, --until, exec, and exit codes 0 / 1 / 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-cli-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const run = runCli;

const GOOD = file(
  'good.yaml',
  `
name: good
seed: 4
images:
  app:bad: {exit: 1, after: 2s}
steps:
  - docker service create -d --name web --replicas 2 app:v1
  - wait: converged
  - docker service update -d --update-failure-action rollback --image app:bad web
  - wait: settled
  - docker service ls
expect:
  update_status: rollback_completed
  running_images: {app:v1: 2}
  previous_spec: none
`,
);
const UNMET = file(
  'unmet.yaml',
  readFileSync(GOOD, 'utf8')
    .replace('update_status: rollback_completed', 'update_status: completed')
    .replace('previous_spec: none', 'previous_spec: present'),
);
const BAD = file('bad.yaml', 'steps:\n  - docker service ls\nimages:\n  nginx:bad: {exit: x}\n');

describe('swarmlab run', () => {
  it('prints each command after "$ " with what it printed, and exits 0 when the expectations hold', () => {
    const { code, out, err } = run('run', GOOD);
    expect([code, err]).toEqual([0, '']);
    const lines = out.split('\n');
    expect(lines[0]).toBe('$ docker service create -d --name web --replicas 2 app:v1');
    expect(lines[1]).toMatch(/^[0-9a-z]{25}$/);
    expect(lines.slice(2, 4)).toEqual([
      '$ docker service update -d --update-failure-action rollback --image app:bad web',
      'web',
    ]);
    expect(lines[4]).toBe('$ docker service ls');
    expect(lines[5]).toMatch(/^ID +NAME +MODE +REPLICAS +IMAGE +PORTS$/);
    expect(lines[6]).toMatch(/ web +replicated +2\/2 +app:v1 +$/);
  });

  it('exits 1 and lists the unmet expectations on stderr', () => {
    const { code, err } = run('run', UNMET);
    expect(code).toBe(1);
    expect(err).toBe(
      `swarmlab: ${UNMET}: 2 expectations not met:\n` +
        '  - web: update_status: expected completed, saw rollback_completed ("rollback completed")\n' +
        '  - web: previous_spec: expected present, saw none\n',
    );
  });

  it('exits 2 on a bad file with the message only (file, line, key), before running anything', () => {
    const { code, out, err } = run('run', GOOD, BAD);
    expect([code, out]).toEqual([2, '']);
    expect(err).toBe(`${BAD}:4: images.nginx:bad.exit: expected an integer exit code, got "x"\n`);
  });

  it('exits 2 on a file that does not exist', () => {
    const missing = join(dir, 'missing.yaml');
    expect(run('run', missing)).toEqual({
      code: 2,
      out: '',
      err: `${missing}: cannot read the scenario file (no such file)\n`,
    });
  });

  it('rejects a --seed that is not an integer, with a clear message', () => {
    const { code, err } = run('run', GOOD, '--seed', 'abc');
    expect(code).toBe(2);
    expect(err).toContain(
      "error: option '--seed <n>' argument 'abc' is invalid. --seed must be an integer (0 or more), such as 7.",
    );
  });

  it('a wait that timed out is not a success: exit 1, said on stderr', () => {
    const never = file(
      'never-converges.yaml',
      'name: never\nimages:\n  app:missing: {pull: fail}\nsteps:\n  - docker service create -d --name web ' +
        'app:missing\n  - wait: converged\n',
    );
    const { code, out, err } = run('run', never);
    expect(code).toBe(1);
    expect(out.split('\n').slice(-2)).toEqual(['swarmlab: wait converged timed out after 1h0m0s', '']);
    expect(err).toBe(
      `swarmlab: ${never}: 1 wait did not reach what it waited for:\n  - wait converged timed out after 1h0m0s\n`,
    );
  });

  it('words a bad --seed the same in run, check and export', () => {
    const wording = (argument: string) =>
      `error: option '--seed <n>' argument '${argument}' is invalid. --seed must be an integer (0 or more), such as ` +
      `7.\n(run swarmlab --help for usage)\n`;
    expect(run('check', GOOD, '--seed', 'x')).toEqual({ code: 2, out: '', err: wording('x') });
    expect(run('export', GOOD, '--to', 'perfetto', '--seed', '-1')).toEqual({ code: 2, out: '', err: wording('-1') });
  });

  it('swarmlab fault / wait typed in a shell: said to be sandbox verbs, with the exec line that runs them', () => {
    expect(run('fault', 'node-down', 'node-2')).toEqual({
      code: 2,
      out: '',
      err:
        "error: 'fault' is a sandbox verb: it acts on a simulated cluster, so it is typed where docker commands " +
        "are, in the page, in a scenario's steps or in swarmlab exec (swarmlab exec 'docker service create -d --name " +
        "web nginx' 'swarmlab fault node-down node-2')\n",
    });
    expect(run('wait', '5s').err).toContain(
      "swarmlab exec 'docker service create -d --name web nginx' 'swarmlab wait 5s'",
    );
  });

  it('cluster up --help gives the address range the README gives', () => {
    expect(run('cluster', 'up', '--help').out).toContain('addresses from 198.18.0.0/15 (nodes on 198.18.0.11 and up)');
  });

  it('prints the trace as one JSON object with a 2-space indent', () => {
    const { code, out } = run('run', GOOD, '--json', '--seed', '9');
    expect(code).toBe(0);
    expect(out.split('\n')[1]).toBe('  "scenario": "good",');
    const trace = JSON.parse(out) as Trace;
    expect(Object.keys(trace)).toEqual([
      'scenario',
      'seed',
      'duration_ms',
      'epoch',
      'services',
      'tasks',
      'nodes',
      'events',
    ]);
    expect(trace.seed).toBe(9);
    expect(trace.events.filter((e) => e.type === 'command').map((e) => (e.type === 'command' ? e.text : ''))).toEqual([
      'docker service create -d --name web --replicas 2 app:v1',
      'docker service update -d --update-failure-action rollback --image app:bad web',
      'docker service ls',
    ]);
  });

  it('prints a JSON array for several files, and a header per file in the transcript', () => {
    const traces = JSON.parse(run('run', GOOD, GOOD, '--json').out) as Trace[];
    expect(traces.map((t) => t.scenario)).toEqual(['good', 'good']);
    const { out } = run('run', GOOD, GOOD);
    expect(out.split('\n').filter((l) => l.startsWith('# '))).toEqual([
      `# ${GOOD}: good (seed 4)`,
      `# ${GOOD}: good (seed 4)`,
    ]);
  });

  it('writes to --out instead of stdout', () => {
    const out = join(dir, 'trace.json');
    const result = run('run', GOOD, '--json', '--out', out);
    expect(result).toEqual({ code: 0, out: '', err: '' });
    expect((JSON.parse(readFileSync(out, 'utf8')) as Trace).scenario).toBe('good');
  });

  it('stops at --until and says the expectations were not checked', () => {
    const { code, out, err } = run('run', UNMET, '--until', '5s', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as Trace).duration_ms).toBe(5000);
    expect(err).toBe(`swarmlab: ${UNMET}: stopped at 5s (--until); expectations not checked\n`);
  });

  it('rejects a bad --until', () => {
    const { code, err } = run('run', GOOD, '--until', 'soon');
    expect(code).toBe(2);
    expect(err).toContain('--until must be a Go duration such as 90s or 5m (time: invalid duration "soon").');
  });

  it('reads compose files named by `compose:` relative to the scenario', () => {
    file('stacks/app.yml', 'services:\n  api:\n    image: api:1\n    deploy: {replicas: 2}\n');
    const scenario = file(
      'stacks/deploy.yaml',
      [
        'compose: app.yml',
        'steps:',
        '  - docker stack deploy -c app.yml demo',
        '  - wait: converged',
        'expect: {service: demo_api, update_status: none, running_images: {api:1: 2}}',
        '',
      ].join('\n'),
    );
    const { code, out, err } = run('run', scenario);
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain('Creating service demo_api\n');
  });

  it('reports a bad referenced compose file at its own line', () => {
    file('stacks/broken.yml', 'services:\n  api:\n    imgae: api:1\n');
    const scenario = file('stacks/broken.yaml', 'compose: broken.yml\nsteps: [docker service ls]\n');
    const { code, err } = run('run', scenario);
    expect(code).toBe(2);
    expect(err).toMatch(/stacks\/broken\.yml:3: services\.api\.imgae: unknown key; did you mean "image"\?\n$/);
  });
});

describe('swarmlab exec', () => {
  it("runs commands and wait lines; exits with the last command's status", () => {
    const ok = run(
      'exec',
      '--nodes',
      '3',
      'docker service create -d --name web --replicas 3 nginx',
      'wait: converged',
      'docker node ls',
    );
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n').filter((l) => l.includes('node-')).length).toBe(3);
    const failed = run('exec', 'docker service rollback nope');
    expect(failed).toEqual({
      code: 1,
      out: '$ docker service rollback nope\nError response from daemon: service nope not found\n',
      err: '',
    });
  });

  it('rejects a bad --nodes', () => {
    const { code, err } = run('exec', '--nodes', '0', 'docker node ls');
    expect(code).toBe(2);
    expect(err).toContain('--nodes must be a number of nodes (1 to 1000).');
  });
});

describe('the swarmlab binary', () => {
  it('starts with a node shebang', () => {
    expect(readFileSync('src/cli/main.ts', 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs as a script and sets its exit status', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', UNMET], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('$ docker service create -d --name web --replicas 2 app:v1');
    expect(result.stderr).toContain('2 expectations not met');
  });

  it('prints its help and exits 0', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: swarmlab [options] [command]');
    expect(help).toMatch(/run \[options\] <file\.\.\.>/);
    expect(help).toMatch(/exec \[options\] <command\.\.\.>/);
  });
});
