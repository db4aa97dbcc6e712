// Restart policy, task history, nodes (spread, drain, loss), global services, scaling and determinism.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import {
  cluster,
  converge,
  engine,
  runningImages,
  settle,
  spec,
  statusOf,
  updateConfig,
  withImage,
} from '../helpers/engine.js';

const tasksOf = (e: Engine, name: string) => {
  const state = e.state();
  const service = state.services.find((s) => s.Spec.Name === name)!;
  return state.tasks.filter((t) => t.ServiceID === service.ID);
};
const hostnames = (e: Engine) => new Map(e.state().nodes.map((n) => [n.ID, n.Description.Hostname]));

describe('restart policy', () => {
  it('replaces a crashed task with the current spec after the 5 s restart delay', () => {
    const e = engine(1, cluster({ images: { 'app:crash': { exitCode: 2, exitAfterMs: 1_000 } } }));
    e.createService(spec('web', 'app:crash', 1));
    e.runUntil(() => e.events().some((ev) => ev.type === 'task_state' && ev.state === 'failed'), 60_000);
    const failedAt = e.nowMs();
    e.runUntil(
      () => tasksOf(e, 'web').length === 2 && tasksOf(e, 'web').some((t) => t.Status.State === 'starting'),
      60_000,
    );
    const starting = e
      .events()
      .filter((ev) => ev.type === 'task_state' && ev.state === 'starting')
      .at(-1)!;
    // Real Swarm: failed → restart task starting 5.17 s (median).
    expect(starting.t_ms - failedAt).toBe(50 + 5_000 + 150);
    const failed = tasksOf(e, 'web').find((t) => t.Status.State === 'failed')!;
    expect(failed.Status.Err).toBe('task: non-zero exit (2)');
    expect(failed.DesiredState).toBe('shutdown');
  });

  it('does not restart with condition none, nor after exit 0 with on-failure', () => {
    for (const [condition, image] of [
      ['none', 'app:crash'],
      ['on-failure', 'app:done'],
    ] as const) {
      const e = engine(
        1,
        cluster({
          images: { 'app:crash': { exitCode: 2, exitAfterMs: 1_000 }, 'app:done': { exitCode: 0, exitAfterMs: 1_000 } },
        }),
      );
      e.createService(
        spec('web', image, 2, {
          TaskTemplate: { ContainerSpec: { Image: image }, ForceUpdate: 0, RestartPolicy: { Condition: condition } },
        }),
      );
      e.advanceTo(60_000);
      expect(tasksOf(e, 'web').length).toBe(2);
    }
  });

  it('stops restarting after MaxAttempts and keeps MaxAttempts+1 tasks of history', () => {
    const e = engine(1, cluster({ images: { 'app:crash': { exitCode: 2, exitAfterMs: 500 } } }));
    e.createService(
      spec('web', 'app:crash', 1, {
        TaskTemplate: {
          ContainerSpec: { Image: 'app:crash' },
          ForceUpdate: 0,
          RestartPolicy: { Condition: 'any', Delay: 1e9, MaxAttempts: 2 },
        },
      }),
    );
    e.advanceTo(120_000);
    const created = e.events().filter((ev) => ev.type === 'task_created').length;
    expect(created).toBe(3);
    expect(tasksOf(e, 'web').length).toBe(3);
  });

  it('keeps at most 5 tasks per slot (task history retention limit)', () => {
    const e = engine(1, cluster({ images: { 'app:crash': { exitCode: 2, exitAfterMs: 500 } } }));
    e.createService(
      spec('web', 'app:crash', 1, {
        TaskTemplate: {
          ContainerSpec: { Image: 'app:crash' },
          ForceUpdate: 0,
          RestartPolicy: { Condition: 'any', Delay: 1e9 },
        },
      }),
    );
    e.advanceTo(120_000);
    expect(e.events().filter((ev) => ev.type === 'task_created').length).toBeGreaterThan(10);
    expect(tasksOf(e, 'web').length).toBe(5);
  });
});

