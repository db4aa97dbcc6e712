// `npm run bench`: bundles the bench and the code it measures as the command line ships (esbuild, as
// scripts/bundle-cli.mjs does; not tsx, whose transform wraps every named closure in a naming call the built code
// never makes), then runs it with the arguments given. Usage: node scripts/bench.mjs [bench arguments].
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTDIR = join(ROOT, 'node_modules/.cache/swarmlab-bench');

await build({
  absWorkingDir: ROOT,
  // Each measure that runs in a process of its own is an entry: bench/entry.ts finds it beside run.mjs.
  entryPoints: {
    run: 'bench/run.ts',
    rollout: 'bench/rollout.ts',
    'trace-size': 'bench/trace-size.ts',
    'explore-process': 'bench/explore-process.ts',
    'small-runs': 'bench/small-runs.ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: OUTDIR,
  outExtension: { '.js': '.mjs' },
  // The packages (xstate, fast-check, playwright-core, vite…) load from node_modules as a library user's would.
  packages: 'external',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [join(OUTDIR, 'run.mjs'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
