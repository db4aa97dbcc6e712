// The docker-events export against `docker events --format '{{json .}}'` captured from a real daemon for the same
// commands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../src/cli/files.js';
import { containerId, formatDockerEvents } from '../../src/export/docker-events.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const FIXTURES = 'test/fixtures/docker-events';

/** A JSON line with its timeNano kept exact (JSON.parse would round it). */
interface Line {
  raw: string;
  value: {
    Type: string;
    Action: string;
    Actor: { ID: string; Attributes: Record<string, string> };
    [key: string]: unknown;
  };
}

function lines(text: string): Line[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((raw) => ({ raw, value: JSON.parse(raw) }));
}

// The commands of test/fixtures/docker-events/README.md; `wait: settled` because the real CLI returned from the
// attached update only once UpdateStatus was `completed`. The images ignore SIGTERM like `sleep` as PID 1.
const SAME_COMMANDS = `
name: docker-events-capture
seed: 1
images:
  swarmlab-export-img:v1: {ignores_sigterm: true}
  swarmlab-export-img:v2: {ignores_sigterm: true}
steps:
  - docker service create -q --name swarmlab-export-web --replicas 2 swarmlab-export-img:v1
  - docker service update -q --image swarmlab-export-img:v2 swarmlab-export-web
  - wait: settled
  - docker service scale -d swarmlab-export-web=3
  - wait: 3s
  - docker service rm swarmlab-export-web
  - wait: 15s
`;

const real = lines(readFileSync(`${FIXTURES}/service-create-update-scale-rm.jsonl`, 'utf8')).filter(
  (l) => l.value.Type !== 'network', // not exported: the bridge network's connect/disconnect
);
const exported = lines(formatDockerEvents(runScenario(loadScenario(SAME_COMMANDS, 'capture.yaml')).trace));

/** Attribute names with the image's own labels left out (the real v2 image had LABEL v=2). */
const attributeNames = (l: Line) =>
  Object.keys(l.value.Actor.Attributes)
    .filter((k) => k !== 'v')
    .join(',');
const shape = (l: Line) => `${l.value.Type} ${l.value.Action} [${attributeNames(l)}]`;