describe('nodes', () => {
  it('spreads replicas over active nodes', () => {
    const e = engine(1, cluster({ nodeCount: 3 }));
    converge(e, spec('web', 'app:v1', 6));
    const perNode = new Map<string, number>();
    for (const task of tasksOf(e, 'web')) perNode.set(task.NodeID!, (perNode.get(task.NodeID!) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
  });

  it('drain moves every task of the node at once, without the restart delay', () => {
    const e = engine(1, cluster({ nodeCount: 2 }));
    converge(e, spec('web', 'app:term1', 4));
    const t0 = e.nowMs();
    e.updateNode('node-2', { availability: 'drain' });
    e.runUntil(() => e.isConverged('web'), 60_000);
    const names = hostnames(e);
    const running = tasksOf(e, 'web').filter((t) => t.DesiredState === 'running');
    expect(running.map((t) => names.get(t.NodeID!))).toEqual(['node-1', 'node-1', 'node-1', 'node-1']);
    expect(e.nowMs() - t0).toBeLessThan(3_000);
  });

  it('a lost node is down after the heartbeat timeout; its tasks restart elsewhere, stay Running/Shutdown', () => {
    const e = engine(1, cluster({ nodeCount: 2 }));
    converge(e, spec('web', 'app:term1', 4));
    const t0 = e.nowMs();
    e.nodeDown('node-2');
    e.runUntil(() => e.state().nodes.some((n) => n.Status.State === 'down'), 60_000);
    // 15 s after the last heartbeat (test/engine/heartbeat.test.ts): seed 1's was 2.449 s before the cut.
    expect(e.nowMs() - t0).toBe(12_551);
    expect(e.state().nodes.find((n) => n.Description.Hostname === 'node-2')!.Status.Message).toBe('heartbeat failure');
    e.runUntil(() => e.isConverged('web'), 60_000);
    const stale = tasksOf(e, 'web').filter((t) => t.DesiredState === 'shutdown');
    expect(stale.length).toBe(2);
    expect(stale.every((t) => t.Status.State === 'running')).toBe(true);
    e.nodeUp('node-2');
    settle(e);
    expect(tasksOf(e, 'web').filter((t) => t.Status.State === 'running').length).toBe(4);
  });

  it("leaves a task pending with Swarm's error when no node can take it", () => {
    const e = engine(1, cluster({ nodeCount: 1 }));
    e.updateNode('node-1', { availability: 'pause' });
    e.createService(spec('web', 'app:v1', 1));
    e.advanceTo(5_000);
    const [task] = tasksOf(e, 'web');
    expect(task.Status.State).toBe('pending');
    expect(task.Status.Err).toBe('no suitable node (1 node not available for new tasks)');
    e.updateNode('node-1', { availability: 'active' });
    expect(e.runUntil(() => e.isConverged('web'), 10_000)).toBe(true);
  });
});

describe('global services', () => {
  it('runs one task per active node and updates node by node', () => {
    const e = engine(2, cluster({ nodeCount: 3 }));
    const base = converge(e, { ...spec('agent', 'app:term1', 0), Mode: { Global: {} } });
    expect(tasksOf(e, 'agent').length).toBe(3);
    e.updateService('agent', withImage(base, 'app:term2'));
    settle(e);
    expect(statusOf(e, 'agent')!.State).toBe('completed');
    expect(runningImages(e, 'agent')).toEqual({ 'app:term2': 3 });
    expect(new Set(tasksOf(e, 'agent').map((t) => t.NodeID)).size).toBe(3);
  });
});

describe('scaling and superseding updates', () => {
  it('scale up creates the missing tasks at once, outside the rolling update; scale down removes', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 2));
    e.updateService('web', { ...base, Mode: { Replicated: { Replicas: 5 } } });
    expect(e.runUntil(() => e.isConverged('web'), 5_000)).toBe(true);
    expect(statusOf(e, 'web')).toBeUndefined();
    e.updateService('web', { ...base, Mode: { Replicated: { Replicas: 3 } } });
    settle(e);
    expect(
      tasksOf(e, 'web')
        .filter((t) => t.DesiredState === 'running')
        .map((t) => t.Slot)
        .sort(),
    ).toHaveLength(3);
  });

  it('an update during an update cancels the first; PreviousSpec is the intermediate spec', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 3));
    e.updateService('web', withImage(base, 'app:v2'));
    e.advanceTo(e.nowMs() + 15_000);
    e.updateService('web', withImage(base, 'app:v3'));
    settle(e);
    const service = e.state().services[0];
    expect(service.PreviousSpec!.TaskTemplate.ContainerSpec.Image).toBe('app:v2');
    expect(runningImages(e, 'web')).toEqual({ 'app:v3': 3 });
    expect(service.UpdateStatus!.State).toBe('completed');
  });

  it('resuming a paused update restarts the updater and loses the original PreviousSpec', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 4, { UpdateConfig: updateConfig({ Monitor: 4e9 }) }));
    e.updateService('web', withImage(base, 'app:bad'));
    settle(e);
    expect(statusOf(e, 'web')!.State).toBe('paused');
    const paused = e.state().services[0];
    e.updateService('web', paused.Spec);
    expect(e.state().services[0].UpdateStatus).toBeUndefined();
    expect(e.state().services[0].PreviousSpec!.TaskTemplate.ContainerSpec.Image).toBe('app:bad');
  });

  it('manual rollbacks flip between the two specs', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:term1', 2));
    e.updateService('web', withImage(base, 'app:term2'));
    settle(e);
    const images: string[] = [];
    for (let i = 0; i < 3; i++) {
      e.updateService('web', e.state().services[0].Spec, { rollback: true });
      expect(statusOf(e, 'web')).toMatchObject({ State: 'rollback_started', Message: 'manually requested rollback' });
      settle(e);
      expect(statusOf(e, 'web')).toMatchObject({ State: 'rollback_completed', Message: 'rollback completed' });
      images.push(Object.keys(runningImages(e, 'web')).join());
    }
    expect(images).toEqual(['app:term1', 'app:term2', 'app:term1']);
  });
});

