// Shared body of the determinism suites: each scenario, each seed, run twice → byte-identical trace; seeds vary slot
// order.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Trace } from '../../src/types.js';
import { scenarioSources } from './file-checks.js';

/** The order in which the first updater that had more than one dirty slot handed its slots out, or null. */
export function firstSlotOrder(trace: Trace): string | null {
  let order: number[] | null = null;
  for (const event of trace.events) {
    if (event.type !== 'updater') continue;
    if (event.action === 'start') {
      if (order && order.length > 1) return order.join(',');
      order = (event.dirtySlots ?? 0) > 1 ? [] : null;
    } else if (event.action === 'slot_start' && order) {
      order.push(event.slot ?? -1);
    }
  }
  return order && order.length > 1 ? order.join(',') : null;
}

/** Registers one test per scenario file of `folder`: `seeds` seeds (1..seeds), each run twice. */
export function describeDeterminism(folder: string, seeds: number): void {
  const sources = scenarioSources().filter((s) => s.file.startsWith(`scenarios/${folder}/`));
  describe(`scenarios/${folder}: same seed, same trace (${seeds} seeds × 2 runs each)`, () => {
    it('has scenario files', () => expect(sources.length).toBeGreaterThan(0));
    it.each(sources.map((s) => [s.file, s.text]))('%s', (file, text) => {
      const scenario = loadScenario(text, file);
      const orders = new Set<string>();
      let withSeveralDirtySlots = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const trace = runScenario(scenario, { seed }).trace;
        const second = JSON.stringify(runScenario(scenario, { seed }).trace);
        if (JSON.stringify(trace) !== second)
          expect.fail(`${file} seed ${seed}: two runs differ (replay: swarmlab run ${file} --seed ${seed} --json)`);
        const order = firstSlotOrder(trace);
        if (order !== null) {
          orders.add(order);
          withSeveralDirtySlots++;
        }
      }
      // Swarm iterates a Go map: the slot order must depend on the seed wherever there is an order to choose.
      if (withSeveralDirtySlots > 1) expect(orders.size, `${file}: slot orders over ${seeds} seeds`).toBeGreaterThan(1);
    });
  });
}
