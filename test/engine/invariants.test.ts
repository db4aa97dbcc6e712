// Each engine invariant asserted in the engine fires, naming the invariant, as a swarmlab bug, with the seed it knows.
import { describe, expect, it } from 'vitest';
import { EngineInvariantError } from '../../src/engine/assert.js';
import { VirtualClock } from '../../src/engine/clock.js';
import type { Manager } from '../../src/engine/orchestrator/context.js';
import { TaskReaper } from '../../src/engine/orchestrator/reaper.js';
import { Scheduler } from '../../src/engine/orchestrator/scheduler.js';
import { Updater, type UpdaterHost } from '../../src/engine/orchestrator/updater.js';
import { SeededRandom } from '../../src/engine/random.js';
import type { ServiceRecord, TaskRecord } from '../../src/engine/records.js';
import { Store } from '../../src/engine/store.js';
import type { TaskState } from '../../src/types.js';
import { converge, engine, settle, spec, statusOf, updateConfig, withImage } from '../helpers/engine.js';

const BUG = 'engine invariant broken, a swarmlab bug: ';

function task(id: string, slot: number, state: TaskState, desired: TaskState): TaskRecord {
  return {
    id,
    serviceId: 'svc1',
    slot,
    nodeId: 'node1',
    specVersion: 1,
    spec: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0 },
    endpoint: undefined,
    hostPorts: [],
    createdMs: 0,
    updatedMs: 0,
    version: 1,
    state,
    stateMs: 0,
    message: '',
    err: '',
    exitCode: null,
    containerId: null,
    desired,
    origin: 'orchestrator',
    removed: false,
    agentState: null,
    traceNo: -1,
  };
}

const service: ServiceRecord = {
  id: 'svc1',
  createdMs: 0,
  updatedMs: 0,
  version: 1,
  spec: spec('web', 'app:v1', 2),
  specVersion: 1,
  previousSpec: null,
  previousSpecVersion: null,
  endpointPorts: null,
  updateStatus: null,
};

function manager(store = new Store(() => 0)): Manager {
  return {
    store,
    clock: new VirtualClock(),
    random: new SeededRandom(7),
    config: { taskHistoryLimit: 2 },
    now: () => 0,
  } as unknown as Manager;
}

const host: UpdaterHost = { onFailureAction: () => {}, onCompleted: () => {} };

/** An updater of two dirty slots (two tasks each) whose internals the tests drive directly. */
function updater(): any {
  const slots = [
    [task('a1', 1, 'running', 'running'), task('a2', 1, 'new', 'ready')],
    [task('b1', 2, 'running', 'running'), task('b2', 2, 'new', 'ready')],
  ];
  const u: any = new Updater(manager(), host, service, slots);
  u.workerCount = 2;
  return u;
}

describe('EngineInvariantError', () => {
  it('names the invariant, says it is a swarmlab bug and gives the seed when known', () => {
    const error = new EngineInvariantError('a rule', 'what broke it', 42);
    expect(error.message).toBe(`${BUG}a rule: what broke it (seed 42)`);
    expect([error.name, error.invariant, error.detail, error.seed]).toEqual([
      'EngineInvariantError',
      'a rule',
      'what broke it',
      42,
    ]);
    expect(new EngineInvariantError('a rule', 'what broke it').message).toBe(`${BUG}a rule: what broke it`);
  });
});

describe('the virtual clock', () => {
  it('never goes backwards', () => {
    const clock: any = new VirtualClock();
    clock.setTimeout(() => {}, 10);
    clock.currentMs = 50;
    expect(() => clock.fireNext()).toThrow(
      `${BUG}the virtual clock never goes backwards: a deadline at 10 ms fires at 50 ms`,
    );
  });

  it('fires one timer at a time', () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => clock.fireNext(), 5);
    clock.setTimeout(() => {}, 6);
    expect(() => clock.advanceTo(10)).toThrow(
      `${BUG}timers fire one at a time: VirtualClock.fireNext called from inside a timer`,
    );
  });

  it('throws a deferred error when the running timer returns, or at the next advance', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      clock.defer(new Error('inside'));
      fired.push(clock.now());
    }, 5);
    clock.setTimeout(() => fired.push(clock.now()), 6);
    expect(() => clock.advanceTo(10)).toThrow('inside');
    expect(fired).toEqual([5]);
    clock.defer(new Error('outside'));
    expect(() => clock.advanceTo(10)).toThrow('outside');
    clock.advanceTo(10);
    expect(fired).toEqual([5, 6]);
  });
});

