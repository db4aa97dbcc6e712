// The final UpdateStatus states, named once: what ends a rollout for the lab, the comparison and the settle rule.
import { describe, expect, it } from 'vitest';
import { FINAL_UPDATE_STATES, isFinalUpdateState } from '../../src/update-states.js';

describe('isFinalUpdateState', () => {
  it('is true for completed, paused, rollback_completed and rollback_paused only', () => {
    expect([...FINAL_UPDATE_STATES]).toEqual(['completed', 'paused', 'rollback_completed', 'rollback_paused']);
    const states = ['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed'];
    expect(states.filter(isFinalUpdateState)).toEqual(['paused', 'completed', 'rollback_paused', 'rollback_completed']);
    expect([null, undefined, ''].map(isFinalUpdateState)).toEqual([false, false, false]);
  });
});
