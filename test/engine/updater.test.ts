// The rolling updater against swarmkit's rules (semantics §2), with exact virtual times from the timing profile.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../src/defaults.js';
import { ratioExceeded } from '../../src/engine/orchestrator/updater-machine.js';
import {
  cluster,
  converge,
  engine,
  runningImages,
  settle,
  spec,
  statusEvents,
  statusOf,
  tasksCreatedPerImage,
  updateConfig,
  updaterEvents,
  withImage,
} from '../helpers/engine.js';

const T = DEFAULT_TIMING as Record<string, number>;
/** One stop-first step with a TERM-ignoring image: told to stop → SIGTERM → SIGKILL → die → shutdown → start. */
const STOP_FIRST_STEP_MS = T.stopLatencyMs + 10_000 + T.stopMs + T.shutdownReportMs + T.startDispatchMs + T.startMs;

describe('rolling update timing', () => {
  it('replaces one slot at a time by default and completes one monitor period after the last task runs', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 4));
    const t0 = e.nowMs();
    e.updateService('web', withImage(base, 'app:v2'));
    settle(e);
    const expectedMs = 4 * STOP_FIRST_STEP_MS + 4 * T.updaterGapMs + 5_000;
    expect(statusEvents(e, t0)).toEqual([
      { tMs: 0, state: 'updating', message: 'update in progress' },
      { tMs: expectedMs, state: 'completed', message: 'update completed' },
    ]);
    // The real Swarm 20.10 took 52.08 s for this (conformance update-default).
    expect(Math.abs(expectedMs - 52_080) / 52_080).toBeLessThan(0.15);
    expect(runningImages(e, 'web')).toEqual({ 'app:v2': 4 });
    expect(tasksCreatedPerImage(e)).toEqual({ 'app:v1': 4, 'app:v2': 4 });
  });

  it('sleeps the delay in each worker after each of its slots, the last one included, then monitors', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 4, { UpdateConfig: updateConfig({ Parallelism: 2, Delay: 3e9 }) }));
    const t0 = e.nowMs();
    e.updateService('web', withImage(base, 'app:v2'));
    settle(e);
    const delays = updaterEvents(e, 'delay_start');
    expect(delays.map((d) => d.worker).sort()).toEqual([1, 1, 2, 2]);
    expect(delays.every((d) => d.durationMs === 3_000)).toBe(true);
    const step = STOP_FIRST_STEP_MS + T.updaterGapMs + 3_000;
    expect(statusEvents(e, t0).at(-1)).toEqual({
      tMs: 2 * step + 5_000,
      state: 'completed',
      message: 'update completed',
    });
  });

  it('uses delay + 1 s as the final monitor period when the delay is at least the monitor', () => {
    const e = engine(1);
    const base = converge(
      e,
      spec('web', 'app:term1', 1, { UpdateConfig: updateConfig({ Delay: 10e9, Monitor: 5e9 }) }),
    );
    e.updateService('web', withImage(base, 'app:term2'));
    settle(e);
    expect(updaterEvents(e, 'monitor_start').map((m) => m.durationMs)).toEqual([11_000]);
  });

  it('never has more than `parallelism` slots in flight', () => {
    const e = engine(3);
    const base = converge(e, spec('web', 'app:term1', 9, { UpdateConfig: updateConfig({ Parallelism: 3 }) }));
    e.updateService('web', withImage(base, 'app:term2'));
    settle(e);
    let inFlight = 0;
    let peak = 0;
    for (const ev of e.events()) {
      if (ev.type !== 'updater') continue;
      if (ev.action === 'slot_start') peak = Math.max(peak, ++inFlight);
      if (ev.action === 'slot_done') inFlight--;
    }
    expect(peak).toBe(3);
  });

  it('start-first starts the new task first and stops the old one only once the new one runs', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 3, { UpdateConfig: updateConfig({ Order: 'start-first' }) }));
    const t0 = e.nowMs();
    e.updateService('web', withImage(base, 'app:v2'));
    settle(e);
    const completed = statusEvents(e, t0).at(-1)!;
    expect(completed.state).toBe('completed');
    // Real Swarm: 6.29 s.
    expect(Math.abs(completed.tMs - 6_290) / 6_290).toBeLessThan(0.15);
    const created = e.events().filter((ev) => ev.type === 'task_created' && ev.t_ms >= t0);
    expect(created.every((ev) => ev.type === 'task_created' && ev.desired === 'ready')).toBe(true);
  });
});

