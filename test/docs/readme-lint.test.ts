// The README's `swarmlab lint` example runs as written (on scenarios/stacks/traps.yml) and prints what the README
// shows.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** The README's ```text block that starts with `$ npx swarmlab lint`: its arguments, exit comment and shown output. */
function lintExample(): { argv: string[]; exit: number; shown: string } {
  const readme = readFileSync('README.md', 'utf8');
  const block = /```text\n\$ npx swarmlab (lint [^\n#]*?)\s+# exit (\d)[^\n]*\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no ```text block starting with $ npx swarmlab lint');
  return { argv: block[1].split(/\s+/), exit: Number(block[2]), shown: block[3] };
}

describe("README's lint example", () => {
  it('prints exactly the shown output, exits as the comment says and writes the replay files it names', () => {
    const { argv, exit, shown } = lintExample();
    expect(argv).toEqual(['lint', 'scenarios/stacks/traps.yml', '--replay-dir', 'lint-proofs']);
    // Run from a copy of the checkout's layout, so --replay-dir writes into a temporary directory.
    const home = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-readme-lint-'));
    cpSync(resolve('scenarios/stacks'), join(dir, 'scenarios/stacks'), { recursive: true });
    process.chdir(dir);
    try {
      const result = runCli(...argv);
      expect(result.err).toBe('');
      expect(result.out).toBe(shown);
      expect(result.code).toBe(exit);
      const named = [...shown.matchAll(/replay: swarmlab run (\S+)/g)].map((m) => m[1]);
      expect(named).toEqual([
        'lint-proofs/lint-single-replica-stop-first-web.yaml',
        'lint-proofs/lint-no-healthcheck-monitor-zero-api.yaml',
        'lint-proofs/lint-failure-action-never-fires-api.yaml',
      ]);
      for (const file of named) expect(existsSync(file)).toBe(true);
      // The rules it shows are several of the eight, one of them error-level.
      expect([...shown.matchAll(/^\S+:\d+: (warning|error) ([a-z-]+):/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
        'warning image-without-digest',
        'warning single-replica-stop-first',
        'warning no-healthcheck-monitor-zero',
        'error failure-action-never-fires',
      ]);
    } finally {
      process.chdir(home);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
