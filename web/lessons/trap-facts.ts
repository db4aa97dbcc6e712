// The facts a misconception drill asks the learner to predict, read from a trace: per watched phase the UpdateStatus,
// lowest availability, when a failure was counted, the image at the end, tasks replaced.
import {
  availabilitySeries,
  lowestAvailability,
  type Millis,
  stateAt,
  type Trace,
  type TraceEvent,
} from '../../src/browser.js';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export type FactKind =
  /** The service's UpdateStatus state at the end of the phase, or `none`. */
  | 'status'
  /** The fewest serving tasks (the availability chart's count) from the phase's start to its end. */
  | 'lowest'
  /** Seconds from the update's start to the first failure the updater counted, as a bucket, or `never`. */
  | 'failureCounted'
  /** The image of the tasks meant to run at the phase's end: one image, `mixed` or `none`. */
  | 'image'
  /**
   * The image of the tasks actually running at the phase's end (a task pending on a port is meant to run, not running).
   */
  | 'runningImage'
  /** Tasks the updater created in the phase (a rollback's included). */
  | 'replaced'
  /** Seconds the first new task of the phase spent `starting` before `running`, as a bucket, or `never`. */
  | 'startingSeconds'
  /** The most slots the rollback had in flight at once, or `none` without a rollback. */
  | 'rollbackPeak'
  /** Whether the phase's first docker command was refused (exit code not 0). */
  | 'refused';

export interface FactQuery {
  kind: FactKind;
  service: string;
  /** Which watched phase (0 = the first). */
  phase: number;
}

/** Where each watched phase starts: indices among the trace's `docker …` command events (sandbox verbs excluded). */
export type PhaseStarts = readonly number[];

const of = <T extends TraceEvent['type']>(events: readonly TraceEvent[], type: T): Ev<T>[] =>
  events.filter((ev): ev is Ev<T> => ev.type === type);

export const dockerCommands = (trace: Trace): Ev<'command'>[] =>
  of(trace.events, 'command').filter((ev) => ev.text.startsWith('docker '));

interface Window {
  fromMs: Millis;
  toMs: Millis;
  last: boolean;
  command: Ev<'command'>;
}

/** The phase's span: from its first command to the next phase's (excluded), the last one to the trace's end. */
export function phaseWindow(trace: Trace, starts: PhaseStarts, phase: number): Window | null {
  const commands = dockerCommands(trace);
  const command = commands[starts[phase]];
  if (!command) return null;
  const next = phase + 1 < starts.length ? commands[starts[phase + 1]] : undefined;
  if (phase + 1 < starts.length && !next) return null;
  return { fromMs: command.t_ms, toMs: next ? next.t_ms : trace.duration_ms, last: !next, command };
}

const inWindow = (ev: TraceEvent, w: Window): boolean =>
  ev.t_ms >= w.fromMs && (w.last ? ev.t_ms <= w.toMs : ev.t_ms < w.toMs);

function serviceIdOf(trace: Trace, name: string): string | null {
  return of(trace.events, 'service_spec').find((ev) => ev.name === name)?.serviceId ?? null;
}

/** Seconds as the drills' time buckets. */
export function secondsBucket(ms: Millis | null): string {
  if (ms === null) return 'never';
  if (ms < 5_000) return 'lt5';
  if (ms < 15_000) return '5to15';
  if (ms <= 60_000) return '15to60';
  return 'gt60';
}

function statusAt(trace: Trace, serviceId: string, w: Window): string {
  const before = of(trace.events, 'update_status').filter(
    (ev) => ev.serviceId === serviceId && (w.last ? ev.t_ms <= w.toMs : ev.t_ms < w.toMs),
  );
  return before.at(-1)?.state ?? 'none';
}

