// Lesson goals checked from the trace (events up to the replay cursor): what the updater, the status and the commands
// did.
import {
  availabilitySeries,
  availableByImage,
  lowestAvailability,
  type Millis,
  replayOf,
  type Trace,
  type TraceEvent,
} from '../../src/browser.js';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export interface GoalInput {
  trace: Trace;
  /** The events up to the cursor, in time order. */
  events: readonly TraceEvent[];
  cursorMs: Millis;
}

export function goalInput(trace: Trace, cursorMs: Millis): GoalInput {
  return { trace, events: replayOf(trace).events.filter((ev) => ev.t_ms <= cursorMs), cursorMs };
}

const of = <T extends TraceEvent['type']>(events: readonly TraceEvent[], type: T): Ev<T>[] =>
  events.filter((ev): ev is Ev<T> => ev.type === type);

/**
 * Serving tasks per image of a service at the cursor (running, desired running, node not down: see availability.ts).
 */
export function runningImagesAt(input: GoalInput, name: string): Record<string, number> {
  const state = replayOf(input.trace).foldStateAt(input.cursorMs);
  const service = [...state.services.values()].find((s) => s.name === name);
  return service ? Object.fromEntries(availableByImage(state, service.id)) : {};
}

export const statusReached = (input: GoalInput, state: string): Ev<'update_status'> | undefined =>
  of(input.events, 'update_status').find((ev) => ev.state === state);

/** The most slots an update (not a rollback) had in flight at once. */
export function peakInFlight(input: GoalInput): number {
  let inFlight = 0;
  let peak = 0;
  let rollback = false;
  for (const ev of of(input.events, 'updater')) {
    if (ev.action === 'start') rollback = ev.config?.rollback === true;
    if (rollback) continue;
    if (ev.action === 'slot_start') peak = Math.max(peak, ++inFlight);
    if (ev.action === 'slot_done') inFlight--;
  }
  return peak;
}

/** An update whose updater ran with this parallelism and delay, each worker sleeping that delay after its slots. */
export function updatedWith(input: GoalInput, parallelism: number, delayMs: Millis): boolean {
  const start = of(input.events, 'updater').find(
    (ev) =>
      ev.action === 'start' &&
      ev.config &&
      !ev.config.rollback &&
      ev.config.parallelism === parallelism &&
      ev.config.delayMs === delayMs,
  );
  if (!start) return false;
  const delays = of(input.events, 'updater').filter((ev) => ev.action === 'delay_start' && ev.t_ms >= start.t_ms);
  const workers = new Set(delays.map((ev) => ev.worker));
  return (
    delays.length > 0 &&
    delays.every((ev) => ev.durationMs === delayMs) &&
    workers.size === parallelism &&
    of(input.events, 'update_status').some((ev) => ev.state === 'completed' && ev.t_ms > start.t_ms)
  );
}

/** A command matching `pattern` typed while `name` had UpdateStatus in `states`. */
export function commandDuring(input: GoalInput, pattern: RegExp, states: readonly string[]): boolean {
  let current: string | null = null;
  const timeline = input.events.filter((ev) => ev.type === 'update_status' || ev.type === 'command');
  for (const ev of timeline) {
    if (ev.type === 'update_status') current = ev.state;
    else if (
      ev.type === 'command' &&
      pattern.test(ev.text) &&
      current !== null &&
      states.includes(current) &&
      ev.exitCode === 0
    )
      return true;
  }
  return false;
}

export const specAction = (input: GoalInput, action: string): Ev<'service_spec'> | undefined =>
  of(input.events, 'service_spec').find((ev) => ev.action === action);

/** The fewest serving tasks of `name` (the availability chart's count) from its first update until the cursor. */
export function lowestDuringUpdate(input: GoalInput, name: string): number | null {
  const spec = of(input.events, 'service_spec').find((ev) => ev.name === name);
  const start = of(input.events, 'update_status').find(
    (ev) => ev.serviceId === spec?.serviceId && ev.state === 'updating',
  );
  if (!spec || !start) return null;
  return lowestAvailability(availabilitySeries(input.trace, spec.serviceId), start.t_ms, input.cursorMs);
}
