// What one explored run ended in: final UpdateStatus, running images, lowest availability, bad tasks, duration.
import type { Millis, Trace } from '../../types.js';
import type { Metric } from '../check.js';
import { detectionMs, rolloutFigures } from '../queries.js';

export interface RunOutcome {
  /** The service's final UpdateStatus state, `none` when it has none. */
  updateStatus: string;
  message: string;
  runningImages: Record<string, number>;
  minAvailable: number;
  badTasksStarted: number;
  /** Update start → final UpdateStatus, or → the end of the trace when the update never finished. */
  durationMs: Millis;
  finished: boolean;
  timeToDetectMs: Millis | null;
}

/** A swarmkit task or node ID (25 lower-case base-36 characters) inside a message. */
const OBJECT_ID = /\b[0-9a-z]{25}\b/g;

export function measureRun(trace: Trace, service: string | undefined): RunOutcome {
  // A trace carries its final state: what replaying its events to the end rebuilds (test/trace/snapshots.test.ts).
  const state = trace;
  const figures = rolloutFigures(trace, service);
  const rollout = figures?.rollout;
  const svc = state.services.find((s) => (rollout ? s.ID === rollout.serviceId : s.Spec.Name === service));
  const runningImages: Record<string, number> = {};
  for (const task of state.tasks) {
    if (task.ServiceID !== svc?.ID || task.Status.State !== 'running') continue;
    const image = task.Spec.ContainerSpec.Image;
    runningImages[image] = (runningImages[image] ?? 0) + 1;
  }
  const sorted = Object.fromEntries(Object.entries(runningImages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    updateStatus: svc?.UpdateStatus?.State ?? 'none',
    message: svc?.UpdateStatus?.Message ?? '',
    runningImages: sorted,
    minAvailable: figures?.minAvailable ?? 0,
    badTasksStarted: figures?.badTasksStarted ?? 0,
    durationMs: rollout ? (rollout.endMs ?? trace.duration_ms) - rollout.startMs : 0,
    finished: rollout?.endMs !== null && rollout !== undefined,
    timeToDetectMs: rollout ? detectionMs(rollout) : null,
  };
}

/** Two runs have the same outcome when these agree (task IDs in the message do not count: they are `*`). */
export function outcomeKey(outcome: RunOutcome): string {
  return JSON.stringify([
    outcome.updateStatus,
    outcome.message.replace(OBJECT_ID, '*'),
    outcome.runningImages,
    outcome.minAvailable,
    outcome.badTasksStarted,
  ]);
}

/** The value a `--require` metric takes on a run (as `swarmlab check` measures it); null when it does not apply. */
export function metricOfRun(outcome: RunOutcome, metric: Metric): number | null {
  if (metric === 'min-available') return outcome.minAvailable;
  if (metric === 'bad-tasks') return outcome.badTasksStarted;
  if (metric === 'duration') return outcome.finished ? outcome.durationMs : Infinity;
  return outcome.timeToDetectMs;
}
