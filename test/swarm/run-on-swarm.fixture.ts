// Test fixture: runs one scenario file on the real swarm in its own process (the SIGINT test kills it mid-run).
import { readFileSync } from 'node:fs';
import { runScenarioOnSwarm } from '../../src/real-swarm/backend.js';
import { loadScenario } from '../../src/scenario/load.js';

const [file, recordFile] = process.argv.slice(2);
try {
  const result = runScenarioOnSwarm(loadScenario(readFileSync(file, 'utf8'), file), { recordFile });
  process.stdout.write(`${result.removed.join('\n')}\n`);
} catch (err) {
  process.stderr.write(`swarmlab: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
