// conform --random's drawn cases (one-node and lab): the same seed draws the same files, each loads and runs, all kinds
// appear.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  LAB_MID_RUNS,
  labRandomCase,
  RANDOM_BEHAVIOURS,
  randomCase,
  randomCases,
} from '../../src/real-swarm/random-cases.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Trace, TraceEvent } from '../../src/types.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('random conformance cases', () => {
  it('case (seed, index) is the same file whatever the campaign size', () => {
    expect(randomCases(12, 40)[6]).toEqual(randomCase(12, 7));
    expect(randomCases(12, 8)[6]).toEqual(randomCase(12, 7));
    expect(randomCase(12, 7).yaml).not.toBe(randomCase(13, 7).yaml);
  });

  it('every case of 60 loads and runs on the simulator to a final state or a removed service', () => {
    for (const drawn of randomCases(3, 60)) {
      const scenario = loadScenario(drawn.yaml, `${drawn.id}.yaml`);
      const trace = runScenario(scenario, {}).trace;
      const statuses = trace.events.filter((e) => e.type === 'update_status');
      const removed = trace.events.some((e) => e.type === 'service_spec' && e.action === 'remove');
      expect(removed || statuses.length > 0, `case ${drawn.id} (${drawn.summary})`).toBe(true);
    }
  });

  it('60 cases cover every new-image behaviour and every mid-run command', () => {
    const summaries = randomCases(3, 60).map((c) => c.summary);
    for (const behaviour of RANDOM_BEHAVIOURS) {
      expect(summaries.some((s) => s.includes(`new image ${behaviour},`))).toBe(true);
    }
    for (const midRun of ['none', 'second-update', 'rollback', 'scale', 'force', 'rm']) {
      expect(summaries.some((s) => s.endsWith(`mid-run ${midRun}`))).toBe(true);
    }
  });
});

/** The node events of `hostname` in a simulated trace. */
function nodeEvents(trace: Trace, hostname: string) {
  return trace.events.filter(
    (e): e is Extract<TraceEvent, { type: 'node' }> => e.type === 'node' && e.hostname === hostname,
  );
}

describe('random lab conformance cases (conform --random on a lab cluster)', () => {
  it("draw from their own stream: the one-node campaign's files are those drawn before lab cases existed", () => {
    // The hash of seed 12's first 100 one-node files, taken from the generator before lab cases were added.
    const oneNode = randomCases(12, 100).map((c) => c.yaml);
    expect(sha256(oneNode.join(''))).toBe('f5ee5c1e13745876b8bf7fc63779e937e4b6855b96bf6ac482ff67e32824cc10');
    expect(randomCases(12, 40, true)[6]).toEqual(labRandomCase(12, 7));
    expect(randomCases(12, 8, true)[6]).toEqual(labRandomCase(12, 7));
    expect(labRandomCase(12, 7)).toEqual(labRandomCase(12, 7));
    expect(labRandomCase(12, 7).id).toBe('lab-12-7');
    expect(labRandomCase(12, 7).yaml).not.toBe(labRandomCase(13, 7).yaml);
    // Pinned too: a lab campaign's case ids replay the same files.
    const lab = randomCases(12, 50, true).map((c) => c.yaml);
    expect(sha256(lab.join(''))).toBe('957c9c49f54af9d787b45815398c10e011aa3d2f72ff9feaa37d7e2ef29b633b');
  });

  it('declare 3 nodes, spread the service over them, and each of 50 runs on the simulator to a final state', () => {
    for (const drawn of randomCases(4, 50, true)) {
      const at = `case ${drawn.id} (${drawn.summary})`;
      const scenario = loadScenario(drawn.yaml, `${drawn.id}.yaml`);
      expect(
        scenario.cluster.nodes.map((n) => `${n.name}:${n.role}`),
        at,
      ).toEqual(['node-1:manager', 'node-2:worker', 'node-3:worker']);
      const result = runScenario(scenario, {});
      const { trace } = result;
      const stderr = result.outputs.map((o) => o.stderr).join('');
      expect(stderr, at).not.toContain('timed out');
      const removed = trace.events.some((e) => e.type === 'service_spec' && e.action === 'remove');
      const last = trace.events.filter((e) => e.type === 'update_status').at(-1);
      expect(removed || (last !== undefined && last.state !== 'updating'), at).toBe(true);
      const nodesUsed = new Set(trace.events.flatMap((e) => (e.type === 'task_node' ? [e.nodeId] : [])));
      // The 2-6 replicas are spread over the workers too (the scheduler's spread), where node faults can hit them.
      expect(nodesUsed.size, at).toBeGreaterThanOrEqual(2);
    }
  });

  it('over 50 draws: node loss, drain and pause of either worker, each seen by the simulated swarm mid-update', () => {
    const seen = new Set<string>();
    for (const drawn of randomCases(4, 50, true)) {
      const match = / mid-run (node-down|drain|pause) (node-[23])$/.exec(drawn.summary);
      if (!match) continue;
      const [, kind, worker] = match;
      seen.add(kind).add(worker);
      const at = `case ${drawn.id} (${drawn.summary})`;
      const trace = runScenario(loadScenario(drawn.yaml, `${drawn.id}.yaml`), {}).trace;
      const update = trace.events.find((e) => e.type === 'update_status' && e.state === 'updating')!;
      const events = nodeEvents(trace, worker).filter((e) => e.t_ms > update.t_ms);
      if (kind === 'node-down') {
        // Swarm's heartbeat failure 10-15 s after the cut, then back: the stale tasks are shut down, the update ends.
        const cut = trace.events.find((e) => e.type === 'command' && e.text === `swarmlab fault node-down ${worker}`)!;
        const down = events.find((e) => e.state === 'down')!;
        expect(down.message, at).toBe('heartbeat failure');
        expect(down.t_ms - cut.t_ms, at).toBeGreaterThanOrEqual(10_000);
        expect(down.t_ms - cut.t_ms, at).toBeLessThanOrEqual(15_000);
        expect(events.at(-1)!.state, at).toBe('ready');
      } else {
        expect(
          events.map((e) => e.availability),
          at,
        ).toEqual([kind]);
      }
    }
    expect([...seen].sort()).toEqual([...LAB_MID_RUNS, 'node-2', 'node-3'].sort());
  });

  it("also draw today's mid-run commands, and 2-6 replicas", () => {
    const summaries = randomCases(4, 50, true).map((c) => c.summary);
    for (const midRun of ['none', 'second-update', 'rollback', 'scale', 'force', 'rm']) {
      expect(summaries.some((s) => s.endsWith(`mid-run ${midRun}`))).toBe(true);
    }
    const replicas = new Set(summaries.map((s) => /(\d+) replica/.exec(s)![1]));
    expect([...replicas].sort()).toEqual(['2', '3', '4', '6']);
    expect(summaries.every((s) => s.startsWith('3 nodes, '))).toBe(true);
  });
});
