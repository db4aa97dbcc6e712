// The replay actor (xstate): playing / paused, speed, cursor over virtual time, step to the next / previous event.
import { assign, createMachine } from 'xstate';

export const SPEEDS = [1, 5, 20, 100, 'max'] as const;
export type Speed = (typeof SPEEDS)[number];
/** "max" plays this many virtual ms per wall ms. */
export const MAX_SPEED = 1_000;

export interface ReplayContext {
  cursorMs: number;
  durationMs: number;
  speed: Speed;
  /** Distinct instants at which something happened, ascending (what step next / prev stops at). */
  times: number[];
  /** Where playing stops short of the end: the instant the line just typed returned (the prompt is back). */
  stopAtMs: number | null;
}

export type ReplayEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'TICK'; wallMs: number }
  | { type: 'SEEK'; tMs: number }
  | { type: 'STEP_NEXT' }
  | { type: 'STEP_PREV' }
  /** Moves the cursor by `deltaMs` (the scrubber's arrow keys) and pauses. */
  | { type: 'STEP_BY'; deltaMs: number }
  | { type: 'START' }
  | { type: 'SPEED'; speed: Speed }
  /**
   * A new trace: keep the cursor where it is (clamped) unless `cursorMs` is given; `play` starts playing, up to
   * `stopAtMs` when given (a typed line plays until it returns).
   */
  | { type: 'LOAD'; durationMs: number; times: number[]; cursorMs?: number; play?: boolean; stopAtMs?: number };

const clamp = (t: number, duration: number) => Math.max(0, Math.min(duration, t));
const rate = (speed: Speed) => (speed === 'max' ? MAX_SPEED : speed);
/** Where playing stops: the end of the trace, or the return of the line just typed. */
const limitOf = (context: ReplayContext) => Math.min(context.durationMs, context.stopAtMs ?? context.durationMs);
/** ▶ at the end (or at the stop) starts again from 0. */
const fromStart = ({ context }: { context: ReplayContext }) =>
  context.cursorMs >= context.durationMs ? 0 : context.cursorMs;

export function nextTime(times: readonly number[], cursorMs: number): number | undefined {
  return times.find((t) => t > cursorMs + 1e-6);
}

export function previousTime(times: readonly number[], cursorMs: number): number | undefined {
  for (let i = times.length - 1; i >= 0; i--) if (times[i] < cursorMs - 1e-6) return times[i];
  return undefined;
}

export const replayMachine = createMachine({
  id: 'replay',
  types: {} as { context: ReplayContext; events: ReplayEvent },
  context: { cursorMs: 0, durationMs: 0, speed: 5, times: [], stopAtMs: null },
  initial: 'paused',
  on: {
    SEEK: {
      actions: assign({ cursorMs: ({ context, event }) => clamp(event.tMs, context.durationMs), stopAtMs: null }),
    },
    START: { target: '.paused', actions: assign({ cursorMs: 0, stopAtMs: null }) },
    STEP_BY: {
      target: '.paused',
      actions: assign({
        cursorMs: ({ context, event }) => clamp(context.cursorMs + event.deltaMs, context.durationMs),
        stopAtMs: null,
      }),
    },
    SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
    STEP_NEXT: {
      target: '.paused',
      actions: assign({ cursorMs: ({ context }) => nextTime(context.times, context.cursorMs) ?? context.durationMs }),
    },
    STEP_PREV: {
      target: '.paused',
      actions: assign({ cursorMs: ({ context }) => previousTime(context.times, context.cursorMs) ?? 0 }),
    },
  },
  states: {
    paused: {
      on: {
        PLAY: { target: 'playing', actions: assign({ cursorMs: fromStart, stopAtMs: null }) },
        TOGGLE: { target: 'playing', actions: assign({ cursorMs: fromStart, stopAtMs: null }) },
        LOAD: [{ guard: ({ event }) => event.play === true, target: 'playing', actions: 'load' }, { actions: 'load' }],
      },
    },
    playing: {
      on: {
        PAUSE: { target: 'paused', actions: assign({ stopAtMs: null }) },
        TOGGLE: { target: 'paused', actions: assign({ stopAtMs: null }) },
        LOAD: [{ guard: ({ event }) => event.play === false, target: 'paused', actions: 'load' }, { actions: 'load' }],
        TICK: [
          {
            guard: ({ context, event }) => context.cursorMs + event.wallMs * rate(context.speed) >= limitOf(context),
            target: 'paused',
            actions: assign({ cursorMs: ({ context }) => limitOf(context), stopAtMs: null }),
          },
          {
            actions: assign({
              cursorMs: ({ context, event }) => context.cursorMs + event.wallMs * rate(context.speed),
            }),
          },
        ],
      },
    },
  },
}).provide({
  actions: {
    load: assign(({ context, event }) => {
      if (event.type !== 'LOAD') return {};
      return {
        durationMs: event.durationMs,
        times: event.times,
        cursorMs: clamp(event.cursorMs ?? context.cursorMs, event.durationMs),
        stopAtMs: event.play && event.stopAtMs !== undefined ? clamp(event.stopAtMs, event.durationMs) : null,
      };
    }),
  },
});
