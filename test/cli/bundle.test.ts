// The built command line (scripts/bundle-cli.mjs: one file per entry, its dependencies included) answers as the
// sources do: its version, a run, `check` (fast-check inside the bundle), `explore --jobs` (its worker thread,
// a file of its own beside the CLI).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'swarmlab-bundle-'));
const cli = join(root, 'dist/cli/main.js');

/** The bundled CLI's stdout, stderr and exit status (run from the clone, as `npx swarmlab` runs). */
function bundled(...argv: string[]): { code: number; out: string; err: string } {
  const result = spawnSync(process.execPath, [cli, ...argv], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  // package.json beside dist/, as in the clone: `--version` reads it there.
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  mkdirSync(join(root, 'dist'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-cli.mjs'), join(root, 'dist/cli')], { cwd: ROOT });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the bundled command line', () => {
  it('writes one file per entry: the CLI, explore’s worker, the real swarm’s worker and janitor', () => {
    for (const entry of ['main', 'explore-worker', 'worker', 'janitor'])
      expect(existsSync(join(root, `dist/cli/${entry}.js`)), entry).toBe(true);
  });

  it('prints the package’s version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(bundled('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('runs a course scenario exactly as the sources do', () => {
    const args = ['run', 'scenarios/course/2b-rollback-on-failure.yaml'];
    const fromSources = runCli(...args);
    expect(fromSources.code).toBe(0);
    expect(bundled(...args)).toEqual(fromSources);
  });

  it('check: fast-check loads from inside the bundle; the same report as the sources', () => {
    const replays = join(root, 'replays');
    const args = ['check', 'scenarios/stacks/traps.yml', '--service', 'web', '--runs', '20', '--replay-dir', replays];
    const fromSources = runCli(...args);
    expect(fromSources.out).toContain('20 runs');
    expect(bundled(...args)).toEqual(fromSources);
  });

  it('explore --jobs 2: its worker threads give the report of one in-process explore', () => {
    const args = ['explore', 'scenarios/course/2b-rollback-on-failure.yaml', '--json', '--max-runs', '400'];
    const fromSources = runCli(...args, '--out', join(root, 'explore-a'));
    const threads = bundled(...args, '--jobs', '2', '--out', join(root, 'explore-b'));
    expect(threads.code).toBe(fromSources.code);
    expect(JSON.parse(threads.out)).toEqual(JSON.parse(fromSources.out));
  });
});
