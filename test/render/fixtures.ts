// Engine-API-shaped fixtures for the view tests: the ceo_probe service of the captured CLI outputs, on one node `vm`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterState, Node, Service, ServiceSpec, Task, TaskState, UpdateStatus } from '../../src/types.js';

export const CLI_OUTPUTS = path.resolve(process.cwd(), 'test/fixtures/conformance/cli-outputs');
export const golden = (name: string): string => readFileSync(path.join(CLI_OUTPUTS, name), 'utf8');

export const EPOCH = '2026-01-01T00:00:00.000Z';
/** ISO time `seconds` after the epoch. */
export const at = (seconds: number): string => new Date(Date.parse(EPOCH) + Math.round(seconds * 1000)).toISOString();

export const IMAGE_V1 = 'sha256:ce65937d5463f72210abfa56a32174e08baf322528e5fc69d80d65bb409a3e8f';
export const IMAGE_V2 = 'sha256:0e89ce352235f718687a967d052a10a336522087f6cca883ae2a38c8131cad22';
export const SERVICE_ID = 'sh5qp5myymojbbjgwr565z9jm';
export const NODE_ID = 'p4ke0kp5qsgtr8d0t4d5ta5tn';

export function makeNode(overrides: Partial<Node> & { hostname?: string } = {}): Node {
  const { hostname, ...rest } = overrides;
  return {
    ID: NODE_ID,
    Version: { Index: 9 },
    CreatedAt: at(0),
    UpdatedAt: at(0),
    Spec: { Labels: {}, Role: 'manager', Availability: 'active' },
    Description: {
      Hostname: hostname ?? 'vm',
      Platform: { Architecture: 'x86_64', OS: 'linux' },
      Engine: { EngineVersion: '20.10.24' },
    },
    Status: { State: 'ready', Addr: '192.168.56.10' },
    ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '192.168.56.10:2377' },
    ...rest,
  };
}

export function specFor(image: string, extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    Name: 'ceo_probe',
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: image, Init: false }, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: 2 } },
    EndpointSpec: { Mode: 'vip' },
    ...extra,
  };
}

/** The spec after `--update-parallelism 2 --update-delay 1s --image v2` (the CLI fills the rest from the defaults). */
export const SPEC_V1 = specFor(IMAGE_V1);
export const SPEC_V2 = specFor(IMAGE_V2, {
  UpdateConfig: {
    Parallelism: 2,
    Delay: 1_000_000_000,
    FailureAction: 'pause',
    Monitor: 5_000_000_000,
    MaxFailureRatio: 0,
    Order: 'stop-first',
  },
});

export function makeService(
  spec: ServiceSpec,
  previousSpec: ServiceSpec | undefined,
  updateStatus: UpdateStatus | undefined,
  extra: Partial<Service> = {},
): Service {
  return {
    ID: SERVICE_ID,
    Version: { Index: 42 },
    CreatedAt: at(0.5),
    UpdatedAt: at(17.3),
    Spec: spec,
    PreviousSpec: previousSpec,
    Endpoint: { Spec: { Mode: 'vip' } },
    UpdateStatus: updateStatus,
    ...extra,
  };
}

export interface TaskFixture {
  id: string;
  slot: number;
  image: string;
  createdS: number;
  desired: TaskState;
  state: TaskState;
  stateS: number;
  err?: string;
  nodeId?: string;
  serviceId?: string;
  spec?: ServiceSpec;
}

export function makeTask(f: TaskFixture): Task {
  return {
    ID: f.id,
    Version: { Index: 50 },
    CreatedAt: at(f.createdS),
    UpdatedAt: at(f.stateS),
    Labels: {},
    Spec: structuredClone((f.spec ?? specFor(f.image)).TaskTemplate),
    ServiceID: f.serviceId ?? SERVICE_ID,
    Slot: f.slot,
    NodeID: f.nodeId ?? NODE_ID,
    Status: {
      Timestamp: at(f.stateS),
      State: f.state,
      Message: f.state === 'running' ? 'started' : f.state,
      Err: f.err,
    },
    DesiredState: f.desired,
  };
}

export function makeState(
  nowS: number,
  services: Service[],
  tasks: Task[],
  nodes: Node[] = [makeNode()],
): ClusterState {
  return { nowMs: Math.round(nowS * 1000), epochIso: EPOCH, services, tasks, nodes };
}

