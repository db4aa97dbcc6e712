// The real-swarm backend records the fault events the simulator records (tested without a daemon: fake client and
// links).
import { describe, expect, it } from 'vitest';
import { killTaskContainer } from '../../src/real-swarm/daemon-ops.js';
import { ApiError } from '../../src/real-swarm/http.js';
import { NodeFaultLog } from '../../src/real-swarm/node-faults.js';
import type { Task, Trace, TraceEvent } from '../../src/types.js';
import { cluster, converge, engine, settle, spec } from '../helpers/engine.js';

const faultsOf = (trace: Trace) => trace.events.filter((ev) => ev.type === 'fault');

/** A simulated kill (exit 137) of one running task: the killed task as it ran, and the trace's fault events. */
function simulatedKill(): { running: Task; faults: TraceEvent[] } {
  const e = engine(3);
  converge(e, spec('web', 'app:term1', 2));
  const running = e.state().tasks.find((t) => t.Status.State === 'running')!;
  e.killContainer(running.ID.slice(0, 8));
  return { running, faults: faultsOf(e.exportTrace('kill')) };
}

/** A fake daemon: answers every request (or fails it), and a recorder that knows `tasks`, at time `nowMs`. */
function fakeSwarm(tasks: Task[], nowMs: number, failure?: ApiError) {
  const requests: string[] = [];
  const recorded: TraceEvent[] = [];
  const client = {
    json: async (method: string, path: string) => {
      requests.push(`${method} ${path}`);
      if (failure) throw failure;
      return undefined;
    },
  };
  const recorder = {
    tasks: new Map(tasks.map((t) => [t.ID, t])),
    nowMs: () => nowMs,
    append: (event: TraceEvent) => recorded.push(event),
  };
  return { client, recorder, requests, recorded };
}

const withContainer = (task: Task): Task => ({
  ...task,
  Status: { ...task.Status, ContainerStatus: { ContainerID: 'c0ffee', PID: 7, ExitCode: 0 } },
});

describe('fault events on a real swarm', () => {
  it('a kill records, once the daemon killed the container, the event the simulator records', async () => {
    const { running, faults } = simulatedKill();
    expect(faults).toEqual([
      { t_ms: faults[0].t_ms, type: 'fault', fault: 'kill', nodeId: running.NodeID, taskId: running.ID, exitCode: 137 },
    ]);
    const swarm = fakeSwarm([withContainer(running)], faults[0].t_ms);
    await killTaskContainer(swarm.client, swarm.recorder, running.ID.slice(0, 8));
    expect(swarm.requests).toEqual(['POST /containers/c0ffee/kill?signal=9']);
    expect(swarm.recorded).toEqual(faults);
  });

  it('a kill refused, or failed by the daemon, records nothing', async () => {
    const { running } = simulatedKill();
    const other = { ...withContainer(running), ID: `${running.ID.slice(0, 8)}other` };
    const refused = fakeSwarm([withContainer(running), other], 1_000);
    await expect(killTaskContainer(refused.client, refused.recorder, running.ID.slice(0, 8))).rejects.toThrow(
      `task ${running.ID.slice(0, 8)} is ambiguous`,
    );
    await expect(killTaskContainer(refused.client, refused.recorder, running.ID, 1)).rejects.toThrow(
      'a real container can only be killed by a signal: exit code 1 is not 128+N',
    );
    expect([refused.requests, refused.recorded]).toEqual([[], []]);
    const failing = fakeSwarm([withContainer(running)], 1_000, new ApiError(409, 'container c0ffee is not running'));
    await expect(killTaskContainer(failing.client, failing.recorder, running.ID)).rejects.toMatchObject({
      name: 'DaemonError',
      message: 'container c0ffee is not running',
    });
    expect([failing.requests, failing.recorded]).toEqual([['POST /containers/c0ffee/kill?signal=9'], []]);
  });

  it('node-down and node-up on a lab cluster record what the simulator records, once per cut', () => {
    const e = engine(4, cluster({ nodeCount: 3 }));
    converge(e, spec('web', 'app:term1', 3));
    const node3 = e.state().nodes.find((n) => n.Description.Hostname === 'node-3')!.ID;
    e.advanceTo(2_000);
    e.nodeDown('node-3');
    e.nodeDown('node-3');
    e.advanceTo(30_000);
    e.nodeUp('node-3');
    e.nodeUp('node-3');
    settle(e);
    const simulated = faultsOf(e.exportTrace('cut'));
    expect(simulated).toEqual([
      { t_ms: 2_000, type: 'fault', fault: 'node-down', nodeId: node3 },
      { t_ms: 30_000, type: 'fault', fault: 'node-up', nodeId: node3 },
    ]);

    let nowMs = 2_000;
    const recorded: TraceEvent[] = [];
    const links: string[] = [];
    const log = new NodeFaultLog(
      (event) => recorded.push(event),
      () => nowMs,
    );
    log.down(node3, () => links.push('down'));
    log.down(node3, () => links.push('down')); // already cut by this run: nothing happens
    nowMs = 30_000;
    log.up(node3, () => links.push('up'));
    log.up(node3, () => links.push('up')); // plugged again (harmless), nothing recorded
    expect(recorded).toEqual(simulated);
    expect(links).toEqual(['down', 'up', 'up']);
  });

  it('a node-down the lab refuses (the manager) records nothing and cuts nothing', () => {
    const recorded: TraceEvent[] = [];
    const log = new NodeFaultLog(
      (event) => recorded.push(event),
      () => 5_000,
    );
    expect(() =>
      log.down('m1', () => {
        throw new Error("node-1 is the lab cluster's manager");
      }),
    ).toThrow("node-1 is the lab cluster's manager");
    log.up('m1', () => undefined);
    expect(recorded).toEqual([]);
  });
});
