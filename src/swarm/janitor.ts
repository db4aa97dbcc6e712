// A detached watchdog process: when the swarmlab process dies (SIGINT, SIGTERM, crash) it removes that run's services and images.
import { DockerClient } from './http.js';
import { resolveEndpoint } from './host.js';
import { cleanupRun } from './daemon-ops.js';
import { cleanupHint } from './cleanup-hint.js';

const [runId, host] = process.argv.slice(2);
/** A request in flight when swarmlab died (a service create, an image build) may complete after the first pass. */
const SECOND_PASS_DELAY_MS = 3_000;
let done = false;
let input = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  input += chunk;
  if (input.includes('done')) done = true;
});
process.stdin.on('end', () => void finish());
process.stdin.on('error', () => void finish());
// The terminal's Ctrl-C reaches this process group too: ignore it, the parent's death is the signal.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);

async function finish(): Promise<void> {
  if (done || !runId) process.exit(0);
  try {
    const client = new DockerClient(resolveEndpoint(host || undefined));
    await client.negotiate();
    const removed = await cleanupRun(client, runId);
    await new Promise((resolve) => setTimeout(resolve, SECOND_PASS_DELAY_MS));
    removed.push(...await cleanupRun(client, runId));
    process.stderr.write(`swarmlab: the run was interrupted; removed what it had created${removed.length ? `: ${removed.join(', ')}` : ''}\n`);
  } catch (err) {
    process.stderr.write(`swarmlab: the run was interrupted and its services could not be removed (${err instanceof Error ? err.message : String(err)}).\n${cleanupHint(runId, [])}\n`);
  }
  process.exit(0);
}
