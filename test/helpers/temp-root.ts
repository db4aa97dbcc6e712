// vitest global setup: every temporary file of a test run goes under one directory, removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'swarmlab-test-'));
  // Lab clusters (dockerd, mounts) stay where `swarmlab cluster down --all` finds them, never under the removed root.
  process.env.SWARMLAB_LAB_DIR ||= tmpdir();
  // Test workers start after this and inherit TMPDIR, so os.tmpdir() and mkdtemp land here.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
