// Policy sweeps: a grid of update settings, each run over K seeds, measured and marked on the Pareto front.
import type { FailureAction, Millis, ServiceSpec, Trace, UpdateOrder } from '../types.js';
import { type RolloutCase, runCase } from './case.js';
import { type ImageFault, imageBehaviourOf } from './faults.js';
import { badTasksStarted, firstRollout, minAvailable } from './queries.js';

export interface SweepGrid {
  replicas: number;
  nodes: number;
  parallelism: readonly number[];
  delayMs: readonly Millis[];
  monitorMs: readonly Millis[];
  order: readonly UpdateOrder[];
  failureAction: readonly FailureAction[];
  /** How the new image behaves in every run. */
  imageBehaviour: ImageFault;
  /** Seeds 1..K per combination; each measure is the worst of them. */
  seeds: number;
}

export interface SweepSettings {
  parallelism: number;
  delayMs: Millis;
  monitorMs: Millis;
  order: UpdateOrder;
  failureAction: FailureAction;
}

export interface SweepPoint extends SweepSettings {
  /** `p2 d5s m5s start-first rollback`. */
  label: string;
  /**
   * Worst over the seeds: longest rollout (update start → final status), fewest serving tasks, most bad tasks started.
   */
  durationMs: Millis;
  minAvailable: number;
  badTasks: number;
  /** The outcome of each seed, e.g. {rollback_completed: 3}. */
  outcomes: Record<string, number>;
  /** No other point is at least as good on all three measures and better on one. */
  pareto: boolean;
}

export interface SweepResult {
  grid: SweepGrid;
  /** Which rollout model produced the points: Swarm's updater, or the Kubernetes comparison model. */
  strategy: 'swarm' | 'k8s';
  points: SweepPoint[];
}

export const DEFAULT_SWEEP_GRID: SweepGrid = {
  replicas: 6,
  nodes: 3,
  parallelism: [1, 2, 4],
  delayMs: [0, 5_000, 10_000],
  monitorMs: [5_000],
  order: ['stop-first', 'start-first'],
  failureAction: ['pause', 'rollback'],
  imageBehaviour: 'crash',
  seeds: 1,
};

/** Every combination of the grid, in a fixed order (parallelism, delay, monitor, order, failure action). */
export function gridSettings(grid: SweepGrid): SweepSettings[] {
  const out: SweepSettings[] = [];
  for (const parallelism of grid.parallelism)
    for (const delayMs of grid.delayMs)
      for (const monitorMs of grid.monitorMs) {
        for (const order of grid.order)
          for (const failureAction of grid.failureAction)
            out.push({ parallelism, delayMs, monitorMs, order, failureAction });
      }
  return out;
}

export function settingsLabel(s: SweepSettings): string {
  return `p${s.parallelism} d${seconds(s.delayMs)} m${seconds(s.monitorMs)} ${s.order} ${s.failureAction}`;
}

const seconds = (ms: Millis): string => `${+(ms / 1000).toFixed(3)}s`;

/** The sweep's service: `web`, `replicas` tasks of app:v1 (healthy, handles SIGTERM), rolled out to app:v2. */
export function sweepService(grid: SweepGrid, s: SweepSettings): ServiceSpec {
  return {
    Name: 'web',
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: grid.replicas } },
    UpdateConfig: {
      Parallelism: s.parallelism,
      Delay: s.delayMs * 1e6,
      Monitor: s.monitorMs * 1e6,
      FailureAction: s.failureAction,
      MaxFailureRatio: 0,
      Order: s.order,
    },
  };
}

export function sweepCase(grid: SweepGrid, s: SweepSettings, seed: number): RolloutCase {
  return {
    name: `sweep-${settingsLabel(s).replace(/\s+/g, '-')}-${seed}`,
    seed,
    nodes: grid.nodes,
    service: sweepService(grid, s),
    newImage: 'app:v2',
    images: { 'app:v2': imageBehaviourOf(grid.imageBehaviour) },
    faults: [],
  };
}

export interface Measure {
  durationMs: Millis;
  minAvailable: number;
  badTasks: number;
  outcome: string;
}

