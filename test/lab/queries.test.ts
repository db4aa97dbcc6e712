// Trace queries of the policy lab on the course's scenarios: rollout spans, availability, bad tasks, detection times.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, stateAt } from '../../src/index.js';
import { type RolloutCase, runCase } from '../../src/lab/case.js';
import {
  availability,
  badTasksStarted,
  duration,
  failedTasks,
  minAvailable,
  rollouts,
  timeToDetect,
  timeToRollback,
} from '../../src/lab/queries.js';
import { loadScenario } from '../../src/scenario/load.js';
import { availabilitySeries, lowestAvailability } from '../../src/trace/series.js';

const course = (name: string) => readFileSync(`scenarios/course/${name}.yaml`, 'utf8');

describe('simulate', () => {
  it("runs YAML text or a loaded scenario, with the scenario's seed unless told otherwise", () => {
    const text = course('1a-update-image');
    const fromText = simulate(text);
    const fromObject = simulate(loadScenario(text, '1a.yaml'));
    expect(fromText.seed).toBe(11);
    expect(JSON.stringify(fromText.events)).toBe(JSON.stringify(fromObject.events));
    expect(simulate(text, { seed: 99 }).seed).toBe(99);
  });

  it('re-exports stateAt: the cluster at any virtual time of the trace', () => {
    const trace = simulate(course('1a-update-image'));
    const images = (t: number) =>
      stateAt(trace, t)
        .tasks.filter((task) => task.Status.State === 'running')
        .map((task) => task.Spec.ContainerSpec.Image)
        .sort();
    expect(images(5_000)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    expect(images(trace.duration_ms)).toEqual(['nginx:latest', 'nginx:latest', 'nginx:latest']);
  });
});

describe('rollouts and their queries', () => {
  it('1a: three stop-first replacements, then one monitor period: completed, one replica down at a time', () => {
    const trace = simulate(course('1a-update-image'));
    expect(
      rollouts(trace).map((r) => [r.service, r.kind, r.startMs, r.endMs, r.outcome, r.fromImage, r.toImage]),
    ).toEqual([['my_service', 'update', 5_600, 15_730, 'completed', 'nginx:1.25', 'nginx:latest']]);
    expect(duration(trace)).toBe(10_130);
    expect(minAvailable(trace, 'my_service')).toBe(2);
    expect(badTasksStarted(trace, 'my_service')).toBe(3);
    expect(failedTasks(trace, 'my_service')).toBe(0);
    expect(timeToDetect(trace)).toBeNull();
    expect(timeToRollback(trace)).toBeNull();
  });

  it('1b: parallelism 2 takes two replicas out at once (6 → 4), and the 10 s delays stretch the rollout', () => {
    const trace = simulate(course('1b-parallelism-delay'));
    expect(duration(trace)).toBe(46_130);
    expect(minAvailable(trace, 'my_service')).toBe(4);
  });

  it('2a: the manual rollback is a rollout of its own, after the update', () => {
    const trace = simulate(course('2a-manual-rollback'));
    expect(rollouts(trace, 'my_service').map((r) => [r.kind, r.startMs, r.endMs, r.outcome, r.toImage])).toEqual([
      ['update', 5_600, 15_730, 'completed', 'nginx:latest'],
      ['rollback', 15_800, 25_930, 'rollback_completed', 'nginx:1.25'],
    ]);
    expect(duration(trace)).toBe(10_130);
  });

  it('2b: the first crash is counted 3.79 s in; the automatic rollback completes 11.44 s after the start', () => {
    const trace = simulate(course('2b-rollback-on-failure'));
    const [rollout] = rollouts(trace);
    expect([rollout.outcome, rollout.firstFailureMs, rollout.rollbackStartMs, rollout.rollbackCompletedMs]).toEqual([
      'rollback_completed',
      9_390,
      9_390,
      17_040,
    ]);
    expect(timeToDetect(trace, 'my_service')).toBe(3_790);
    expect(timeToRollback(trace, 'my_service')).toBe(11_440);
    expect(duration(trace, 'my_service')).toBe(11_440);
    expect(badTasksStarted(trace, 'my_service')).toBe(2);
    // The first crash sets the rollback off; the second started task is shut down by the rollback before it crashes.
    expect(failedTasks(trace, 'my_service')).toBe(1);
    expect(minAvailable(trace, 'my_service')).toBe(2);
  });

  it('3: start-first with a never-healthy release keeps all 4 replicas serving; one bad task started', () => {
    const trace = simulate(course('3-best-practices'));
    expect(minAvailable(trace, 'shop_web')).toBe(4);
    expect(badTasksStarted(trace, 'shop_web')).toBe(1);
    expect(timeToDetect(trace, 'shop_web')).toBe(8_630);
    // The never-healthy task handles SIGTERM: stopped as unhealthy it exits 0 (complete), so on-failure does not
    // restart it, no slot is dirty for the rollback, and rollback_completed comes at once.
    expect(timeToRollback(trace, 'shop_web')).toBe(8_630);
  });

  it('availability is a step series over whole instants; unknown services are named in the error', () => {
    const trace = simulate(course('1a-update-image'));
    const series = availability(trace, 'my_service');
    expect(series[0]).toEqual([0, 0]);
    expect(series.at(-1)![1]).toBe(3);
    expect(Math.min(...series.filter(([t]) => t >= 5_600).map(([, n]) => n))).toBe(2);
    expect(() => duration(trace, 'nope')).toThrow('no service nope in the trace (services: my_service)');
  });

  it('a node cut shorter than the heartbeat TTL never goes down: its tasks count all along, as in the chart', () => {
    const rolloutCase: RolloutCase = {
      seed: 3,
      nodes: 3,
      newImage: 'app:v2',
      images: {},
      service: {
        Name: 'web',
        Labels: {},
        TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0 },
        Mode: { Replicated: { Replicas: 4 } },
        UpdateConfig: { Parallelism: 1, Delay: 5e9, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0 },
      },
      faults: [
        { atMs: 3_000, kind: 'node-down', node: 'node-2' },
        { atMs: 8_000, kind: 'node-up', node: 'node-2' },
      ],
    };
    const trace = runCase(rolloutCase);
    expect(trace.events.filter((ev) => ev.type === 'node' && ev.state === 'down')).toEqual([]);
    expect(
      trace.events.filter((ev) => ev.type === 'fault').map((ev) => [ev.t_ms, ev.type === 'fault' && ev.fault]),
    ).toEqual([
      [4_420, 'node-down'],
      [9_420, 'node-up'],
    ]);
    // Until the fault became an event, minAvailable stopped counting node-2's tasks at the `swarmlab fault node-down`
    // command and gave 2 here; the manager never marked node-2 down, so Swarm counted them all along: 3, one replica
    // being replaced at a time.
    expect(minAvailable(trace, 'web')).toBe(3);
    const rollout = rollouts(trace)[0];
    expect(lowestAvailability(availabilitySeries(trace, rollout.serviceId), rollout.startMs, rollout.endMs!)).toBe(3);
  });
});
