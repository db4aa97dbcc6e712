// stateAt: the state rebuilt from a trace's events equals what the engine itself showed at that virtual time.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { runCommands } from '../../src/scenario/run.js';
import { eventsInTimeOrder, lastEventAt, SNAPSHOT_EVERY, stateAt } from '../../src/trace/replay.js';
import { converge, engine, settle, spec, updateConfig, withImage } from '../helpers/engine.js';

function rollout(e: Engine, replicas: number): void {
  const base = converge(
    e,
    spec('web', 'app:term1', replicas, { UpdateConfig: updateConfig({ Parallelism: 2, Delay: 3e9 }) }),
  );
  e.updateService('web', withImage(base, 'app:term2'));
}

describe('stateAt', () => {
  it('rebuilds the final state of a run exactly (services, tasks, nodes)', () => {
    const e = engine(1);
    rollout(e, 4);
    settle(e);
    const trace = e.exportTrace('t');
    const state = stateAt(trace, trace.duration_ms);
    expect(state.services).toEqual(trace.services);
    expect(state.tasks).toEqual(trace.tasks);
    expect(state.nodes).toEqual(trace.nodes);
    expect(state.nowMs).toBe(15_840);
  });

  it('equals the engine state at intermediate times, across snapshot boundaries', () => {
    const full = engine(5);
    rollout(full, 40);
    settle(full);
    const trace = full.exportTrace('t');
    expect(trace.events.length).toBeGreaterThan(3 * SNAPSHOT_EVERY);
    for (const tMs of [1_500, 2_500, 3_135, 9_001, 20_001]) {
      const live = engine(5);
      rollout(live, 40);
      live.advanceTo(tMs);
      const expected = live.state();
      const rebuilt = stateAt(trace, tMs);
      expect(live.nowMs()).toBe(tMs);
      expect(rebuilt.tasks).toEqual(expected.tasks);
      expect(rebuilt.services).toEqual(expected.services);
    }
  });

  it('shows no task before the first command and every task of the slot history after', () => {
    const e = engine(1);
    rollout(e, 4);
    settle(e);
    const trace = e.exportTrace('t');
    expect(stateAt(trace, -1).tasks).toEqual([]);
    expect(
      stateAt(trace, 2_000).tasks.map(
        (t) => `${t.Slot}:${t.Spec.ContainerSpec.Image}:${t.Status.State}:${t.DesiredState}`,
      ),
    ).toEqual([
      '1:app:term1:running:shutdown',
      '2:app:term1:running:running',
      '3:app:term1:running:running',
      '4:app:term1:running:shutdown',
      '1:app:term2:ready:ready',
      '4:app:term2:ready:ready',
    ]);
  });

  it('puts a command event recorded late (when its command returned) back at the time it was typed', () => {
    const run = runCommands([
      'docker service create --name web --replicas 2 nginx:1.25',
      'docker service update --image nginx:latest web',
    ]);
    const events = [...run.trace.events];
    const index = events.findIndex((ev) => ev.type === 'command' && ev.t_ms === 5_600);
    const [command] = events.splice(index, 1);
    const trace = { ...run.trace, events: [...events, command] };
    const ordered = eventsInTimeOrder(trace);
    expect(ordered.map((ev) => ev.t_ms)).toEqual(run.trace.events.map((ev) => ev.t_ms));
    expect(ordered.filter((ev) => ev.type === 'command').map((ev) => ev.t_ms)).toEqual([0, 5_600]);
    expect(lastEventAt(ordered, -1)).toBe(-1);
    expect(stateAt(trace, 9_000)).toEqual(stateAt(run.trace, 9_000));
  });
});
