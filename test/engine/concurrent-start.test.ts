// Container starts on one node queue up: `concurrent_start` is added to a start for each start still under way there.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

/** Each new task's starting → running time (ms), per node, in start order. */
function startTimes(nodes: number, replicas: number, timing: string): Record<string, number[]> {
  const yaml = `
name: concurrent-starts
seed: 3
cluster:
  nodes: ${nodes}
  timing: {${timing}}
steps:
  - docker service create -d --name web --replicas ${replicas} app:v1
  - wait: converged
`;
  const { trace } = runScenario(loadScenario(yaml, 'concurrent.yaml'));
  const nodeOf = new Map(trace.tasks.map((t) => [t.ID, t.NodeID]));
  const startingAt = new Map<string, number>();
  const byNode: Record<string, number[]> = {};
  for (const e of trace.events) {
    if (e.type !== 'task_state') continue;
    if (e.state === 'starting') startingAt.set(e.taskId, e.t_ms);
    if (e.state !== 'running') continue;
    const node = trace.nodes.find((n) => n.ID === nodeOf.get(e.taskId))?.Description.Hostname ?? '?';
    (byNode[node] ??= []).push(e.t_ms - (startingAt.get(e.taskId) ?? Number.NaN));
  }
  for (const times of Object.values(byNode)) times.sort((a, b) => a - b);
  return byNode;
}

describe('concurrent container starts', () => {
  it('four at once on one node: each waits for the starts before it', () => {
    expect(startTimes(1, 4, 'concurrent_start: 250ms')).toEqual({ 'node-1': [250, 500, 750, 1000] });
  });

  it('only the starts on the same node count', () => {
    expect(startTimes(2, 4, 'concurrent_start: 250ms')).toEqual({ 'node-1': [250, 500], 'node-2': [250, 500] });
  });

  it('the default profile starts every container in the same time', () => {
    expect(startTimes(1, 4, 'start: 300ms')).toEqual({ 'node-1': [300, 300, 300, 300] });
  });
});
