// The built command line on a real swarm: `run --backend swarm` through the bundle (its worker thread and janitor
// process are files of their own beside the CLI) records the rollout and leaves nothing behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../src/real-swarm/host.js';
import { DockerClient } from '../../src/real-swarm/http.js';
import { checkTraceValue } from '../../src/trace/validate.js';
import type { Trace } from '../../src/types.js';
import { swarmProblem } from './faults.helpers.js';

const problem = await swarmProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const ROOT = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'swarmlab-bundle-swarm-'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(skip)(`the bundled CLI on a real swarm${skip ? ` (skipped: ${problem})` : ''}`, () => {
  it('run --backend swarm: the update recorded as completed, the service removed afterwards', async () => {
    copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    mkdirSync(join(root, 'dist'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-cli.mjs'), join(root, 'dist/cli')], { cwd: ROOT });
    const name = `bundled-${process.pid}`;
    const file = join(root, 'bundled.yaml');
    writeFileSync(
      file,
      [
        'name: bundled',
        'images:',
        '  lab/bundled:v1: {}',
        '  lab/bundled:v2: {}',
        'steps:',
        `  - docker service create -d --name ${name} --replicas 1 --update-monitor 1s lab/bundled:v1`,
        '  - wait: converged',
        `  - docker service update -d --image lab/bundled:v2 ${name}`,
        '  - wait: settled',
        '',
      ].join('\n'),
    );
    const out = join(root, 'real.json');
    const result = spawnSync(
      process.execPath,
      [join(root, 'dist/cli/main.js'), 'run', file, '--backend', 'swarm', '--out', out],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 150_000,
      },
    );
    expect(result.stderr).not.toMatch(/Cannot find|ERR_MODULE_NOT_FOUND|Error:/);
    expect(result.status).toBe(0);
    const checked = checkTraceValue(JSON.parse(readFileSync(out, 'utf8')));
    expect(checked.problem).toBeUndefined();
    const trace = checked.trace as Trace;
    expect(trace.services.find((s) => s.Spec.Name === name)?.UpdateStatus?.State).toBe('completed');
    const client = new DockerClient(resolveEndpoint(undefined));
    await client.negotiate();
    const left = (await client.json('GET', '/services')) as { Spec: { Name: string } }[];
    expect(left.map((s) => s.Spec.Name)).not.toContain(name);
  }, 180_000);
});
