// stateAt through periodic snapshots equals a replay of every event from the start, at random cursors and in any seek
// order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/lab/simulate.js';
import { SNAPSHOT_EVERY, TraceReplay } from '../../src/trace/replay.js';

const BAD_UPDATE =
  'docker service update -d --update-parallelism 4 --update-failure-action rollback --update-monitor 3s ' +
  '--image nginx:bad web';

const trace = simulate(
  `name: snapshots
seed: 9
cluster:
  nodes: 3
images:
  nginx:bad: {exit: 1, after: 2s}
steps:
  - docker service create --name web --replicas 30 nginx:1.25
  - docker service create --name agent --mode global busybox:1
  - wait: converged
  - ${BAD_UPDATE}
  - wait: 4s
  - swarmlab fault node-down node-3
  - wait: settled
  - swarmlab fault node-up node-3
  - docker service scale -d web=12
  - wait: settled
`,
  { seed: 9 },
);

/** No snapshot but the empty one: every stateAt replays from the first event. */
const fromStart = new TraceReplay(trace, Number.MAX_SAFE_INTEGER);

describe('stateAt with snapshots', () => {
  it('the trace spans many snapshots', () => {
    expect(trace.events.length).toBeGreaterThan(4 * SNAPSHOT_EVERY);
  });

  it('equals a replay from the start at any cursor, whatever the snapshot spacing', () => {
    const spaced = [new TraceReplay(trace), new TraceReplay(trace, 1), new TraceReplay(trace, 7)];
    fc.assert(
      fc.property(fc.integer({ min: -10, max: trace.duration_ms + 10 }), (tMs) => {
        const expected = fromStart.stateAt(tMs);
        for (const replay of spaced) expect(replay.stateAt(tMs)).toEqual(expected);
      }),
      { numRuns: 80, seed: 21 },
    );
  });

  it('is not changed by the seeks before it (scrubbing back and forth)', () => {
    const replay = new TraceReplay(trace);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: trace.duration_ms }), { minLength: 2, maxLength: 12 }),
        (cursors) => {
          for (const tMs of cursors) replay.stateAt(tMs);
          const tMs = cursors[0];
          expect(replay.stateAt(tMs)).toEqual(fromStart.stateAt(tMs));
        },
      ),
      { numRuns: 40, seed: 22 },
    );
  });

  it('a scrub forward (each seek after the last, as a play or a drag) gives the states a fresh replay gives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: trace.duration_ms }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 300 }),
        (cursors, snapshotEvery) => {
          const replay = new TraceReplay(trace, snapshotEvery);
          for (const tMs of cursors.sort((a, b) => a - b))
            expect(replay.stateAt(tMs)).toEqual(new TraceReplay(trace, snapshotEvery).stateAt(tMs));
        },
      ),
      { numRuns: 30, seed: 23 },
    );
  });

  it('at the end equals the trace’s own final state', () => {
    const end = new TraceReplay(trace).stateAt(trace.duration_ms);
    expect(end.tasks).toEqual(trace.tasks);
    expect(end.services).toEqual(trace.services);
    expect(end.nodes).toEqual(trace.nodes);
  });
});
