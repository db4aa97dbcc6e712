// vitest global setup: every temporary file of a test run goes under one directory, removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  // vitest runs a global setup for the root config and for each project: the first one makes the root, the others
  // keep it (nested roots made chromium's socket path too long to start).
  if (process.env.SWARMLAB_TEST_ROOT) return () => undefined;
  const root = mkdtempSync(join(tmpdir(), 'swarmlab-test-'));
  process.env.SWARMLAB_TEST_ROOT = root;
  // Lab clusters (dockerd, mounts) stay where `swarmlab cluster down --all` finds them, never under the removed root.
  process.env.SWARMLAB_LAB_DIR ||= tmpdir();
  // Test workers start after this and inherit TMPDIR, so os.tmpdir() and mkdtemp land here.
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    delete process.env.SWARMLAB_TEST_ROOT;
  };
}
