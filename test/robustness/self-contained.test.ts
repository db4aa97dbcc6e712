// A clone runs its own tests with nothing beside it: no file of the repo reads the course material's folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'web', 'test', 'bench', 'scenarios', 'docs', '.ci', 'README.md', 'vite.config.ts'];
const OUTSIDE = ['..', 'shared'].join('/');

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((entry) => filesUnder(join(path, entry)));
}

describe('the repository is self-contained', () => {
  it(`no source, test, scenario or doc names ${OUTSIDE}/ (what they need is copied under test/fixtures)`, () => {
    const offending = ROOTS.flatMap(filesUnder).filter((file) => readFileSync(file, 'utf8').includes(OUTSIDE));
    expect(offending).toEqual([]);
  });
});
