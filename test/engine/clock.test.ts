import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { VirtualClock } from '../../src/engine/clock.js';

describe('VirtualClock', () => {
  it('fires one deadline at a time, in deadline then insertion order', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    expect(clock.fireNext()).toBe(true);
    expect(fired).toEqual(['a@10']);
    clock.advanceTo(100);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(100);
    expect(clock.fireNext()).toBe(false);
  });

  it('skips cleared timers', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const id = clock.setTimeout(() => fired.push(1), 5);
    clock.setTimeout(() => fired.push(2), 6);
    clock.clearTimeout(id);
    clock.advanceTo(10);
    expect(fired).toEqual([2]);
  });

  it('runs a shared step with the subject and detail of each timer, and lists the detail as pending', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const step = (subject: { name: string }, detail: number) => fired.push(`${subject.name}:${detail}@${clock.now()}`);
    const owner: ReturnType<VirtualClock['setTimeout']>[] = [];
    clock.setStep(owner, step, { name: 'a' }, 137, 30);
    clock.setStep(null, step, { name: 'b' }, 0, 10);
    expect(owner).toHaveLength(1);
    expect(clock.pending().map(({ dueMs, fn, detail }) => [dueMs, fn === step, detail])).toEqual([
      [30, true, 137],
      [10, true, 0],
    ]);
    clock.advanceTo(40);
    expect(fired).toEqual(['b:0@10', 'a:137@30']);
    // A fired timer leaves its owner's list.
    expect(owner).toHaveLength(0);
  });

  it('drives chained xstate `after` delays one at a time (where SimulatedClock.increment stalls)', () => {
    const clock = new VirtualClock();
    const machine = createMachine({
      initial: 'a',
      states: {
        a: { after: { 1000: 'b' } },
        b: { after: { 2000: 'c' } },
        c: { after: { 500: 'd' } },
        d: { type: 'final' },
      },
    });
    const seen: string[] = [];
    const actor = createActor(machine, { clock });
    actor.subscribe((snapshot) => seen.push(`${String(snapshot.value)}@${clock.now()}`));
    actor.start();
    clock.advanceTo(10_000);
    expect(seen).toEqual(['a@0', 'b@1000', 'c@3000', 'd@3500']);
  });
});
