// The one seeded random generator of a run: ids, shuffles and timing spans all draw from it.
import seedrandom from 'seedrandom';
import type { Millis, Span } from '../types.js';
import type { Chooser } from './chooser.js';

/** The character codes of `0-9a-z`; an ID is built as codes and made one flat string at the end. */
const ID_CODES = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));

export class SeededRandom {
  private readonly prng: seedrandom.PRNG;
  /** The draws themselves, as a chooser: what every choice point uses unless another chooser is injected. */
  readonly seeded: Chooser;
  /** Where the choice points (shuffle, chance, span, phase) go; ids always come from the seeded generator. */
  readonly chooser: Chooser;

  constructor(
    readonly seed: number,
    chooserFor?: (seeded: Chooser) => Chooser,
  ) {
    this.prng = seedrandom.alea(String(seed));
    const prng = this.prng;
    this.seeded = {
      index: (n) => Math.floor(prng() * n),
      chance: (p) => prng() < p,
      between: (minMs, maxMs) => minMs + prng() * (maxMs - minMs),
      offset: (n) => Math.floor(prng() * n),
    };
    this.chooser = chooserFor ? chooserFor(this.seeded) : this.seeded;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** A Fisher–Yates shuffle in place (Swarm iterates a Go map: effectively random order). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.chooser.index(i + 1, 'shuffle');
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /**
   * The order of a list a consumer takes one item at a time (an updater's slots): shuffled here in a drawn run, as it
   * always was. While the chooser enumerates (explore, a replay's `choices:`) it is left as listed and the consumer
   * calls `bringNext` as it takes each item, so a run that never takes the rest is not multiplied by its orders.
   */
  orderUpFront<T>(items: T[]): T[] {
    return this.drawsLazily() ? items : this.shuffle(items);
  }

  /** Whether orders are drawn as their items are taken (`bringNext`) rather than up front. */
  drawsLazily(): boolean {
    return this.chooser.enumerates?.() === true;
  }

  /**
   * The lazy half of `orderUpFront`, called as each item is taken: while orders are drawn lazily, one of
   * `items[from..]`, a choice, moved to `from`; the others keep their order, so the items left are the same list
   * whichever were taken before (states that took the same items hash alike). In a drawn run the order was drawn up
   * front: nothing to do.
   */
  bringNext<T>(items: T[], from: number): void {
    const left = items.length - from;
    if (left <= 1 || !this.drawsLazily()) return;
    const offset = this.chooser.index(left, 'shuffle');
    if (offset === 0) return;
    const [item] = items.splice(from + offset, 1);
    items.splice(from, 0, item);
  }

  /** A swarmkit-style 25-character lower-case base-36 object ID. */
  id25(): string {
    return this.idOf(25, 36);
  }

  /** A 64-character hex container ID. */
  hex64(): string {
    return this.idOf(64, 16);
  }

  /**
   * `length` characters drawn from the first `radix` of 0-9a-z, one draw each in order. Built with `+=` an ID was a
   * rope of `length` string pieces (~0.8 KB for id25) kept alive by every record holding it; this is one flat string.
   */
  private idOf(length: number, radix: number): string {
    const codes: number[] = new Array(length);
    for (let i = 0; i < length; i++) codes[i] = ID_CODES[this.int(radix)];
    return String.fromCharCode(...codes);
  }

  /** A fixed span, or a uniform draw from a range. */
  span(span: Span): Millis {
    if (typeof span === 'number') return span;
    return this.chooser.between(span.minMs, span.maxMs, 'span');
  }

  /** True with probability p (a flaky image's draw). */
  chance(p: number): boolean {
    return this.chooser.chance(p, 'flaky');
  }

  /** Which of an image's `one_of` behaviours a new task takes. */
  variant(n: number): number {
    return this.chooser.index(n, 'image');
  }

  /** A whole number of milliseconds in [0, periodMs): where in its period a heartbeat stands. */
  phase(periodMs: number): number {
    return this.chooser.offset(periodMs, 'phase');
  }
}
