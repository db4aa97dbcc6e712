// A drained node's replicated tasks are replaced only as their restart policy allows (swarmkit's restart supervisor).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

function drained(condition: string) {
  const yaml = `
name: drain-${condition}
seed: 1
cluster:
  nodes: 3
steps:
  - docker service create -d --name web --replicas 6 --restart-condition ${condition} app:v1
  - wait: converged
  - docker node update --availability drain node-2
  - wait: settled
  - docker service update -d --label-add touched=yes web
  - wait: settled
`;
  const { trace } = runScenario(loadScenario(yaml, 'drain.yaml'));
  const drainMs = trace.events.find((e) => e.type === 'command' && e.text.includes('drain'))!.t_ms;
  const changedMs = trace.events.find((e) => e.type === 'command' && e.text.includes('label-add'))!.t_ms;
  const created = trace.events.filter((e) => e.type === 'task_created');
  return {
    beforeServiceChange: created
      .filter((e) => e.t_ms >= drainMs && e.t_ms < changedMs)
      .map((e) => `${e.slot}:${e.origin}`),
    afterServiceChange: created.filter((e) => e.t_ms >= changedMs).map((e) => `${e.slot}:${e.origin}`),
    running: trace.tasks.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running').length,
  };
}

describe('drain and the restart policy', () => {
  it('restart any: the 2 drained tasks are replaced at once by the restart supervisor', () => {
    expect(drained('any')).toEqual({
      beforeServiceChange: ['2:restart', '5:restart'],
      afterServiceChange: [],
      running: 6,
    });
  });

  // A node change does not reconcile a replicated service; a later service change (a label added) does, but a slot
  // whose last task may not restart keeps that task (swarmkit's UpdatableTasksInSlot): still 4 running.
  it('restart none: not replaced, neither at the drain nor when the service changes later', () => {
    expect(drained('none')).toEqual({ beforeServiceChange: [], afterServiceChange: [], running: 4 });
  });
});