// The real task IDs of the capture (service-ps-no-trunc.txt) and a timeline consistent with every capture.
const T = {
  tdj92: 'tdj92r5rhooti2phs84re86q2',
  mh0jw: 'mh0jw329lxlschzt3owkf4662',
  o1ug6: 'o1ug6isa0yrcigukpcyug4xp7',
  ysyy4: 'ysyy4oc75vdpkp7fcca0v9yfr',
  gtdix: 'gtdixexts6wzrmvg64w3zf3tc',
  z9813: 'z9813xsl5u7izf5zsux0wrxjy',
};
export const TASK_IDS = T;

/** After `service update` (t=10 s: both slots replaced at once, parallelism 2), seen at t=16.9 s. */
export function afterUpdateState(nowS = 16.9): ClusterState {
  const service = makeService(SPEC_V2, SPEC_V1, {
    State: 'updating',
    StartedAt: at(10),
    Message: 'update in progress',
  });
  return makeState(
    nowS,
    [service],
    [
      makeTask({
        id: T.tdj92,
        slot: 1,
        image: IMAGE_V1,
        createdS: 1,
        desired: 'shutdown',
        state: 'shutdown',
        stateS: 11.3,
      }),
      makeTask({
        id: T.mh0jw,
        slot: 2,
        image: IMAGE_V1,
        createdS: 1,
        desired: 'shutdown',
        state: 'shutdown',
        stateS: 11.3,
      }),
      makeTask({
        id: T.o1ug6,
        slot: 1,
        image: IMAGE_V2,
        spec: SPEC_V2,
        createdS: 10.05,
        desired: 'running',
        state: 'running',
        stateS: 11.6,
      }),
      makeTask({
        id: T.ysyy4,
        slot: 2,
        image: IMAGE_V2,
        spec: SPEC_V2,
        createdS: 10.05,
        desired: 'running',
        state: 'running',
        stateS: 11.6,
      }),
    ],
  );
}

/** After `service rollback` (t=17.3 s: slot 2 then slot 1), seen at t=26 s. */
export function afterRollbackState(nowS = 26): ClusterState {
  const service = makeService(SPEC_V1, SPEC_V2, {
    State: 'rollback_completed',
    StartedAt: at(17.3),
    CompletedAt: at(24),
    Message: 'rollback completed',
  });
  return makeState(
    nowS,
    [service],
    [
      makeTask({
        id: T.tdj92,
        slot: 1,
        image: IMAGE_V1,
        createdS: 1,
        desired: 'shutdown',
        state: 'shutdown',
        stateS: 11.3,
      }),
      makeTask({
        id: T.mh0jw,
        slot: 2,
        image: IMAGE_V1,
        createdS: 1,
        desired: 'shutdown',
        state: 'shutdown',
        stateS: 11.3,
      }),
      makeTask({
        id: T.o1ug6,
        slot: 1,
        image: IMAGE_V2,
        spec: SPEC_V2,
        createdS: 10.05,
        desired: 'shutdown',
        state: 'shutdown',
        stateS: 20.5,
      }),
      makeTask({
        id: T.ysyy4,
        slot: 2,
        image: IMAGE_V2,
        spec: SPEC_V2,
        createdS: 10.05,
        desired: 'shutdown',
        state: 'shutdown',
        stateS: 18.5,
      }),
      makeTask({
        id: T.z9813,
        slot: 2,
        image: IMAGE_V1,
        createdS: 17.35,
        desired: 'running',
        state: 'running',
        stateS: 18.7,
      }),
      makeTask({
        id: T.gtdix,
        slot: 1,
        image: IMAGE_V1,
        createdS: 18.8,
        desired: 'running',
        state: 'running',
        stateS: 20.7,
      }),
    ],
  );
}

/** Before the update: two v1 tasks running (service ls capture). */
export function beforeUpdateState(nowS = 8): ClusterState {
  return makeState(
    nowS,
    [makeService(SPEC_V1, undefined, undefined)],
    [
      makeTask({ id: T.tdj92, slot: 1, image: IMAGE_V1, createdS: 1, desired: 'running', state: 'running', stateS: 2 }),
      makeTask({ id: T.mh0jw, slot: 2, image: IMAGE_V1, createdS: 1, desired: 'running', state: 'running', stateS: 2 }),
    ],
  );
}
