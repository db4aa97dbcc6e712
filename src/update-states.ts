// The final UpdateStatus states (an update or rollback that stopped moving), named once for the engine, backends and
// views.
import type { UpdateState } from './types.js';

/** `completed`, `paused`, `rollback_completed`, `rollback_paused`: swarmkit leaves these until the next update. */
export const FINAL_UPDATE_STATES: ReadonlySet<UpdateState> = new Set<UpdateState>([
  'completed',
  'paused',
  'rollback_completed',
  'rollback_paused',
]);

/**
 * Whether `state` (an UpdateStatus.State as read from a trace or a daemon) is final; null/undefined (no status) is not.
 */
export function isFinalUpdateState(state: string | null | undefined): state is UpdateState {
  return state !== null && state !== undefined && FINAL_UPDATE_STATES.has(state as UpdateState);
}
