// Fuzzing scenario files: mutations of every file in scenarios/ load or fail with file:line, and run without
// exceptions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Scenario } from '../../src/scenario/types.js';
import { dockerResultProblem, leakIn } from './clear-message.js';
import { inputErrorProblem, scenarioSources } from './file-checks.js';
import { mutatedFile } from './gen-yaml-mutation.js';

const SOURCES = scenarioSources();
/** Bounded runs: a mutated file may wait for hours or crash-loop forever. */
const RUN_LIMIT_MS = 10 * 60_000;

describe('scenario file fuzzing (fast-check; the seed is printed on failure)', () => {
  it('loads 10,000 mutated scenario files or rejects each with an InputError naming file:line', () => {
    fc.assert(
      fc.property(mutatedFile(SOURCES), ({ file, text }) => {
        expect(inputErrorProblem(() => loadScenario(text, file), file, text, true)).toBeNull();
      }),
      { numRuns: 10_000 },
    );
  });

  it('runs the mutated files that still load: no exception, every step answers clearly', () => {
    fc.assert(
      fc.property(mutatedFile(SOURCES), fc.integer({ min: 1, max: 1_000 }), ({ file, text }, seed) => {
        let scenario: Scenario;
        try {
          scenario = loadScenario(text, file);
        } catch {
          return; // the property above covers rejections
        }
        const result = runScenario(scenario, { seed, untilMs: RUN_LIMIT_MS });
        for (const output of result.outputs) {
          if (output.kind === 'command') expect(dockerResultProblem(output.command, output), output.command).toBeNull();
          else expect(leakIn(output.stderr, text)).toBeNull();
        }
        for (const unmet of result.unmet) expect(leakIn(unmet, text), unmet).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});
