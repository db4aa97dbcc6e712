// A simulated run reads no wall clock, draws no unseeded number, sets no real timer: its libraries (xstate) included.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { scenarioSources } from './file-checks.js';

/** Counts the calls a run makes to what the engine must never call; restored after each test. */
function watchGlobals() {
  const spies = {
    'Date.now': vi.spyOn(Date, 'now'),
    'Math.random': vi.spyOn(Math, 'random'),
    'performance.now': vi.spyOn(performance, 'now'),
    setTimeout: vi.spyOn(globalThis, 'setTimeout'),
    setInterval: vi.spyOn(globalThis, 'setInterval'),
  };
  return () => Object.entries(spies).flatMap(([name, spy]) => (spy.mock.calls.length ? [name] : []));
}

describe('a run uses only the virtual clock and the seeded generator', () => {
  afterEach(() => vi.restoreAllMocks());

  // Course 2b and the drills reach every updater path: completion after the monitor window, pause, rollback, cancel.
  it.each(scenarioSources().map((s) => [s.file, s.text]))('%s', (file, text) => {
    const scenario = loadScenario(text, file);
    const called = watchGlobals();
    const result = runScenario(scenario, { seed: 7 });
    const names = called();
    vi.restoreAllMocks();
    expect(result.trace.events.length).toBeGreaterThan(0);
    expect(names, `${file} (seed 7) called ${names.join(', ')}`).toEqual([]);
  });
});
