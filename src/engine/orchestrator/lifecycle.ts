// The service's update lifecycle (UpdateStatus) as an xstate machine: only Swarm's own transitions are possible.
import { type Actor, createActor, createMachine } from 'xstate';
import type { UpdateState } from '../../types.js';
import { assert } from '../assert.js';
import type { VirtualClock } from '../clock.js';

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

export type LifecycleActor = Actor<typeof lifecycleMachine>;

export function createLifecycle(clock: VirtualClock): LifecycleActor {
  return createActor(lifecycleMachine, { clock }).start();
}

/** Send an event and return the new UpdateState (null for none); throws when Swarm has no such transition. */
export function transition(actor: LifecycleActor, event: LifecycleEvent): UpdateState | null {
  const before = actor.getSnapshot();
  assert(
    before.can(event),
    "UpdateStatus moves only along Swarm's transitions",
    () => `from ${String(before.value)} on ${event.type}`,
  );
  actor.send(event);
  const value = actor.getSnapshot().value as string;
  return value === 'none' ? null : (value as UpdateState);
}

export function lifecycleState(actor: LifecycleActor): UpdateState | null {
  const value = actor.getSnapshot().value as string;
  return value === 'none' ? null : (value as UpdateState);
}
