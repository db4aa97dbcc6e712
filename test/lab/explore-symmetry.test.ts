// Slot symmetry in explore's state hash: the same report as without it (outcomes, counts, durations, replays), fewer
// runs played where slots are interchangeable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRequirement } from '../../src/lab/check.js';
import { explore } from '../../src/lab/explore/explore.js';
import { outcomeKey } from '../../src/lab/explore/outcome.js';
import { safeForSymmetry, symmetryOrder } from '../../src/lab/explore/symmetry.js';
import { loadScenario } from '../../src/scenario/load.js';

/** 3 replicas on one node: every slot interchangeable with the others until the update tells them apart. */
const THREE_ON_ONE = `name: explore-symmetric
description: 3 replicas on one node, each new task healthy or exiting 1 after 2 s; rollback on failure.
seed: 3
cluster:
  nodes: 1
images:
  app:v2: {one_of: [healthy, {exit: 1, after: 2s}]}
steps:
  - docker service create -d --name web --replicas 3 app:v1
  - wait: converged
  - docker service update -d --update-failure-action rollback --image app:v2 web
  - wait: settled
`;

function load(file: string): { text: string; file: string } {
  return { text: readFileSync(file, 'utf8'), file };
}

/** What a report says a user reads: every outcome row (replay included), every broken requirement, the counts. */
function seen(report: ReturnType<typeof explore>) {
  return {
    exhausted: report.exhausted,
    runs: report.runs,
    outcomes: report.outcomes.map((row) => [outcomeKey(row.outcome), row.runs, row.durationMs, row.replay]),
    violations: report.violations.map((v) => [v.requirement.text, v.runs, v.replay]),
    invariants: report.invariants.map((v) => [v.invariant, v.runs, v.replay]),
  };
}

const requirements = [parseRequirement('min-available>=2'), parseRequirement('bad-tasks<=2')];

/** Explored with and without the symmetry: [runs, played, cut, states] of each, and both reports. */
function both({ text, file }: { text: string; file: string }, faults?: { kinds: never[]; max: number }) {
  const on = explore(loadScenario(text, file), text, { requirements, faults });
  const off = explore(loadScenario(text, file), text, { requirements, faults, symmetry: false });
  const counts = (r: typeof on) => [r.runs, r.played, r.pruned, r.states];
  return { on, off, counts: [counts(on), counts(off)] };
}

describe('explore with slot symmetry', () => {
  // [file, [runs, played, cut, states] with the symmetry, the same without]: every space exhausted either way.
  const cases: [string, number[][]][] = [
    [
      'scenarios/course/2b-rollback-on-failure.yaml',
      [
        [264, 182, 26, 168],
        [264, 192, 24, 176],
      ],
    ],
    [
      'scenarios/drills/update-during-update.yaml',
      [
        [288, 284, 2, 200],
        [288, 288, 0, 202],
      ],
    ],
    [
      'scenarios/drills/rollback-twice.yaml',
      [
        [216, 24, 8, 23],
        [216, 216, 0, 163],
      ],
    ],
    [
      'scenarios/course/2c-check-after-rollback.yaml',
      [
        [60, 60, 0, 43],
        [60, 60, 0, 43],
      ],
    ],
    [
      'test/fixtures/explore/flaky.yaml',
      [
        [324, 268, 26, 236],
        [324, 268, 26, 236],
      ],
    ],
    [
      'test/fixtures/explore/node-down.yaml',
      [
        [15, 15, 0, 0],
        [15, 15, 0, 0],
      ],
    ],
    [
      'test/fixtures/explore/one-of.yaml',
      [
        [20, 20, 0, 4],
        [20, 20, 0, 4],
      ],
    ],
    [
      'test/fixtures/explore/slow-start.yaml',
      [
        [2304, 324, 108, 265],
        [2304, 540, 144, 415],
      ],
    ],
  ];
  for (const [file, counts] of cases) {
    it(`${file}: the same report as without it`, { timeout: 240_000 }, () => {
      const { on, off, counts: measured } = both(load(file));
      expect(on.exhausted).toBe(true);
      expect(seen(on)).toEqual(seen(off));
      expect(measured).toEqual(counts);
      expect([on.symmetry, off.symmetry]).toEqual(['on', 'off']);
    });
  }

  it('faults at every boundary (the store order kills and node faults read kept): the same report', {
    timeout: 240_000,
  }, () => {
    const faults = { kinds: ['node-down', 'drain', 'kill'] as never[], max: 1 };
    const { on, off, counts } = both(load('test/fixtures/explore/faults.yaml'), faults);
    expect(on.exhausted).toBe(true);
    expect(seen(on)).toEqual(seen(off));
    expect(counts).toEqual([
      [1146, 436, 24, 183],
      [1146, 438, 30, 190],
    ]);
  });

  it('3 interchangeable slots: fewer runs played, the same report', { timeout: 240_000 }, () => {
    const { on, off, counts } = both({ text: THREE_ON_ONE, file: 'three-on-one.yaml' });
    expect(on.exhausted).toBe(true);
    expect(seen(on)).toEqual(seen(off));
    // Most parts differ only by the order the three slots are updated in: they mirror the first ones.
    expect(counts).toEqual([
      [600, 114, 32, 118],
      [600, 382, 84, 384],
    ]);
  });
});

