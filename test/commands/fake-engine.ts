// A small in-memory Engine for command tests: stores specs as sent and records every call.

import type { Engine } from '../../src/backend.js';
import { DaemonError } from '../../src/errors.js';
import { errNoPreviousSpec, errNoSuchNode, errNoSuchService } from '../../src/messages.js';
import type {
  ClusterState,
  Millis,
  Node,
  NodeAvailability,
  Service,
  ServiceSpec,
  Task,
  TaskState,
  Trace,
  TraceEvent,
} from '../../src/types.js';

export interface Call {
  method: string;
  args: unknown[];
}

const EPOCH = '2026-01-01T00:00:00.000Z';
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function fakeNode(id: string, hostname: string, role: 'manager' | 'worker' = 'worker'): Node {
  return {
    ID: id,
    Version: { Index: 1 },
    CreatedAt: EPOCH,
    UpdatedAt: EPOCH,
    Spec: { Labels: {}, Role: role, Availability: 'active' },
    Description: {
      Hostname: hostname,
      Platform: { Architecture: 'x86_64', OS: 'linux' },
      Engine: { EngineVersion: '20.10.24' },
    },
    Status: { State: 'ready', Addr: '10.0.0.1' },
    ...(role === 'manager'
      ? { ManagerStatus: { Leader: true, Reachability: 'reachable' as const, Addr: '10.0.0.1:2377' } }
      : {}),
  };
}

export class FakeEngine implements Engine {
  readonly seed = 1;
  readonly calls: Call[] = [];
  services: Service[] = [];
  tasks: Task[] = [];
  nodes: Node[] = [
    fakeNode('n1aaaaaaaaaaaaaaaaaaaaaaa', 'node-1', 'manager'),
    fakeNode('n2bbbbbbbbbbbbbbbbbbbbbbb', 'node-2'),
  ];
  logLines: { taskId: string; slot: number; nodeId: string; line: string }[] = [];
  now: Millis = 0;
  private counter = 0;

  private nextId(prefix: string): string {
    this.counter += 1;
    return (prefix + String(this.counter).padStart(25, '0')).slice(0, 25).padEnd(25, '0');
  }

  /** Adds a service as if created earlier (spec stored as given). */
  addService(spec: ServiceSpec, extra: Partial<Service> = {}): Service {
    const id = extra.ID ?? this.nextId('s');
    const service: Service = {
      ID: id,
      Version: { Index: 10 },
      CreatedAt: EPOCH,
      UpdatedAt: EPOCH,
      Spec: clone(spec),
      Endpoint: { Spec: {} },
      ...extra,
    };
    this.services.push(service);
    return service;
  }

  addTask(serviceId: string, slot: number, state: TaskState, extra: Partial<Task> = {}): Task {
    const service = this.services.find((s) => s.ID === serviceId)!;
    const task: Task = {
      ID: extra.ID ?? this.nextId('t'),
      Version: { Index: 1 },
      CreatedAt: EPOCH,
      UpdatedAt: EPOCH,
      Labels: {},
      Spec: clone(service.Spec.TaskTemplate),
      ServiceID: serviceId,
      Slot: slot,
      NodeID: this.nodes[0].ID,
      Status: { Timestamp: EPOCH, State: state, Message: 'started' },
      DesiredState: 'running',
      ...extra,
    };
    this.tasks.push(task);
    return task;
  }

  private find(idOrName: string): Service {
    const service = this.services.find((s) => s.ID === idOrName || s.Spec.Name === idOrName);
    if (!service) throw new DaemonError(errNoSuchService(idOrName));
    return service;
  }

  nowMs(): Millis {
    return this.now;
  }
  state(): ClusterState {
    return clone({ nowMs: this.now, epochIso: EPOCH, services: this.services, tasks: this.tasks, nodes: this.nodes });
  }
  createService(spec: ServiceSpec): Service {
    this.calls.push({ method: 'createService', args: [clone(spec)] });
    return clone(this.addService(spec));
  }
  updateService(idOrName: string, spec: ServiceSpec, opts?: { rollback?: boolean }): Service {
    this.calls.push({ method: 'updateService', args: opts ? [idOrName, clone(spec), opts] : [idOrName, clone(spec)] });
    const service = this.find(idOrName);
    if (opts?.rollback) {
      if (!service.PreviousSpec) throw new DaemonError(errNoPreviousSpec(service.ID));
      [service.Spec, service.PreviousSpec] = [service.PreviousSpec, service.Spec];
    } else {
      service.PreviousSpec = service.Spec;
      service.Spec = clone(spec);
    }
    return clone(service);
  }
  removeService(idOrName: string): void {
    this.calls.push({ method: 'removeService', args: [idOrName] });
    const service = this.find(idOrName);
    this.services = this.services.filter((s) => s !== service);
  }
  updateNode(idOrName: string, change: { availability?: NodeAvailability }): Node {
    this.calls.push({ method: 'updateNode', args: [idOrName, change] });
    const node = this.nodes.find((n) => n.ID === idOrName || n.Description.Hostname === idOrName);
    if (!node) throw new DaemonError(errNoSuchNode(idOrName));
    if (change.availability) node.Spec.Availability = change.availability;
    return clone(node);
  }
  advanceTo(untilMs: Millis): void {
    this.calls.push({ method: 'advanceTo', args: [untilMs] });
    this.now = Math.max(this.now, untilMs);
  }
  logs(idOrName: string): { taskId: string; slot: number; nodeId: string; line: string }[] {
    const service = this.find(idOrName);
    return this.logLines.filter((l) => this.tasks.find((t) => t.ID === l.taskId)?.ServiceID === service.ID);
  }
  nodeDown(idOrName: string): void {
    this.calls.push({ method: 'nodeDown', args: [idOrName] });
  }
  nodeUp(idOrName: string): void {
    this.calls.push({ method: 'nodeUp', args: [idOrName] });
  }
  killContainer(taskIdPrefix: string, exitCode?: number): void {
    this.calls.push({
      method: 'killContainer',
      args: exitCode === undefined ? [taskIdPrefix] : [taskIdPrefix, exitCode],
    });
  }
  events(): readonly TraceEvent[] {
    return [];
  }
  eventCount(): number {
    return 0;
  }
  eventAt(): TraceEvent | undefined {
    return undefined;
  }
  record(): void {}
  runUntil(predicate: () => boolean, limitMs: Millis): boolean {
    this.calls.push({ method: 'runUntil', args: [limitMs] });
    return predicate();
  }
  converged = true;
  isConverged(): boolean {
    return this.converged;
  }
  isSettled(): boolean {
    return true;
  }
  exportTrace(scenarioName: string): Trace {
    return {
      scenario: scenarioName,
      seed: 1,
      duration_ms: this.now,
      epoch: EPOCH,
      services: [],
      tasks: [],
      nodes: [],
      events: [],
    };
  }
  /** The calls that change the cluster (not time). */
  mutations(): Call[] {
    return this.calls.filter((c) => c.method !== 'advanceTo' && c.method !== 'runUntil');
  }
}
