// `images: {IMG: {one_of: [...]}}`: each new task of the image draws one behaviour (from the seed; a choice in
// explore).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/lab/explore/explore.js';
import { outcomeKey } from '../../src/lab/explore/outcome.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const FILE = 'test/fixtures/explore/one-of.yaml';
const text = readFileSync(FILE, 'utf8');

describe('one_of image behaviours', () => {
  it('reads words of the fault registry and behaviour mappings', () => {
    const scenario = loadScenario(
      'steps: [docker service ls]\nimages:\n  app:v2: {one_of: [healthy, {exit: 1, after: 2s}, unhealthy, {start: ' +
        '20s}, crash]}\n',
      'x.yaml',
    );
    expect(scenario.cluster.images).toEqual({
      'app:v2': {
        oneOf: [
          {},
          { exitCode: 1, exitAfterMs: 2000 },
          { healthcheck: { intervalMs: 2000, retries: 3, healthyAfterMs: 'never' } },
          { startMs: 20000 },
          { exitCode: 1, exitAfterMs: 2000 },
        ],
      },
    });
  });

  it('swarmlab run: each new task draws its behaviour from the seed, independently of the others', () => {
    const scenario = loadScenario(text, FILE);
    const newTasks = (seed: number) =>
      runScenario(scenario, { seed })
        .trace.tasks.filter((t) => t.Spec.ContainerSpec.Image === 'app:v2')
        .map((t) => `${t.Slot}:${t.Status.State}`);
    // Seed 1: both new tasks healthy. Seed 2: the first one exits 1, the update rolls back and stops the other.
    expect(newTasks(1)).toEqual(['1:running', '2:running']);
    expect(newTasks(2)).toEqual(['2:failed', '1:shutdown', '2:shutdown']);
    expect(newTasks(2)).toEqual(newTasks(2));
  });

  it('swarmlab explore: the draw is a choice point, both behaviours of every new task are explored', () => {
    const report = explore(loadScenario(text, FILE), text);
    expect([report.exhausted, report.runs, report.pruned]).toEqual([true, 20, 0]);
    expect(report.outcomes.map((row) => [outcomeKey(row.outcome), row.runs])).toEqual([
      ['["completed","update completed",{"app:v2":2},1,2]', 2],
      ['["rollback_completed","rollback completed",{"app:v1":2},0,2]', 12],
      ['["rollback_completed","rollback completed",{"app:v1":2},1,2]', 6],
    ]);
  });
});
