// Per-state run counts: a run cut at a state met before counts as every run from that state on, once that state closed.
import { describe, expect, it } from 'vitest';
import { addOutcome, addTally, StateTallies } from '../../src/lab/explore/tally.js';

/** One run of a depth-first walk: its first changed choice, the states it meets, and how it ends. */
function play(states: StateTallies, firstChanged: number, met: [string, number][], outcome: string): 'played' | 'cut' {
  states.startRun(firstChanged);
  for (const [key, index] of met) {
    const seen = states.meet(key, index);
    if (seen) {
      addTally(states.current, seen);
      return 'cut';
    }
  }
  states.current.runs++;
  addOutcome(states.current, outcome, [outcome.length, outcome.length]);
  return 'played';
}

describe('state tallies', () => {
  it('two branches reaching one state: the second is cut and counts as the three runs of the first', () => {
    // Choice 0 has two options, both reaching state S; at S, choice 1 has three options ending in a, bb, a.
    const states = new StateTallies();
    const seen = [
      play(
        states,
        0,
        [
          ['start', 0],
          ['S', 1],
        ],
        'a',
      ),
      play(states, 2, [], 'bb'),
      play(states, 2, [], 'a'),
      play(states, 1, [['S', 1]], 'unreached'),
    ];
    expect(seen).toEqual(['played', 'played', 'played', 'cut']);
    states.startRun(0);
    const total = states.total();
    expect([total.runs, states.size]).toEqual([6, 2]);
    expect([...total.outcomes]).toEqual([
      ['a', { runs: 4, durationMs: [1, 1] }],
      ['bb', { runs: 2, durationMs: [2, 2] }],
    ]);
  });

  it('a state met again within its own run (still open) is not cut', () => {
    const states = new StateTallies();
    expect(
      play(
        states,
        0,
        [
          ['S', 0],
          ['S', 1],
        ],
        'a',
      ),
    ).toBe('played');
    expect(states.total().runs).toBe(1);
  });
});
