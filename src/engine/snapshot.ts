// Engine records → Engine API objects (what `docker ... inspect` shows and every view reads), with ISO times.

import { isoTime } from '../iso-time.js';
import { portStatusPorts, serviceEndpoint } from '../ports.js';
import type { Millis, Node, Service, Task } from '../types.js';
import type { NodeRecord, ServiceRecord, TaskRecord } from './records.js';

export class Snapshotter {
  private readonly epochMs: number;
  /**
   * Per task record, the API object last made of it: every write of a task moves its version, so an object of the same
   * version is still true. A state polled every 200 ms of virtual time rebuilds only the tasks written since.
   */
  private readonly tasks = new WeakMap<TaskRecord, Task>();
  /** The same per node record; its manager status also shows the leader and whether its agent answers. */
  private readonly nodes = new WeakMap<NodeRecord, { node: Node; leaderId: string | null; agentUp: boolean }>();

  constructor(readonly epochIso: string) {
    this.epochMs = Date.parse(epochIso);
  }

  /** A record time (virtual ms) as the API shows it. */
  private iso(ms: Millis): string {
    return isoTime(this.epochMs + Math.floor(ms));
  }

  service(record: ServiceRecord): Service {
    const service: Service = {
      ID: record.id,
      Version: { Index: record.version },
      CreatedAt: this.iso(record.createdMs),
      UpdatedAt: this.iso(record.updatedMs),
      Spec: record.spec,
      Endpoint: serviceEndpoint(record.spec, record.endpointPorts),
    };
    if (record.previousSpec) service.PreviousSpec = record.previousSpec;
    const status = record.updateStatus;
    if (status) {
      service.UpdateStatus = { State: status.state, Message: status.message };
      if (status.startedMs !== null) service.UpdateStatus.StartedAt = this.iso(status.startedMs);
      if (status.completedMs !== null) service.UpdateStatus.CompletedAt = this.iso(status.completedMs);
    }
    return service;
  }

  task(record: TaskRecord): Task {
    const made = this.tasks.get(record);
    if (made !== undefined && made.Version.Index === record.version) return made;
    const task: Task = {
      ID: record.id,
      Version: { Index: record.version },
      CreatedAt: this.iso(record.createdMs),
      UpdatedAt: this.iso(record.updatedMs),
      Labels: {},
      Spec: record.spec,
      ServiceID: record.serviceId,
      Status: {
        Timestamp: this.iso(record.stateMs),
        State: record.state,
        Message: record.message,
      },
      DesiredState: record.desired,
    };
    if (record.slot > 0) task.Slot = record.slot;
    if (record.nodeId) task.NodeID = record.nodeId;
    if (record.err) task.Status.Err = record.err;
    if (record.exitCode !== null || record.containerId) {
      task.Status.ContainerStatus = { ContainerID: record.containerId ?? undefined, ExitCode: record.exitCode ?? 0 };
    }
    const ports = portStatusPorts(record.hostPorts, record.state, record.desired);
    if (ports.length) task.Status.PortStatus = { Ports: ports };
    this.tasks.set(record, task);
    return task;
  }

  node(record: NodeRecord, leaderId: string | null): Node {
    const made = this.nodes.get(record);
    if (
      made !== undefined &&
      made.node.Version.Index === record.version &&
      made.leaderId === leaderId &&
      made.agentUp === record.agentUp
    )
      return made.node;
    const node: Node = {
      ID: record.id,
      Version: { Index: record.version },
      CreatedAt: this.iso(record.createdMs),
      UpdatedAt: this.iso(record.updatedMs),
      Spec: { Labels: record.labels, Role: record.role, Availability: record.availability },
      Description: {
        Hostname: record.hostname,
        Platform: { Architecture: 'x86_64', OS: 'linux' },
        Engine: { EngineVersion: '20.10.24' },
      },
      Status: { State: record.state, Addr: record.addr, ...(record.message ? { Message: record.message } : {}) },
    };
    if (record.role === 'manager') {
      node.ManagerStatus = {
        Leader: record.id === leaderId,
        Reachability: record.agentUp ? 'reachable' : 'unreachable',
        Addr: `${record.addr}:2377`,
      };
    }
    this.nodes.set(record, { node, leaderId, agentUp: record.agentUp });
    return node;
  }
}
