// The real backend's only clock: wall time in epoch milliseconds (the simulator's virtual clock is not used here).
import { performance } from 'node:perf_hooks';

/** Epoch milliseconds, sub-millisecond precise; the same in every thread of the process. */
export function wallNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** An Engine API timestamp (RFC 3339 with up to nanoseconds) as epoch milliseconds with its fraction. */
export function isoToEpochMs(iso: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!match) return Date.parse(iso);
  const fraction = match[2] ? Number(`0.${match[2]}`) * 1000 : 0;
  return Date.parse(`${match[1]}${match[3]}`) + fraction;
}
