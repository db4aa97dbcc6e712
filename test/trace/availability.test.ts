// One availability: the chart's series, the lab's minAvailable and the state replayed at each instant agree on every
// scenario.
import { describe, expect, it } from 'vitest';
import { availability, firstRollout, minAvailable } from '../../src/lab/queries.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { countsAsAvailable } from '../../src/trace/availability.js';
import { stateAt } from '../../src/trace/replay.js';
import { availabilityAt, availabilitySeries, lowestAvailability } from '../../src/trace/series.js';
import type { Millis, Trace } from '../../src/types.js';
import { cluster, converge, engine, settle, spec, updateConfig, withImage } from '../helpers/engine.js';
import { scenarioSources } from '../robustness/file-checks.js';

const SEEDS = [1, 2, 3];

/** Serving tasks of the service at `tMs`, counted from the replayed Engine API objects (Task, Node) alone. */
function servingFromState(trace: Trace, serviceId: string, tMs: Millis): number {
  const state = stateAt(trace, tMs);
  const nodes = new Map(state.nodes.map((node) => [node.ID, node]));
  return state.tasks.filter(
    (task) =>
      task.ServiceID === serviceId &&
      countsAsAvailable(
        { state: task.Status.State, desired: task.DesiredState },
        task.NodeID ? { state: nodes.get(task.NodeID)?.Status.State ?? 'unknown' } : undefined,
      ),
  ).length;
}

describe('the chart and minAvailable count the same tasks', () => {
  const runs = scenarioSources().flatMap(({ file, text }) =>
    SEEDS.map((seed) => ({
      key: `${file} seed ${seed}`,
      trace: runScenario(loadScenario(text, file), { seed }).trace,
    })),
  );

  it('runs every scenario file', () => {
    expect(runs.length).toBe(scenarioSources().length * SEEDS.length);
    expect(runs.length).toBeGreaterThan(60);
  });

  it("every scenario × seeds 1-3: chart's first-rollout lowest is minAvailable, each point the replayed state", () => {
    const disagreements: string[] = [];
    let rolloutsSeen = 0;
    for (const { key, trace } of runs) {
      const hasRollout = trace.events.some((ev) => ev.type === 'update_status' && ev.state === 'updating');
      if (!hasRollout) continue;
      rolloutsSeen++;
      const rollout = firstRollout(trace);
      const series = availabilitySeries(trace, rollout.serviceId);
      const endMs = rollout.endMs ?? trace.duration_ms;
      const chartLowest = lowestAvailability(series, rollout.startMs, endMs);
      if (chartLowest !== minAvailable(trace))
        disagreements.push(`${key}: chart ${chartLowest}, minAvailable ${minAvailable(trace)}`);
      // The series against the state replayed at every instant something happened during the rollout.
      const instants = new Set(trace.events.map((ev) => ev.t_ms).filter((t) => t >= rollout.startMs && t <= endMs));
      let lowestReplayed = Infinity;
      for (const tMs of instants) {
        const replayed = servingFromState(trace, rollout.serviceId, tMs);
        lowestReplayed = Math.min(lowestReplayed, replayed);
        const charted = availabilityAt(series, tMs)?.total;
        if (charted !== replayed)
          disagreements.push(`${key} at ${tMs} ms: chart ${charted}, replayed state ${replayed}`);
      }
      if (lowestReplayed !== chartLowest)
        disagreements.push(`${key}: replayed lowest ${lowestReplayed}, chart ${chartLowest}`);
    }
    expect(disagreements).toEqual([]);
    expect(rolloutsSeen).toBeGreaterThan(50);
  });
});

describe('the two counting modes', () => {
  function stopFirstRun(): Trace {
    const e = engine(1);
    const base = converge(
      e,
      spec('web', 'app:term1', 4, { UpdateConfig: updateConfig({ Parallelism: 2, Delay: 3e9 }) }),
    );
    e.updateService('web', withImage(base, 'app:term2'));
    settle(e);
    return e.exportTrace('small');
  }

  it('serving drops when a task is told to stop; running when it has stopped (as docker service ps shows it)', () => {
    const trace = stopFirstRun();
    expect(availability(trace, 'web')).toEqual([
      [0, 0],
      [420, 4],
      [1420, 2],
      [3080, 4],
      [6130, 2],
      [7790, 4],
    ]);
    expect(availability(trace, 'web', { counting: 'running' })).toEqual([
      [0, 0],
      [420, 4],
      [2680, 2],
      [3080, 4],
      [7390, 2],
      [7790, 4],
    ]);
    expect(minAvailable(trace, 'web')).toBe(2);
    expect(minAvailable(trace, 'web', { counting: 'running' })).toBe(2);
  });

  it("a cut node's tasks count until the manager marks the node down, in the chart and in minAvailable alike", () => {
    const e = engine(4, cluster({ nodeCount: 3 }));
    const base = converge(
      e,
      spec('web', 'app:term1', 3, { UpdateConfig: updateConfig({ Parallelism: 1, Delay: 20e9 }) }),
    );
    e.updateService('web', withImage(base, 'app:term2'));
    e.advanceTo(e.nowMs() + 100);
    const cutMs = e.nowMs();
    e.nodeDown('node-3');
    settle(e);
    e.advanceTo(e.nowMs() + 30_000);
    const trace = e.exportTrace('cut');
    const downMs = trace.events.find((ev) => ev.type === 'node' && ev.state === 'down')!.t_ms;
    expect([cutMs, downMs]).toEqual([1_520, 13_027]);
    const series = availabilitySeries(trace, trace.services[0].ID);
    // node-3's task serves from 3080 on and still counts after the cut (1520), until the node is marked down.
    expect(series.points.map((p) => [p.tMs, p.total])).toEqual([
      [0, 0],
      [420, 3],
      [1_420, 2],
      [3_080, 3],
      [13_027, 2],
      [18_427, 3],
      [23_130, 2],
      [24_790, 3],
    ]);
    expect(minAvailable(trace)).toBe(2);
    // As docker service ps shows it, node-3's task stays `running` after Down too (the manager never heard it stop).
    expect(availability(trace, 'web', { counting: 'running' })).toEqual([
      [0, 0],
      [420, 3],
      [2_680, 2],
      [3_080, 3],
      [18_427, 4],
      [24_390, 3],
      [24_790, 4],
    ]);
  });
});