describe('failure detection and actions', () => {
  it('compares float32(failures)/float32(dirty slots) strictly with the ratio', () => {
    expect(ratioExceeded(1, 4, 0)).toBe(true);
    expect(ratioExceeded(1, 4, 0.4)).toBe(false);
    expect(ratioExceeded(2, 4, 0.4)).toBe(true);
    expect(ratioExceeded(1, 5, 0.2)).toBe(false);
    expect(ratioExceeded(2, 5, 0.2)).toBe(true);
    expect(ratioExceeded(4, 4, 1)).toBe(false);
  });

  it('pauses on the first failure, lets the slot in flight finish, and restarts failed tasks with the new spec', () => {
    const e = engine(1);
    const base = converge(e, spec('web', 'app:v1', 4, { UpdateConfig: updateConfig({ Monitor: 4e9 }) }));
    e.updateService('web', withImage(base, 'app:bad'));
    settle(e);
    const status = statusOf(e, 'web')!;
    expect(status.State).toBe('paused');
    expect(status.Message).toMatch(/^update paused due to failure or early termination of task [a-z0-9]{25}$/);
    expect(status.CompletedAt).toBeUndefined();
    // Two slots went to the bad image: the failed one and the one in flight at the pause.
    const updaterTasks = e.events().filter((ev) => ev.type === 'task_created' && ev.origin === 'updater');
    expect(updaterTasks.length).toBe(2);
    const restarts = e.events().filter((ev) => ev.type === 'task_created' && ev.origin === 'restart');
    expect(restarts.length).toBeGreaterThan(0);
    expect(restarts.every((ev) => ev.type === 'task_created' && ev.image === 'app:bad')).toBe(true);
  });

  it('rolls back automatically: restores the previous spec, clears it, keeps StartedAt', () => {
    const e = engine(1);
    const base = converge(
      e,
      spec('web', 'app:v1', 4, { UpdateConfig: updateConfig({ Monitor: 4e9, FailureAction: 'rollback' }) }),
    );
    const t0 = e.nowMs();
    e.updateService('web', withImage(base, 'app:bad'));
    settle(e);
    const states = statusEvents(e, t0).map((s) => s.state);
    expect(states).toEqual(['updating', 'rollback_started', 'rollback_completed']);
    const service = e.state().services[0];
    expect(service.Spec.TaskTemplate.ContainerSpec.Image).toBe('app:v1');
    expect(service.PreviousSpec).toBeUndefined();
    expect(service.UpdateStatus!.StartedAt).toBe(
      new Date(Date.parse('2026-01-01T00:00:00Z') + Math.floor(t0)).toISOString(),
    );
    expect(runningImages(e, 'web')).toEqual({ 'app:v1': 4 });
    expect(() => e.updateService('web', service.Spec, { rollback: true })).toThrow(
      `rpc error: code = FailedPrecondition desc = service ${service.ID} does not have a previous spec`,
    );
  });

  it('with failure action continue, counts nothing and completes even when every new task fails', () => {
    const e = engine(1);
    const base = converge(
      e,
      spec('web', 'app:v1', 2, {
        UpdateConfig: updateConfig({ FailureAction: 'continue' }),
        TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0, RestartPolicy: { Condition: 'none' } },
      }),
    );
    e.updateService('web', withImage(base, 'app:bad'));
    settle(e);
    expect(statusOf(e, 'web')!.State).toBe('completed');
    expect(updaterEvents(e, 'failure_counted')).toEqual([]);
  });

  it('ignores a crash that comes after the monitor window (late crash): the update completes', () => {
    const e = engine(1, cluster({ images: { 'app:late': { exitCode: 3, exitAfterMs: 8_000 } } }));
    const base = converge(e, spec('web', 'app:term1', 1, { UpdateConfig: updateConfig({ Monitor: 3e9 }) }));
    e.updateService('web', withImage(base, 'app:late'));
    e.runUntil(() => statusOf(e, 'web')?.State === 'completed', 60_000);
    expect(statusOf(e, 'web')!.State).toBe('completed');
    settle(e);
    expect(statusOf(e, 'web')!.State).toBe('completed');
    expect(updaterEvents(e, 'failure_counted')).toEqual([]);
  });

  it('counts a task that never reaches RUNNING (unhealthy) however long it took', () => {
    const ignoring = engine(
      1,
      cluster({
        images: {
          'app:sick': { ignoresSigterm: true, healthcheck: { intervalMs: 1_000, retries: 2, healthyAfterMs: 'never' } },
        },
      }),
    );
    const before = converge(
      ignoring,
      spec('web', 'app:term1', 1, { UpdateConfig: updateConfig({ FailureAction: 'rollback' }) }),
    );
    ignoring.updateService('web', withImage(before, 'app:sick'));
    settle(ignoring);
    const failed = ignoring.events().find((ev) => ev.type === 'task_state' && ev.state === 'failed');
    expect(failed && failed.type === 'task_state' && failed.err).toBe(
      'task: non-zero exit (137): dockerexec: unhealthy container',
    );
    expect(statusOf(ignoring, 'web')!.State).toBe('rollback_completed');

    const e = engine(
      1,
      cluster({ images: { 'app:sick': { healthcheck: { intervalMs: 1_000, retries: 2, healthyAfterMs: 'never' } } } }),
    );
    const base = converge(
      e,
      spec('web', 'app:term1', 3, { UpdateConfig: updateConfig({ Monitor: 1e6, FailureAction: 'rollback' }) }),
    );
    e.updateService('web', withImage(base, 'app:sick'));
    settle(e);
    expect(statusOf(e, 'web')!.State).toBe('rollback_completed');
    // app:sick handles SIGTERM: stopped as unhealthy it exits 0 and the task ends complete (as on the real swarm).
    const ended = e
      .events()
      .find((ev) => ev.type === 'task_state' && (ev.state === 'failed' || ev.state === 'complete'));
    expect(ended && ended.type === 'task_state' && [ended.state, ended.message]).toEqual(['complete', 'finished']);
  });
});
