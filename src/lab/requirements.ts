// Requirements of a rollout (`min-available>=3`, `duration<=90s`): parsed from text, judged against measured runs.
// Free of fast-check and Node, so the page's challenges judge with the very code `swarmlab check` uses.
import { assertNever } from '../assert-never.js';
import { NS_PER_MS } from '../defaults.js';
import { parseGoDuration } from '../duration.js';
import type { Millis } from '../types.js';

export type Metric = 'min-available' | 'duration' | 'bad-tasks' | 'time-to-detect';
export interface Requirement {
  metric: Metric;
  op: '>=' | '<=' | '>' | '<' | '==';
  /** Milliseconds for duration and time-to-detect, a count otherwise. */
  value: number;
  text: string;
}

/** What a requirement reads of a run: `swarmlab check`'s runs and the page's challenge runs alike. */
export interface MeasuredRun {
  seed: number;
  /** Rollout start → final UpdateStatus; the trace's end when it never got one. */
  durationMs: Millis;
  finished: boolean;
  minAvailable: number;
  badTasks: number;
  timeToDetectMs: Millis | null;
}

export interface RequirementResult<R extends MeasuredRun = MeasuredRun> {
  requirement: Requirement;
  /** The first run (in worst-first order) that broke it, or null when every run met it. */
  broken: R | null;
  brokenRuns: number;
}

export function metricOf(run: MeasuredRun, metric: Metric): number | null {
  switch (metric) {
    case 'min-available':
      return run.minAvailable;
    case 'bad-tasks':
      return run.badTasks;
    case 'duration':
      return run.finished ? run.durationMs : Infinity;
    case 'time-to-detect':
      return run.timeToDetectMs;
    default:
      return assertNever(metric, 'metric');
  }
}

export function holds(value: number, op: Requirement['op'], limit: number): boolean {
  switch (op) {
    case '>=':
      return value >= limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '<':
      return value < limit;
    case '==':
      return value === limit;
    default:
      return assertNever(op, 'comparison');
  }
}

/** Whether every run meets `requirement`; the broken run furthest from the limit (then the lowest seed). */
export function judgeRequirement<R extends MeasuredRun>(
  requirement: Requirement,
  runs: readonly R[],
): RequirementResult<R> {
  const broken = runs.filter((run) => {
    const value = metricOf(run, requirement.metric);
    return value !== null && !holds(value, requirement.op, requirement.value);
  });
  const distance = (run: R) => Math.abs((metricOf(run, requirement.metric) ?? 0) - requirement.value);
  const first = broken.length ? [...broken].sort((a, b) => distance(b) - distance(a) || a.seed - b.seed)[0] : null;
  return { requirement, broken: first, brokenRuns: broken.length };
}

const METRICS: readonly Metric[] = ['min-available', 'duration', 'bad-tasks', 'time-to-detect'];

/** `min-available>=3`, `bad-tasks<=2`, `duration<=90s`, `time-to-detect<10s`; throws an Error saying what is wrong. */
export function parseRequirement(text: string): Requirement {
  const match = /^\s*([a-z-]+)\s*(>=|<=|==|>|<)\s*(\S+)\s*$/.exec(text);
  if (!match)
    throw new Error(
      `--require ${JSON.stringify(text)}: expected METRIC OP VALUE such as min-available>=3 ` +
        `(metrics: ${METRICS.join(', ')})`,
    );
  const [, name, op, valueText] = match;
  if (!(METRICS as readonly string[]).includes(name))
    throw new Error(`--require ${JSON.stringify(text)}: unknown metric ${name} (metrics: ${METRICS.join(', ')})`);
  const metric = name as Metric;
  let value: number;
  if (metric === 'duration' || metric === 'time-to-detect') {
    try {
      value = parseGoDuration(valueText) / NS_PER_MS;
    } catch {
      throw new Error(`--require ${JSON.stringify(text)}: ${metric} takes a Go duration such as 90s or 2m`);
    }
  } else {
    if (!/^\d+$/.test(valueText)) throw new Error(`--require ${JSON.stringify(text)}: ${metric} takes a whole number`);
    value = Number(valueText);
  }
  return { metric, op: op as Requirement['op'], value, text: `${metric}${op}${valueText}` };
}
