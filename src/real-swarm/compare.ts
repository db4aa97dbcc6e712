// Compares two traces of one scenario (e.g. simulated vs real swarm): outcome, replacements, tasks per image, phase
// durations.
import { availableByImage } from '../trace/availability.js';
import { foldTrace } from '../trace/fold.js';
import type { Millis, Trace, TraceEvent } from '../types.js';
import { isFinalUpdateState } from '../update-states.js';
import { notComparableText, unsimulatedFlags } from './unsimulated.js';

export interface Tolerances {
  /** Tasks created per image may differ by this many. */
  tasksPerImage: number;
  /** A phase duration may differ by this share of the longer one... */
  durationRatio: number;
  /** ...or by this many ms, whichever is larger (poll granularity). */
  durationFloorMs: Millis;
}

export const DEFAULT_TOLERANCES: Readonly<Tolerances> = Object.freeze({
  tasksPerImage: 1,
  durationRatio: 0.15,
  durationFloorMs: 250,
});

export interface Phase {
  /** `update`, `rollback` (manual) or `auto_rollback`. */
  kind: string;
  startMs: Millis;
  endMs: Millis | null;
  endState: string | null;
}

export interface TraceSummary {
  service: string;
  finalState: string | null;
  /** The final UpdateStatus message, task IDs replaced by `<task>`. */
  finalMessage: string;
  /** Slots given a new task after the first task of that slot, in creation order. */
  replacements: number[];
  tasksPerImage: Record<string, number>;
  /** When each task of the service was created, by image (virtual or run ms): counts over a window are read from it. */
  taskCreatedMs: Record<string, number[]>;
  /** Serving tasks (running, desired running, node not down: see availability.ts) per image at the end. */
  runningImages: Record<string, number>;
  failures: number;
  phases: Phase[];
  /**
   * A task of the service ended by itself (complete, failed, rejected) after the service's last spec or status change:
   * its running set is still moving (a crash loop, tasks exiting on their own), so the state at the end depends on
   * when the trace stopped.
   */
  endsMoving: boolean;
}

export interface ComparisonRow {
  what: string;
  a: string;
  b: string;
  ok: boolean;
  /** false: shown for information, not part of the verdict. */
  judged: boolean;
}

export interface Comparison {
  a: TraceSummary;
  b: TraceSummary;
  rows: ComparisonRow[];
  ok: boolean;
  /** Flags the commands gave that the simulator does not model (`--mount`): then the verdict is "not comparable". */
  unsimulated: string[];
  tolerances: Tolerances;
}

const TASK_ID = /\b[a-z0-9]{25}\b/g;

type StatusEvent = Extract<TraceEvent, { type: 'update_status' }>;

/** Task states a task reaches by itself, not because it was told to stop. */
const SELF_ENDS: ReadonlySet<string> = new Set(['complete', 'failed', 'rejected']);

/** The service a summary is about: `serviceName`, or the first one created. */
function serviceNamed(trace: Trace, serviceName?: string): string {
  if (serviceName) return serviceName;
  const created = trace.events.find((e) => e.type === 'service_spec' && e.action === 'create');
  return created?.type === 'service_spec' ? created.name : '';
}

/**
 * Opens, closes or extends the phases with one UpdateStatus change (a repeat of the state only updates the message).
 */
function advancePhases(phases: Phase[], event: StatusEvent): void {
  const open = phases.at(-1);
  if (event.state === 'updating' || event.state === 'rollback_started') {
    if (open && open.endMs === null) {
      open.endMs = event.t_ms;
      open.endState = event.state;
    }
    const kind = event.state === 'updating' ? 'update' : /manually/.test(event.message) ? 'rollback' : 'auto_rollback';
    const fresh = kind !== 'auto_rollback' && event.startedMs !== null;
    phases.push({ kind, startMs: fresh ? event.startedMs! : event.t_ms, endMs: null, endState: null });
  } else if (isFinalUpdateState(event.state) && open && open.endMs === null) {
    open.endMs = event.completedMs ?? event.t_ms;
    open.endState = event.state;
  }
}

/**
 * An update or rollback started again under the same state: a service update (or scale) during an update resets
 * UpdateStatus to nil and the updater starts anew. The simulator records the nil in between; a real swarm, polled,
 * shows only a new StartedAt.
 */
function restarts(event: StatusEvent, lastStartedMs: number | null): boolean {
  if (event.state !== 'updating' && event.state !== 'rollback_started') return false;
  return event.startedMs !== null && lastStartedMs !== null && event.startedMs !== lastStartedMs;
}

