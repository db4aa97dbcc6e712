// Engine records (plain, mutable, fast): the store holds these and converts them to Engine API shapes on demand.
import type {
  ClusterConfig,
  EndpointSpec,
  Millis,
  NodeAvailability,
  NodeRole,
  NodeState,
  PortConfig,
  ServiceSpec,
  TaskOrigin,
  TaskSpec,
  TaskState,
  TraceEvent,
  UpdateState,
} from '../types.js';

/** Receives what the agents report. */
export interface TaskStatusSink {
  reportTaskState(task: TaskRecord, state: TaskState, message: string, err?: string, exitCode?: number): void;
  /** A container event: at most one of `signal` (kill), `exitCode` (die) and `health` (health_status). */
  reportContainerEvent(
    task: TaskRecord,
    action: Extract<TraceEvent, { type: 'container' }>['action'],
    signal?: number,
    exitCode?: number,
    health?: 'healthy' | 'unhealthy',
  ): void;
}

/** Task execution: what an agent does on a node. The orchestrator only writes desired states through this. */
export interface ClusterBackend {
  /** The manager created a task or changed its desired state / node: bring it towards its desired state. */
  taskChanged(task: TaskRecord): void;
  /** The task record was deleted (history reaper); forget it. */
  taskDeleted(taskId: string): void;
}

export interface TaskRecord {
  id: string;
  serviceId: string;
  /** Replicated: 1-based slot. Global: 0 (the node is the slot). */
  slot: number;
  nodeId: string | null;
  specVersion: number;
  spec: TaskSpec;
  /** The service's endpoint spec when the task was created (swarmkit copies it into Task.Endpoint). */
  endpoint: EndpointSpec | undefined;
  /** Its host-mode published ports: what the scheduler's host-port filter reads. */
  hostPorts: PortConfig[];
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
  state: TaskState;
  stateMs: Millis;
  message: string;
  err: string;
  exitCode: number | null;
  containerId: string | null;
  desired: TaskState;
  origin: TaskOrigin;
  /** Set when the store deletes the task: what `store.tasks.has(id)` answers, without a lookup per step. */
  removed: boolean;
  /** The node agent's state of this task (opaque to the manager): read on every agent step, so not looked up by ID. */
  agentState: object | null;
  /** The task's number in the trace's event log (`EventLog.addTask`): -1 until the store adds it. */
  traceNo: number;
}

export interface ServiceRecord {
  id: string;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
  spec: ServiceSpec;
  specVersion: number;
  previousSpec: ServiceSpec | null;
  previousSpecVersion: number | null;
  /** Service.Endpoint.Ports: the spec's ports with the ingress ports the allocator gave (null: none published). */
  endpointPorts: PortConfig[] | null;
  updateStatus: { state: UpdateState; message: string; startedMs: Millis | null; completedMs: Millis | null } | null;
}

export interface NodeRecord {
  id: string;
  hostname: string;
  role: NodeRole;
  availability: NodeAvailability;
  state: NodeState;
  message: string;
  labels: Record<string, string>;
  createdMs: Millis;
  updatedMs: Millis;
  version: number;
  addr: string;
  /** false while the node's agent is unreachable (its status becomes down after the heartbeat timeout). */
  agentUp: boolean;
}

export interface EngineOptions {
  seed: number;
  cluster: ClusterConfig;
  /** Stop the run (TraceLimitError) once the trace holds this many events; no limit when absent. */
  traceEventLimit?: number;
  /** With traceEventLimit: events allowed per replica the services have asked for at most, when that is more. */
  traceEventsPerReplica?: number;
}
