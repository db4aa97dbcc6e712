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
}

export type ReplayEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'TICK'; wallMs: number }
  | { type: 'SEEK'; tMs: number }
  | { type: 'STEP_NEXT' }
  | { type: 'STEP_PREV' }
  | { type: 'SPEED'; speed: Speed }
  /** A new trace: keep the cursor where it is (clamped) unless `cursorMs` is given; `play` starts playing. */
  | { type: 'LOAD'; durationMs: number; times: number[]; cursorMs?: number; play?: boolean };

const clamp = (t: number, duration: number) => Math.max(0, Math.min(duration, t));
const rate = (speed: Speed) => (speed === 'max' ? MAX_SPEED : speed);

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
  context: { cursorMs: 0, durationMs: 0, speed: 5, times: [] },
  initial: 'paused',
  on: {
    SEEK: { actions: assign({ cursorMs: ({ context, event }) => clamp(event.tMs, context.durationMs) }) },
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
        PLAY: {
          target: 'playing',
          actions: assign({
            cursorMs: ({ context }) => (context.cursorMs >= context.durationMs ? 0 : context.cursorMs),
          }),
        },
        TOGGLE: {
          target: 'playing',
          actions: assign({
            cursorMs: ({ context }) => (context.cursorMs >= context.durationMs ? 0 : context.cursorMs),
          }),
        },
        LOAD: [{ guard: ({ event }) => event.play === true, target: 'playing', actions: 'load' }, { actions: 'load' }],
      },
    },
    playing: {
      on: {
        PAUSE: 'paused',
        TOGGLE: 'paused',
        LOAD: [{ guard: ({ event }) => event.play === false, target: 'paused', actions: 'load' }, { actions: 'load' }],
        TICK: [
          {
            guard: ({ context, event }) => context.cursorMs + event.wallMs * rate(context.speed) >= context.durationMs,
            target: 'paused',
            actions: assign({ cursorMs: ({ context }) => context.durationMs }),
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
      };
    }),
  },
});
