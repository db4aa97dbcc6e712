// The command line starts without fast-check and d3: only `check` and `sweep` need them, imported when they run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const HEAVY = new Set(['fast-check', 'd3']);

/** The chain of static value imports (not `import type`, not `import()`) from `file` to a heavy package, if any. */
function heavyPath(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^(?:import|export)(?!\s+type\b)[^'";]*?from\s+'([^']+)'/gm)) {
    const spec = match[1];
    if (HEAVY.has(spec)) return [relative('.', file), spec];
    if (!spec.startsWith('.')) continue;
    const next = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    if (!existsSync(next)) continue;
    const rest = heavyPath(next, seen);
    if (rest) return [relative('.', file), ...rest];
  }
  return null;
}

describe('swarmlab startup', () => {
  it('imports neither fast-check nor d3 before it knows the command', () => {
    expect(heavyPath('src/cli/main.ts')).toBeNull();
    // The check itself: check.ts and sweep.ts do reach them (else this test could not fail).
    expect(heavyPath('src/cli/check.ts')).toEqual(['src/cli/check.ts', 'src/lab/check.ts', 'fast-check']);
    expect(heavyPath('src/cli/sweep.ts')).toEqual(['src/cli/sweep.ts', 'src/lab/chart.ts', 'd3']);
  });

  it('runs sweep as a script: the entry point imports it when the command line names it', () => {
    const args = ['--replicas', '2', '--parallelism', '1', '--delay', '0s', '--failure-action', 'pause'];
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sweep', ...args], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('* on the Pareto front');
    expect(result.stdout.split('\n')[0]).toMatch(/^ +parallelism +delay +monitor +order +failure action/);
  });
});
