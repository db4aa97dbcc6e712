// The updater's decision machine (xstate): dispatching → draining → monitoring → completed, or pausing / rolling back.
import { assign, enqueueActions, setup } from 'xstate';
import type { Millis } from '../../types.js';

export interface UpdaterInput {
  dirtySlotCount: number;
  maxFailureRatio: number;
  monitorMs: Millis;
  delayMs: Millis;
  failureAction: 'pause' | 'continue' | 'rollback';
  now: () => Millis;
  /** When the updater saw each of its tasks reach RUNNING or later (null: not yet). */
  startedAt: (taskId: string) => Millis | null | undefined;
  onCounted: (taskId: string, failures: number) => void;
  onFailureAction: (action: 'pause' | 'rollback', taskId: string) => void;
  onMonitorStart: (monitorMs: Millis) => void;
  /** Leaving monitoring before its window ends (a failure acted on, a cancel): the window's deadline goes. */
  onMonitorLeft: () => void;
  onCompleted: () => void;
  workersIdle: () => boolean;
}

export type UpdaterEvent =
  | { type: 'FAILURE'; taskId: string }
  | { type: 'HANDED_OUT' }
  | { type: 'WORKERS_DONE' }
  /** The monitor window is over: sent by the updater from a deadline of the virtual clock it set at monitor_start. */
  | { type: 'MONITOR_ELAPSED' }
  | { type: 'CANCEL' };

interface UpdaterContext extends UpdaterInput {
  failures: number;
  counted: Set<string>;
  buffered: string[];
  triggeringTaskId: string | null;
}

/** float32 arithmetic, as swarmkit compares `float32(failures)/float32(len(dirtySlots)) > maxFailureRatio`. */
export function ratioExceeded(failures: number, dirtySlots: number, maxFailureRatio: number): boolean {
  return Math.fround(Math.fround(failures) / Math.fround(dirtySlots)) > Math.fround(maxFailureRatio);
}

function counts(context: UpdaterContext, taskId: string): boolean {
  if (context.counted.has(taskId)) return false;
  const startedMs = context.startedAt(taskId);
  if (startedMs === undefined) return false;
  return startedMs === null || context.now() - startedMs <= context.monitorMs;
}

export const updaterMachine = setup({
  types: { context: {} as UpdaterContext, events: {} as UpdaterEvent, input: {} as UpdaterInput },
  guards: {
    countsAndExceeds: ({ context, event }) => {
      if (event.type !== 'FAILURE' || !counts(context, event.taskId)) return false;
      return ratioExceeded(context.failures + 1, context.dirtySlotCount, context.maxFailureRatio);
    },
    counts: ({ context, event }) => event.type === 'FAILURE' && counts(context, event.taskId),
  },
  actions: {
    count: assign(({ context, event }) => {
      const taskId = (event as { taskId: string }).taskId;
      const counted = new Set(context.counted).add(taskId);
      context.onCounted(taskId, context.failures + 1);
      return { counted, failures: context.failures + 1, triggeringTaskId: taskId };
    }),
    buffer: assign(({ context, event }) => ({ buffered: [...context.buffered, (event as { taskId: string }).taskId] })),
    enlargeMonitor: assign(({ context }) => ({
      monitorMs: context.delayMs >= context.monitorMs ? context.delayMs + 1_000 : context.monitorMs,
    })),
    announceMonitor: ({ context }) => context.onMonitorStart(context.monitorMs),
    leaveMonitor: ({ context }) => context.onMonitorLeft(),
    replayBuffered: enqueueActions(({ context, enqueue }) => {
      for (const taskId of context.buffered) enqueue.raise({ type: 'FAILURE', taskId });
      enqueue.assign({ buffered: [] });
    }),
    act: ({ context }) => {
      const action = context.failureAction === 'rollback' ? 'rollback' : 'pause';
      context.onFailureAction(action, context.triggeringTaskId!);
    },
    complete: ({ context }) => context.onCompleted(),
  },
}).createMachine({
  id: 'updater',
  initial: 'dispatching',
  context: ({ input }) => ({ ...input, failures: 0, counted: new Set<string>(), buffered: [], triggeringTaskId: null }),
  on: { CANCEL: '.cancelled' },
  states: {
    // Handing out dirty slots to workers; failures are processed as they come.
    dispatching: {
      on: {
        FAILURE: [
          { guard: 'countsAndExceeds', target: 'failed', actions: 'count' },
          { guard: 'counts', actions: 'count' },
        ],
        HANDED_OUT: 'draining',
      },
    },
    // Every slot handed out; failures wait until all workers are back (their last delay included).
    draining: {
      on: { FAILURE: { actions: 'buffer' }, WORKERS_DONE: 'monitoring' },
    },
    // The window's deadline is the updater's, not an xstate `after`: xstate's scheduler reads the wall clock for its
    // own bookkeeping, and the engine calls no clock but the virtual one.
    monitoring: {
      entry: ['enlargeMonitor', 'announceMonitor', 'replayBuffered'],
      exit: 'leaveMonitor',
      on: {
        MONITOR_ELAPSED: 'completed',
        FAILURE: [
          { guard: 'countsAndExceeds', target: 'failed', actions: 'count' },
          { guard: 'counts', actions: 'count' },
        ],
      },
    },
    failed: {
      entry: 'act',
      always: [
        { guard: ({ context }) => context.failureAction === 'rollback', target: 'rolledBack' },
        { target: 'pausing' },
      ],
    },
    // Paused: slots in flight finish (and sleep their delay); nothing new is handed out.
    pausing: {
      always: { guard: ({ context }) => context.workersIdle(), target: 'paused' },
      on: { WORKERS_DONE: 'paused', FAILURE: {} },
    },
    paused: { type: 'final' },
    rolledBack: { type: 'final' },
    completed: { type: 'final', entry: 'complete' },
    cancelled: { type: 'final' },
  },
});
