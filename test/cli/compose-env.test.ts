// `${VAR}` in compose files reads the CLI's environment, as `docker stack deploy` does: in every command that reads
// a stack or scenario file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../helpers/main.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-compose-env-'));
const COMPOSE = join(dir, 'app.yml');
writeFileSync(COMPOSE, `services:\n  web:\n    image: "nginx:\${TAG:-1.25}"\n`);

function cli(env: Record<string, string> | undefined, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t), stdoutIsTty: false, env });
  return { code, out, err };
}

const LS = 'docker service ls --format "{{.Name}} {{.Image}}"';

describe('compose interpolation from the environment', () => {
  it('exec: TAG set gives its value, unset gives the default', () => {
    const deploy = `docker stack deploy -c ${COMPOSE} s`;
    expect(cli({ TAG: '1.27' }, 'exec', deploy, LS).out.split('\n').at(-2)).toBe('s_web nginx:1.27');
    expect(cli({}, 'exec', deploy, LS).out.split('\n').at(-2)).toBe('s_web nginx:1.25');
    expect(cli(undefined, 'exec', deploy, LS).out.split('\n').at(-2)).toBe('s_web nginx:1.25');
  });

  it('run: compose: and files: read the environment, checked when the scenario loads', () => {
    const scenario = join(dir, 'scenario.yaml');
    writeFileSync(
      scenario,
      [
        'name: env',
        'compose: app.yml',
        'files:',
        '  db.yml: |',
        '    services:',
        '      db:',
        `        image: "postgres:\${DB_TAG:?set DB_TAG}"`,
        'steps:',
        '  - docker stack deploy -c app.yml s',
        '  - docker stack deploy -c db.yml s',
        `  - ${LS}`,
        '',
      ].join('\n'),
    );
    const ran = cli({ TAG: '1.27', DB_TAG: '16' }, 'run', scenario);
    expect(ran.code).toBe(0);
    expect(ran.out.split('\n').slice(-3)).toEqual(['s_db postgres:16', 's_web nginx:1.27', '']);
    expect(cli({ TAG: '1.27' }, 'run', scenario)).toEqual({
      code: 2,
      out: '',
      err:
        `${scenario}:7: invalid interpolation format for services.db.image: "required variable DB_TAG is missing ` +
        `a value: set DB_TAG". You may need to escape any $ with another $.\n`,
    });
  });

  it('lint and check read a stack file with the environment: a required variable set, or its error', () => {
    const stack = join(dir, 'stack.yml');
    writeFileSync(
      stack,
      `services:\n  web:\n    image: "app:v1"\n    deploy:\n      replicas: \${REPLICAS:?set REPLICAS}\n` +
        '      update_config:\n        order: stop-first\n',
    );
    const missing =
      `${stack}:5: invalid interpolation format for services.web.deploy.replicas: "required variable REPLICAS is ` +
      'missing a value: set REPLICAS". You may need to escape any $ with another $.\n';
    expect(cli({}, 'lint', stack)).toEqual({ code: 2, out: '', err: missing });
    expect(cli({}, 'check', stack, '--runs', '2')).toEqual({ code: 2, out: '', err: missing });
    // One replica stop-first serves nothing during an update: the finding comes with the value from the environment.
    expect(cli({ REPLICAS: '1' }, 'lint', stack).out).toContain(`${stack}:5: warning single-replica-stop-first:`);
    expect(cli({ REPLICAS: '3' }, 'lint', stack)).toEqual({ code: 0, out: 'no findings\n', err: '' });
    const replayDir = ['--replay-dir', join(dir, 'check-replays')];
    expect(cli({ REPLICAS: '2' }, 'check', stack, '--runs', '2', ...replayDir).out.split('\n')[0]).toBe(
      `swarmlab check ${stack}: service stack_web (2 replicas on 3 nodes)`,
    );
  });

  it("explore (in this thread and in workers) and export read a scenario's compose file with the environment", () => {
    writeFileSync(
      join(dir, 'tagged.yml'),
      `services:\n  web:\n    image: "nginx:\${TAG:?set TAG}"\n    deploy:\n      replicas: 2\n`,
    );
    const scenario = join(dir, 'explore.yaml');
    writeFileSync(
      scenario,
      'name: env-explore\ncompose: tagged.yml\nsteps:\n  - docker stack deploy -c tagged.yml s\n  - wait: converged\n' +
        '  - docker service update --image nginx:1.27 s_web\n  - wait: settled\n',
    );
    const missing =
      `${join(dir, 'tagged.yml')}:3: invalid interpolation format for services.web.image: "required variable TAG is ` +
      'missing a value: set TAG". You may need to escape any $ with another $.\n';
    const replays = ['--out', join(dir, 'replays'), '--json'];
    expect(cli({}, 'explore', scenario, ...replays)).toEqual({ code: 2, out: '', err: missing });
    expect(cli({}, 'export', scenario, '--to', 'junit')).toEqual({ code: 2, out: '', err: missing });
    const explored = cli({ TAG: '1.25' }, 'explore', scenario, ...replays);
    expect(explored.code).toBe(0);
    expect(JSON.parse(explored.out)).toMatchObject({ exhausted: true, runs: 2 });
    expect(cli({ TAG: '1.25' }, 'explore', scenario, ...replays, '--jobs', '2').out).toBe(explored.out);
    expect(cli({ TAG: '1.25' }, 'export', scenario, '--to', 'junit').code).toBe(0);
  });
});
