// Properties of every rollout: Swarm's invariants hold for random policies, clusters and new-image behaviours.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { ratioExceeded } from '../../src/engine/orchestrator/updater-machine.js';
import { stateRank } from '../../src/engine/task-state.js';
import type { TraceEvent } from '../../src/types.js';
import { cluster, converge, engine, spec, withImage } from '../helpers/engine.js';
import { scenario } from './arbitraries.js';

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function simulate(s: Scenario): Engine {
  const e = engine(
    s.seed,
    cluster({
      nodeCount: s.nodes,
      images: { 'app:old': { ignoresSigterm: s.oldIgnoresSigterm }, 'app:new': s.image.behaviour },
    }),
  );
  const base = converge(e, spec('web', 'app:old', s.replicas, { UpdateConfig: s.policy }));
  e.updateService('web', withImage(base, 'app:new'));
  e.runUntil(() => e.isSettled(3_000), 3_600_000);
  return e;
}

type UpdaterEvent = Extract<TraceEvent, { type: 'updater' }>;
const updaterEvents = (e: Engine) => e.events().filter((ev): ev is UpdaterEvent => ev.type === 'updater');
const RUNS = { numRuns: 120 };

describe('update properties (fast-check; the seed is printed on failure)', () => {
  it('never has more than `parallelism` slots in flight per updater', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const e = simulate(s);
        let inFlight = new Set<number>();
        let limit = Infinity;
        for (const ev of updaterEvents(e)) {
          if (ev.action === 'start') {
            inFlight = new Set();
            limit = ev.config!.parallelism || Infinity;
          } else if (ev.action === 'slot_start') {
            inFlight.add(ev.slot!);
            expect(inFlight.size).toBeLessThanOrEqual(limit);
          } else if (ev.action === 'slot_done') {
            inFlight.delete(ev.slot!);
          }
        }
      }),
      RUNS,
    );
  });

  it('never moves a task state backwards', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const e = simulate(s);
        const last = new Map<string, number>();
        for (const ev of e.events()) {
          if (ev.type !== 'task_state') continue;
          const rank = stateRank(ev.state);
          expect(rank).toBeGreaterThanOrEqual(last.get(ev.taskId) ?? 0);
          last.set(ev.taskId, rank);
        }
      }),
      RUNS,
    );
  });

  it('fires the failure action exactly when failures / dirty slots exceeds the ratio, and never for continue', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const e = simulate(s);
        let start: UpdaterEvent | undefined;
        let counted = 0;
        let exceeded = false;
        for (const ev of updaterEvents(e)) {
          if (ev.action === 'start') {
            start = ev;
            counted = 0;
            exceeded = false;
          } else if (ev.action === 'failure_counted') {
            expect(start!.config!.failureAction).not.toBe('continue');
            expect(exceeded).toBe(false);
            counted++;
            exceeded = ratioExceeded(counted, start!.dirtySlots!, start!.config!.maxFailureRatio);
          } else if (ev.action === 'stop') {
            expect(exceeded).toBe(true);
            exceeded = false;
          }
        }
        expect(exceeded).toBe(false);
      }),
      RUNS,
    );
  });

  it("never rolls back a rollback, and only moves UpdateStatus along Swarm's transitions", () => {
    const allowed = new Set([
      'null>updating',
      'updating>paused',
      'updating>completed',
      'updating>rollback_started',
      'rollback_started>rollback_paused',
      'rollback_started>rollback_completed',
      // A status write reconciles the service: a slot left with two tasks starts a new updater, whose completeUpdate
      // writes "update completed" again (swarmkit updater.go), also after "rollback completed".
      'completed>completed',
      'rollback_completed>completed',
    ]);
    fc.assert(
      fc.property(scenario, (s) => {
        const e = simulate(s);
        let previous: string | null = null;
        for (const ev of e.events()) {
          if (ev.type !== 'update_status') continue;
          expect(allowed.has(`${previous}>${ev.state}`), `${previous} -> ${ev.state}`).toBe(true);
          previous = ev.state;
        }
      }),
      RUNS,
    );
  });

  it('once settled, stop-first never leaves two running tasks in one slot', () => {
    fc.assert(
      fc.property(
        scenario.filter((s) => s.policy.Order === 'stop-first'),
        (s) => {
          const e = simulate(s);
          const perSlot = new Map<number, number>();
          for (const task of e.state().tasks)
            if (task.Status.State === 'running') perSlot.set(task.Slot!, (perSlot.get(task.Slot!) ?? 0) + 1);
          for (const [slot, count] of perSlot) expect(count, `slot ${slot}`).toBe(1);
        },
      ),
      RUNS,
    );
  });

  it('with no faults, an update always completes with every slot on the new image', () => {
    fc.assert(
      fc.property(
        scenario.filter((s) => s.image.name === 'healthy' || s.image.name === 'slow-healthy'),
        (s) => {
          const e = simulate(s);
          const service = e.state().services[0];
          expect(service.UpdateStatus?.State).toBe('completed');
          const running = e.state().tasks.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running');
          expect(running.map((t) => t.Spec.ContainerSpec.Image)).toEqual(Array(s.replicas).fill('app:new'));
        },
      ),
      RUNS,
    );
  });

  it('gives a byte-identical trace for the same scenario and seed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(JSON.stringify(simulate(s).exportTrace('p'))).toBe(JSON.stringify(simulate(s).exportTrace('p')));
      }),
      { numRuns: 40 },
    );
  });
});
