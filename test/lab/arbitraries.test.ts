// The lab's fast-check arbitraries: faults only where they can happen, inside the horizon; policies the daemon accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clusterArb,
  containerKillArb,
  drainArb,
  faultScheduleArb,
  imageBehaviourArb,
  nodeLossArb,
  rollbackConfigArb,
  updateConfigArb,
} from '../../src/lab/arbitraries.js';
import { createCommand } from '../../src/lab/case.js';
import { runCommands } from '../../src/scenario/run.js';
import type { ServiceSpec } from '../../src/types.js';

describe('fault arbitraries', () => {
  it('lose, drain or kill only workers and existing slots, at times within the horizon', () => {
    fc.assert(
      fc.property(
        clusterArb({ minNodes: 2 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.nat(),
        ({ nodes, replicas }, horizonMs, seed) => {
          const [loss] = fc.sample(nodeLossArb(nodes, horizonMs, { comesBack: true }), { seed, numRuns: 1 });
          expect(loss[0]).toMatchObject({ kind: 'node-down' });
          expect(loss[0].atMs).toBeLessThanOrEqual(horizonMs);
          if (loss[1]) expect(loss[1]).toMatchObject({ kind: 'node-up', node: (loss[0] as { node: string }).node });
          const [drain] = fc.sample(drainArb(nodes, horizonMs), { seed, numRuns: 1 });
          const [kill] = fc.sample(containerKillArb(replicas, horizonMs), { seed, numRuns: 1 });
          for (const fault of [...loss, ...drain])
            expect((fault as { node: string }).node).toMatch(new RegExp(`^node-([2-${nodes}])$`));
          expect(kill[0].kind === 'kill' && kill[0].slot >= 1 && kill[0].slot <= replicas).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('schedules at most one fault of each kind, in time order; no node fault on a one-node swarm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.nat(), (nodes, seed) => {
        const [schedule] = fc.sample(faultScheduleArb({ nodes, replicas: 3, horizonMs: 20_000 }), { seed, numRuns: 1 });
        const kinds = schedule.filter((f) => f.kind !== 'node-up').map((f) => f.kind);
        expect(new Set(kinds).size).toBe(kinds.length);
        expect(schedule.map((f) => f.atMs)).toEqual([...schedule.map((f) => f.atMs)].sort((a, b) => a - b));
        if (nodes === 1) expect(schedule.every((f) => f.kind === 'kill')).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(() => nodeLossArb(1, 10_000)).toThrow('nodeLossArb: a node loss needs a swarm of at least 2 nodes');
  });

  it('draws only the image behaviours asked for', () => {
    const drawn = fc.sample(imageBehaviourArb(['crash', 'unhealthy']), { seed: 1, numRuns: 40 });
    expect(new Set(drawn.map((d) => d.fault))).toEqual(new Set(['crash', 'unhealthy']));
    for (const d of drawn) {
      if (d.fault === 'crash') expect(d.behaviour).toEqual({ exitCode: 1, exitAfterMs: d.behaviour.exitAfterMs });
      else expect(d.behaviour.healthcheck?.healthyAfterMs).toBe('never');
    }
  });
});

describe('policy arbitraries', () => {
  it('give update and rollback configs the daemon accepts and stores as given', () => {
    fc.assert(
      fc.property(updateConfigArb(), rollbackConfigArb(), (update, rollback) => {
        const spec: ServiceSpec = {
          Name: 'web',
          Labels: {},
          TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0 },
          Mode: { Replicated: { Replicas: 2 } },
          UpdateConfig: update,
          RollbackConfig: rollback,
        };
        const result = runCommands([createCommand(spec)], { seed: 1 });
        expect(result.outputs[0].exitCode).toBe(0);
        expect(result.trace.services[0].Spec.UpdateConfig).toEqual(update);
        expect(result.trace.services[0].Spec.RollbackConfig).toEqual(rollback);
        expect(['pause', 'continue']).toContain(rollback.FailureAction);
      }),
      { numRuns: 40 },
    );
  });
});
