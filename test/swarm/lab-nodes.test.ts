// A scenario's own nodes (names, manager, labels, a drained node) played by a lab cluster's nodes, compared with the
// simulator.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenarioOnSwarm } from '../../src/real-swarm/backend.js';
import { type LabCluster, labClusterDown, labClusterUp } from '../../src/real-swarm/lab-cluster/cluster.js';
import { docker } from '../../src/real-swarm/lab-cluster/exec.js';
import { renameHostConstraints, sentNames, shownNames } from '../../src/real-swarm/lab-cluster/names.js';
import { loadScenario } from '../../src/scenario/load.js';
import { type RunResult, runScenario } from '../../src/scenario/run.js';
import type { Trace, TraceEvent } from '../../src/types.js';
import { main } from '../helpers/main.js';
import { labProblem } from './lab.helpers.js';

const problem = labProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const note = skip ? ` (skipped: no lab cluster possible here: ${problem})` : '';
const ID = `n${randomBytes(3).toString('hex')}`;
let lab: LabCluster | undefined;
let dir = '';

beforeAll(() => {
  if (skip) return;
  if (problem) throw new Error(`no lab cluster possible here: ${problem}`);
  lab = labClusterUp({ id: ID, nodes: 3 });
  dir = mkdtempSync(join(tmpdir(), 'swarmlab-lab-nodes-'));
}, 120_000);

