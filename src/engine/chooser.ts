// A run's choice points, and the scripted chooser explore and `choices:` replays put in place of the seeded draws.

import { InputError } from '../errors.js';

/** What a choice decides; recorded with each choice so a replay that no longer fits can say where. */
export type ChoicePoint = 'shuffle' | 'flaky' | 'span' | 'phase' | 'same-instant' | 'image' | 'fault';

/** Every draw of a run that can change what happens goes through one of these. */
export interface Chooser {
  /** An index in [0, n): one step of a Fisher–Yates shuffle, or which of n same-instant deadlines fires now. */
  index(n: number, point: ChoicePoint): number;
  /** True with probability p (a flaky image's exit draw). */
  chance(p: number, point: ChoicePoint): boolean;
  /** A value in the continuous range [minMs, maxMs] (a timing range). */
  between(minMs: number, maxMs: number, point: ChoicePoint): number;
  /** A whole number in [0, n) drawn from a wide range (the heartbeat phase). */
  offset(n: number, point: ChoicePoint): number;
  /** Called by the clock before each deadline fires (an event boundary): where explore injects faults. */
  boundary?(): void;
  /**
   * True while every option of each choice is enumerated (explore, a replay's `choices:`) rather than drawn: a shuffle
   * then orders only the items its caller reads the order of.
   */
  enumerates?(): boolean;
}

/** What a chooser may look at besides the choice: the deadlines pending on the virtual clock. */
export interface ClockView {
  now(): number;
  /** How many deadlines have fired so far. */
  fired(): number;
  /** Every live deadline, in the order they were set. */
  pending(): PendingDeadline[];
}

/** A live deadline: when it is due, what it runs and the number it runs it with (its subject is not shown). */
export interface PendingDeadline {
  dueMs: number;
  fn: (subject: never, detail: number) => void;
  detail: number;
}

export interface ChoiceMade {
  point: ChoicePoint;
  /** How many options this choice point had. */
  options: number;
  taken: number;
}

/**
 * Follows `picks` (one option index per choice, in the order the run meets them) and takes option 0 once they run
 * out. Before `start()` every draw is the seeded one (`seeded`) and same-instant deadlines fire in the order they were
 * set, as in a normal run. Continuous ranges are discretised: a timing range to its minimum, midpoint and maximum,
 * the heartbeat phase to 0, half a period and a period less 1 ms; a flaky draw to "keeps running" (0) or "exits" (1).
 */
export class ScriptedChooser implements Chooser {
  readonly made: ChoiceMade[] = [];
  private started = false;

  constructor(
    private readonly picks: readonly number[],
    private readonly seeded: Chooser,
    /** Called at each choice once started, before its option is taken; `index` counts from 0 (explore hashes there). */
    private readonly onChoice?: (point: ChoicePoint, options: number, index: number) => void,
  ) {}

  /** What happens at each event boundary once started (explore's and a replay's fault injector). */
  onBoundary?: () => void;

  start(): void {
    this.started = true;
  }

  boundary(): void {
    if (this.started) this.onBoundary?.();
  }

  get isStarted(): boolean {
    return this.started;
  }

  enumerates(): boolean {
    return this.started;
  }

  index(n: number, point: ChoicePoint): number {
    if (!this.started) return point === 'same-instant' ? 0 : this.seeded.index(n, point);
    return n <= 1 ? 0 : this.take(n, point);
  }

  chance(p: number, point: ChoicePoint): boolean {
    if (!this.started) return this.seeded.chance(p, point);
    if (p <= 0 || p >= 1) return p >= 1;
    return this.take(2, point) === 1;
  }

  between(minMs: number, maxMs: number, point: ChoicePoint): number {
    if (!this.started) return this.seeded.between(minMs, maxMs, point);
    if (!(maxMs > minMs)) return minMs;
    return [minMs, (minMs + maxMs) / 2, maxMs][this.take(3, point)];
  }

  offset(n: number, point: ChoicePoint): number {
    if (!this.started) return this.seeded.offset(n, point);
    const values = [...new Set([0, Math.floor(n / 2), n - 1])].filter((v) => v >= 0);
    return values.length <= 1 ? 0 : values[this.take(values.length, point)];
  }

  private take(options: number, point: ChoicePoint): number {
    const i = this.made.length;
    this.onChoice?.(point, options, i);
    const taken = i < this.picks.length ? this.picks[i] : 0;
    if (!(taken >= 0 && taken < options))
      throw new InputError(
        `choices.picks: choice ${i + 1} (${point}) has ${options} options, so ${taken} does not fit this run (was ` +
          'the scenario edited after explore wrote it?)',
      );
    this.made.push({ point, options, taken });
    return taken;
  }
}