function lowestIn(trace: Trace, serviceId: string, w: Window): string {
  // The last phase ends at its last UpdateStatus: a crash loop after `completed` is the restart policy's, not the
  // update's.
  const statuses = of(trace.events, 'update_status').filter((ev) => ev.serviceId === serviceId && inWindow(ev, w));
  const toMs = w.last && statuses.length > 0 ? (statuses.at(-1) as Ev<'update_status'>).t_ms : w.toMs;
  return String(lowestAvailability(availabilitySeries(trace, serviceId), w.fromMs, toMs));
}

function failureCountedIn(trace: Trace, serviceId: string, w: Window): string {
  const updater = of(trace.events, 'updater').filter((ev) => ev.serviceId === serviceId && inWindow(ev, w));
  const start = updater.find((ev) => ev.action === 'start' && ev.config?.rollback === false);
  const failure = updater.find((ev) => ev.action === 'failure_counted' && start && ev.t_ms >= start.t_ms);
  return secondsBucket(start && failure ? failure.t_ms - start.t_ms : null);
}

function imageAt(trace: Trace, serviceId: string, w: Window, runningOnly = false): string {
  const state = stateAt(trace, w.last ? w.toMs : w.toMs - 1);
  const images = new Set(
    state.tasks
      .filter(
        (task) =>
          task.ServiceID === serviceId &&
          task.DesiredState === 'running' &&
          (!runningOnly || task.Status.State === 'running'),
      )
      .map((task) => task.Spec.ContainerSpec.Image),
  );
  if (images.size === 0) return 'none';
  return images.size === 1 ? [...images][0] : 'mixed';
}

function createdIn(trace: Trace, serviceId: string, w: Window): Ev<'task_created'>[] {
  return of(trace.events, 'task_created').filter(
    (ev) => ev.serviceId === serviceId && ev.origin === 'updater' && inWindow(ev, w),
  );
}

function startingSecondsIn(trace: Trace, serviceId: string, w: Window): string {
  const first = createdIn(trace, serviceId, w)[0];
  if (!first) return 'never';
  const states = of(trace.events, 'task_state').filter((ev) => ev.taskId === first.taskId);
  const starting = states.find((ev) => ev.state === 'starting');
  const running = states.find((ev) => ev.state === 'running');
  if (!starting || !running) return 'never';
  const ms = running.t_ms - starting.t_ms;
  if (ms < 2_000) return 'lt2';
  return ms <= 15_000 ? '2to15' : 'gt15';
}

function rollbackPeakIn(trace: Trace, serviceId: string, w: Window): string {
  let rollback = false;
  let inFlight = 0;
  let peak = 0;
  let seen = false;
  for (const ev of of(trace.events, 'updater')) {
    if (ev.serviceId !== serviceId || !inWindow(ev, w)) continue;
    if (ev.action === 'start') {
      rollback = ev.config?.rollback === true;
      seen ||= rollback;
      inFlight = 0;
    } else if (rollback && ev.action === 'slot_start') peak = Math.max(peak, ++inFlight);
    else if (rollback && ev.action === 'slot_done') inFlight--;
  }
  return seen ? String(peak) : 'none';
}

/** The fact `query` asks for, read from the trace; null when the trace has not reached the phase yet. */
export function factOf(trace: Trace, starts: PhaseStarts, query: FactQuery): string | null {
  const w = phaseWindow(trace, starts, query.phase);
  const serviceId = serviceIdOf(trace, query.service);
  if (!w || !serviceId) return null;
  switch (query.kind) {
    case 'status':
      return statusAt(trace, serviceId, w);
    case 'lowest':
      return lowestIn(trace, serviceId, w);
    case 'failureCounted':
      return failureCountedIn(trace, serviceId, w);
    case 'image':
      return imageAt(trace, serviceId, w);
    case 'runningImage':
      return imageAt(trace, serviceId, w, true);
    case 'replaced':
      return String(createdIn(trace, serviceId, w).length);
    case 'startingSeconds':
      return startingSecondsIn(trace, serviceId, w);
    case 'rollbackPeak':
      return rollbackPeakIn(trace, serviceId, w);
    case 'refused':
      return w.command.exitCode === 0 ? 'accepted' : 'refused';
  }
}
