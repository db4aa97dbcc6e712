// Human-readable ages as docker prints them: go-units HumanDuration (thresholds of go-units duration.go).

import { memoize } from '../memo.js';
import type { ClusterState, Millis } from '../types.js';

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * go-units HumanDuration, with its capitalisation ("Less than a second", "About a minute", "3 hours").
 * `docker service inspect --pretty` prints this form; `docker service ps` lower-cases it.
 */
export function humanDuration(durationMs: Millis): string {
  const seconds = Math.trunc(durationMs / MS_PER_SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(durationMs / MS_PER_MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = goRound(durationMs / MS_PER_HOUR);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(durationMs / MS_PER_HOUR) / 24 / 365)} years`;
}

/** The lower-cased form `docker service ps` uses in CURRENT STATE ("less than a second", "about a minute"). */
export function humanDurationLower(durationMs: Millis): string {
  return humanDuration(durationMs).toLowerCase();
}

/** Milliseconds between an Engine API timestamp and the state's virtual now (`time.Since(t)`). */
export function ageMs(state: Pick<ClusterState, 'nowMs' | 'epochIso'>, iso: string): Millis {
  return state.nowMs - (isoMs(iso) - isoMs(state.epochIso));
}

/** Date.parse of recently seen timestamps: a table of thousands of tasks parses the same ones on every redraw. */
export const isoMs: (iso: string) => number = memoize((iso: string) => Date.parse(iso), 100_000);