describe('docker events export', () => {
  it('writes every line with the real daemon key order, value types and an exact integer timeNano', () => {
    const keysOf = (l: Line) =>
      Object.entries(l.value)
        .map(([k, v]) => `${k}:${typeof v}`)
        .join(' ');
    const realKeys = new Map(real.map((l) => [l.value.Type, keysOf(l)]));
    expect(realKeys.get('service')).toBe(
      'Type:string Action:string Actor:object scope:string time:number timeNano:number',
    );
    for (const l of exported) {
      expect(keysOf(l)).toBe(realKeys.get(l.value.Type));
      expect(l.raw).toMatch(/,"time":\d{10},"timeNano":\d{19}}$/);
      const [, time, nanos] = /"time":(\d+),"timeNano":(\d+)/.exec(l.raw)!;
      expect(nanos.slice(0, 10)).toBe(time);
      expect(Object.keys(l.value.Actor.Attributes)).toEqual(Object.keys(l.value.Actor.Attributes).sort());
    }
    for (const l of real) expect(l.raw).toMatch(/,"time":\d{10},"timeNano":\d{19}}$/);
  });

  it('uses the attribute names the daemon uses for each kind of event', () => {
    const realShapes = new Set(real.map(shape));
    expect([...new Set(exported.map(shape))].filter((s) => !realShapes.has(s))).toEqual([]);
    expect([...realShapes].filter((s) => !exported.map(shape).includes(s))).toEqual([]);
  });

  it('gives the same service events, with the same attributes, as the daemon for the same commands', () => {
    const services = (ls: Line[]) =>
      ls.filter((l) => l.value.Type === 'service').map((l) => [l.value.Action, l.value.Actor.Attributes]);
    expect(services(exported)).toEqual(services(real));
    expect(services(exported)).toEqual([
      ['create', { name: 'swarmlab-export-web' }],
      [
        'update',
        { 'image.new': 'swarmlab-export-img:v2', 'image.old': 'swarmlab-export-img:v1', name: 'swarmlab-export-web' },
      ],
      ['update', { name: 'swarmlab-export-web', 'updatestate.new': 'updating' }],
      ['update', { name: 'swarmlab-export-web', 'updatestate.new': 'completed', 'updatestate.old': 'updating' }],
      ['update', { name: 'swarmlab-export-web', 'replicas.new': '3', 'replicas.old': '2' }],
      ['remove', { name: 'swarmlab-export-web' }],
    ]);
  });

  it("gives each container the daemon's action sequence", () => {
    const perContainer = (ls: Line[]) => {
      const byId = new Map<string, string[]>();
      for (const l of ls.filter((l) => l.value.Type === 'container')) {
        const attributes = l.value.Actor.Attributes;
        const key = `${attributes.image} slot ${attributes.name.split('.')[1]}`;
        const signal = attributes.signal
          ? `(${attributes.signal})`
          : attributes.exitCode
            ? `(${attributes.exitCode})`
            : '';
        byId.set(l.value.Actor.ID, [...(byId.get(l.value.Actor.ID) ?? [key]), `${l.value.Action}${signal}`]);
      }
      return [...byId.values()].map((s) => s.join(' ')).sort();
    };
    const stopped = 'create start kill(15) kill(9) die(137) stop';
    expect(perContainer(real)).toEqual([
      `swarmlab-export-img:v1 slot 1 ${stopped} destroy`,
      `swarmlab-export-img:v1 slot 2 ${stopped} destroy`,
      `swarmlab-export-img:v2 slot 1 ${stopped} destroy`,
      `swarmlab-export-img:v2 slot 2 ${stopped} destroy`,
      `swarmlab-export-img:v2 slot 3 ${stopped} destroy`,
    ]);
    // The simulator's trace has no removal for tasks already shut down when the service goes: no `destroy` for them.
    expect(perContainer(exported)).toEqual([
      `swarmlab-export-img:v1 slot 1 ${stopped}`,
      `swarmlab-export-img:v1 slot 2 ${stopped}`,
      `swarmlab-export-img:v2 slot 1 ${stopped} destroy`,
      `swarmlab-export-img:v2 slot 2 ${stopped} destroy`,
      `swarmlab-export-img:v2 slot 3 ${stopped} destroy`,
    ]);
  });

  it('names containers and their attributes as a swarm task does', () => {
    const first = exported.find((l) => l.value.Type === 'container')!;
    const taskId = first.value.Actor.Attributes['com.docker.swarm.task.id'];
    expect(first.value).toMatchObject({
      status: 'create',
      id: containerId(taskId),
      from: 'swarmlab-export-img:v1',
      Action: 'create',
      scope: 'local',
      time: 1767225600,
    });
    expect(first.value.Actor.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(first.value.Actor.Attributes).toMatchObject({
      'com.docker.swarm.task': '',
      'com.docker.swarm.task.name': `swarmlab-export-web.1.${taskId}`,
      name: `swarmlab-export-web.1.${taskId}`,
      image: 'swarmlab-export-img:v1',
    });
    expect(first.raw).toContain('"timeNano":1767225600170000000}');
  });

  it('reports node changes in the shape of the captured node update', () => {
    const realNode = lines(readFileSync(`${FIXTURES}/node-label-update.jsonl`, 'utf8'))[0];
    const drain = `cluster: {nodes: 2}
steps:
  - docker node update --availability drain node-2
  - docker node update --availability active node-2
`;
    const { trace } = runScenario(loadScenario(drain, 'drain.yaml'));
    const nodes = lines(formatDockerEvents(trace));
    expect(nodes.map((l) => [l.value.Action, l.value.Actor.Attributes])).toEqual([
      ['update', { 'availability.new': 'drain', 'availability.old': 'active', name: 'node-2' }],
      ['update', { 'availability.new': 'active', 'availability.old': 'drain', name: 'node-2' }],
    ]);
    expect(Object.keys(nodes[0].value)).toEqual(Object.keys(realNode.value));
    expect(nodes[0].value).toMatchObject({ Type: 'node', scope: realNode.value.scope });
  });

  it('writes an automatic rollback as one update with the spec and the status (one store write in swarmkit)', () => {
    const scenario = readScenarioFile('scenarios/course/2b-rollback-on-failure.yaml');
    const out = lines(formatDockerEvents(runScenario(scenario, { seed: 1 }).trace));
    const services = out.filter((l) => l.value.Type === 'service');
    expect(services.map((l) => [l.value.Action, l.value.Actor.Attributes, /"timeNano":(\d+)/.exec(l.raw)![1]])).toEqual(
      [
        ['create', { name: 'my_service' }, '1767225600000000000'],
        ['update', { 'image.new': 'nginx:bad', 'image.old': 'nginx:1.25', name: 'my_service' }, '1767225605600000000'],
        ['update', { name: 'my_service', 'updatestate.new': 'updating' }, '1767225605600000000'],
        [
          'update',
          {
            'image.new': 'nginx:1.25',
            'image.old': 'nginx:bad',
            name: 'my_service',
            'updatestate.new': 'rollback_started',
            'updatestate.old': 'updating',
          },
          '1767225609390000000',
        ],
        [
          'update',
          { name: 'my_service', 'updatestate.new': 'rollback_completed', 'updatestate.old': 'rollback_started' },
          '1767225618280000000',
        ],
      ],
    );
    const crashed = out.filter((l) => l.value.Action === 'die' && l.value.Actor.Attributes.exitCode === '1');
    expect(crashed.map((l) => l.value.Actor.Attributes['com.docker.swarm.task.id'])).toEqual([
      'e5evv620miab207m4ecqjjgbf',
    ]);
    expect(out.some((l) => l.value.Action === 'stop' && crashed.some((c) => c.value.id === l.value.id))).toBe(false);
  });

  it('writes a manual rollback with its status, and health checks as the daemon names them', () => {
    const text = `
seed: 1
images:
  app:1: {healthcheck: {interval: 1s, retries: 2, healthy_after: 1s}}
  app:2: {healthcheck: {interval: 1s, retries: 2, healthy_after: 1s}}
steps:
  - docker service create -d --name web app:1
  - wait: converged
  - docker service update -d --image app:2 web
  - wait: settled
  - docker service rollback -d web
  - wait: settled
`;
    const out = lines(formatDockerEvents(runScenario(loadScenario(text, 'rollback.yaml')).trace));
    const rollback = out.find((l) => l.value.Actor.Attributes['updatestate.new'] === 'rollback_started');
    expect(rollback?.value.Actor.Attributes).toEqual({
      'image.new': 'app:1',
      'image.old': 'app:2',
      name: 'web',
      'updatestate.new': 'rollback_started',
      'updatestate.old': 'completed',
    });
    const health = out.filter((l) => l.value.Action.startsWith('health_status'));
    expect(health.map((l) => [l.value.status, l.value.Action, l.value.from])).toEqual([
      ['health_status: healthy', 'health_status: healthy', 'app:1'],
      ['health_status: healthy', 'health_status: healthy', 'app:2'],
      ['health_status: healthy', 'health_status: healthy', 'app:1'],
    ]);
  });
});
