// Faults are trace events: the simulator records node-down, node-up and container kills; validation and the fold read
// them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLUSTER_FAULT_KINDS } from '../../src/faults/registry.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { foldTrace } from '../../src/trace/fold.js';
import { replayOf, stateAt } from '../../src/trace/replay.js';
import { checkTraceValue } from '../../src/trace/validate.js';
import type { Trace } from '../../src/types.js';
import { cluster, converge, engine, settle, spec } from '../helpers/engine.js';

const faultsOf = (trace: Trace) => trace.events.filter((ev) => ev.type === 'fault');

function cutAndHeal(): { trace: Trace; node3: string; killed: string } {
  const e = engine(4, cluster({ nodeCount: 3 }));
  converge(e, spec('web', 'app:term1', 3));
  const node3 = e.state().nodes.find((n) => n.Description.Hostname === 'node-3')!.ID;
  const victim = e.state().tasks.find((t) => t.NodeID !== node3 && t.Status.State === 'running')!;
  e.killContainer(victim.ID.slice(0, 8), 9);
  e.advanceTo(2_000);
  e.nodeDown('node-3');
  e.nodeDown('node-3'); // already cut: nothing happens, nothing is recorded
  e.advanceTo(30_000);
  e.nodeUp('node-3');
  settle(e);
  return { trace: e.exportTrace('faults'), node3, killed: victim.ID };
}

describe('the fault event', () => {
  it('the simulator records each fault it applied, at the time it applied it', () => {
    const { trace, node3, killed } = cutAndHeal();
    const victimNode = trace.tasks.find((t) => t.ID === killed)!.NodeID;
    expect(faultsOf(trace)).toEqual([
      { t_ms: 1_420, type: 'fault', fault: 'kill', nodeId: victimNode, taskId: killed, exitCode: 9 },
      { t_ms: 2_000, type: 'fault', fault: 'node-down', nodeId: node3 },
      { t_ms: 30_000, type: 'fault', fault: 'node-up', nodeId: node3 },
    ]);
  });

  it('a kill that fails is not recorded', () => {
    const e = engine(1);
    converge(e, spec('web', 'app:term1', 1));
    expect(() => e.killContainer('zzzz')).toThrow('no such task: zzzz');
    expect(faultsOf(e.exportTrace('none'))).toEqual([]);
  });

  it("the fold marks the node cut from node-down to node-up; the replayed Node Ready until the manager's Down", () => {
    const { trace, node3 } = cutAndHeal();
    const downMs = trace.events.find((ev) => ev.type === 'node' && ev.state === 'down')!.t_ms;
    const cut = (tMs: number) => replayOf(trace).foldStateAt(tMs).nodes.get(node3)!.cut;
    const shown = (tMs: number) => stateAt(trace, tMs).nodes.find((n) => n.ID === node3)!.Status.State;
    expect([cut(1_999), cut(2_000), cut(downMs), cut(29_999), cut(30_000)]).toEqual([false, true, true, true, false]);
    expect([shown(2_000), shown(downMs - 1), shown(downMs), shown(30_000)]).toEqual([
      'ready',
      'ready',
      'down',
      'ready',
    ]);
    expect(foldTrace(trace).nodes.get(node3)!.cut).toBe(false);
  });

  it('the node-down drill holds one fault event per fault command, at the time it was typed', () => {
    const file = 'scenarios/drills/node-down-mid-rollout.yaml';
    const { trace } = runScenario(loadScenario(readFileSync(file, 'utf8'), file), { seed: 1 });
    const commands = trace.events.filter((ev) => ev.type === 'command' && ev.text.startsWith('swarmlab fault'));
    const node2 = trace.nodes.find((n) => n.Description.Hostname === 'node-2')!.ID;
    expect(
      faultsOf(trace).map((ev) => [ev.t_ms, ev.type === 'fault' && ev.fault, ev.type === 'fault' && ev.nodeId]),
    ).toEqual(commands.map((ev, i) => [ev.t_ms, i === 0 ? 'node-down' : 'node-up', node2]));
    expect(checkTraceValue(JSON.parse(JSON.stringify(trace))).problem).toBeUndefined();
  });

  it("the event's kinds are the registry's FaultApi verbs: drain and the old snake_case words are refused", () => {
    const { trace } = cutAndHeal();
    const index = trace.events.findIndex((ev) => ev.type === 'fault');
    const accepts = (word: string) => {
      const copy = JSON.parse(JSON.stringify(trace)) as Trace;
      (copy.events[index] as unknown as Record<string, unknown>).fault = word;
      return checkTraceValue(copy).problem === undefined;
    };
    const words = [...CLUSTER_FAULT_KINDS, 'node_down', 'node_up', 'container_kill', 'crash'];
    expect(words.filter(accepts)).toEqual(['node-down', 'node-up', 'kill']);
    const copy = JSON.parse(JSON.stringify(trace)) as Trace;
    (copy.events[index] as unknown as Record<string, unknown>).fault = 'drain';
    expect(checkTraceValue(copy).problem).toBe(
      `events[${index}].fault: expected one of node-down, node-up, kill, got "drain"`,
    );
  });

  it('a drain is no fault event: the trace holds the node event of the availability change', () => {
    const e = engine(2, cluster({ nodeCount: 3 }));
    converge(e, spec('web', 'app:term1', 3));
    const node2 = e.state().nodes.find((n) => n.Description.Hostname === 'node-2')!.ID;
    e.advanceTo(5_000);
    e.updateNode('node-2', { availability: 'drain' });
    settle(e);
    const trace = e.exportTrace('drain');
    expect(faultsOf(trace)).toEqual([]);
    expect(
      trace.events
        .filter((ev) => ev.type === 'node' && ev.t_ms > 0)
        .map((ev) => ev.type === 'node' && [ev.t_ms, ev.nodeId, ev.availability, ev.state]),
    ).toEqual([[5_000, node2, 'drain', 'ready']]);
  });

  it('validation names a bad fault field', () => {
    const { trace } = cutAndHeal();
    const bad = JSON.parse(JSON.stringify(trace)) as Trace;
    const index = bad.events.findIndex((ev) => ev.type === 'fault');
    (bad.events[index] as unknown as Record<string, unknown>).fault = 'meteor';
    expect(checkTraceValue(bad).problem).toBe(
      `events[${index}].fault: expected one of node-down, node-up, kill, got "meteor"`,
    );
    delete (bad.events[index] as unknown as Record<string, unknown>).nodeId;
    (bad.events[index] as unknown as Record<string, unknown>).fault = 'node-up';
    expect(checkTraceValue(bad).problem).toBe(`events[${index}].nodeId: missing`);
  });
});
