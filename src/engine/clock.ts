// The virtual clock: a binary heap of deadlines fired one at a time; implements xstate's Clock interface.
import type { Millis } from '../types.js';
import { fail } from './assert.js';
import type { Chooser, PendingDeadline } from './chooser.js';
import { removeItem } from './short-list.js';

/** What setTimeout returns and clearTimeout takes: the timer itself (no map from IDs to timers). */
export interface TimerHandle {
  readonly dueMs: Millis;
}

/**
 * A class, not an object literal: V8 pretenures a literal's allocation site once most of its objects outlive the young
 * generation (as during a long convergence), and every short-lived timer after that was allocated in old space.
 */
export class Timer implements TimerHandle {
  /** Fired or cleared: left in the heap until it reaches the top, then dropped. */
  done = false;

  constructor(
    readonly dueMs: Millis,
    /** Set order; also the order `pending()` lists live timers in. */
    readonly seq: number,
    /** Called with the timer's subject and detail: a step shared by many timers needs no closure per timer. */
    readonly fn: Step<never>,
    /** The list of pending timers its setter keeps, which it leaves when it fires (see `setStep`). */
    readonly owner: TimerHandle[] | null,
    readonly subject: unknown,
    readonly detail: number,
  ) {}
}

/** What a deadline runs: one function per kind of step, given what it acts on and a number (an exit code, an index). */
export type Step<S> = (subject: S, detail: number) => void;

/** Timers at the same deadline fire in the order they were set, so runs are reproducible. */
export class VirtualClock {
  private heap: Timer[] = [];
  private liveCount = 0;
  private seq = 0;
  private currentMs: Millis = 0;
  private firing = false;
  private deferred: { error: unknown } | null = null;
  private firedCount = 0;
  /** The fired count at which the chooser's boundary hook last ran: once per boundary. */
  private boundaryAt = -1;
  /** Called after every deadline fired (outside the timer): may throw to stop the run there (the trace limit). */
  afterFire: (() => void) | null = null;

  /** Without a chooser, deadlines due at the same instant fire in the order they were set; with one, it picks. */
  constructor(private readonly chooser?: Chooser) {}

  now(): Millis {
    return this.currentMs;
  }

  /** xstate Clock: schedule `fn` after `delayMs` of virtual time. */
  setTimeout(fn: (...args: unknown[]) => void, delayMs: number): TimerHandle {
    return this.setStep(null, fn, undefined, 0, delayMs);
  }

  /**
   * Schedule `step(subject, detail)` after `delayMs`: the step is one function for every timer of its kind (no closure
   * allocated per timer, none holding what it captured until it fires). A setter that keeps its pending timers in a
   * list (to clear them together) passes it as `owner`: the timer is pushed on it and leaves it as it fires.
   */
  setStep<S>(owner: TimerHandle[] | null, step: Step<S>, subject: S, detail: number, delayMs: number): TimerHandle {
    // A negative delay (a rollback config swarmkit does not validate) fires at once, as Go's time.After does.
    if (!(delayMs >= 0)) delayMs = 0;
    const timer = new Timer(this.currentMs + delayMs, this.seq++, step as Step<never>, owner, subject, detail);
    this.liveCount++;
    this.push(timer);
    owner?.push(timer);
    return timer;
  }

  /** xstate Clock: cancel a pending timer (a no-op for one already fired, cleared, or not a timer of this clock). */
  clearTimeout(handle: unknown): void {
    const timer = handle as Timer | undefined;
    if (typeof timer !== 'object' || timer === null || timer.done !== false) return;
    timer.done = true;
    this.liveCount--;
  }

  /**
   * The live deadlines in the order they were set, for a chooser that hashes the state (explore): when, which step, and
   * its detail (its subject is hashed where its setter keeps it).
   */
  pending(): PendingDeadline[] {
    return this.heap
      .filter((timer) => !timer.done)
      .sort((a, b) => a.seq - b.seq)
      .map(({ dueMs, fn, detail }) => ({ dueMs, fn, detail }));
  }

  /** How many deadlines have fired: a chooser tells one synchronous stretch of the run from the next by it. */
  fired(): number {
    return this.firedCount;
  }

  pendingCount(): number {
    return this.liveCount;
  }

  /** The earliest live deadline, or undefined when nothing is scheduled. */
  nextDeadline(): Millis | undefined {
    this.dropCancelled();
    return this.heap.length ? this.heap[0].dueMs : undefined;
  }

  /** Fire exactly one deadline (moving time to it). Returns false when nothing is scheduled. */
  fireNext(): boolean {
    if (this.firing) fail('timers fire one at a time', 'VirtualClock.fireNext called from inside a timer');
    this.throwDeferred();
    this.dropCancelled();
    const timer = this.chooser ? this.popChosen(this.chooser) : this.pop();
    if (!timer) return false;
    if (timer.dueMs < this.currentMs)
      fail('the virtual clock never goes backwards', `a deadline at ${timer.dueMs} ms fires at ${this.currentMs} ms`);
    timer.done = true;
    this.liveCount--;
    if (timer.owner) removeItem(timer.owner, timer);
    this.currentMs = timer.dueMs;
    this.firedCount++;
    this.firing = true;
    try {
      timer.fn(timer.subject as never, timer.detail);
    } finally {
      this.firing = false;
    }
    this.throwDeferred();
    this.afterFire?.();
    return true;
  }

  /**
   * An error caught where it cannot be thrown (the updater's machine, as xstate's actor, hands its actions' errors to a
   * listener): thrown as soon as the timer running now returns, or by the next fireNext when no timer is running.
   */
  defer(error: unknown): void {
    this.deferred ??= { error };
  }

  private throwDeferred(): void {
    const deferred = this.deferred;
    if (!deferred) return;
    this.deferred = null;
    throw deferred.error;
  }

  /**
   * Fire every deadline up to and including `untilMs`, one at a time, then stand at `untilMs`. Before each one the
   * chooser's boundary hook runs once (it may inject a fault, which may set or clear deadlines: look again after it).
   */
  advanceTo(untilMs: Millis): void {
    this.throwDeferred();
    if (untilMs < this.currentMs) return;
    for (let due = this.nextDeadline(); due !== undefined && due <= untilMs; due = this.nextDeadline()) {
      if (this.chooser?.boundary && this.boundaryAt !== this.firedCount) {
        this.boundaryAt = this.firedCount;
        this.chooser.boundary();
        continue;
      }
      this.fireNext();
    }
    this.currentMs = untilMs;
  }

  /** Pops every live timer due at the earliest instant, lets the chooser take one, and puts the others back. */
  private popChosen(chooser: Chooser): Timer | undefined {
    const first = this.pop();
    if (!first) return undefined;
    const due = [first];
    for (this.dropCancelled(); this.heap.length && this.heap[0].dueMs === first.dueMs; this.dropCancelled())
      due.push(this.pop()!);
    const taken = due.length > 1 ? chooser.index(due.length, 'same-instant') : 0;
    due.forEach((timer, i) => {
      if (i !== taken) this.push(timer);
    });
    return due[taken];
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].done) this.pop();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i], heap[parent])) break;
      const child = heap[i];
      heap[i] = heap[parent];
      heap[parent] = child;
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    if (!heap.length) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && earlier(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && earlier(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        const parent = heap[i];
        heap[i] = heap[smallest];
        heap[smallest] = parent;
        i = smallest;
      }
    }
    return top;
  }
}

function earlier(a: Timer, b: Timer): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
}
