// Node loss timing: a lost node is Down the TTL (15 s) after its last heartbeat (one every 5 s), as swarmkit's
// dispatcher does.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { DEFAULT_TIMING } from '../../src/defaults.js';
import type { TimingProfile } from '../../src/types.js';
import { cluster, converge, engine, spec } from '../helpers/engine.js';

/** A converged 3-node swarm (3 replicas of app:v1), `t0` the time it is ready for a fault. */
function swarm(seed: number, timing: Partial<TimingProfile> = {}): { e: Engine; t0: number } {
  const e = engine(seed, cluster({ nodeCount: 3, timing: { ...DEFAULT_TIMING, ...timing } }));
  converge(e, spec('web', 'app:v1', 3));
  return { e, t0: e.nowMs() };
}

/** Times (virtual ms) at which the node was marked down. */
function downTimes(e: Engine, hostname: string): number[] {
  return e
    .events()
    .flatMap((ev) => (ev.type === 'node' && ev.hostname === hostname && ev.state === 'down' ? [ev.t_ms] : []));
}

/** Cut node-2 at `cutMs` and run until it is Down (or 60 s passed); the delay from the cut to Down. */
function lose(e: Engine, cutMs: number): number {
  e.advanceTo(cutMs);
  e.nodeDown('node-2');
  e.runUntil(
    () => e.state().nodes.some((n) => n.Description.Hostname === 'node-2' && n.Status.State === 'down'),
    60_000,
  );
  return downTimes(e, 'node-2').at(-1)! - cutMs;
}

describe('a lost node is Down 15 s after its last heartbeat', () => {
  it("between 10 and 15 s after the cut, by the beats' phase: the same for a seed, different across seeds", () => {
    const delays = Array.from({ length: 40 }, (_, i) => {
      const { e, t0 } = swarm(i + 1);
      return lose(e, t0);
    });
    for (const delayMs of delays) {
      expect(delayMs).toBeGreaterThan(10_000);
      expect(delayMs).toBeLessThanOrEqual(15_000);
    }
    // 40 seeded draws over the 5,000 ms of a period: spread over it (a few may coincide), not one fixed value.
    expect(new Set(delays).size).toBeGreaterThan(30);
    expect(Math.min(...delays)).toBeLessThan(11_000);
    expect(Math.max(...delays)).toBeGreaterThan(14_000);
    expect(
      Array.from({ length: 5 }, (_, i) => {
        const { e, t0 } = swarm(i + 1);
        return lose(e, t0);
      }),
    ).toEqual(delays.slice(0, 5));
  });

  it("seed 1: node-2's last beat before a cut at 1.42 s was at -1.029 s (before t=0): it is Down at 13.971 s", () => {
    const { e, t0 } = swarm(1);
    expect(t0).toBe(1_420);
    expect(lose(e, t0)).toBe(12_551);
    expect(downTimes(e, 'node-2')).toEqual([-1_029 + 15_000]);
    const node = e.state().nodes.find((n) => n.Description.Hostname === 'node-2')!;
    expect([node.Status.State, node.Status.Message]).toEqual(['down', 'heartbeat failure']);
  });

  it('after node-up the agent beats at once, then every 5 s: a cut 7 s later is Down 13 s on; on a beat, 15 s', () => {
    const { e, t0 } = swarm(3);
    lose(e, t0);
    const upMs = t0 + 20_000;
    e.advanceTo(upMs);
    e.nodeUp('node-2');
    // Beats at up, up + 5 s, up + 10 s...: the last one before up + 7 s is up + 5 s → Down at up + 20 s.
    expect(lose(e, upMs + 7_000)).toBe(13_000);
    e.nodeUp('node-2');
    const upAgainMs = e.nowMs();
    // A cut exactly on a beat (up again + 10 s): that beat got through, Down the full 15 s later.
    expect(lose(e, upAgainMs + 10_000)).toBe(15_000);
    expect(downTimes(e, 'node-2').slice(1)).toEqual([upMs + 20_000, upAgainMs + 25_000]);
  });

  it('a loss healed before Down does not mark the node down when it is lost again: only the second loss counts', () => {
    const { e, t0 } = swarm(1);
    e.nodeDown('node-2');
    e.advanceTo(t0 + 3_000);
    e.nodeUp('node-2');
    e.advanceTo(t0 + 4_000);
    e.nodeDown('node-2');
    // The first loss alone would have been Down at t0 + 12.551 s; the second: last beat at node-up (t0 + 3 s) → + 15 s.
    e.advanceTo(t0 + 17_999);
    expect(downTimes(e, 'node-2')).toEqual([]);
    e.advanceTo(t0 + 20_000);
    expect(downTimes(e, 'node-2')).toEqual([t0 + 18_000]);
  });

  it('follows the timing profile: a 30 s TTL, 10 s period is Down 20 to 30 s after the cut; a 0 TTL at once', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { e, t0 } = swarm(seed, { heartbeatTimeoutMs: 30_000, heartbeatPeriodMs: 10_000 });
      const delayMs = lose(e, t0);
      expect(delayMs).toBeGreaterThan(20_000);
      expect(delayMs).toBeLessThanOrEqual(30_000);
    }
    const { e, t0 } = swarm(1, { heartbeatTimeoutMs: 0 });
    expect(lose(e, t0)).toBe(0);
  });
});