/** What a trace says about one service (default: the first one created). */
/** The judged rows on which the two traces differ. */
export function failedRows(comparison: Comparison): ComparisonRow[] {
  return comparison.rows.filter((row) => row.judged && !row.ok);
}

/** A row that compares how long a phase took (`update duration (→ completed)`), not what happened. */
export function isDurationRow(row: ComparisonRow): boolean {
  return row.what.includes(' duration (');
}

export function summarizeTrace(trace: Trace, serviceName?: string): TraceSummary {
  const name = serviceNamed(trace, serviceName);
  const serviceIds = new Set<string>();
  const slotsSeen = new Set<number>();
  const replacements: number[] = [];
  const tasksPerImage: Record<string, number> = {};
  const taskCreatedMs: Record<string, number[]> = {};
  const phases: Phase[] = [];
  let finalState: string | null = null;
  let finalMessage = '';
  let failures = 0;
  let lastStartedMs: number | null = null;
  let lastControlMs = 0;
  let lastSelfEndMs = -1;
  const end = foldTrace(trace, (state, event) => {
    if (event.type === 'service_spec') {
      if (event.name !== name) return;
      serviceIds.add(event.serviceId);
      lastControlMs = event.t_ms;
    } else if (event.type === 'task_created' && serviceIds.has(event.serviceId)) {
      tasksPerImage[event.image] = (tasksPerImage[event.image] ?? 0) + 1;
      (taskCreatedMs[event.image] ??= []).push(event.t_ms);
      if (slotsSeen.has(event.slot)) replacements.push(event.slot);
      slotsSeen.add(event.slot);
    } else if (event.type === 'task_state' && SELF_ENDS.has(event.state)) {
      const task = state.tasks.get(event.taskId);
      if (!task || !serviceIds.has(task.serviceId)) return;
      if (event.state !== 'complete') failures++;
      if (task.desired === 'running') lastSelfEndMs = event.t_ms;
    } else if (event.type === 'update_status' && serviceIds.has(event.serviceId)) {
      lastControlMs = event.t_ms;
      finalMessage = event.message; // the same state, its message learnt later (or repeated): no new phase
      if (event.state === finalState && !restarts(event, lastStartedMs)) return;
      finalState = event.state;
      lastStartedMs = event.startedMs;
      advancePhases(phases, event);
    }
  });
  const runningImages: Record<string, number> = {};
  for (const id of serviceIds)
    for (const [image, n] of availableByImage(end, id)) runningImages[image] = (runningImages[image] ?? 0) + n;
  return {
    service: name,
    finalState,
    finalMessage: finalMessage.replace(TASK_ID, '<task>'),
    replacements,
    tasksPerImage,
    taskCreatedMs,
    runningImages,
    failures,
    phases,
    endsMoving: lastSelfEndMs > lastControlMs,
  };
}

/**
 * When a trace's first command was given (0 without commands): a real run's recording starts before it, by ms on one
 * node but by seconds on a lab cluster, whose images are copied to its workers once the recording has started.
 */
function firstCommandMs(trace: Trace): Millis {
  return trace.events.find((e) => e.type === 'command')?.t_ms ?? 0;
}

