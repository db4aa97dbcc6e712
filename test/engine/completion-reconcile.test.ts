// The status write that completes an update is a service write, and swarmkit reconciles on it: a slot left with two
// tasks gets a new updater (campaign case 14-44, recorded on Swarm 20.10: "update completed" after "rollback
// completed").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const FILE = 'test/fixtures/engine/crowded-slot.yaml';

describe('an update that completes with a slot holding two tasks', () => {
  const { trace } = runScenario(loadScenario(readFileSync(FILE, 'utf8'), FILE));
  const statuses = trace.events.filter((e) => e.type === 'update_status');
  const lastUpdate = trace.events.filter((e) => e.type === 'command').at(-1)!.t_ms;

  it('gets a new updater at the completion, which removes the extra task and keeps one task', () => {
    const after = statuses.filter((e) => e.t_ms >= lastUpdate).map((e) => [e.t_ms - lastUpdate, e.state]);
    expect(after).toEqual([
      [0, null],
      [0, 'updating'],
      [15_190, 'completed'],
    ]);
    const updater = trace.events.flatMap((e) =>
      e.type === 'updater' && e.t_ms >= lastUpdate + 15_190
        ? [[e.t_ms - lastUpdate, e.action, 'dirtySlots' in e ? e.dirtySlots : '-']]
        : [],
    );
    expect(updater).toEqual([
      [15_190, 'monitor_end', '-'], // the v3 update's monitor ends: `completed`
      [15_190, 'start', 1], // the reconcile on that write: slot 3 holds two v3 tasks
      [15_190, 'slot_start', '-'],
      [15_190, 'slot_done', '-'], // one is kept, the other told to stop
      [15_240, 'monitor_start', '-'], // `wait: settled` ends in this monitor (the status is already final)
    ]);
  });

  it('ends with one v3 task per slot', () => {
    const running = trace.tasks.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running');
    expect(running.map((t) => `${t.Slot}:${t.Spec.ContainerSpec.Image}`).sort()).toEqual([
      '1:lab/rnd:v3',
      '2:lab/rnd:v3',
      '3:lab/rnd:v3',
    ]);
  });
});
