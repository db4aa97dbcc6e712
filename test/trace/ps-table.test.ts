// The views' ps table: tasks pre-ranked in ps order and windows of long tables give exactly `docker service ps` at any
// cursor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/lab/simulate.js';
import { renderServicePs, servicePsTable, servicePsTableCells } from '../../src/render/service-ps.js';
import { displayWidth } from '../../src/render/tabwriter.js';
import { inPsOrder, OVERSCAN_LINES, psRanks, psWindow, VIEW_LINES } from '../../src/trace/ps-table.js';
import { stateAt } from '../../src/trace/replay.js';

const BAD_UPDATE =
  'docker service update -d --update-parallelism 5 --update-failure-action rollback --update-monitor 4s ' +
  '--image nginx:bad web';

const trace = simulate(
  `name: ps-table
seed: 5
cluster:
  nodes: 4
images:
  nginx:bad: {exit: 1, after: 2s}
steps:
  - docker service create --name web --replicas 40 nginx:1.25
  - docker service create --name agent --mode global --publish mode=host,published=8080,target=80 busybox:1
  - wait: converged
  - ${BAD_UPDATE}
  - wait: settled
`,
  { seed: 5 },
);

const cursorArb = fc.integer({ min: 0, max: trace.duration_ms });

describe('ps order', () => {
  it('ranks every task of the trace once', () => {
    const ranks = psRanks(trace);
    expect(ranks.size).toBe(trace.tasks.length);
    expect(new Set(ranks.values()).size).toBe(trace.tasks.length);
    // agent's 4 tasks (one per node, named by node ID) before web's; web's by slot, the newest of a slot first.
    const ordered = [...ranks].sort((a, b) => a[1] - b[1]).map(([id]) => trace.tasks.find((t) => t.ID === id)!);
    expect(ordered.slice(0, 4).map((t) => t.Slot)).toEqual([undefined, undefined, undefined, undefined]);
    const web = ordered.slice(4);
    expect(
      web.every(
        (t, i) =>
          i === 0 || web[i - 1].Slot! < t.Slot! || (web[i - 1].Slot === t.Slot && web[i - 1].CreatedAt > t.CreatedAt),
      ),
    ).toBe(true);
    expect(web.map((t) => t.Slot).filter((slot, i, all) => all.indexOf(slot) === i)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('hands the renderer a list that gives the same ps output, at any cursor', () => {
    fc.assert(
      fc.property(cursorArb, (tMs) => {
        const state = stateAt(trace, tMs);
        const ordered = { ...state, tasks: inPsOrder(trace, state.tasks) };
        expect(ordered.tasks).toHaveLength(state.tasks.length);
        for (const service of state.services)
          expect(renderServicePs(ordered, [service])).toEqual(renderServicePs(state, [service]));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('keeps tasks the trace does not know, after the ranked ones, in their order', () => {
    const state = stateAt(trace, trace.duration_ms);
    const strangers = state.tasks.slice(0, 2).map((t, i) => ({ ...t, ID: `zz${i}` }));
    const ordered = inPsOrder(trace, [...strangers, ...state.tasks]);
    expect(ordered.slice(-2).map((t) => t.ID)).toEqual(['zz0', 'zz1']);
  });
});

describe('ps table cells and windows', () => {
  it('the default table is the same text whether joined directly or run through the Go template', () => {
    const template =
      'table ' +
      '{{.ID}}\\t{{.Name}}\\t{{.Image}}\\t{{.Node}}\\t{{.DesiredState}}\\t{{.CurrentState}}\\t{{.Error}}\\t{{.Ports}}';
    fc.assert(
      fc.property(cursorArb, (tMs) => {
        const state = stateAt(trace, tMs);
        for (const service of state.services) {
          expect(renderServicePs(state, [service]).stdout).toBe(
            renderServicePs(state, [service], { format: template }).stdout,
          );
        }
      }),
      { numRuns: 30, seed: 12 },
    );
  });

  it('the lazy table measures every row and builds the rows asked for, as the whole table has them', () => {
    fc.assert(
      fc.property(cursorArb, (tMs) => {
        const state = stateAt(trace, tMs);
        for (const service of state.services) {
          const cells = servicePsTableCells(state, [service]);
          const table = servicePsTable(state, [service]);
          expect(table.header).toEqual(cells[0]);
          expect(table.rows).toBe(cells.length - 1);
          for (let i = 0; i < table.rows; i++) expect(table.cells(i)).toEqual(cells[i + 1]);
          const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => displayWidth(row[column]))));
          expect(table.widths).toEqual(widths);
        }
      }),
      { numRuns: 30, seed: 14 },
    );
  });

  it('a window is exactly the lines of the whole table at that place, header included', () => {
    fc.assert(
      fc.property(cursorArb, fc.integer({ min: -5, max: 120 }), (tMs, topRow) => {
        const state = stateAt(trace, tMs);
        const web = state.services.find((s) => s.Spec.Name === 'web')!;
        const whole = renderServicePs(state, [web]).stdout.split('\n').slice(0, -1);
        const w = psWindow(servicePsTable(state, [web]), topRow);
        expect(w.rows).toBe(whole.length - 1);
        expect(w.header).toBe(whole[0]);
        const top = Math.max(0, Math.min(topRow, w.rows - VIEW_LINES));
        expect(w.first).toBe(Math.max(0, top - OVERSCAN_LINES));
        const last = Math.min(w.rows, top + VIEW_LINES + OVERSCAN_LINES);
        expect(w.text).toBe(whole.slice(1 + w.first, 1 + last).join('\n'));
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('at the end of the rollback: 79 rows, a window at row 30 starts 12 rows above it', () => {
    const state = stateAt(trace, trace.duration_ms);
    const web = state.services.find((s) => s.Spec.Name === 'web')!;
    const cells = servicePsTableCells(state, [web]);
    expect(cells[0]).toEqual(['ID', 'NAME', 'IMAGE', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR', 'PORTS']);
    const w = psWindow(servicePsTable(state, [web]), 30);
    expect([w.rows, w.first, w.text.split('\n').length]).toEqual([
      cells.length - 1,
      18,
      VIEW_LINES + 2 * OVERSCAN_LINES,
    ]);
    expect(w.header).toMatch(
      /^ID {13}NAME {4,}IMAGE {5,}NODE {5,}DESIRED STATE {3}CURRENT STATE {10,}ERROR {3,}PORTS$/,
    );
  });

  it('a table shorter than a view is shown whole', () => {
    const state = stateAt(trace, trace.duration_ms);
    const agent = state.services.find((s) => s.Spec.Name === 'agent')!;
    const w = psWindow(servicePsTable(state, [agent]), 3);
    expect([w.rows, w.first]).toEqual([4, 0]);
    expect(`${w.header}\n${w.text}\n`).toBe(renderServicePs(state, [agent]).stdout);
  });
});
