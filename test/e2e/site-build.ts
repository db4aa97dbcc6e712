// The page built once per test run and shared by every browser test file (a build per file cost ~5 s each).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';

/** The repository: the nearest directory above this file with the page's vite.config.ts (the bench runs it bundled). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'vite.config.ts'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no vite.config.ts above ${from}`);
  }
}

export const ROOT = repositoryRoot(import.meta.dirname);
/** How long a file waits for another worker's build before it gives up. */
const BUILD_WAIT_MS = 300_000;
const POLL_MS = 200;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function buildInto(dist: string): Promise<void> {
  // vitest sets NODE_ENV=test, which would make Vite pick the libraries' development builds (Lit's dev mode).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      root: join(ROOT, 'web'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: dist, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * The built page's directory and whether this file owns it (and removes it). Under the run's SWARMLAB_TEST_ROOT the
 * first file to take the lock builds, the others wait for its `.built` marker; without a root each file builds alone.
 */
export async function sharedSite(): Promise<{ dist: string; owned: boolean }> {
  const root = process.env.SWARMLAB_TEST_ROOT;
  if (!root) {
    const dist = mkdtempSync(join(tmpdir(), 'swarmlab-web-'));
    await buildInto(dist);
    return { dist, owned: true };
  }
  const dist = join(root, 'web-dist');
  const built = join(root, 'web-dist.built');
  const failed = join(root, 'web-dist.failed');
  let builder = false;
  try {
    mkdirSync(join(root, 'web-dist.lock'));
    builder = true;
  } catch {
    // another file builds it
  }
  if (builder) {
    try {
      await buildInto(dist);
      writeFileSync(built, '');
    } catch (err) {
      writeFileSync(failed, err instanceof Error ? err.message : String(err));
      throw err;
    }
    return { dist, owned: false };
  }
  for (let waitedMs = 0; waitedMs < BUILD_WAIT_MS; waitedMs += POLL_MS) {
    if (existsSync(built)) return { dist, owned: false };
    if (existsSync(failed)) throw new Error(`the page's build failed in another test file: ${readFileSync(failed)}`);
    await sleep(POLL_MS);
  }
  throw new Error(`the page's build by another test file did not end within ${BUILD_WAIT_MS / 1000} s`);
}
