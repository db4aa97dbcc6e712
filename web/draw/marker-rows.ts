// Stacks timeline labels into rows so none overlaps another: each goes into the first row where it clears the last one.
import type { Marker } from '../../src/browser.js';

/** A label's left edge and width, in drawing units. */
export interface Span {
  x: number;
  width: number;
}

/** The row of each span (same order as given), and how many rows that takes; `gap` keeps labels apart. */
export function stackRows(spans: readonly Span[], gap = 3): { rows: number[]; count: number } {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].x - spans[b].x || a - b);
  const rightEdges: number[] = [];
  const rows = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const { x, width } = spans[i];
    let row = rightEdges.findIndex((right) => right + gap <= x);
    if (row < 0) row = rightEdges.push(0) - 1;
    rightEdges[row] = x + width;
    rows[i] = row;
  }
  return { rows, count: Math.max(1, rightEdges.length) };
}

/** Glyph markers drawn in the marker rows (status labels have rows of their own above them). */
const GLYPHS = new Set<Marker['kind']>(['update_start', 'rollback_start', 'rollback_end', 'failure', 'stop']);
export const STATUS_ROW_H = 13;
export const GLYPH_ROW_H = 16;
/** Drawing width of a status label's character at font-size 10 (a generous average: labels never touch). */
const STATUS_CHAR_W = 6;

/** Where each status label and glyph goes: its row, and how many rows each band takes. */
export interface MarkerRows {
  key: string;
  rowOf: Map<Marker, number>;
  statusRows: number;
  glyphRows: number;
}

/** A status label near the right edge ends at its line instead of starting there. */
export const statusAnchorEnd = (mx: number, width: number): boolean => mx > width - 110;

/**
 * Rows for the status labels and the glyphs at scale `x`, so that none is drawn over another (a rollback at one
 * instant).
 */
export function placeMarkers(
  markers: readonly Marker[],
  x: (tMs: number) => number,
  width: number,
  key: string,
): MarkerRows {
  const status = markers.filter((m) => m.kind === 'status');
  const glyphs = markers.filter((m) => GLYPHS.has(m.kind));
  const statusStack = stackRows(
    status.map((m) => {
      const mx = x(m.tMs);
      const w = (m.state ?? '').length * STATUS_CHAR_W;
      return { x: statusAnchorEnd(mx, width) ? mx - 2 - w : mx + 2, width: w };
    }),
  );
  const glyphStack = stackRows(
    glyphs.map((m) => ({ x: x(m.tMs) + (m.kind === 'stop' ? 5 : -4), width: 11 })),
    1,
  );
  const rowOf = new Map<Marker, number>();
  for (const [i, m] of status.entries()) rowOf.set(m, statusStack.rows[i]);
  for (const [i, m] of glyphs.entries()) rowOf.set(m, glyphStack.rows[i]);
  return { key, rowOf, statusRows: statusStack.count, glyphRows: glyphStack.count };
}
