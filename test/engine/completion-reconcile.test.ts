// The status write that completes an update is a service write, and swarmkit reconciles on it: a slot left with two
// tasks gets a new updater (campaign case 14-44, recorded on Swarm 20.10: "update completed" after "rollback
// completed").
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

// Campaign case 13-73 at the pace its swarm showed (starts 1.51 s, stop latency 1.1 s): v2 exits 1 s after it starts,
// so slot 3's v2 exits after the v3 updater took that slot; the restart supervisor's replacement (made from the
// current spec, v3) is outside the updater's slot snapshot and starts beside the updater's own v3 task.
const YAML = `
name: crowded-slot
seed: 13073
cluster:
  timing: {start: 1510ms, stop_latency: 1100ms}
images:
  lab/rnd:v1: {}
  lab/rnd:v2: {exit: 0, after: 1s}
  lab/rnd:v3: {}
steps:
  - docker service create -d --name web --replicas 3 --restart-condition any --update-parallelism 1
    --update-delay 0s --update-monitor 10s --update-order start-first --update-failure-action pause lab/rnd:v1
  - wait: converged
  - docker service update -d --image lab/rnd:v2 web
  - wait: 4s
  - docker service update -d --image lab/rnd:v3 web
  - wait: settled
`;

describe('an update that completes with a slot holding two tasks', () => {
  const { trace } = runScenario(loadScenario(YAML, 'crowded-slot.yaml'));
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
