// The engine's event log: its column rows read back as the trace's event objects, in order, the same objects each time.
import { describe, expect, it } from 'vitest';
import { defaultClusterConfig } from '../../src/defaults.js';
import { EventLog } from '../../src/engine/event-log.js';
import { createSimulator } from '../../src/engine/simulator.js';
import type { ServiceSpec } from '../../src/types.js';

function logWithTask(): { log: EventLog; task: number } {
  const log = new EventLog();
  const task = log.addTask({
    id: 'task1',
    serviceId: 'svc1',
    slot: 2,
    image: 'app:v2',
    specVersion: 3,
    origin: 'updater',
  });
  return { log, task };
}

describe('EventLog', () => {
  it('reads every kind of row back as the event object the trace has always held', () => {
    const { log, task } = logWithTask();
    log.taskCreated(10, task, null, 'ready');
    log.taskNode(11, task, 'node1');
    log.taskDesired(12, task, 'running');
    log.taskState(13, task, 'assigned', 'scheduler assigned task to node');
    log.taskState(13, task, 'shutdown', 'shutdown', 143);
    log.container(14, task, 'create');
    log.container(15, task, 'kill', 15);
    log.container(16, task, 'die', undefined, 137);
    log.container(17, task, 'health_status', undefined, undefined, 'unhealthy');
    log.container(18, task, 'die', 9, 137);
    log.slot(19, 'slot_start', 'svc1', 0, 2, -1);
    log.slot(20, 'slot_done', 'svc1', 0, 2, task);
    log.push({ t_ms: 21, type: 'task_removed', taskId: 'task1' });
    expect(log.events()).toEqual([
      {
        t_ms: 10,
        type: 'task_created',
        taskId: 'task1',
        serviceId: 'svc1',
        slot: 2,
        nodeId: null,
        image: 'app:v2',
        specVersion: 3,
        desired: 'ready',
        origin: 'updater',
      },
      { t_ms: 11, type: 'task_node', taskId: 'task1', nodeId: 'node1' },
      { t_ms: 12, type: 'task_desired', taskId: 'task1', desired: 'running' },
      { t_ms: 13, type: 'task_state', taskId: 'task1', state: 'assigned', message: 'scheduler assigned task to node' },
      { t_ms: 13, type: 'task_state', taskId: 'task1', state: 'shutdown', message: 'shutdown', exitCode: 143 },
      { t_ms: 14, type: 'container', taskId: 'task1', action: 'create' },
      { t_ms: 15, type: 'container', taskId: 'task1', action: 'kill', signal: 15 },
      { t_ms: 16, type: 'container', taskId: 'task1', action: 'die', exitCode: 137 },
      { t_ms: 17, type: 'container', taskId: 'task1', action: 'health_status', health: 'unhealthy' },
      { t_ms: 18, type: 'container', taskId: 'task1', action: 'die', signal: 9, exitCode: 137 },
      { t_ms: 19, type: 'updater', serviceId: 'svc1', action: 'slot_start', worker: 0, slot: 2, taskId: undefined },
      { t_ms: 20, type: 'updater', serviceId: 'svc1', action: 'slot_done', worker: 0, slot: 2, taskId: 'task1' },
      { t_ms: 21, type: 'task_removed', taskId: 'task1' },
    ]);
    // Field order is the trace file's: the JSON text is what it was when the engine built these objects itself.
    expect(JSON.stringify(log.events()[6])).toBe(
      '{"t_ms":15,"type":"container","taskId":"task1","action":"kill","signal":15}',
    );
    expect(Object.keys(log.events()[10])).toEqual(['t_ms', 'type', 'serviceId', 'action', 'worker', 'slot', 'taskId']);
  });

  it('hands out the same objects on every read, and an equal one for a row not read yet', () => {
    const { log, task } = logWithTask();
    log.taskState(1, task, 'running', 'started');
    const first = log.events();
    log.taskState(2, task, 'complete', 'finished');
    const unread = log.at(1);
    expect(unread).toEqual({ t_ms: 2, type: 'task_state', taskId: 'task1', state: 'complete', message: 'finished' });
    const second = log.events();
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toEqual(unread);
    expect(log.at(1)).toBe(second[1]);
    expect(log.at(2)).toBeUndefined();
    expect(log.length).toBe(2);
  });

  it('places a command typed earlier before the rows that followed it, read or not', () => {
    const { log, task } = logWithTask();
    log.taskState(5, task, 'running', 'started');
    log.taskState(9, task, 'complete', 'finished');
    expect(log.events().length).toBe(2);
    log.insert(1, { t_ms: 7, type: 'command', text: 'docker service ls', exitCode: 0 });
    log.insert(0, { t_ms: 3, type: 'output', stream: 'stdout', text: 'ID\n' });
    expect(log.events().map((e) => `${e.t_ms} ${e.type}`)).toEqual([
      '3 output',
      '5 task_state',
      '7 command',
      '9 task_state',
    ]);
    expect(log.timeAt(3)).toBe(9);
  });

  it('moves rows across its chunks when a command goes in early in a long log', () => {
    const { log, task } = logWithTask();
    for (let t = 0; t < 140_000; t++) log.taskDesired(t, task, 'running');
    log.insert(100, { t_ms: 99.5, type: 'command', text: 'docker service ls', exitCode: 0 });
    log.slot(140_000, 'slot_start', 'svc1', 3, 4, task);
    const events = log.events();
    expect(events.length).toBe(140_002);
    expect(events[100]).toEqual({ t_ms: 99.5, type: 'command', text: 'docker service ls', exitCode: 0 });
    const times = Array.from({ length: 140_000 }, (_, t) => t);
    times.splice(100, 0, 99.5);
    expect(events.map((e) => e.t_ms)).toEqual([...times, 140_000]);
    expect(events[140_001]).toEqual({
      t_ms: 140_000,
      type: 'updater',
      serviceId: 'svc1',
      action: 'slot_start',
      worker: 3,
      slot: 4,
      taskId: 'task1',
    });
  });

  it('refuses a row earlier than the last one, naming both events', () => {
    const { log, task } = logWithTask();
    log.taskState(50, task, 'running', 'started');
    expect(() => log.taskDesired(40, task, 'shutdown')).toThrow(
      /the trace is in time order.*a task_desired event at 40 ms after a task_state event at 50 ms/,
    );
    expect(() => log.push({ t_ms: 1, type: 'task_removed', taskId: 'task1' })).toThrow(/a task_removed event at 1 ms/);
    expect(log.length).toBe(1);
  });

  it('grows past its first columns and keeps every row: a 300-replica service created and converged', () => {
    const cluster = defaultClusterConfig();
    const engine = createSimulator({ seed: 7, cluster });
    const spec: ServiceSpec = {
      Name: 'web',
      Labels: {},
      Mode: { Replicated: { Replicas: 300 } },
      TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25' }, ForceUpdate: 0 },
    };
    engine.createService(spec);
    engine.runUntil(() => engine.isConverged('web'), 600_000);
    const events = engine.events();
    expect(engine.eventCount()).toBe(events.length);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('task_created')).toBe(300);
    expect(count('task_node')).toBe(300);
    const running = events.filter((e) => e.type === 'task_state' && e.state === 'running');
    expect(new Set(running.map((e) => (e as { taskId: string }).taskId)).size).toBe(300);
    expect(events.every((e, i) => i === 0 || e.t_ms >= events[i - 1].t_ms)).toBe(true);
    expect(engine.eventAt(events.length - 1)).toBe(events.at(-1));
  });
});