/** Compares trace `a` with trace `b` (same scenario) under `tolerances`. */
export function compareTraces(
  a: Trace,
  b: Trace,
  opts: { service?: string; tolerances?: Tolerances } = {},
): Comparison {
  const tolerances = opts.tolerances ?? DEFAULT_TOLERANCES;
  // A crash loop creates tasks for as long as a trace runs, and the two backends stop recording at different times:
  // tasks are counted over the time both traces ran, from each one's first command on.
  const [startA, startB] = [firstCommandMs(a), firstCommandMs(b)];
  const [ranA, ranB] = [a.duration_ms - startA, b.duration_ms - startB];
  const tasksUntilMs = Math.min(ranA, ranB);
  const sa = summarizeTrace(a, opts.service);
  const sb = summarizeTrace(b, opts.service ?? sa.service);
  const createdBy = (summary: TraceSummary, image: string, startMs: Millis) =>
    (summary.taskCreatedMs[image] ?? []).filter((tMs) => tMs - startMs <= tasksUntilMs).length;
  const rows: ComparisonRow[] = [];
  const row = (what: string, va: string, vb: string, ok: boolean, judged = true) =>
    rows.push({ what, a: va, b: vb, ok, judged });
  if (ranA !== ranB) {
    const shorter = `${formatSeconds(ranA)}, ${formatSeconds(ranB)}`;
    row(
      'tasks counted over',
      `${formatSeconds(tasksUntilMs)} from the 1st command`,
      `(the shorter of ${shorter})`,
      true,
      false,
    );
  }
  row('final UpdateStatus', String(sa.finalState), String(sb.finalState), sa.finalState === sb.finalState);
  row('final message', sa.finalMessage, sb.finalMessage, sa.finalMessage === sb.finalMessage);
  // Tasks still ending by themselves after the last status change (a crash loop, self-exiting tasks): which ones run at
  // the end depends on when each trace stopped, not on what the swarm did, so the row is shown but not judged.
  row(
    sa.endsMoving || sb.endsMoving ? 'running images at the end (tasks still ending)' : 'running images at the end',
    formatCounts(sa.runningImages),
    formatCounts(sb.runningImages),
    formatCounts(sa.runningImages) === formatCounts(sb.runningImages),
    !(sa.endsMoving || sb.endsMoving),
  );
  for (const image of [...new Set([...Object.keys(sa.tasksPerImage), ...Object.keys(sb.tasksPerImage)])].sort()) {
    const ca = createdBy(sa, image, startA);
    const cb = createdBy(sb, image, startB);
    row(`tasks created, ${image}`, String(ca), String(cb), Math.abs(ca - cb) <= tolerances.tasksPerImage);
  }
  row(
    'replacements (slot order)',
    sa.replacements.join(' ') || '-',
    sb.replacements.join(' ') || '-',
    sa.replacements.length === sb.replacements.length,
    false,
  );
  row('failed or rejected tasks', String(sa.failures), String(sb.failures), sa.failures === sb.failures, false);
  row(
    'phases',
    sa.phases.map((p) => p.kind).join(', ') || '-',
    sb.phases.map((p) => p.kind).join(', ') || '-',
    sa.phases.map((p) => p.kind).join() === sb.phases.map((p) => p.kind).join(),
  );
  sa.phases.forEach((pa, index) => {
    const pb = sb.phases[index];
    if (!pb || pb.kind !== pa.kind) return;
    const da = duration(pa);
    const db = duration(pb);
    // Unfinished on both sides (e.g. the service was removed mid-update) agrees; on one side only, it does not.
    const ok =
      da === null || db === null
        ? da === db
        : Math.abs(da - db) <= Math.max(tolerances.durationFloorMs, tolerances.durationRatio * Math.max(da, db));
    row(`${pa.kind} duration (→ ${pa.endState ?? 'unfinished'})`, formatSeconds(da), formatSeconds(db), ok);
  });
  const unsimulated = [...new Set([...unsimulatedFlags(a), ...unsimulatedFlags(b)])];
  return {
    a: sa,
    b: sb,
    rows,
    ok: !unsimulated.length && rows.every((r) => r.ok || !r.judged),
    unsimulated,
    tolerances,
  };
}

/** The comparison as a table with the verdict and the tolerances. */
export function formatComparison(comparison: Comparison, labels: [string, string] = ['A', 'B']): string {
  const widths = [
    Math.max(4, ...comparison.rows.map((r) => r.what.length)),
    Math.max(labels[0].length, ...comparison.rows.map((r) => r.a.length)),
  ];
  const lines = [`${'what'.padEnd(widths[0])}  ${labels[0].padEnd(widths[1])}  ${labels[1]}`];
  for (const r of comparison.rows) {
    const mark = r.ok ? '' : r.judged ? '   ✗' : '   (differs; not judged)';
    lines.push(`${r.what.padEnd(widths[0])}  ${r.a.padEnd(widths[1])}  ${r.b}${mark}`);
  }
  const t = comparison.tolerances;
  if (comparison.unsimulated.length) {
    lines.push('', `verdict: ${notComparableText(comparison.unsimulated)}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '',
    `verdict: ${comparison.ok ? 'same' : 'DIFFERENT'} (same final status and message, same running images, ` +
      `tasks per image ±${t.tasksPerImage}, durations within ${Math.round(t.durationRatio * 100)} % ` +
      `or ${t.durationFloorMs} ms)`,
  );
  return `${lines.join('\n')}\n`;
}

function duration(phase: Phase): Millis | null {
  return phase.endMs === null ? null : phase.endMs - phase.startMs;
}

function formatSeconds(ms: Millis | null): string {
  return ms === null ? 'unfinished' : `${(ms / 1000).toFixed(2)} s`;
}

function formatCounts(counts: Record<string, number>): string {
  return (
    Object.keys(counts)
      .sort()
      .map((k) => `${k}×${counts[k]}`)
      .join(', ') || '-'
  );
}
