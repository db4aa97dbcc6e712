// `swarmlab sweep`: the policy grid, its table, the Pareto front and the SVG chart (compared with a committed
// snapshot).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepChartSvg } from '../../src/lab/chart.js';
import {
  formatSweepTable,
  gridSettings,
  markPareto,
  type SweepGrid,
  type SweepPoint,
  type SweepSettings,
  sweep,
} from '../../src/lab/sweep.js';
import { main } from '../helpers/main.js';

const GRID: SweepGrid = {
  replicas: 4,
  nodes: 3,
  parallelism: [1, 2],
  delayMs: [0, 5_000],
  monitorMs: [5_000],
  order: ['stop-first', 'start-first'],
  failureAction: ['pause', 'rollback'],
  imageBehaviour: 'crash',
  seeds: 1,
};

/**
 * observablehq/plot style: the committed SVG is the reference; a missing one is written, a changed one saved next to
 * it.
 */
function expectSnapshot(name: string, actual: string): void {
  const path = join('test/lab/snapshots', name);
  if (!existsSync(path)) {
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  const changed = path.replace(/(\.\w+)$/, '.changed$1');
  if (actual !== expected) writeFileSync(changed, actual);
  expect(actual, `${path} changed: see ${changed}; delete the snapshot to accept it`).toBe(expected);
}

const point = (label: string, durationMs: number, minAvailable: number, badTasks: number): SweepPoint => ({
  label,
  durationMs,
  minAvailable,
  badTasks,
  parallelism: 1,
  delayMs: 0,
  monitorMs: 5_000,
  order: 'stop-first',
  failureAction: 'pause',
  outcomes: {},
  pareto: false,
});

describe('the grid and the Pareto front', () => {
  it('runs every combination in a fixed order', () => {
    expect(
      gridSettings(GRID)
        .map((s) => `${s.parallelism}/${s.delayMs}/${s.order}/${s.failureAction}`)
        .slice(0, 5),
    ).toEqual([
      '1/0/stop-first/pause',
      '1/0/stop-first/rollback',
      '1/0/start-first/pause',
      '1/0/start-first/rollback',
      '1/5000/stop-first/pause',
    ]);
    expect(gridSettings(GRID)).toHaveLength(16);
  });

  it('marks the points nothing beats on duration, availability and bad tasks together', () => {
    const points = [
      point('fast', 10, 2, 4),
      point('safe', 30, 4, 1),
      point('dominated', 30, 2, 4),
      point('tie-of-safe', 30, 4, 1),
      point('middle', 20, 3, 4),
    ];
    markPareto(points);
    expect(points.filter((p) => p.pareto).map((p) => p.label)).toEqual(['fast', 'safe', 'tie-of-safe', 'middle']);
  });
});

describe('sweep', () => {
  const result = sweep(GRID);

  it('measures each policy: a delay limits bad tasks; start-first only protects until the new task runs', () => {
    expectSnapshot('sweep-crash.txt', formatSweepTable(result));
    const byLabel = new Map(result.points.map((p) => [p.label, p]));
    // A crash 2 s after start, a 5 s delay: only the first slot ever gets the bad image before the failure counts.
    expect(byLabel.get('p1 d5s m5s stop-first pause')!.badTasks).toBe(1);
    expect(byLabel.get('p1 d5s m5s stop-first pause')!.minAvailable).toBe(3);
    // start-first stops the old task once the new one runs; the new one then crashes: one replica short all the same.
    expect(byLabel.get('p1 d5s m5s start-first pause')!.minAvailable).toBe(3);
    expect(byLabel.get('p1 d5s m5s start-first pause')!.pareto).toBe(true);
  });

  it('draws the same SVG every time', () => {
    const svg = sweepChartSvg(result);
    expect(svg).toBe(sweepChartSvg(sweep(GRID)));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="960" height="440"')).toBe(true);
    expect(svg.match(/<circle /g)!.length).toBe(2 * 16 + 2);
  });
});

describe('sweepChartSvg (snapshot)', () => {
  // Measures from a formula, not the engine: the snapshot pins the chart (scales, axes, front, labels), not Swarm's
  // timing.
  const measure = (_grid: SweepGrid, s: SweepSettings) => ({
    durationMs: 4_000 * (4 / (s.parallelism || 4)) + s.delayMs * 3 + (s.failureAction === 'rollback' ? 6_000 : 0),
    minAvailable: 4 - (s.order === 'start-first' ? 0 : s.parallelism) + (s.delayMs > 0 ? 1 : 0),
    badTasks: s.delayMs > 0 ? 1 : s.parallelism + (s.failureAction === 'pause' ? 2 : 0),
    outcome: s.failureAction === 'rollback' ? 'rollback_completed' : 'paused',
  });

  it('matches test/lab/snapshots/sweep-chart.svg', () => {
    const synthetic = sweep(GRID, { measure });
    expect(synthetic.points.filter((p) => p.pareto).map((p) => p.label)).toEqual([
      // (22 s, 4, 1), (8 s, 4, 4), (14 s, 4, 2), (23 s, 5, 1): each best somewhere; p1 d5s start-first pause (31 s, 5,
      // 1) is beaten.
      'p1 d0s m5s start-first rollback',
      'p2 d0s m5s start-first pause',
      'p2 d0s m5s start-first rollback',
      'p2 d5s m5s start-first pause',
    ]);
    expectSnapshot('sweep-chart.svg', sweepChartSvg(synthetic));
  });
});

describe('swarmlab sweep', () => {
  it('prints the table and writes the chart', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'swarmlab-sweep-')), 'sweep.svg');
    let text = '';
    const code = main(
      [
        'sweep',
        '--replicas',
        '4',
        '--parallelism',
        '1,2',
        '--delay',
        '0s,5s',
        '--failure-action',
        'pause,rollback',
        '--out',
        out,
      ],
      {
        out: (t) => {
          text += t;
        },
        err: () => {},
        stdoutIsTty: false,
      },
    );
    expect(code).toBe(0);
    expect(text).toBe(
      `${readFileSync('test/lab/snapshots/sweep-crash.txt', 'utf8')}* on the Pareto front (shortest, most available, ` +
        `fewest bad tasks); worst of 1 seed(s) per policy\nchart written to ${out}\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe(sweepChartSvg(sweep(GRID)));
  });

  it('rejects bad lists (exit 2)', () => {
    let err = '';
    const io = {
      out: () => {},
      err: (t: string) => {
        err += t;
      },
      stdoutIsTty: false,
    };
    expect(main(['sweep', '--delay', '5s,soon'], io)).toBe(2);
    expect(err).toContain('--delay: "soon" is not a Go duration such as 5s');
    expect(main(['sweep', '--order', 'both'], io)).toBe(2);
    expect(err).toContain('--order must be one of stop-first, start-first; got "both".');
  });
});
