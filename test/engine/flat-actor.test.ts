// The updater machine as the engine runs it (FlatMachine) against xstate's own actor: the same steps, every time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { FlatActor, flatMachineProblems } from '../../src/engine/flat-actor.js';
import {
  type UpdaterEvent,
  type UpdaterInput,
  updaterActions,
  updaterContext,
  updaterFlatMachine,
  updaterGuards,
  updaterMachine,
} from '../../src/engine/orchestrator/updater-machine.js';

const TASKS = ['t1', 't2', 't3', 't4'];

/** What the random script decides: the update's config, what each callback answers, and the events sent. */
const script = fc.record({
  dirtySlotCount: fc.integer({ min: 1, max: 4 }),
  maxFailureRatio: fc.constantFrom(0, 0.25, 0.5, 1),
  monitorMs: fc.constantFrom(1_000, 5_000),
  delayMs: fc.constantFrom(0, 3_000, 6_000),
  failureAction: fc.constantFrom('pause' as const, 'continue' as const, 'rollback' as const),
  /** When each task was seen running: not ours (undefined), not yet (null), or a time. */
  started: fc.array(fc.constantFrom(undefined, null, 0, 2_000, 9_000), { minLength: 4, maxLength: 4 }),
  /** A callback that sends the machine an event of its own while it is processing one. */
  nestedCancelOnAction: fc.boolean(),
  nestedFailureOnMonitor: fc.boolean(),
  /** The failure count at which counting throws (an engine assertion inside an action); 0: never. */
  throwAtCount: fc.integer({ min: 0, max: 3 }),
  steps: fc.array(
    fc.record({
      event: fc.oneof(
        fc.record({ type: fc.constant('FAILURE' as const), taskId: fc.constantFrom(...TASKS) }),
        fc.constantFrom<UpdaterEvent>(
          { type: 'HANDED_OUT' },
          { type: 'WORKERS_DONE' },
          { type: 'MONITOR_ELAPSED' },
          { type: 'CANCEL' },
        ),
      ),
      advanceMs: fc.constantFrom(0, 500, 3_000),
      workersIdle: fc.boolean(),
    }),
    { maxLength: 12 },
  ),
});

type Script = typeof script extends fc.Arbitrary<infer T> ? T : never;

interface Runnable {
  send(event: UpdaterEvent): void;
  snapshot(): { status: string; value: unknown; context: Record<string, unknown> };
}

/** Runs the script on one implementation; returns every callback call and every snapshot after a send. */
function play(s: Script, start: (input: UpdaterInput, log: string[]) => Runnable): string[] {
  const log: string[] = [];
  let nowMs = 0;
  let idle = false;
  let self: Runnable | null = null;
  const input: UpdaterInput = {
    dirtySlotCount: s.dirtySlotCount,
    maxFailureRatio: s.maxFailureRatio,
    monitorMs: s.monitorMs,
    delayMs: s.delayMs,
    failureAction: s.failureAction,
    now: () => nowMs,
    startedAt: (taskId) => s.started[TASKS.indexOf(taskId)],
    onCounted: (taskId, failures) => {
      log.push(`counted ${taskId} ${failures}`);
      if (failures === s.throwAtCount) throw new Error(`count ${failures}`);
    },
    onFailureAction: (action, taskId) => {
      log.push(`action ${action} ${taskId}`);
      if (s.nestedCancelOnAction) self?.send({ type: 'CANCEL' });
    },
    onMonitorStart: (monitorMs) => {
      log.push(`monitor ${monitorMs}`);
      if (s.nestedFailureOnMonitor) self?.send({ type: 'FAILURE', taskId: 't1' });
    },
    onMonitorLeft: () => log.push('monitor left'),
    onCompleted: () => log.push('completed'),
    workersIdle: () => idle,
  };
  self = start(input, log);
  for (const step of s.steps) {
    nowMs += step.advanceMs;
    idle = step.workersIdle;
    if (self.snapshot().status === 'active') self.send(step.event);
    const { status, value, context } = self.snapshot();
    const data = Object.entries(context)
      .filter(([, v]) => typeof v !== 'function')
      .map(([k, v]) => [k, v instanceof Set ? [...v] : v]);
    log.push(`${step.event.type}: ${status} ${String(value)} ${JSON.stringify(data)}`);
  }
  return log;
}

function viaXstate(input: UpdaterInput, log: string[]): Runnable {
  const actor = createActor(updaterMachine, { input });
  actor.subscribe({
    next: (snapshot) => {
      if (snapshot.status === 'done') log.push('done');
    },
    error: (error) => log.push(`error ${(error as Error).message}`),
  });
  actor.start();
  return {
    send: (event) => actor.send(event),
    snapshot: () => actor.getSnapshot() as unknown as ReturnType<Runnable['snapshot']>,
  };
}

function viaFlat(input: UpdaterInput, log: string[]): Runnable {
  const actor = new FlatActor(updaterFlatMachine, updaterContext(input), {
    done: () => log.push('done'),
    error: (error) => log.push(`error ${(error as Error).message}`),
  });
  return {
    send: (event) => actor.send(event),
    snapshot: () => actor.getSnapshot() as unknown as ReturnType<Runnable['snapshot']>,
  };
}

describe('the updater machine run without an actor', () => {
  it('takes the steps xstate takes: same callbacks in the same order, same state and context after each event', () => {
    fc.assert(
      fc.property(script, (s) => {
        expect(play(s, viaFlat)).toEqual(play(s, viaXstate));
      }),
      { numRuns: 2_000 },
    );
  });

  it('a failure in draining waits for monitoring, then counts: monitoring is left before the count (SCXML)', () => {
    const log = play(
      {
        dirtySlotCount: 2,
        maxFailureRatio: 0,
        monitorMs: 5_000,
        delayMs: 0,
        failureAction: 'pause',
        started: [null, null, null, null],
        nestedCancelOnAction: false,
        nestedFailureOnMonitor: false,
        throwAtCount: 0,
        steps: [
          { event: { type: 'HANDED_OUT' }, advanceMs: 0, workersIdle: false },
          { event: { type: 'FAILURE', taskId: 't1' }, advanceMs: 0, workersIdle: false },
          { event: { type: 'WORKERS_DONE' }, advanceMs: 0, workersIdle: true },
        ],
      },
      viaFlat,
    );
    expect(log.filter((line) => !line.includes(':'))).toEqual([
      'monitor 5000',
      'monitor left',
      'counted t1 1',
      'action pause t1',
      'done',
    ]);
    expect(log.at(-1)).toMatch(/^WORKERS_DONE: done paused /);
  });

  it('the updater machine holds nothing the flat runner would run otherwise than xstate', () => {
    expect(flatMachineProblems(updaterMachine, updaterGuards, updaterActions)).toEqual([]);
  });

  it('names what a flat runner cannot run: nested states, delays, inline guards, self transitions', () => {
    const machine = createMachine({
      initial: 'a',
      states: {
        a: { initial: 'x', states: { x: {} } },
        b: { after: { 1000: 'a' } },
        c: { on: { GO: { guard: () => true, target: 'a' }, AGAIN: 'c' } },
      },
    });
    expect(flatMachineProblems(machine, {}, {})).toEqual([
      'a: a compound state',
      'b: a delay or an invocation',
      // xstate sets and cancels a delay's timer with entry and exit actions of its own
      'b: an unnamed action',
      'b: an unnamed action',
      'c: a guard that is not one of the named guards',
      'c: a self transition',
    ]);
  });
});
