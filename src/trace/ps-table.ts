// `docker service ps` of a trace for the views: its tasks' order ranked once per trace (a scrub's re-sort is linear),
// windows of long tables.
import { naturalCompare } from '../render/formatter.js';
import type { PsTable } from '../render/service-ps.js';
import { tabwrite } from '../render/tabwriter.js';
import type { Task, Trace } from '../types.js';
import { replayOf } from './replay.js';

const ranks = new WeakMap<Trace, Map<string, number>>();

/**
 * taskId → position in ps order: name (`service.slot`, global `service.nodeID`) naturally, newest first, then creation
 * order — the comparator of src/render/service-ps.ts applied (stably) to tasks in creation order, as stateAt lists
 * them.
 */
export function psRanks(trace: Trace): Map<string, number> {
  let rank = ranks.get(trace);
  if (rank) return rank;
  const names = new Map<string, string>();
  const rows: { id: string; name: string; createdMs: number }[] = [];
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'service_spec' && !names.has(ev.serviceId)) names.set(ev.serviceId, ev.spec.Name);
    else if (ev.type === 'task_created') {
      const name = `${names.get(ev.serviceId) ?? ev.serviceId}.${ev.slot ? ev.slot : (ev.nodeId ?? '')}`;
      rows.push({ id: ev.taskId, name, createdMs: Math.floor(ev.t_ms) });
    }
  }
  rows.sort((a, b) => (a.name !== b.name ? naturalCompare(a.name, b.name) : b.createdMs - a.createdMs));
  rank = new Map(rows.map((row, i) => [row.id, i]));
  ranks.set(trace, rank);
  return rank;
}

/**
 * The tasks in ps order (tasks the trace does not rank keep their relative order, last). The ps renderer still sorts
 * them itself: this only hands it a list that is already sorted, which its stable sort goes through in linear time.
 */
export function inPsOrder(trace: Trace, tasks: readonly Task[]): Task[] {
  const rank = psRanks(trace);
  // Ranks are 0 .. n-1: placing each task at its rank sorts them in linear time.
  const byRank: (Task | undefined)[] = new Array(rank.size);
  const strangers: Task[] = [];
  for (const task of tasks) {
    const r = rank.get(task.ID);
    if (r === undefined || byRank[r]) strangers.push(task);
    else byRank[r] = task;
  }
  const ordered: Task[] = [];
  for (const task of byRank) if (task) ordered.push(task);
  return strangers.length ? ordered.concat(strangers) : ordered;
}

/** Tables of more lines than this are windowed: only the rows in view (and a margin) are put in the page. */
export const WINDOWED_ABOVE = 60;
/** Rows a windowed table shows at once (under its header). */
export const VIEW_LINES = 23;
/** Rows rendered above and below the visible ones, so a scroll shows text before the next frame. */
export const OVERSCAN_LINES = 12;

export interface PsWindow {
  header: string;
  /** Table rows in all (the header not counted). */
  rows: number;
  /** Index (0-based, among rows) of the first row in `text`. */
  first: number;
  /** Rows first .. first + k - 1, one a line: exactly those lines of the whole table as tabwriter aligns it. */
  text: string;
}

/**
 * The rows of a long table to render when row `topRow` is at the top of the view. Only those rows go through
 * tabwriter, with one more line of placeholders as wide as each column's widest cell: the columns then get the widths
 * the whole table gives them (the last cell is never padded: left empty).
 */
export function psWindow(table: PsTable, topRow: number): PsWindow {
  const rows = table.rows;
  const top = Math.max(0, Math.min(topRow, rows - VIEW_LINES));
  const first = Math.max(0, top - OVERSCAN_LINES);
  const last = Math.min(rows, top + VIEW_LINES + OVERSCAN_LINES);
  const widest = table.widths.map((width, column) => (column === table.widths.length - 1 ? '' : 'x'.repeat(width)));
  const shown: (readonly string[])[] = [table.header];
  for (let row = first; row < last; row++) shown.push(table.cells(row));
  shown.push(widest);
  const aligned = tabwrite(shown.map((row) => `${row.join('\t')}\n`).join('')).split('\n');
  return { header: aligned[0], rows, first, text: aligned.slice(1, 1 + last - first).join('\n') };
}