describe('the store', () => {
  it("never moves a task's observed state backwards", () => {
    const store = new Store(() => 0);
    const t = task('t1', 1, 'running', 'running');
    store.addTask(t);
    expect(() => store.setTaskState(t, 'starting', { message: 'starting' })).toThrow(
      `${BUG}a task's observed state never goes backwards: task t1 running -> starting`,
    );
  });

  it("moves a task's desired state only forward", () => {
    const store = new Store(() => 0);
    const t = task('t1', 1, 'shutdown', 'shutdown');
    store.addTask(t);
    expect(() => store.setTaskDesired(t, 'running')).toThrow(
      `${BUG}a task's desired state only goes forward: task t1 desired shutdown -> running`,
    );
  });

  it('keeps the trace in time order', () => {
    let nowMs = 10;
    const store = new Store(() => nowMs);
    store.addTask(task('t1', 1, 'new', 'running'));
    nowMs = 4;
    expect(() => store.addTask(task('t2', 2, 'new', 'running'))).toThrow(
      `${BUG}the trace is in time order: a task_created event at 4 ms after a task_created event at 10 ms`,
    );
  });

  it('never adds a task ID twice', () => {
    const store = new Store(() => 0);
    store.addTask(task('t1', 1, 'new', 'running'));
    expect(() => store.addTask(task('t1', 2, 'new', 'running'))).toThrow(
      `${BUG}a task ID is never reused: task t1 added twice`,
    );
  });
});

describe('the updater', () => {
  it('gives a worker one slot at a time', () => {
    const u = updater();
    const worker = { index: 1, slot: null };
    u.handOut(worker, 0);
    expect(() => u.handOut(worker, 1)).toThrow(
      `${BUG}an update worker replaces one slot at a time: service svc1: worker 1 handed slot #1 while replacing #0 ` +
        '(seed 7)',
    );
  });

  it('hands each slot out once', () => {
    const u = updater();
    u.handOut({ index: 1, slot: null }, 0);
    expect(() => u.handOut({ index: 2, slot: null }, 0)).toThrow(
      `${BUG}an update hands each slot out once: service svc1: slot 1 handed out twice (seed 7)`,
    );
  });

  it('keeps at most parallelism slots in flight', () => {
    const u = updater();
    u.workerCount = 1;
    u.handOut({ index: 1, slot: null }, 0);
    expect(() => u.handOut({ index: 2, slot: null }, 1)).toThrow(
      `${BUG}at most parallelism slots are in flight per update: service svc1: 2 slots in flight, 1 workers ` +
        '(parallelism 1) (seed 7)',
    );
  });

  it('finishes a slot once', () => {
    const u = updater();
    const worker = { index: 1, slot: null };
    u.handOut(worker, 0);
    u.slotDone(worker);
    expect(() => u.slotDone(worker)).toThrow(
      `${BUG}an update slot is done once: service svc1: worker 1 finished no slot (seed 7)`,
    );
  });

  it('counts at most one failure per dirty slot', () => {
    const u = updater();
    u.actor = { getSnapshot: () => ({ status: 'active', context: { failures: 3 } }), send: () => {} };
    expect(() => u.send({ type: 'FAILURE', taskId: 'a2' })).toThrow(
      `${BUG}an update counts at most one failure per dirty slot: service svc1: 3 failures counted for 2 dirty slots ` +
        '(seed 7)',
    );
  });
});

describe('the scheduler', () => {
  it("never counts a node's tasks below zero", () => {
    const scheduler: any = new Scheduler(manager());
    scheduler.counted.set('t1', 0);
    scheduler.perService.set('svc1', new Int32Array([0]));
    scheduler.totals = new Int32Array([1]);
    expect(() => scheduler.release(task('t1', 1, 'running', 'shutdown'))).toThrow(
      `${BUG}a node's scheduled-task counts never go negative: node #0: -1 of service svc1, 0 in all (seed 7)`,
    );
  });

  it('counts a task on one node once', () => {
    const scheduler: any = new Scheduler(manager());
    scheduler.counted.set('t1', 0);
    expect(() => scheduler.bind(task('t1', 1, 'pending', 'running'), { id: 'node2' }, 'assigned')).toThrow(
      `${BUG}a task weighs on one node once: task t1 counted again on node2 (seed 7)`,
    );
  });
});

describe('the task reaper', () => {
  it('leaves a reaped slot with at most the history limit of finished tasks', () => {
    const store = new Store(() => 0);
    const m = manager(store);
    const finished = ['t1', 't2', 't3', 't4'].map((id) => task(id, 1, 'shutdown', 'shutdown'));
    for (const t of finished) store.addTask(t);
    // t1 is in the slot but no longer among the store's tasks: deleting it cannot shrink the slot.
    store.tasks.delete('t1');
    const reaper: any = new TaskReaper(m);
    expect(() => reaper.reapSlot('svc1', 1, 2)).toThrow(
      `${BUG}a slot keeps at most the task history limit of finished tasks once reaped: service svc1 slot 1: 3 ` +
        'finished tasks of 3, limit 2 (seed 7)',
    );
  });
});

describe('an assertion inside the updater machine', () => {
  it('reaches the caller (xstate would otherwise report it later, from a real setTimeout)', () => {
    const e = engine(3);
    const base = converge(e, spec('web', 'app:v1', 1, { UpdateConfig: updateConfig({ Monitor: 1e9 }) }));
    e.updateService('web', withImage(base, 'app:v2'));
    e.advanceTo(e.nowMs() + 100);
    expect(statusOf(e, 'web')?.State).toBe('updating');
    // The lifecycle paused behind the updater's back: its completion is not a transition Swarm has.
    for (const service of (e as any).store.services.values()) service.updateStatus.state = 'paused';
    expect(() => settle(e)).toThrow(`${BUG}UpdateStatus moves only along Swarm's transitions: from paused on COMPLETE`);
  });
});
