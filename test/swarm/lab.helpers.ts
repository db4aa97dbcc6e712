// Helper of the lab-cluster tests: why a lab cluster (root, dockerd, namespaces, busybox-static) cannot be built here.
import { readStaticBusybox } from '../../src/real-swarm/images.js';
import { run } from '../../src/real-swarm/lab-cluster/exec.js';

/** Why a lab cluster cannot be built here, or null when it can. */
export function labProblem(): string | null {
  try {
    if (process.getuid?.() !== 0) return 'not root';
    readStaticBusybox();
    for (const [tool, arg] of [
      ['dockerd', '--version'],
      ['docker', '--version'],
      ['nsenter', '--version'],
      ['unshare', '--version'],
    ])
      run(tool, [arg]);
    run('ip', ['netns', 'list']);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
