// The policy explorer's sweep: reads the form into a grid, runs it point by point (yielding to the page), rebuilds a
// point's trace.
import {
  caseYaml,
  type FailureAction,
  flakyImage,
  GridValueError,
  gridDuration,
  gridSettings,
  type ImageFault,
  imageBehaviourOf,
  type Measure,
  markPareto,
  measureRollout,
  oneOfValues,
  runCase,
  type SweepGrid,
  type SweepPoint,
  type SweepSettings,
  sweep,
  sweepCase,
  type Trace,
  type UpdateOrder,
  valueList,
} from '../../src/browser.js';

export const IMAGE_FAULTS: readonly ImageFault[] = ['crash', 'unhealthy', 'slow', 'flaky', 'healthy'];
const ORDERS: readonly UpdateOrder[] = ['stop-first', 'start-first'];
const ACTIONS: readonly FailureAction[] = ['pause', 'continue', 'rollback'];
/** Runs (combinations × seeds) a browser sweep may take: a few seconds of work. */
export const MAX_RUNS = 400;

/**
 * What the form asks for: the library's grid, the first seed, and the share of new containers failing (flaky image).
 */
export interface ExplorerRequest {
  grid: SweepGrid;
  firstSeed: number;
  failShare: number;
}

/** The form's refusals: the grid readers' own error, under the explorer's name. */
export { GridValueError as GridError };

/** The form's fields as text (lists comma-separated, durations in Go's syntax). */
export type ExplorerForm = Record<
  | 'replicas'
  | 'nodes'
  | 'parallelism'
  | 'delay'
  | 'monitor'
  | 'order'
  | 'failureAction'
  | 'image'
  | 'failShare'
  | 'seed'
  | 'seeds',
  string
>;

/** The form's fields as their labels read, in the page's language: what a refusal calls them. */
export type ExplorerLabels = Record<keyof ExplorerForm, string>;

/** `labels`: what a refusal calls each field (without the page's, as tests call it, its form name). */
export function parseExplorerForm(form: ExplorerForm, pageLabels?: ExplorerLabels): ExplorerRequest {
  const labels = pageLabels ?? (Object.fromEntries(Object.keys(form).map((k) => [k, k])) as ExplorerLabels);
  const image = oneOfValues(labels.image, form.image.trim(), IMAGE_FAULTS);
  const grid: SweepGrid = {
    replicas: whole(labels.replicas, form.replicas, 1, 200),
    nodes: whole(labels.nodes, form.nodes, 1, 50),
    parallelism: list(labels.parallelism, form.parallelism, (w) => whole(labels.parallelism, w, 0, 1000)),
    delayMs: list(labels.delay, form.delay, (w) => gridDuration(labels.delay, w, false)),
    monitorMs: list(labels.monitor, form.monitor, (w) => gridDuration(labels.monitor, w, true)),
    order: list(labels.order, form.order, (w) => oneOfValues(labels.order, w, ORDERS)),
    failureAction: list(labels.failureAction, form.failureAction, (w) => oneOfValues(labels.failureAction, w, ACTIONS)),
    imageBehaviour: image,
    seeds: whole(labels.seeds, form.seeds, 1, 20),
  };
  const firstSeed = whole(labels.seed, form.seed, 0, 2 ** 31 - 1);
  const percent = Number(form.failShare);
  if (form.failShare.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100)
    throw new GridValueError('grid.notPercent', { name: labels.failShare, got: JSON.stringify(form.failShare) });
  const runs = gridSettings(grid).length * grid.seeds;
  if (runs > MAX_RUNS) throw new GridValueError('grid.tooManyRuns', { runs, max: MAX_RUNS });
  return { grid, firstSeed, failShare: percent / 100 };
}

function whole(name: string, text: string, min: number, max: number): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new GridValueError('grid.notWhole', { name, min, max, got: JSON.stringify(text) });
  return value;
}

function list<T>(name: string, text: string, parse: (word: string) => T): T[] {
  if (text.trim() === '') throw new GridValueError('grid.noValue', { name });
  return valueList(name, text, parse);
}

/** The case of one run: the library's sweep case, with the explorer's seed offset and failing share. */
function explorerCase(req: ExplorerRequest, s: SweepSettings, seedIndex: number) {
  const c = sweepCase(req.grid, s, req.firstSeed + seedIndex - 1);
  const behaviour =
    req.grid.imageBehaviour === 'flaky' ? flakyImage(req.failShare) : imageBehaviourOf(req.grid.imageBehaviour);
  return { ...c, images: { 'app:v2': behaviour } };
}

/** The trace of a point's first seed, for the timeline and the compare view (the same run the sweep measured). */
export function pointTrace(req: ExplorerRequest, s: SweepSettings): Trace {
  return runCase(explorerCase(req, s, 1));
}

/** The scenario file of a point's first seed (the run `pointTrace` plays), for the outcome atlas. */
export function pointScenario(req: ExplorerRequest, s: SweepSettings): { name: string; file: string; text: string } {
  const c = explorerCase(req, s, 1);
  const name = c.name ?? 'lab-case';
  return { name, file: `${name}.yaml`, text: caseYaml(c) };
}

function measure(req: ExplorerRequest, s: SweepSettings, seedIndex: number): Measure {
  return measureRollout(runCase(explorerCase(req, s, seedIndex)));
}

/** Lets the page handle input and paint: a message task (setTimeout would be clamped to 4 ms once nested). */
const yieldToPage = () =>
  new Promise<void>((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(null);
  });

/**
 * Runs every combination through the library's `sweep`, one run at a time with a pause for the page after each (its
 * measures are taken first, then handed to `sweep` to combine), then marks the Pareto front over all of them.
 * `cancelled()` stops it between two runs (then null).
 */
export async function runExplorerSweep(
  req: ExplorerRequest,
  opts: { onPoint: (done: number, total: number) => void; cancelled: () => boolean },
): Promise<SweepPoint[] | null> {
  const settings = gridSettings(req.grid);
  const points: SweepPoint[] = [];
  for (const s of settings) {
    const measures: Measure[] = [];
    for (let seedIndex = 1; seedIndex <= req.grid.seeds; seedIndex++) {
      if (opts.cancelled()) return null;
      measures.push(measure(req, s, seedIndex));
      await yieldToPage();
    }
    const single: SweepGrid = {
      ...req.grid,
      parallelism: [s.parallelism],
      delayMs: [s.delayMs],
      monitorMs: [s.monitorMs],
      order: [s.order],
      failureAction: [s.failureAction],
    };
    points.push(sweep(single, { measure: (_grid, _s, seedIndex) => measures[seedIndex - 1] }).points[0]);
    opts.onPoint(points.length, settings.length);
  }
  markPareto(points);
  return points;
}
