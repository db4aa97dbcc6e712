// What a rollout looked like, in four figures a replay file keeps: final status, lowest availability, bad tasks,
// duration.
import { OBSERVED_KEYS, type ObservedRollout } from '../scenario/types.js';
import type { Trace } from '../types.js';
import { badTasksStarted, minAvailable, type Rollout, rollouts } from './queries.js';

/**
 * The first rollout of `service` in four figures (`none` when the trace holds none: a renamed service, a failed
 * update).
 */
export function observeRollout(trace: Trace, service: string): ObservedRollout {
  let first: Rollout | undefined;
  try {
    first = rollouts(trace, service)[0];
  } catch {
    first = undefined; // no such service in the trace
  }
  if (!first) return { update_status: 'none', min_available: null, bad_tasks_started: null, duration_ms: null };
  return {
    update_status: first.outcome,
    min_available: minAvailable(trace, service),
    bad_tasks_started: badTasksStarted(trace, service),
    duration_ms: first.endMs === null ? null : first.endMs - first.startMs,
  };
}

/** The figures of `seen` that differ from `recorded`, one `key: recorded → seen` each; empty when the run matches. */
export function observedDifferences(recorded: ObservedRollout, seen: ObservedRollout): string[] {
  return OBSERVED_KEYS.filter((key) => recorded[key] !== seen[key]).map(
    (key) => `${key} ${recorded[key] ?? 'none'} → ${seen[key] ?? 'none'}`,
  );
}

/** `update_status rollback_completed, min_available 2, …`: the figures on one line. */
export function formatObserved(observed: ObservedRollout): string {
  return OBSERVED_KEYS.map((key) => `${key} ${observed[key] ?? 'none'}`).join(', ');
}
