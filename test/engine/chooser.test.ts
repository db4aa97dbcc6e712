// The chooser: same-instant deadlines fire in the order it picks; the scripted chooser's options and replays.
import { describe, expect, it } from 'vitest';
import { type Chooser, ScriptedChooser } from '../../src/engine/chooser.js';
import { VirtualClock } from '../../src/engine/clock.js';
import { SeededRandom } from '../../src/engine/random.js';

describe('chooser', () => {
  it('a clock with a chooser lets it pick among deadlines due at the same instant, and only among those', () => {
    const asked: number[] = [];
    const chooser = new ScriptedChooser([2, 1], new SeededRandom(1).seeded);
    chooser.start();
    const watching: Chooser = {
      index: (n, point) => {
        asked.push(n);
        return chooser.index(n, point);
      },
      chance: (p, point) => chooser.chance(p, point),
      between: (minMs, maxMs, point) => chooser.between(minMs, maxMs, point),
      offset: (n, point) => chooser.offset(n, point),
    };
    const clock = new VirtualClock(watching);
    const fired: string[] = [];
    for (const name of ['a', 'b', 'c']) clock.setTimeout(() => fired.push(name), 10);
    clock.setTimeout(() => fired.push('d'), 20);
    clock.advanceTo(30);
    // 3 due at 10: option 2 (c); then 2 left: option 1 (b); then a alone; d alone at 20.
    expect(fired).toEqual(['c', 'b', 'a', 'd']);
    expect(asked).toEqual([3, 2]);
    expect(chooser.made.map((c) => [c.point, c.options, c.taken])).toEqual([
      ['same-instant', 3, 2],
      ['same-instant', 2, 1],
    ]);
  });

  it('discretises ranges, the heartbeat phase and flaky draws; takes option 0 once the picks run out', () => {
    const chooser = new ScriptedChooser([1, 2, 1, 2], new SeededRandom(1).seeded);
    chooser.start();
    expect(chooser.chance(0.3, 'flaky')).toBe(true);
    expect(chooser.between(1000, 9000, 'span')).toBe(9000);
    expect(chooser.between(1000, 9000, 'span')).toBe(5000);
    expect(chooser.offset(5000, 'phase')).toBe(4999);
    expect(chooser.offset(5000, 'phase')).toBe(0);
    // Not choices: a certain draw, an empty range, a single option.
    expect(chooser.chance(1, 'flaky')).toBe(true);
    expect(chooser.between(250, 250, 'span')).toBe(250);
    expect(chooser.index(1, 'shuffle')).toBe(0);
    expect(chooser.made.map((c) => c.options)).toEqual([2, 3, 3, 3, 3]);
  });

  it('before start() it is the seeded generator: the same draws as a run without a chooser', () => {
    const plain = new SeededRandom(42);
    const scripted = new SeededRandom(42, (seeded) => new ScriptedChooser([1, 1, 1], seeded));
    expect(scripted.shuffle([1, 2, 3, 4, 5])).toEqual(plain.shuffle([1, 2, 3, 4, 5]));
    expect(scripted.span({ minMs: 1000, maxMs: 9000 })).toBe(plain.span({ minMs: 1000, maxMs: 9000 }));
    expect(scripted.chance(0.5)).toBe(plain.chance(0.5));
    expect(scripted.phase(5000)).toBe(plain.phase(5000));
    expect(scripted.id25()).toBe(plain.id25());
  });

  it('an order taken one item at a time is drawn as each is taken while enumerating, up front otherwise', () => {
    let chooser: ScriptedChooser | undefined;
    const scripted = new SeededRandom(7, (seeded) => (chooser = new ScriptedChooser([2, 0, 1], seeded)));
    chooser!.start();
    // Left as listed, no choice made; then each bringNext chooses among the items left, which keep their order.
    const items = scripted.orderUpFront([1, 2, 3, 4]);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(chooser!.made).toHaveLength(0);
    const taken = [0, 1, 2, 3].map((from) => {
      scripted.bringNext(items, from);
      return [...items];
    });
    expect(taken).toEqual([
      [3, 1, 2, 4],
      [3, 1, 2, 4],
      [3, 1, 4, 2],
      [3, 1, 4, 2],
    ]);
    expect(chooser!.made.map((c) => [c.point, c.options, c.taken])).toEqual([
      ['shuffle', 4, 2],
      ['shuffle', 3, 0],
      ['shuffle', 2, 1],
    ]);
    // Drawn from the seed it is the whole shuffle, up front: seeded runs keep their draws.
    expect(new SeededRandom(7).orderUpFront([1, 2, 3, 4, 5])).toEqual(new SeededRandom(7).shuffle([1, 2, 3, 4, 5]));
    expect(new SeededRandom(7).drawsLazily()).toBe(false);
    const drawn = new SeededRandom(7).orderUpFront([1, 2, 3, 4]);
    const before = [...drawn];
    new SeededRandom(7).bringNext(drawn, 0);
    expect(drawn).toEqual(before); // nothing to do: the order was drawn up front
  });
});
