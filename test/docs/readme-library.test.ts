// The README's library example runs as written (its import from 'swarmlab' pointed at the source) and fails as it says.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function libraryExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no ```ts block');
  return block[1].replace("from 'swarmlab'", `from '${resolve('src/index.ts')}'`);
}

describe("README's library example", () => {
  it('runs as written: the property fails with a counter-example that says how to replay it', async () => {
    const dir = mkdtempSync(join(process.cwd(), 'test/docs/.example-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, libraryExample());
      const run = import(file);
      await expect(run).rejects.toThrow(/seed \d+.*\n[\s\S]*swarmlab run/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
