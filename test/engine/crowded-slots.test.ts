// The store's count of crowded slots (more than one task meant to run), kept as tasks are written, equals a scan of
// every slot after every write: the completion reconcile reads the count instead of scanning.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/engine/simulator.js';
import type { Store } from '../../src/engine/store.js';
import { isAtMostRunning } from '../../src/engine/task-state.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

/** The count as a scan of every replicated slot. */
function scanCrowded(store: Store, serviceId: string): number {
  let crowded = 0;
  for (const [key, tasks] of store.slotsOf(serviceId))
    if (typeof key === 'number' && tasks.filter((t) => isAtMostRunning(t.desired)).length > 1) crowded++;
  return crowded;
}

const WRITES = ['push', 'taskCreated', 'taskDesired', 'taskNode', 'taskState', 'container', 'slot'] as const;

/** Runs `file` checking the count against the scan after every write; returns the writes checked and the most seen. */
function checkedRun(file: string, text = readFileSync(file, 'utf8')): { writes: number; mostCrowded: number } {
  let writes = 0;
  let mostCrowded = 0;
  runScenario(loadScenario(text, file), {
    engine: (options, chooserFor) => {
      const engine = createSimulator(options, chooserFor);
      const store = (engine as unknown as { store: Store }).store;
      // Every write of a record is traced: each way into the event log is a write to check after.
      const log = store.log as unknown as Record<string, (...args: unknown[]) => void>;
      for (const method of WRITES) {
        const write = log[method].bind(log);
        log[method] = (...args: unknown[]) => {
          write(...args);
          writes++;
          for (const serviceId of store.services.keys()) {
            const counted = store.crowdedSlots(serviceId);
            const scanned = scanCrowded(store, serviceId);
            if (counted !== scanned)
              throw new Error(`${file}: ${method} at ${engine.nowMs()} ms: counted ${counted}, scanned ${scanned}`);
            mostCrowded = Math.max(mostCrowded, counted);
          }
        };
      }
      return engine;
    },
  });
  return { writes, mostCrowded };
}

const FOLDERS = ['scenarios/course', 'scenarios/drills', 'scenarios/conformance'];
const FILES = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `${folder}/${name}`),
);

// Start-first updates hold two tasks in a slot while the new one starts; in this one a restart beside the updater's
// own task leaves two at the completion (completion-reconcile.test.ts).
const CROWDED_AT_COMPLETION = 'test/fixtures/engine/crowded-slot.yaml';

describe('the count of crowded slots', () => {
  it.each(FILES)('equals a scan of every slot after every write: %s', (file) => {
    expect(checkedRun(file).writes).toBeGreaterThan(0);
  });

  it('sees the slots a start-first update crowds, and the one left crowded at a completion', () => {
    expect(checkedRun('scenarios/conformance/update-start-first.yaml').mostCrowded).toBe(1);
    expect(checkedRun(CROWDED_AT_COMPLETION).mostCrowded).toBeGreaterThanOrEqual(1);
  });
});
