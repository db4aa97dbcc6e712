// How the bench starts a measure in a process of its own: the bundled file beside the running bench (`npm run
// bench`, scripts/bench.mjs), else the TypeScript source under tsx.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The node arguments that run bench measure `name` (rollout, trace-size, explore-process, small-runs). */
export function measureArgs(name: string): string[] {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.mjs') ? [join(dirname(here), `${name}.mjs`)] : ['--import', 'tsx', `bench/${name}.ts`];
}