describe('determinism', () => {
  const run = (seed: number) => {
    const e = engine(seed, cluster({ nodeCount: 3 }));
    const base = converge(
      e,
      spec('web', 'app:v1', 6, { UpdateConfig: updateConfig({ Parallelism: 2, FailureAction: 'rollback' }) }),
    );
    e.updateService('web', withImage(base, 'app:bad'));
    settle(e);
    return JSON.stringify(e.exportTrace('determinism'));
  };

  it('gives a byte-identical trace for the same seed, and a different slot order for another', () => {
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });
});

describe('daemon validation', () => {
  it("rejects an unknown node availability with the daemon's message", () => {
    const e = engine(1);
    expect(() => e.updateNode('node-1', { availability: 'sleep' as never })).toThrow('invalid Availability: "sleep"');
  });

  it('validates Spec.Update but not Spec.Rollback, and rejects unknown failure actions and orders', () => {
    const e = engine(1);
    expect(() =>
      e.createService(spec('a', 'app:v1', 1, { UpdateConfig: updateConfig({ MaxFailureRatio: 1.5 }) })),
    ).toThrow(
      'rpc error: code = InvalidArgument desc = TaskSpec: update-maxfailureratio cannot be less than 0 or bigger ' +
        'than 1',
    );
    expect(() => e.createService(spec('b', 'app:v1', 1, { UpdateConfig: updateConfig({ Delay: -1 }) }))).toThrow(
      'rpc error: code = InvalidArgument desc = TaskSpec: update-delay cannot be negative',
    );
    expect(() =>
      e.createService(spec('c', 'app:v1', 1, { UpdateConfig: updateConfig({ FailureAction: 'explode' }) })),
    ).toThrow('unrecognized update failure action explode');
    expect(() =>
      e.createService(spec('d', 'app:v1', 1, { UpdateConfig: updateConfig({ Order: 'sideways' }) })),
    ).toThrow('unrecognized update order sideways');
    expect(() =>
      e.createService(spec('e', 'app:v1', 1, { RollbackConfig: updateConfig({ Delay: -1, MaxFailureRatio: 5 }) })),
    ).not.toThrow();
  });

  it('refuses a rollback without a previous spec, and a second service with the same name', () => {
    const e = engine(1);
    const created = e.createService(spec('web', 'app:v1', 1));
    expect(() => e.updateService('web', created.Spec, { rollback: true })).toThrow(
      `rpc error: code = FailedPrecondition desc = service ${created.ID} does not have a previous spec`,
    );
    expect(() => e.createService(spec('web', 'app:v1', 1))).toThrow(
      'rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists',
    );
  });
});

describe('image references', () => {
  it('rejects what is not a repository/tag, as swarmkit does', () => {
    const e = engine(1);
    expect(() => e.createService(spec('web', '<img src=x onerror=alert(1)>', 1))).toThrow(
      'rpc error: code = InvalidArgument desc = ContainerSpec: "<img src=x onerror=alert(1)>" is not a valid ' +
        'repository/tag',
    );
    expect(() => e.createService(spec('web', '-name', 1))).toThrow(
      'rpc error: code = InvalidArgument desc = ContainerSpec: "-name" is not a valid repository/tag',
    );
    expect(() => e.createService(spec('web', 'localhost:5000/team/app:1.2.3', 1))).not.toThrow();
  });
});
