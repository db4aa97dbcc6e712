// A fixed-seed lab campaign (`conform --random` on a 3-node lab cluster): a drain and a node loss mid-update, run as
// drawn.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCampaign, runConformCampaign } from '../../src/cli/conform-random.js';
import { type LabCluster, labClusterDown, labClusterUp } from '../../src/real-swarm/lab-cluster/cluster.js';
import { docker } from '../../src/real-swarm/lab-cluster/exec.js';
import { labRandomCase } from '../../src/real-swarm/random-cases.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Trace, TraceEvent } from '../../src/types.js';
import { labProblem } from './lab.helpers.js';

const problem = labProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const note = skip ? ` (skipped: no lab cluster possible here: ${problem})` : '';
const ID = `r${randomBytes(3).toString('hex')}`;
/** Seed 62 draws a drain of node-3 (3 replicas, slow start) then a loss of node-3 (2 replicas, exit 0): ~1 min each. */
const SEED = 62;
const CASES = 2;
let lab: LabCluster | undefined;
let outDir = '';

beforeAll(() => {
  if (skip) return;
  if (problem) throw new Error(`no lab cluster possible here: ${problem}`);
  lab = labClusterUp({ id: ID, nodes: 3 });
  outDir = mkdtempSync(join(tmpdir(), 'swarmlab-conform-lab-'));
}, 120_000);

afterAll(() => {
  if (lab) labClusterDown({ id: ID });
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 60_000);

function nodeEvents(trace: Trace, hostname: string) {
  return trace.events.filter(
    (e): e is Extract<TraceEvent, { type: 'node' }> => e.type === 'node' && e.hostname === hostname,
  );
}

function commandAt(trace: Trace, text: string): number {
  const event = trace.events.find((e) => e.type === 'command' && e.text === text);
  if (!event) throw new Error(`no command ${text} in the trace`);
  return event.t_ms;
}

describe('conform --random on a lab cluster', () => {
  it.skipIf(skip)(
    `seed ${SEED}, ${CASES} lab cases: run as drawn on the 3 lab nodes, the drain and the loss seen by the swarm, ` +
      `nodes restored${note}`,
    () => {
      expect(labCampaign(lab!.dockerHost, false)).toBe(true);
      let out = '';
      let err = '';
      const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTty: false };
      const code = runConformCampaign({ count: CASES, seed: SEED, outDir, host: lab!.dockerHost, lab: true }, io);
      const printed = `the campaign printed:\n${out}${err}`;
      expect(out.split('\n')[0], printed).toBe(`conform --random ${CASES} --seed ${SEED} --lab`);
      const tableRow = /^ {2}(same|timing|pace|different|not comparable|not run) +(\d+)$/gm;
      const counts = Object.fromEntries([...out.matchAll(tableRow)].map((m) => [m[1], Number(m[2])]));
      expect(counts['not run'], printed).toBe(0);
      expect(counts['not comparable'], printed).toBe(0);
      expect(counts.same + counts.timing + counts.pace + counts.different, printed).toBe(CASES);
      expect(code).toBe(counts.same === CASES ? 0 : 1);

      const traces = [1, 2].map((index) => {
        const drawn = labRandomCase(SEED, index);
        const dir = join(outDir, drawn.id);
        expect(err).toContain(`case ${index}/${CASES} (${drawn.id}: ${drawn.summary})`);
        expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).toBe(drawn.yaml);
        const simulated = runScenario(loadScenario(drawn.yaml, `${drawn.id}.yaml`), {}).trace;
        expect(readFileSync(join(dir, 'simulator.json'), 'utf8')).toBe(`${JSON.stringify(simulated)}\n`);
        expect(readFileSync(join(dir, 'verdict.txt'), 'utf8')).toMatch(/^verdict: (same|DIFFERENT) \(/m);
        const real = JSON.parse(readFileSync(join(dir, 'swarm.json'), 'utf8')) as Trace;
        expect(real.nodes.map((n) => `${n.Description.Hostname}:${n.Spec.Role}`).sort()).toEqual([
          'node-1:manager',
          'node-2:worker',
          'node-3:worker',
        ]);
        return { drawn, real };
      });

      // Case 1: node-3 drained mid-update; the swarm shows it drained, and runs nothing there at the end.
      const drained = traces[0];
      expect(drained.drawn.summary).toMatch(/mid-run drain node-3$/);
      const drainAt = commandAt(drained.real, 'docker node update --availability drain node-3');
      const drainSeen = nodeEvents(drained.real, 'node-3').filter((e) => e.availability === 'drain');
      expect(drainSeen.length).toBeGreaterThan(0);
      expect(drainSeen[0].t_ms).toBeGreaterThanOrEqual(drainAt - 1_000);
      const node3 = drained.real.nodes.find((n) => n.Description.Hostname === 'node-3')!.ID;
      const onNode3 = drained.real.tasks.filter((t) => t.NodeID === node3 && t.Status.State === 'running');
      expect(onNode3).toEqual([]);

      // Case 2: node-3's cable pulled mid-update: Down for a heartbeat failure 8.5-16.5 s later, Ready after node-up.
      const lost = traces[1];
      expect(lost.drawn.summary).toMatch(/mid-run node-down node-3$/);
      const cutAt = commandAt(lost.real, 'swarmlab fault node-down node-3');
      const upAt = commandAt(lost.real, 'swarmlab fault node-up node-3');
      const states = nodeEvents(lost.real, 'node-3').filter((e) => e.t_ms > cutAt);
      const down = states.find((e) => e.state === 'down');
      expect(down?.message, JSON.stringify(states)).toBe('heartbeat failure');
      expect(down!.t_ms - cutAt).toBeGreaterThanOrEqual(8_500);
      expect(down!.t_ms - cutAt).toBeLessThanOrEqual(16_500);
      expect(down!.t_ms).toBeLessThan(upAt);
      expect(states.at(-1)!.state).toBe('ready');

      // The lab is left as it was found: every node Ready and Active, no service.
      const nodes = docker(lab!.nodes[0].socket, [
        'node',
        'ls',
        '--format',
        '{{.Hostname}} {{.Status}} {{.Availability}}',
      ]);
      expect(nodes.trim().split('\n').sort()).toEqual([
        'node-1 Ready Active',
        'node-2 Ready Active',
        'node-3 Ready Active',
      ]);
      expect(docker(lab!.nodes[0].socket, ['service', 'ls', '-q']).trim()).toBe('');
    },
    420_000,
  );
});
