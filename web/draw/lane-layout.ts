// Lane geometry for the timeline: overlapping tasks of one slot stack in sub-rows; lanes have prefix-summed tops for
// windowing.
import type { Lane, TaskBar } from '../../src/browser.js';

export interface LaneLayout {
  lanes: Lane[];
  /** Top of each lane, and one more entry: the total height. */
  tops: number[];
  rowHeight: number;
  /** taskId → sub-row within its lane. */
  rowOf: Map<string, number>;
  rowsOf: number[];
}

const MAX_ROWS = 3;

export function layoutLanes(lanes: Lane[], barsByLane: Map<string, TaskBar[]>): LaneLayout {
  const compact = lanes.length > 40;
  const rowHeight = compact ? 9 : 16;
  const pad = compact ? 2 : 6;
  const rowOf = new Map<string, number>();
  const rowsOf: number[] = [];
  const tops: number[] = [0];
  for (const lane of lanes) {
    const ends: number[] = [];
    for (const bar of [...(barsByLane.get(lane.key) ?? [])].sort((a, b) => a.createdMs - b.createdMs)) {
      let row = ends.findIndex((end) => end <= bar.createdMs);
      if (row < 0 && ends.length < MAX_ROWS) row = ends.length;
      if (row < 0) row = ends.indexOf(Math.min(...ends));
      ends[row] = Math.max(ends[row] ?? 0, bar.endMs);
      rowOf.set(bar.taskId, row);
    }
    const rows = Math.max(1, ends.length);
    rowsOf.push(rows);
    tops.push(tops[tops.length - 1] + rows * rowHeight + pad);
  }
  return { lanes, tops, rowHeight, rowOf, rowsOf };
}

/**
 * The index range [first, last) of lanes intersecting [scrollTop, scrollTop + viewHeight], plus `overscan` lanes each
 * side.
 */
export function visibleRange(
  layout: LaneLayout,
  scrollTop: number,
  viewHeight: number,
  overscan: number,
): [number, number] {
  const { tops } = layout;
  const n = layout.lanes.length;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid + 1] <= scrollTop) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < n && tops[last] < scrollTop + viewHeight) last++;
  return [Math.max(0, lo - overscan), Math.min(n, last + overscan)];
}
