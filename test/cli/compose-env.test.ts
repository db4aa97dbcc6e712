// `${VAR}` in compose files reads the CLI's environment, as `docker stack deploy` does (`run` and `exec`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

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
});
