// Stacks timeline labels into rows so none overlaps another: each goes into the first row where it clears the last one.

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
