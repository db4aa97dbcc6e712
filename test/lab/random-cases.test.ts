// conform --random's drawn cases: the same seed draws the same files, each loads and runs, and all kinds appear.
import { describe, expect, it } from 'vitest';
import { RANDOM_BEHAVIOURS, randomCase, randomCases } from '../../src/real-swarm/random-cases.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

describe('random conformance cases', () => {
  it('case (seed, index) is the same file whatever the campaign size', () => {
    expect(randomCases(12, 40)[6]).toEqual(randomCase(12, 7));
    expect(randomCases(12, 8)[6]).toEqual(randomCase(12, 7));
    expect(randomCase(12, 7).yaml).not.toBe(randomCase(13, 7).yaml);
  });

  it('every case of 60 loads and runs on the simulator to a final state or a removed service', () => {
    for (const drawn of randomCases(3, 60)) {
      const scenario = loadScenario(drawn.yaml, `${drawn.id}.yaml`);
      const trace = runScenario(scenario, {}).trace;
      const statuses = trace.events.filter((e) => e.type === 'update_status');
      const removed = trace.events.some((e) => e.type === 'service_spec' && e.action === 'remove');
      expect(removed || statuses.length > 0, `case ${drawn.id} (${drawn.summary})`).toBe(true);
    }
  });

  it('60 cases cover every new-image behaviour and every mid-run command', () => {
    const summaries = randomCases(3, 60).map((c) => c.summary);
    for (const behaviour of RANDOM_BEHAVIOURS) {
      expect(summaries.some((s) => s.includes(`new image ${behaviour},`))).toBe(true);
    }
    for (const midRun of ['none', 'second-update', 'rollback', 'scale', 'force', 'rm']) {
      expect(summaries.some((s) => s.endsWith(`mid-run ${midRun}`))).toBe(true);
    }
  });
});
