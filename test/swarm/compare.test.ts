// compareTraces / summarizeTrace: outcome, replacements, tasks per image, phases and the verdict's tolerances.
import { describe, expect, it } from 'vitest';
import { compareTraces, formatComparison, summarizeTrace } from '../../src/real-swarm/compare.js';
import type { Task, Trace, TraceEvent } from '../../src/types.js';

const SVC = 'svc1';
const spec = (image: string) => ({
  Name: 'web',
  Labels: {},
  TaskTemplate: { ContainerSpec: { Image: image }, ForceUpdate: 0 },
  Mode: { Replicated: { Replicas: 2 } },
});

function created(t: number, taskId: string, slot: number, image: string): TraceEvent {
  return {
    t_ms: t,
    type: 'task_created',
    taskId,
    serviceId: SVC,
    slot,
    nodeId: 'n1',
    image,
    specVersion: 1,
    desired: 'running',
    origin: 'orchestrator',
  };
}

function status(
  t: number,
  state: 'updating' | 'completed' | 'rollback_started' | 'rollback_completed' | 'paused',
  message: string,
  startedMs: number,
  completedMs: number | null = null,
): TraceEvent {
  return { t_ms: t, type: 'update_status', serviceId: SVC, state, message, startedMs, completedMs };
}

function runningTask(id: string, image: string): Task {
  return {
    ID: id,
    Version: { Index: 1 },
    CreatedAt: '',
    UpdatedAt: '',
    Labels: {},
    Spec: { ContainerSpec: { Image: image }, ForceUpdate: 0 },
    ServiceID: SVC,
    Slot: 1,
    NodeID: 'n1',
    Status: { Timestamp: '', State: 'running', Message: 'started' },
    DesiredState: 'running',
  };
}

/** web: 2 × v1, update to bad (slot 2 fails), automatic rollback; durations scaled by `scale`. */
function autoRollbackTrace(scale: number, failedTask: string, extraBad = 0): Trace {
  const events: TraceEvent[] = [
    {
      t_ms: 0,
      type: 'service_spec',
      serviceId: SVC,
      name: 'web',
      action: 'create',
      version: 1,
      spec: spec('v1'),
      previousSpec: null,
    },
    created(1, 'a', 1, 'v1'),
    created(1, 'b', 2, 'v1'),
    { t_ms: 500, type: 'task_state', taskId: 'a', state: 'running', message: 'started' },
    status(1000, 'updating', 'update in progress', 1000),
    created(1000, 'c', 2, 'bad'),
    {
      t_ms: 1000 + 3000 * scale,
      type: 'task_state',
      taskId: 'c',
      state: 'failed',
      message: 'started',
      err: 'task: non-zero exit (1)',
      exitCode: 1,
    },
    status(
      1000 + 3100 * scale,
      'rollback_started',
      `update rolled back due to failure or early termination of task ${failedTask}`,
      1000,
    ),
    created(1000 + 3100 * scale, 'd', 2, 'v1'),
    { t_ms: 1000 + 3600 * scale, type: 'task_state', taskId: 'd', state: 'running', message: 'started' },
    ...Array.from({ length: extraBad }, (_, i) => created(1000 + 3100 * scale, `x${i}`, 2, 'bad')),
    status(1000 + 9000 * scale, 'rollback_completed', 'rollback completed', 1000, 1000 + 9000 * scale),
  ];
  return {
    scenario: 's',
    seed: 1,
    duration_ms: 20000,
    epoch: '',
    services: [],
    tasks: [runningTask('a', 'v1'), runningTask('d', 'v1')],
    nodes: [],
    events,
  };
}

describe('summarizeTrace', () => {
  it('reads the outcome, replacements, tasks per image, failures and phases of one service', () => {
    expect(summarizeTrace(autoRollbackTrace(1, 'c0000000000000000000000aa'))).toEqual({
      service: 'web',
      finalState: 'rollback_completed',
      finalMessage: 'rollback completed',
      replacements: [2, 2],
      tasksPerImage: { v1: 3, bad: 1 },
      taskCreatedMs: { v1: [1, 1, 4100], bad: [1000] },
      runningImages: { v1: 2 },
      // No task ended by itself after the last status write: the running images are judged.
      endsMoving: false,
      failures: 1,
      phases: [
        { kind: 'update', startMs: 1000, endMs: 4100, endState: 'rollback_started' },
        { kind: 'auto_rollback', startMs: 4100, endMs: 10000, endState: 'rollback_completed' },
      ],
    });
  });

  it('a state recorded twice (message learnt later) is one phase, with the later message', () => {
    const trace = autoRollbackTrace(1, 'c0000000000000000000000aa');
    const index = trace.events.findIndex((e) => e.type === 'update_status' && e.state === 'rollback_started');
    trace.events.splice(index, 0, status(4050, 'rollback_started', '', 1000));
    trace.events.splice(-1);
    const summary = summarizeTrace(trace);
    expect(summary.phases.map((p) => [p.kind, p.startMs, p.endMs])).toEqual([
      ['update', 1000, 4050],
      ['auto_rollback', 4050, null],
    ]);
    expect(summary.finalMessage).toBe('update rolled back due to failure or early termination of task <task>');
  });

  it('hides task IDs in the final message (they differ between runs)', () => {
    const trace = autoRollbackTrace(1, 'jlfop9clnk1bx1lujf3jrd2ff');
    trace.events.splice(-1);
    expect(summarizeTrace(trace).finalMessage).toBe(
      'update rolled back due to failure or early termination of task <task>',
    );
  });
});

