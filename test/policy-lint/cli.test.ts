// `swarmlab lint` on the command line: formats, and exit 1 on an error finding, 0 otherwise, 2 on bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-lint-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const run = runCli;

const ERRORS = file(
  'errors.yml',
  'services:\n  web:\n    image: shop/web:1.0\n    deploy:\n      replicas: 3\n      update_config:\n        ' +
    'max_failure_ratio: 1\n',
);
const WARNINGS = file('warnings.yml', 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n');
const CLEAN = file('clean.yml', 'services:\n  web:\n    image: nginx:1.25\n    deploy:\n      replicas: 2\n');

describe('swarmlab lint', () => {
  it('exits 1 on an error finding and prints it as file:line', () => {
    const { code, out, err } = run('lint', ERRORS);
    expect([code, err]).toEqual([1, '']);
    expect(out.split('\n')[0]).toBe(
      `${ERRORS}:7: error failure-action-never-fires: service web: max_failure_ratio 1 with 3 replicas: failures are ` +
        'counted out of 3 and 3/3 = 1 never exceeds 1, so failure_action pause can never fire',
    );
    expect(out.endsWith('1 error, 0 warnings\n')).toBe(true);
  });

  it('exits 0 on warnings only, and on a clean file', () => {
    const warnings = run('lint', WARNINGS);
    expect([warnings.code, warnings.out.split('\n')[0]]).toEqual([
      0,
      `${WARNINGS}:3: warning image-without-digest: service web: image nginx has no tag (so :latest) and no digest: ` +
        'the tag moves, so nodes that pull at different times (or when the registry cannot record a digest) run ' +
        'different versions, and rolling back to it may restore nothing; pin a version tag or an @sha256 digest',
    ]);
    expect(run('lint', CLEAN)).toEqual({ code: 0, out: 'no findings\n', err: '' });
  });

  it('prints JSON and SARIF with --format, with the same exit code', () => {
    const json = run('lint', ERRORS, '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'failure-action-never-fires',
    ]);
    const sarif = run('lint', '--format', 'sarif', ERRORS);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.out);
    expect([log.version, log.runs[0].tool.driver.name, log.runs[0].results[0].level]).toEqual([
      '2.1.0',
      'swarmlab',
      'error',
    ]);
  });

  it('writes the proofs to --replay-dir, names them in the text, and swarmlab run replays them', () => {
    const replayDir = join(dir, 'proofs');
    const { code, out } = run('lint', ERRORS, '--replay-dir', replayDir);
    expect(code).toBe(1);
    const proofFile = join(replayDir, 'lint-failure-action-never-fires-web.yaml');
    expect(out.split('\n').slice(1)).toEqual([
      '  proof: with a new image that exits 1 s after it starts, the updater counted 3 failures within the 5 s ' +
        'monitor and took no action: UpdateStatus became completed ("update completed") 10.1 s after the update ' +
        'began, with 3 of 3 updated tasks failed',
      `  replay: swarmlab run ${proofFile}`,
      '1 error, 0 warnings',
      '',
    ]);
    const json = JSON.parse(run('lint', ERRORS, '--format', 'json').out);
    expect(readFileSync(proofFile, 'utf8')).toBe(json.findings[0].proof.scenario);
    const replay = run('run', proofFile);
    expect(replay.code).toBe(0);
    expect(replay.out).toContain('$ docker service update -d --image shop/web:next stack_web\n');
  });

  it('lints the service a scenario updates, at the lines of its commands', () => {
    const scenario = file(
      'drill.yaml',
      [
        'seed: 4',
        'steps:',
        '  - docker service create -d --name web --replicas 3 --update-delay 10s app:v1',
        '  - wait: converged',
        '  - docker service update -d --image app:v2 web',
        '  - wait: settled',
        '',
      ].join('\n'),
    );
    const { code, out } = run('lint', scenario, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out).findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toEqual([
      ['delay-not-shorter-than-monitor', 3],
    ]);
  });

  it('exits 2 on bad input: an unreadable file, a bad stack file, a bad format, a scenario with no update', () => {
    expect(run('lint', join(dir, 'missing.yml'))).toEqual({
      code: 2,
      out: '',
      err: `${join(dir, 'missing.yml')}: cannot read the file (no such file)\n`,
    });
    const bad = file('bad.yml', 'services:\n  web:\n    image: app:v1\n    deploy:\n      replicas: three\n');
    expect(run('lint', bad)).toEqual({
      code: 2,
      out: '',
      err: `${bad}:5: services.web.deploy.replicas: expected a replica count (0 or more), got "three"\n`,
    });
    const format = run('lint', CLEAN, '--format', 'xml');
    expect(format.code).toBe(2);
    expect(format.err.split('\n')[0]).toBe(
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.",
    );
    const noUpdate = file('no-update.yaml', 'steps:\n  - docker service create -d --name web app:v1\n');
    expect(run('lint', noUpdate)).toEqual({
      code: 2,
      out: '',
      err: `${noUpdate}: the scenario never updates a service's image: no policy to test\n`,
    });
  });
});
