// The timeline's visible span of virtual time: the whole trace, or a zoomed window that follows the cursor.

/** The shortest window a zoom shows (one second fills the width). */
export const MIN_SPAN_MS = 1_000;

/** [from, to] of a window `spanMs` wide centred on the cursor and kept inside [0, endMs]; the whole trace when null. */
export function timeWindow(endMs: number, spanMs: number | null, cursorMs: number): [number, number] {
  if (spanMs === null || spanMs >= endMs) return [0, endMs];
  const from = Math.max(0, Math.min(endMs - spanMs, cursorMs - spanMs / 2));
  return [from, from + spanMs];
}

/** The next span when zooming in (half) or out (double, back to the whole trace once it covers it). */
export function zoomedSpan(endMs: number, spanMs: number | null, direction: 'in' | 'out'): number | null {
  const current = spanMs ?? endMs;
  if (direction === 'in') return Math.max(MIN_SPAN_MS, Math.round(current / 2));
  const wider = current * 2;
  return wider >= endMs ? null : wider;
}
