// The Kubernetes comparison model (not Swarm): surge/unavailable rounding, rolling-update pacing, the progress
// deadline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageBehaviourArb } from '../../src/lab/arbitraries.js';
import { crashImage, unhealthyImage } from '../../src/lab/faults.js';
import { simulateK8sRollout } from '../../src/lab/k8s.js';
import { type K8sRollout, resolveSurgeUnavailable } from '../../src/lab/k8s-spec.js';
import { main } from '../helpers/main.js';

const base: K8sRollout = { replicas: 6, nodes: 3, oldImage: {}, newImage: {}, seed: 1 };

describe('maxSurge / maxUnavailable', () => {
  it('rounds a surge percentage up and an unavailable percentage down', () => {
    expect(resolveSurgeUnavailable(10, '25%', '25%')).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveSurgeUnavailable(4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveSurgeUnavailable(3, '10%', '10%')).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveSurgeUnavailable(6, 2, '50%')).toEqual({ surge: 2, unavailable: 3 });
  });

  it('rejects both 0, and turns both rounding to 0 into maxUnavailable 1', () => {
    expect(() => resolveSurgeUnavailable(4, 0, 0)).toThrow(
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: may not be 0 when `maxSurge` is 0',
    );
    expect(() => resolveSurgeUnavailable(4, '0%', 0)).toThrow('may not be 0 when `maxSurge` is 0');
    expect(resolveSurgeUnavailable(3, 0, '10%')).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe('simulateK8sRollout', () => {
  // A pod starts in 570 ms (schedule 50 + prepare 120 + dispatch 150 + start 250, the Swarm profile); each controller
  // reaction takes 50 ms, and scaling up waits for the next sync after scaling down: 670 ms a step.
  it('surge 1: a new pod first, then an old one goes; never below 6 serving; 6 × 670 ms − 50 ms', () => {
    const r = simulateK8sRollout({ ...base, maxSurge: 1, maxUnavailable: 0 });
    expect([r.outcome, r.durationMs, r.minAvailable, r.badTasks]).toEqual(['complete', 3_970, 6, 6]);
  });

  it('maxUnavailable 1: an old pod goes first: 5 serving, 6 × 670 ms', () => {
    const r = simulateK8sRollout({ ...base, maxSurge: 0, maxUnavailable: 1 });
    expect([r.outcome, r.durationMs, r.minAvailable, r.badTasks]).toEqual(['complete', 4_020, 5, 6]);
  });

  it('minReadySeconds holds each step until the new pod has been Ready that long', () => {
    expect(simulateK8sRollout({ ...base, maxSurge: 1, maxUnavailable: 0, minReadySeconds: 5 }).durationMs).toBe(
      3_970 + 6 * 5_000,
    );
  });

  it('a pod never Ready: no progress for progressDeadlineSeconds marks the rollout failed; no rollback', () => {
    const r = simulateK8sRollout({ ...base, maxSurge: 1, maxUnavailable: 0, newImage: unhealthyImage() });
    expect([r.outcome, r.durationMs, r.minAvailable, r.badTasks]).toEqual(['failed', 600_000, 6, 1]);
    expect(
      simulateK8sRollout({
        ...base,
        maxSurge: 1,
        maxUnavailable: 0,
        newImage: unhealthyImage(),
        progressDeadlineSeconds: 60,
      }).durationMs,
    ).toBe(60_000);
  });

  it('without minReadySeconds a release crashing after 2 s completes before its first crash (no monitor)', () => {
    const r = simulateK8sRollout({ ...base, maxSurge: 2, maxUnavailable: 0, newImage: crashImage(2_000) });
    expect([r.outcome, r.durationMs, r.minAvailable, r.badTasks]).toEqual(['complete', 1_960, 6, 6]);
  });

  it('with minReadySeconds 5 it never becomes available; each restart counts as progress: stalled after 1 h', () => {
    const r = simulateK8sRollout({
      ...base,
      maxSurge: 1,
      maxUnavailable: 0,
      minReadySeconds: 5,
      newImage: crashImage(2_000),
    });
    expect([r.outcome, r.durationMs, r.minAvailable, r.badTasks]).toEqual(['stalled', 3_600_000, 6, 1]);
  });

  it("a drain evicts the node's pods at once; their ReplicaSet replaces them elsewhere (570 ms start + 50 ms)", () => {
    const r = simulateK8sRollout({
      ...base,
      maxSurge: 1,
      maxUnavailable: 0,
      faults: [{ atMs: 0, kind: 'drain', node: 'node-2' }],
    });
    expect(r.series.slice(0, 2)).toEqual([
      [0, 4],
      [620, 6],
    ]);
    expect(r.outcome).toBe('complete');
  });

  it('a killed container restarts in place: one pod down until it has started again', () => {
    const r = simulateK8sRollout({
      ...base,
      maxSurge: 1,
      maxUnavailable: 0,
      faults: [{ atMs: 1_000, kind: 'kill', slot: 1 }],
    });
    expect(r.series[1]).toEqual([1_000, 5]);
    expect(r.minAvailable).toBe(5);
  });

  it('a lost node stops serving at once; the controller only learns it after the heartbeat timeout', () => {
    const r = simulateK8sRollout({
      ...base,
      maxSurge: 1,
      maxUnavailable: 0,
      faults: [{ atMs: 0, kind: 'node-down', node: 'node-2' }],
    });
    expect(r.series[0]).toEqual([0, 4]);
    expect(r.minAvailable).toBe(4);
  });
});

describe('simulateK8sRollout properties', () => {
  it('without faults or crashing pods, never below replicas − maxUnavailable; a healthy release completes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10 }),
        imageBehaviourArb(['healthy', 'unhealthy', 'slow']),
        fc.nat(),
        (replicas, maxSurge, maxUnavailable, minReadySeconds, image, seed) => {
          fc.pre(maxSurge + maxUnavailable > 0);
          const r = simulateK8sRollout({
            ...base,
            replicas,
            maxSurge,
            maxUnavailable,
            minReadySeconds,
            newImage: image.behaviour,
            seed,
          });
          expect(r.minAvailable).toBeGreaterThanOrEqual(replicas - maxUnavailable);
          expect(r.outcome).toBe(image.fault === 'unhealthy' ? 'failed' : 'complete');
        },
      ),
      { numRuns: 80, seed: 11 },
    );
  });
});

describe('swarmlab sweep --strategy k8s', () => {
  it('labels the comparison model and maps Swarm settings onto Deployment settings', () => {
    let out = '';
    const code = main(
      [
        'sweep',
        '--strategy',
        'k8s',
        '--replicas',
        '6',
        '--parallelism',
        '1',
        '--delay',
        '0s',
        '--image-behaviour',
        'healthy',
      ],
      {
        out: (t) => {
          out += t;
        },
        err: () => {},
        stdoutIsTty: false,
      },
    );
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Kubernetes Deployment comparison model (not Swarm): parallelism → maxSurge (start-first) or maxUnavailable ' +
          '(stop-first),',
        'delay → minReadySeconds; progressDeadlineSeconds 600; monitor and failure action have no counterpart',
        '(a failed rollout is marked failed, never rolled back; stalled: still going after 1h).',
        '   maxSurge  maxUnavailable  minReadySeconds  duration  min available  bad tasks  outcomes',
        '   0         1               0                4.02s     5/6            6          complete',
        '*  1         0               0                3.97s     6/6            6          complete',
        '* on the Pareto front (shortest, most available, fewest bad tasks); worst of 1 seed(s) per policy',
        '',
      ].join('\n'),
    );
  });
});
