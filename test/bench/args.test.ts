// `npm run bench`'s flags: --help prints the usage, a misspelt flag is refused at once instead of starting a run of
// several minutes that ignores it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const bench = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
};
const USAGE =
  'Usage: npm run bench -- [--quick] [--no-ui] [--json [FILE]]\n' +
  '  --quick       skip the 100,000-replica rollout\n' +
  '  --no-ui       skip the page measures (no chromium)\n' +
  '  --json FILE   also write the figures as JSON (default bench-results.json)\n';

describe('npm run bench arguments', () => {
  it('--help prints the usage and runs nothing', () => {
    expect(bench('--help')).toEqual({ code: 0, out: USAGE, err: '' });
  });

  it('a misspelt flag or a stray word is refused with the usage, exit 2', () => {
    expect(bench('--quik')).toEqual({ code: 2, out: '', err: `bench: unknown argument --quik\n${USAGE}` });
    expect(bench('--json', 'out.json', 'quick')).toEqual({
      code: 2,
      out: '',
      err: `bench: unknown argument quick\n${USAGE}`,
    });
  });
});
