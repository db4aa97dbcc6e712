// A detached watchdog process: when the swarmlab process dies (SIGINT, SIGTERM, crash) it removes that run's services
// and images.

import { cleanupHint } from './cleanup-hint.js';
import { cleanupRun } from './daemon-ops.js';
import { resolveEndpoint } from './host.js';
import { DockerClient } from './http.js';

const [runId, host] = process.argv.slice(2);
/** A request in flight when swarmlab died (a service create, an image build) may complete after the first pass. */
const SECOND_PASS_DELAY_MS = 3_000;
let input = '';

// On stdin: `done` (swarmlab cleaned up itself), `failed` (the run could not start: it said why; remove what it
// built), or nothing before the pipe closes (swarmlab died).
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  input += chunk;
});
process.stdin.on('end', () => void finish());
process.stdin.on('error', () => void finish());
// The terminal's Ctrl-C reaches this process group too: ignore it, the parent's death is the signal.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);

async function finish(): Promise<void> {
  if (input.includes('done') || !runId) process.exit(0);
  const failed = input.includes('failed');
  try {
    const client = new DockerClient(resolveEndpoint(host || undefined));
    await client.negotiate();
    const removed = await cleanupRun(client, runId);
    await new Promise((resolve) => setTimeout(resolve, SECOND_PASS_DELAY_MS));
    removed.push(...(await cleanupRun(client, runId)));
    if (failed) {
      if (removed.length > 0)
        process.stderr.write(`swarmlab: removed what the run had built before it failed: ${removed.join(', ')}\n`);
    } else {
      process.stderr.write(
        'swarmlab: the run was interrupted; removed what it had ' +
          `created${removed.length ? `: ${removed.join(', ')}` : ''}\n`,
      );
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      failed
        ? 'swarmlab: what the run had built before it failed could not be removed ' +
            `(${why}).\n${cleanupHint(runId, [])}\n`
        : 'swarmlab: the run was interrupted and its services could not be removed ' +
            `(${why}).\n${cleanupHint(runId, [])}\n`,
    );
  }
  process.exit(0);
}
