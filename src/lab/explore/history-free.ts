// The state explore hashes, without the history no future depends on: equal states reached by different paths merge.
import type { Engine } from '../../backend.js';
import { Timer, VirtualClock } from '../../engine/clock.js';
import { FlatActor } from '../../engine/flat-actor.js';
import { Store } from '../../engine/store.js';
import type { Trace } from '../../types.js';
import { rolloutFigures } from '../queries.js';
import type { StateView } from './state-hash.js';

/**
 * Left out: the trace so far (the store's log, and each task's number in it; in its place, what the run's outcome will
 * read of it: the figures measured up to now, see `historySoFar`), the store's write counter and each record's version
 * (numbered in write order), the simulated containers' log lines, and when each pending deadline was set (also where a
 * task's runtime lists its own): the clock is seen as its time and its live deadlines sorted by when they are due and
 * what they run (the order they were set in only breaks ties, which decides nothing explore does not enumerate:
 * same-instant deadlines fire in every order).
 */
export const HISTORY_FREE: StateView = {
  replace(object) {
    if (object instanceof FlatActor) return actorView(object);
    if (object instanceof VirtualClock) {
      const pending = object.pending();
      const order = pending.map((timer, seq) => ({ timer, seq, fn: String(timer.fn) }));
      order.sort(
        (a, b) =>
          a.timer.dueMs - b.timer.dueMs || compare(a.fn, b.fn) || a.timer.detail - b.timer.detail || a.seq - b.seq,
      );
      return { nowMs: object.now(), pending: order.map((item) => item.timer) };
    }
    return undefined;
  },
  omit(object, key) {
    // Called for every field hashed: the key is looked at first.
    if (key === 'log' || key === 'versionIndex') return object instanceof Store;
    if (key === 'version' || key === 'traceNo') return isRecord(object);
    // A pending deadline as its setter keeps it (a task's runtime): when it was set is history, as for the clock's.
    if (key === 'seq') return object instanceof Timer;
    return key === 'logLines';
  },
};

/**
 * What the outcome of a run reads from its history (as `measureRun` reads it), measured up to now: the lowest
 * availability since the update began, the new-image tasks started, when the first failure was counted, when the
 * rollout ended. With the state (which holds the rest), it decides the outcome every run from here reaches.
 */
export function historySoFar(engine: Engine | undefined, service: string | undefined): string {
  if (!engine) return '';
  const events = engine.events();
  const nowMs = engine.nowMs();
  const trace = { scenario: '', seed: 0, duration_ms: nowMs, events } as unknown as Trace;
  try {
    const figures = rolloutFigures(trace, service);
    if (!figures) return 'no rollout';
    const { rollout } = figures;
    const times = [rollout.startMs, rollout.endMs, rollout.firstFailureMs];
    return JSON.stringify([...times, figures.minAvailable, figures.badTasksStarted]);
  } catch {
    return 'unmeasured';
  }
}

/**
 * The updater's running machine as what decides its future: its status, state and context, and the events waiting
 * while it processes one (a choice made by an action), without the machine definition behind it, the same for every
 * run. Its context's functions are the updater's callbacks, whose updater is hashed where the orchestrator holds it.
 */
function actorView(actor: FlatActor<object, { type: string }>): object {
  const snapshot = actor.getSnapshot() as { status: string; value: unknown; context: Record<string, unknown> };
  const context = Object.entries(snapshot.context).filter(([, value]) => typeof value !== 'function');
  const view = { status: snapshot.status, value: snapshot.value, context };
  return actor.waiting.length ? { ...view, waiting: actor.waiting } : view;
}

/** A store record (service, task, node): its `version` is the store's write counter when it was last written. */
function isRecord(object: object): boolean {
  return 'id' in object && 'createdMs' in object && 'updatedMs' in object;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
