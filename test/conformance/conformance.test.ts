// The simulator against the recordings of a real Docker Swarm 20.10 (test/fixtures/conformance): each one as a scenario
// file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { RECORDINGS, realFacts, simulatedFacts } from './real-trace.js';

const DURATION_TOLERANCE = 0.15;

describe.each(RECORDINGS)('conformance: %s', (name) => {
  const file = `scenarios/conformance/${name}.yaml`;
  const scenario = loadScenario(readFileSync(file, 'utf8'), file);
  const real = realFacts(name);
  const result = runScenario(scenario);
  const serviceName = result.trace.services[0].Spec.Name;
  const simulated = simulatedFacts(result.trace, serviceName);

  it('ends in the same UpdateStatus state and message (task IDs aside)', () => {
    expect({ state: simulated.finalState, message: simulated.finalMessage }).toEqual({
      state: real.finalState,
      message: real.finalMessage,
    });
  });

  // Swarm picks slots in Go map order (random per run), so slots are compared as a multiset of images.
  it('leaves the same images in its slots at the end (newest task of each slot)', () => {
    const imagesOf = (bySlot: Record<number, string>) => Object.values(bySlot).sort();
    expect(Object.keys(simulated.imagesBySlot).length).toBe(Object.keys(real.imagesBySlot).length);
    expect(imagesOf(simulated.imagesBySlot)).toEqual(imagesOf(real.imagesBySlot));
  });

  it('keeps the same PreviousSpec', () => {
    expect(simulated.previousSpecImage).toBe(real.previousSpecImage);
  });

  it('creates as many tasks per image (±1 where the restart policy races)', () => {
    expect(Object.keys(simulated.tasksPerImage).sort()).toEqual(Object.keys(real.tasksPerImage).sort());
    for (const [image, count] of Object.entries(real.tasksPerImage)) {
      expect(
        Math.abs(simulated.tasksPerImage[image] - count),
        `${image}: simulated ${simulated.tasksPerImage[image]}, real ${count}`,
      ).toBeLessThanOrEqual(1);
    }
  });

  it(`takes as long for each update and rollback (within ${DURATION_TOLERANCE * 100} %)`, () => {
    expect(simulated.actionDurationsMs.length).toBe(real.actionDurationsMs.length);
    real.actionDurationsMs.forEach((realMs, i) => {
      const ratio = Math.abs(simulated.actionDurationsMs[i] - realMs) / realMs;
      expect(
        ratio,
        `action ${i}: simulated ${simulated.actionDurationsMs[i]} ms, real ${realMs.toFixed(0)} ms`,
      ).toBeLessThanOrEqual(DURATION_TOLERANCE);
    });
  });
});