describe('compareTraces', () => {
  it('the same run twice (different task IDs) is the same', () => {
    const comparison = compareTraces(
      autoRollbackTrace(1, 'aaaaaaaaaaaaaaaaaaaaaaaaa'),
      autoRollbackTrace(1, 'bbbbbbbbbbbbbbbbbbbbbbbbb'),
    );
    expect(comparison.ok).toBe(true);
  });

  it('durations within 15 % pass, beyond fail; the row says which phase', () => {
    expect(compareTraces(autoRollbackTrace(1, 'a'), autoRollbackTrace(1.14, 'a')).ok).toBe(true);
    const slower = compareTraces(autoRollbackTrace(1, 'a'), autoRollbackTrace(1.2, 'a'));
    expect(slower.ok).toBe(false);
    expect(slower.rows.filter((r) => !r.ok).map((r) => [r.what, r.a, r.b])).toEqual([
      ['update duration (→ rollback_started)', '3.10 s', '3.72 s'],
      ['auto_rollback duration (→ rollback_completed)', '5.90 s', '7.08 s'],
    ]);
  });

  it('an update unfinished on both sides (service removed mid-update) agrees; on one side only it does not', () => {
    const cut = (trace: Trace): Trace => ({ ...trace, events: trace.events.filter((e) => e.t_ms < 2000) });
    const both = compareTraces(cut(autoRollbackTrace(1, 'a')), cut(autoRollbackTrace(1, 'a')));
    expect(both.rows.find((r) => r.what.startsWith('update duration'))).toMatchObject({
      what: 'update duration (→ unfinished)',
      ok: true,
    });
    const one = compareTraces(cut(autoRollbackTrace(1, 'a')), autoRollbackTrace(1, 'a'));
    expect(one.rows.filter((r) => !r.ok && r.judged).map((r) => r.what)).toContain('update duration (→ unfinished)');
  });

  it('tasks per image may differ by one, not two', () => {
    expect(compareTraces(autoRollbackTrace(1, 'a'), autoRollbackTrace(1, 'a', 1)).ok).toBe(true);
    const two = compareTraces(autoRollbackTrace(1, 'a'), autoRollbackTrace(1, 'a', 2));
    expect(two.rows.filter((r) => !r.ok && r.judged).map((r) => [r.what, r.a, r.b])).toEqual([
      ['tasks created, bad', '1', '3'],
    ]);
  });

  it('a different final status fails; replacement order is shown, not judged', () => {
    const paused = autoRollbackTrace(1, 'a');
    paused.events = paused.events
      .slice(0, 6)
      .concat(status(4000, 'paused', 'update paused due to failure or early termination of task a', 1000, 4000));
    const comparison = compareTraces(autoRollbackTrace(1, 'a'), paused);
    expect(comparison.ok).toBe(false);
    expect(comparison.rows.find((r) => r.what === 'final UpdateStatus')).toMatchObject({
      a: 'rollback_completed',
      b: 'paused',
      ok: false,
    });
    expect(comparison.rows.find((r) => r.what === 'replacements (slot order)')).toMatchObject({
      a: '2 2',
      b: '2',
      judged: false,
    });
  });

  it('formats a table with the verdict and the tolerances used', () => {
    const text = formatComparison(compareTraces(autoRollbackTrace(1, 'a'), autoRollbackTrace(1.01, 'a')), [
      'sim',
      'real',
    ]);
    expect(text.split('\n')[0]).toBe('what                                           sim                    real');
    expect(text).toContain('auto_rollback duration (→ rollback_completed)  5.90 s                 5.96 s\n');
    expect(
      text.endsWith(
        'verdict: same (same final status and message, same running images, tasks per image ±1, durations within 15 ' +
          '% or 250 ms)\n',
      ),
    ).toBe(true);
  });
});

describe('a recording starting before its first command (a lab cluster copies its images to the workers first)', () => {
  /** The trace with a first command at its start, then every event (and its length) moved `shiftMs` later. */
  function startingLate(trace: Trace, shiftMs: number, durationMs: number): Trace {
    const command: TraceEvent = { t_ms: 0, type: 'command', text: 'docker service create --name web v1', exitCode: 0 };
    const later = (ms: number | null) => (ms === null ? null : ms + shiftMs);
    const events = [command, ...trace.events].map((e) =>
      e.type === 'update_status'
        ? { ...e, t_ms: e.t_ms + shiftMs, startedMs: later(e.startedMs), completedMs: later(e.completedMs) }
        : { ...e, t_ms: e.t_ms + shiftMs },
    );
    return { ...trace, duration_ms: durationMs + shiftMs, events };
  }

  it('counts tasks over the time both ran from their first command, not from the start of the recording', () => {
    // 4 bad tasks in all (3 more while the rollback starts, at 4.1 s); the simulated run stops at 10 s.
    const simulated = startingLate(autoRollbackTrace(1, 'c0000000000000000000000aa', 3), 0, 10_000);
    const real = startingLate(autoRollbackTrace(1, 'c0000000000000000000000aa', 3), 7_000, 12_000);
    const comparison = compareTraces(simulated, real);
    const row = (what: string) => comparison.rows.find((r) => r.what === what);
    expect(row('tasks counted over')).toMatchObject({
      a: '10.00 s from the 1st command',
      b: '(the shorter of 10.00 s, 12.00 s)',
    });
    expect(row('tasks created, bad')).toMatchObject({ a: '4', b: '4', ok: true });
    expect(row('tasks created, v1')).toMatchObject({ a: '3', b: '3', ok: true });
    expect(comparison.ok, formatComparison(comparison, ['simulated', 'real'])).toBe(true);
  });
});