afterAll(() => {
  if (lab) labClusterDown({ id: ID });
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The manager listed second: it is played by node-1; web-a by node-2, web-b (drained at the start) by node-3. */
const NODES = `
cluster:
  nodes:
    - {name: web-a, role: worker, labels: {zone: east}}
    - {name: ctl, role: manager, labels: {zone: west}}
    - {name: web-b, role: worker, availability: drain, labels: {zone: east, disk: ssd}}
`;

const OWN_NODES = `
name: lab-own-nodes
seed: 1
${NODES}
images:
  lab/app:v1: {}
steps:
  - docker service create -d --name east --replicas 4 --constraint node.labels.zone==east lab/app:v1
  - docker service create -d --name pinned --replicas 2 --constraint node.hostname==web-a lab/app:v1
  - wait: converged
  - docker node ls
  - docker service ps --filter desired-state=running --format '{{.Node}}' east
  - docker service inspect --format '{{json .Spec.TaskTemplate.Placement}}' pinned
  - docker node update --availability active web-b
  - swarmlab fault node-down web-a
  - wait: 17s
  - docker node ls
  - swarmlab fault node-up web-a
  - wait: settled
  - docker service ps --filter desired-state=running --format '{{.Node}}' east
  - docker service ps --filter desired-state=running --format '{{.Node}}' pinned
expect:
  service: east
  running_images: {lab/app:v1: 4}
`;

const NOWHERE_PS = "docker service ps --no-trunc --format '{{.Node}}|{{.Error}}' nowhere";

const MANAGER = `
name: lab-own-manager
seed: 1
${NODES}
images:
  lab/app:v1: {}
steps:
  - docker node ls
  - docker service create -d --name nowhere --constraint node.hostname==node-2 lab/app:v1
  - wait: 3s
  - ${NOWHERE_PS}
  - docker service inspect --format '{{json .Spec.TaskTemplate.Placement}}' nowhere
  - swarmlab fault node-down ctl
`;

function output(result: RunResult, command: string): { stdout: string; stderr: string; exitCode: number } {
  const steps = result.outputs.filter((o) => o.command === command);
  if (steps.length === 0) throw new Error(`no step ${command}`);
  return steps.at(-1)!;
}

function outputs(result: RunResult, command: string): string[] {
  return result.outputs.filter((o) => o.command === command).map((o) => o.stdout);
}

/** `docker node ls`: HOSTNAME STATUS AVAILABILITY MANAGER-STATUS, IDs left out (they differ between runs). */
function nodeTable(stdout: string): string[] {
  const [header, ...rows] = stdout.trimEnd().split('\n');
  const at = ['HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION'].map((column) =>
    header.indexOf(column),
  );
  return rows.map((row) =>
    [0, 1, 2, 3]
      .map((i) => row.slice(at[i], at[i + 1]).trim())
      .filter(Boolean)
      .join(' '),
  );
}

/** Running tasks as `service@hostname`, sorted. */
function runningPlaces(trace: Trace): string[] {
  const service = new Map(trace.services.map((s) => [s.ID, s.Spec.Name]));
  const host = new Map(trace.nodes.map((n) => [n.ID, n.Description.Hostname]));
  return trace.tasks
    .filter((t) => t.DesiredState === 'running' && t.Status.State === 'running')
    .map((t) => `${service.get(t.ServiceID)}@${host.get(t.NodeID ?? '')}`)
    .sort();
}

/** Each lab node's labels and availability as the manager has them, in lab order (node-1, node-2, node-3). */
function labNodeSpecs(): { labels: Record<string, string>; availability: string }[] {
  return lab!.nodes.map((node) => {
    const spec = JSON.parse(docker(lab!.nodes[0].socket, ['node', 'inspect', '-f', '{{json .Spec}}', node.nodeId])) as {
      Labels?: Record<string, string>;
      Availability: string;
    };
    return { labels: spec.Labels ?? {}, availability: spec.Availability };
  });
}

const PRISTINE = [
  { labels: {}, availability: 'active' },
  { labels: {}, availability: 'active' },
  { labels: {}, availability: 'active' },
];

function cliRun(file: string, yaml: string): { code: number; out: string; err: string } {
  const path = join(dir, file);
  writeFileSync(path, yaml);
  let out = '';
  let err = '';
  const code = main(['run', path, '--backend', 'swarm', '--host', lab!.dockerHost], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdoutIsTty: false,
  });
  return { code, out, err };
}

describe('node names between a scenario and the lab cluster that plays it', () => {
  const shown = { 'node-1': 'ctl', 'node-2': 'web-a', 'node-3': 'web-b' };
  it('hostname constraints are sent with the lab hostname, read back with the scenario name; others as written', () => {
    const written = [
      'node.hostname==web-a',
      'node.hostname != WEB-B',
      'node.labels.zone==web-a',
      'node.role==manager',
      'node.hostname==node-2',
      'node.hostname==other',
    ];
    const sent = renameHostConstraints(written, sentNames(shown));
    expect(sent).toEqual([
      'node.hostname==node-2',
      'node.hostname != node-3',
      'node.labels.zone==web-a',
      'node.role==manager',
      'node.hostname==node-2.not-in-scenario',
      'node.hostname==other',
    ]);
    expect(renameHostConstraints(sent, shownNames(shown))).toEqual([
      ...written.slice(0, 1),
      'node.hostname != web-b',
      ...written.slice(2),
    ]);
  });
  it('names swapped between the two (a scenario manager called node-2) are renamed once, both ways', () => {
    const swapped = { 'node-1': 'node-2', 'node-2': 'node-1' };
    expect(renameHostConstraints(['node.hostname==node-2', 'node.hostname!=node-1'], sentNames(swapped))).toEqual([
      'node.hostname==node-1',
      'node.hostname!=node-2',
    ]);
    expect(renameHostConstraints(['node.hostname==node-1'], shownNames(swapped))).toEqual(['node.hostname==node-2']);
    expect(renameHostConstraints(['node.hostname==node-1'], sentNames({}))).toEqual(['node.hostname==node-1']);
  });
});

describe("a scenario's own nodes on a lab cluster", () => {
  it.skipIf(skip)(
    'named nodes, a label constraint, a hostname constraint and a drained node: same placement, node loss by name ' +
      `and final tasks as simulated; lab nodes restored${note}`,
    () => {
      const scenario = loadScenario(OWN_NODES, 'lab-own-nodes.yaml');
      const simulated = runScenario(scenario);
      const real = runScenarioOnSwarm(scenario, { host: lab!.dockerHost });
      expect(simulated.unmet).toEqual([]);
      expect(real.unmet).toEqual([]);
      expect(real.warnings).toEqual([]);

      for (const result of [simulated, real]) {
        const [before, after] = outputs(result, 'docker node ls').map(nodeTable);
        // The manager shows as ctl (Leader); web-b starts drained, as the file says.
        expect(before).toEqual(['ctl Ready Active Leader', 'web-a Ready Active', 'web-b Ready Drain']);
        // Only web-a is an active zone=east node: every east task lands there (the ps NODE column names it).
        expect(outputs(result, "docker service ps --filter desired-state=running --format '{{.Node}}' east")[0]).toBe(
          'web-a\nweb-a\nweb-a\nweb-a\n',
        );
        expect(
          output(result, "docker service inspect --format '{{json .Spec.TaskTemplate.Placement}}' pinned").stdout,
        ).toBe('{"Constraints":["node.hostname==web-a"]}\n');
        expect(output(result, 'docker node update --availability active web-b')).toMatchObject({
          exitCode: 0,
          stdout: 'web-b\n',
          stderr: '',
        });
        expect(output(result, 'swarmlab fault node-down web-a')).toMatchObject({ exitCode: 0, stderr: '' });
        // web-a lost by its scenario name: Down by heartbeat failure; its east tasks move to web-b (active again,
        // zone=east).
        expect(after).toEqual(['ctl Ready Active Leader', 'web-a Down Active', 'web-b Ready Active']);
        const down = result.trace.events.find(
          (e): e is Extract<TraceEvent, { type: 'node' }> =>
            e.type === 'node' && e.hostname === 'web-a' && e.state === 'down',
        );
        expect(down?.message).toBe('heartbeat failure');
        // After node-up, pinned's tasks (hostname constraint) are back on web-a; east stays on web-b.
        expect(outputs(result, "docker service ps --filter desired-state=running --format '{{.Node}}' east")[1]).toBe(
          'web-b\nweb-b\nweb-b\nweb-b\n',
        );
        expect(
          output(result, "docker service ps --filter desired-state=running --format '{{.Node}}' pinned").stdout,
        ).toBe('web-a\nweb-a\n');
        expect(runningPlaces(result.trace)).toEqual([...Array(4).fill('east@web-b'), 'pinned@web-a', 'pinned@web-a']);
        expect(result.trace.nodes.map((n) => [n.Description.Hostname, n.Spec.Role, n.Spec.Labels]).sort()).toEqual([
          ['ctl', 'manager', { zone: 'west' }],
          ['web-a', 'worker', { zone: 'east' }],
          ['web-b', 'worker', { disk: 'ssd', zone: 'east' }],
        ]);
      }
      // The lab's nodes are played by the scenario's in order, the manager by node-1; after the run they are as before.
      const ids = new Map(real.trace.nodes.map((n) => [n.Description.Hostname, n.ID]));
      expect(['ctl', 'web-a', 'web-b'].map((name) => ids.get(name))).toEqual(lab!.nodes.map((n) => n.nodeId));
      expect(labNodeSpecs()).toEqual(PRISTINE);
    },
    120_000,
  );

  it.skipIf(skip)(
    `the manager cannot be lost; a lab hostname the scenario does not use matches no node; a node's own labels are ` +
      `put back${note}`,
    () => {
      const scenario = loadScenario(MANAGER, 'lab-own-manager.yaml');
      const simulated = runScenario(scenario);
      const manager = lab!.nodes[0].socket;
      docker(manager, ['node', 'update', '--label-add', 'zone=north', '--label-add', 'keep=1', lab!.nodes[2].nodeId]);
      let real: RunResult;
      let after: ReturnType<typeof labNodeSpecs>;
      try {
        real = runScenarioOnSwarm(scenario, { host: lab!.dockerHost });
        after = labNodeSpecs();
      } finally {
        const left = Object.keys(labNodeSpecs()[2].labels).flatMap((key) => ['--label-rm', key]);
        docker(manager, ['node', 'update', '--availability', 'active', ...left, lab!.nodes[2].nodeId]);
      }
      expect(output(real, 'swarmlab fault node-down ctl')).toEqual({
        ...output(real, 'swarmlab fault node-down ctl'),
        exitCode: 1,
        stdout: '',
        stderr:
          "swarmlab: ctl is the lab cluster's manager (node-1): swarmlab drives the swarm through it, so only a " +
          'worker can be taken down\n',
      });
      for (const result of [simulated, real]) {
        expect(nodeTable(output(result, 'docker node ls').stdout)).toEqual([
          'ctl Ready Active Leader',
          'web-a Ready Active',
          'web-b Ready Drain',
        ]);
        // node-2 is a lab hostname, not a node of the scenario: the task stays pending, as in the simulator, with
        // swarmkit's explanation (each node counted against the first filter it fails: web-b is drained).
        expect(output(result, NOWHERE_PS).stdout).toBe(
          '|"no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)"\n',
        );
        const nowhere = result.trace.services.find((sv) => sv.Spec.Name === 'nowhere')!;
        expect(
          result.trace.tasks.filter((t) => t.ServiceID === nowhere.ID).map((t) => [t.Status.State, t.NodeID ?? '']),
        ).toEqual([['pending', '']]);
        expect(
          output(result, "docker service inspect --format '{{json .Spec.TaskTemplate.Placement}}' nowhere").stdout,
        ).toBe('{"Constraints":["node.hostname==node-2"]}\n');
        expect(result.trace.nodes.find((n) => n.Description.Hostname === 'web-b')!.Spec.Labels).toEqual({
          zone: 'east',
          disk: 'ssd',
        });
      }
      // During the run web-b (node-3) had exactly the scenario's labels; afterwards its own again.
      expect(after).toEqual([
        PRISTINE[0],
        PRISTINE[1],
        { labels: { zone: 'north', keep: '1' }, availability: 'active' },
      ]);
      console.log(
        `real: ${output(real, NOWHERE_PS).stdout.trim()}; simulated: ${output(simulated, NOWHERE_PS).stdout.trim()}`,
      );
    },
    60_000,
  );

  it.skipIf(skip)(
    `a scenario the lab cannot play is refused before anything is created, saying what to do${note}`,
    () => {
      const four = cliRun('four.yaml', 'name: four\ncluster: {nodes: 4}\nsteps:\n  - docker node ls\n');
      expect(four).toEqual({
        code: 1,
        out: '',
        err:
          `swarmlab: the scenario has 4 nodes; the lab cluster "${ID}" has 3:` +
          ` swarmlab cluster down --id ${ID}, then swarmlab cluster up --id ${ID} --nodes 4\n`,
      });
      const twoManagers = cliRun(
        'two.yaml',
        'name: two\ncluster:\n  nodes:\n    - {name: a, role: manager}\n    - {name: b, role: manager}\nsteps:\n  - ' +
          'docker node ls\n',
      );
      expect(twoManagers).toEqual({
        code: 1,
        out: '',
        err:
          'swarmlab: the scenario has 2 managers (a, b); a lab cluster has one (node-1):' +
          ' make the others workers to run it with --backend swarm\n',
      });
      expect(labNodeSpecs()).toEqual(PRISTINE);
      expect(docker(lab!.nodes[0].socket, ['service', 'ls', '-q'])).toBe('');
    },
    60_000,
  );
});
