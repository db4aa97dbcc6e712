// The service's update lifecycle (UpdateStatus) as an xstate machine, compiled once to its transition table.
import { createMachine, initialTransition, transition as machineTransition } from 'xstate';
import type { UpdateState } from '../../types.js';
import { assert } from '../assert.js';

export type LifecycleEvent =
  | { type: 'RESET' }
  | { type: 'START' }
  | { type: 'PAUSE' }
  | { type: 'COMPLETE' }
  | { type: 'AUTO_ROLLBACK' }
  | { type: 'MANUAL_ROLLBACK' };

/**
 * none = UpdateStatus null (created, or any UpdateService call). The updater moves it on;
 * `RESET` and `MANUAL_ROLLBACK` come from the API and are allowed from every state.
 */
export const lifecycleMachine = createMachine({
  id: 'updateLifecycle',
  types: {} as { events: LifecycleEvent },
  initial: 'none',
  on: {
    RESET: '.none',
    MANUAL_ROLLBACK: '.rollback_started',
  },
  states: {
    none: { on: { START: 'updating' } },
    updating: { on: { PAUSE: 'paused', COMPLETE: 'completed', AUTO_ROLLBACK: 'rollback_started' } },
    paused: {},
    // A later updater with dirty slots (e.g. a global node back to active) completes or pauses again.
    completed: { on: { COMPLETE: 'completed', PAUSE: 'paused', AUTO_ROLLBACK: 'rollback_started' } },
    rollback_started: { on: { PAUSE: 'rollback_paused', COMPLETE: 'rollback_completed' } },
    rollback_paused: {},
    rollback_completed: { on: { COMPLETE: 'completed', PAUSE: 'paused', AUTO_ROLLBACK: 'rollback_started' } },
  },
});

/** A lifecycle state: `none` is UpdateStatus null. */
export type LifecycleState = 'none' | UpdateState;

const EVENT_TYPES: readonly LifecycleEvent['type'][] = [
  'RESET',
  'START',
  'PAUSE',
  'COMPLETE',
  'AUTO_ROLLBACK',
  'MANUAL_ROLLBACK',
];

/**
 * Every transition of the machine, computed once by xstate itself from the initial state on: (state, event) → state.
 * The machine stays the one definition; an engine write looks its step up instead of driving an actor (an actor per
 * service cost a tenth of a small run's time).
 */
const TRANSITIONS: ReadonlyMap<LifecycleState, ReadonlyMap<LifecycleEvent['type'], LifecycleState>> = (() => {
  const table = new Map<LifecycleState, Map<LifecycleEvent['type'], LifecycleState>>();
  const [initial] = initialTransition(lifecycleMachine);
  const queue = [initial];
  table.set(initial.value as LifecycleState, new Map());
  for (let snapshot = queue.shift(); snapshot; snapshot = queue.shift()) {
    const edges = table.get(snapshot.value as LifecycleState)!;
    for (const type of EVENT_TYPES) {
      if (!snapshot.can({ type })) continue;
      const [next] = machineTransition(lifecycleMachine, snapshot, { type });
      const to = next.value as LifecycleState;
      edges.set(type, to);
      if (!table.has(to)) {
        table.set(to, new Map());
        queue.push(next);
      }
    }
  }
  return table;
})();

/** The state after `event`; throws when Swarm has no such transition. */
export function lifecycleStep(from: LifecycleState, event: LifecycleEvent): LifecycleState {
  const to = TRANSITIONS.get(from)?.get(event.type);
  assert(to !== undefined, "UpdateStatus moves only along Swarm's transitions", () => `from ${from} on ${event.type}`);
  return to;
}

/** UpdateStatus's state for a lifecycle state (null for none). */
export function updateStateOf(state: LifecycleState): UpdateState | null {
  return state === 'none' ? null : state;
}