/** Runs the grid on Swarm's updater; `measure` swaps the rollout model (the Kubernetes comparison passes its own). */
export function sweep(
  grid: SweepGrid,
  opts: {
    onPoint?: (done: number, total: number) => void;
    measure?: (grid: SweepGrid, s: SweepSettings, seed: number) => Measure;
    strategy?: 'swarm' | 'k8s';
  } = {},
): SweepResult {
  validateGrid(grid);
  const measure = opts.measure ?? measureSwarm;
  const settings = gridSettings(grid);
  const points = settings.map((s, index): SweepPoint => {
    const point: SweepPoint = {
      ...s,
      label: settingsLabel(s),
      durationMs: 0,
      minAvailable: Infinity,
      badTasks: 0,
      outcomes: {},
      pareto: false,
    };
    for (let seed = 1; seed <= grid.seeds; seed++) {
      const m = measure(grid, s, seed);
      point.durationMs = Math.max(point.durationMs, m.durationMs);
      point.minAvailable = Math.min(point.minAvailable, m.minAvailable);
      point.badTasks = Math.max(point.badTasks, m.badTasks);
      point.outcomes[m.outcome] = (point.outcomes[m.outcome] ?? 0) + 1;
    }
    opts.onPoint?.(index + 1, settings.length);
    return point;
  });
  markPareto(points);
  return { grid, strategy: opts.strategy ?? 'swarm', points };
}

function measureSwarm(grid: SweepGrid, s: SweepSettings, seed: number): Measure {
  return measureRollout(runCase(sweepCase(grid, s, seed)));
}

/** A sweep point's figures from one run: the rollout of service `web` (as sweepCase and the explorer name it). */
export function measureRollout(trace: Trace): Measure {
  const rollout = firstRollout(trace, 'web');
  return {
    durationMs: (rollout.endMs ?? trace.duration_ms) - rollout.startMs,
    minAvailable: minAvailable(trace, rollout.serviceId),
    badTasks: badTasksStarted(trace, rollout.serviceId),
    outcome: rollout.outcome,
  };
}

/**
 * Marks the points no other point dominates (shorter or equal duration, more or equal availability, fewer or equal bad
 * tasks).
 */
export function markPareto(points: SweepPoint[]): void {
  for (const p of points) {
    p.pareto = !points.some(
      (q) =>
        q !== p &&
        q.durationMs <= p.durationMs &&
        q.minAvailable >= p.minAvailable &&
        q.badTasks <= p.badTasks &&
        (q.durationMs < p.durationMs || q.minAvailable > p.minAvailable || q.badTasks < p.badTasks),
    );
  }
}

function validateGrid(grid: SweepGrid): void {
  if (!Number.isInteger(grid.replicas) || grid.replicas < 1) throw new Error('replicas must be 1 or more');
  if (!Number.isInteger(grid.seeds) || grid.seeds < 1) throw new Error('seeds must be 1 or more');
  for (const [name, list] of [
    ['parallelism', grid.parallelism],
    ['delay', grid.delayMs],
    ['monitor', grid.monitorMs],
    ['order', grid.order],
    ['failure action', grid.failureAction],
  ] as const) {
    if (list.length === 0) throw new Error(`the ${name} list is empty`);
  }
}

/** The table `swarmlab sweep` prints: one row per combination, `*` on the Pareto front. */
export function formatSweepTable(result: SweepResult): string {
  const k8s = result.strategy === 'k8s';
  const header = k8s
    ? ['', 'maxSurge', 'maxUnavailable', 'minReadySeconds', 'duration', 'min available', 'bad tasks', 'outcomes']
    : [
        '',
        'parallelism',
        'delay',
        'monitor',
        'order',
        'failure action',
        'duration',
        'min available',
        'bad tasks',
        'outcomes',
      ];
  const rows = result.points.map((p) => {
    const settings = k8s
      ? (/maxSurge (\d+) maxUnavailable (\d+) minReadySeconds (\S+)/.exec(p.label) ?? ['', '', '', '']).slice(1)
      : [String(p.parallelism), seconds(p.delayMs), seconds(p.monitorMs), p.order, p.failureAction];
    return [
      p.pareto ? '*' : '',
      ...settings,
      seconds(p.durationMs),
      `${p.minAvailable}/${result.grid.replicas}`,
      String(p.badTasks),
      Object.entries(p.outcomes)
        .map(([o, n]) => (result.grid.seeds > 1 ? `${o}×${n}` : o))
        .join(' '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
