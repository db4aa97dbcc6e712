// The library entry and the lab run in a browser: nothing they import (transitively) needs Node, or breaks determinism.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file reachable from `entry` through relative imports. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g))
      visit(normalize(join(dirname(file), spec.replace(/\.js$/, '.ts'))));
  };
  visit(entry);
  return [...seen].sort();
}

describe('src/index.ts and src/lab', () => {
  const files = reachable('src/index.ts');

  it('reach the lab and the engine, never the CLI', () => {
    expect(files).toContain(normalize('src/lab/sweep.ts'));
    expect(files).toContain(normalize('src/engine/simulator.ts'));
    expect(files.filter((f) => f.startsWith(normalize('src/cli/')))).toEqual([]);
  });

  it('import no Node module and read no wall clock or global randomness', () => {
    const offending = files.filter((f) =>
      /from 'node:|\bDate\.now\(|\bMath\.random\(|\bprocess\./.test(readFileSync(f, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