describe('where the symmetry holds', () => {
  const scenario = (later: string[]) =>
    loadScenario(
      THREE_ON_ONE.replace('  - wait: settled\n', `  - wait: settled\n${later.map((s) => `  - ${s}\n`).join('')}`),
      'three-on-one.yaml',
    );

  it('not across a later step that changes replicas, brings a node back or kills a task by name', () => {
    expect(symmetryOrder(scenario([]), 3, undefined)).toBe('none');
    expect(symmetryOrder(scenario(['docker service scale web=5']), 3, undefined)).toBeNull();
    expect(symmetryOrder(scenario(['docker service update --replicas 2 web']), 3, undefined)).toBeNull();
    expect(symmetryOrder(scenario(['swarmlab fault node-up node-1']), 3, undefined)).toBeNull();
    expect(symmetryOrder(scenario(['swarmlab fault kill web.2']), 3, undefined)).toBeNull();
  });

  it('keeps the store order node faults and kills read', () => {
    expect(symmetryOrder(scenario([]), 3, ['drain'])).toBe('node');
    expect(symmetryOrder(scenario(['docker node update --availability drain node-1']), 3, undefined)).toBe('node');
    expect(symmetryOrder(scenario([]), 3, ['node-down', 'kill'])).toBe('all');
    // A node lost before the update is marked down after it.
    const lostBefore = THREE_ON_ONE.replace(
      '  - wait: converged\n',
      '  - wait: converged\n  - swarmlab fault node-down node-1\n',
    );
    expect(symmetryOrder(loadScenario(lostBefore, 'lost.yaml'), 4, undefined)).toBe('node');
  });

  it('a report says when a step after the update turns it off', () => {
    const text = THREE_ON_ONE.replace('  - wait: settled\n', '  - wait: settled\n  - docker service scale web=2\n');
    const report = explore(loadScenario(text, 'scaled.yaml'), text, { maxRuns: 3 });
    expect(report.symmetry).toBe('inapplicable');
  });

  it('is not taken inside a walk over slots, nor on a stack it cannot judge', () => {
    const frame = (name: string) => `    at ${name} (file.js:1:1)`;
    const stack = (...names: string[]) => ['Error', frame('ScriptedChooser.take'), ...names.map(frame)].join('\n');
    expect(safeForSymmetry(stack('SimulatedCluster.prepare'), 'image', true)).toBe(true);
    expect(safeForSymmetry(stack('Orchestrator.reconcileReplicated'), 'shuffle', true)).toBe(true);
    expect(safeForSymmetry(stack('Orchestrator.reconcileReplicated'), 'shuffle', false)).toBe(false);
    expect(safeForSymmetry(stack('Orchestrator.reconcileReplicated'), 'span', true)).toBe(false);
    expect(
      safeForSymmetry(stack('Orchestrator.scaleDownOrder', 'Orchestrator.reconcileReplicated'), 'shuffle', true),
    ).toBe(false);
    expect(safeForSymmetry(stack('Orchestrator.nodeChanged'), 'span', true)).toBe(false);
    expect(safeForSymmetry(['Error', frame('a'), frame('b')].join('\n'), 'image', true)).toBe(false);
  });
});
