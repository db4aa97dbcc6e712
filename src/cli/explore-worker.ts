// One `swarmlab explore --jobs` worker thread: explores the parts of the choice tree it is handed, one at a time.
import { workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { exploreContext, explorePart, partBudget } from '../lab/explore/explore.js';
import { parseRequirement } from '../lab/requirements.js';
import type { WorkerReply, WorkerSetup } from './explore-jobs.js';
import { readScenarioFile, SCENARIO_FILE } from './files.js';
import { readInputFile } from './input-file.js';

const setup = workerData as WorkerSetup;
const text = readInputFile(setup.file, SCENARIO_FILE);
const ctx = exploreContext(readScenarioFile(setup.file, text, setup.env), text, {
  service: setup.service,
  requirements: setup.require.map(parseRequirement),
  faults: setup.faults && { kinds: setup.faults, max: setup.maxFaults },
  symmetry: setup.symmetry,
});

function answer(reply: WorkerReply): void {
  setup.port.postMessage(reply);
  Atomics.add(setup.signal, 0, 1);
  Atomics.notify(setup.signal, 0);
}

setup.port.on('message', (index: number) => {
  try {
    answer({
      part: explorePart(
        ctx,
        index,
        setup.prefixes[index],
        partBudget(setup.maxRuns, setup.prefixes.length, index),
        undefined,
        setup.prefixes,
      ),
    });
  } catch (err) {
    answer({ error: err instanceof Error ? err.message : String(err), input: err instanceof InputError });
  }
});
