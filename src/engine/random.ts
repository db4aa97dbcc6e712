// The one seeded random generator of a run: ids, shuffles and timing spans all draw from it.
import seedrandom from 'seedrandom';
import type { Millis, Span } from '../types.js';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export class SeededRandom {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly seed: number) {
    this.prng = seedrandom.alea(String(seed));
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
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A swarmkit-style 25-character lower-case base-36 object ID. */
  id25(): string {
    let id = '';
    for (let i = 0; i < 25; i++) id += ID_ALPHABET[this.int(36)];
    return id;
  }

  /** A 64-character hex container ID. */
  hex64(): string {
    let id = '';
    for (let i = 0; i < 64; i++) id += ID_ALPHABET[this.int(16)];
    return id;
  }

  /** A fixed span, or a uniform draw from a range. */
  span(span: Span): Millis {
    if (typeof span === 'number') return span;
    return span.minMs + this.prng() * (span.maxMs - span.minMs);
  }
}
