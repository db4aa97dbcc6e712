// The shapes that flow between layers: Engine API objects, the simulated cluster's description, trace events.
import type { SandboxFaultVerb } from './faults/cluster-faults.js';
import type { TaskState } from './task-states.js';

/** Durations in the Engine API are int64 nanoseconds. */
export type Nanos = number;
/** Virtual time: milliseconds since the run's epoch (may be fractional for sub-ms Go durations). */
export type Millis = number;

// ---------------------------------------------------------------------------------------------
// Engine API shapes (what `docker service inspect` shows; what the real daemon returns)
// ---------------------------------------------------------------------------------------------

export type { TaskState };

export type FailureAction = 'pause' | 'continue' | 'rollback';
export type UpdateOrder = 'stop-first' | 'start-first';
export type RestartCondition = 'none' | 'on-failure' | 'any';
export type UpdateState =
  | 'updating'
  | 'paused'
  | 'completed'
  | 'rollback_started'
  | 'rollback_paused'
  | 'rollback_completed';
export type NodeAvailability = 'active' | 'pause' | 'drain';
export type NodeState = 'unknown' | 'down' | 'ready' | 'disconnected';
export type NodeRole = 'manager' | 'worker';

export interface UpdateConfig {
  Parallelism: number;
  Delay?: Nanos;
  /** The daemon accepts any string here and rejects unknown ones; kept as string so it can be validated. */
  FailureAction?: FailureAction | string;
  Monitor?: Nanos;
  MaxFailureRatio: number;
  Order?: UpdateOrder | string;
}

export interface RestartPolicy {
  Condition?: RestartCondition | string;
  Delay?: Nanos;
  MaxAttempts?: number;
  Window?: Nanos;
}

export interface HealthConfig {
  Test?: string[];
  Interval?: Nanos;
  Timeout?: Nanos;
  StartPeriod?: Nanos;
  StartInterval?: Nanos;
  Retries?: number;
}

export interface ContainerSpec {
  Image: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Env?: string[];
  Healthcheck?: HealthConfig;
  StopGracePeriod?: Nanos;
  Init?: boolean;
  Isolation?: string;
}

export interface Placement {
  Constraints?: string[];
  MaxReplicas?: number;
}

export interface TaskSpec {
  ContainerSpec: ContainerSpec;
  RestartPolicy?: RestartPolicy;
  Placement?: Placement;
  ForceUpdate: number;
  Runtime?: string;
}

export interface ServiceMode {
  Replicated?: { Replicas: number };
  Global?: Record<string, never>;
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';
export type PublishMode = 'ingress' | 'host';

/** swarm.PortConfig: a published port (PublishedPort 0 or absent: the daemon assigns one for ingress). */
export interface PortConfig {
  Protocol: PortProtocol;
  TargetPort: number;
  PublishedPort?: number;
  PublishMode: PublishMode;
}

export interface EndpointSpec {
  Mode?: 'vip' | 'dnsrr';
  Ports?: PortConfig[];
}

export interface ServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: TaskSpec;
  Mode: ServiceMode;
  UpdateConfig?: UpdateConfig;
  RollbackConfig?: UpdateConfig;
  EndpointSpec?: EndpointSpec;
}

export interface ObjectVersion {
  Index: number;
}

export interface UpdateStatus {
  State: UpdateState;
  StartedAt?: string;
  CompletedAt?: string;
  Message: string;
}

export interface Service {
  ID: string;
  Version: ObjectVersion;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  /** `Ports`: the allocated ports (ingress ports get a published port from 30000 up); absent without ports. */
  Endpoint: { Spec: EndpointSpec; Ports?: PortConfig[] };
  UpdateStatus?: UpdateStatus;
}

export interface ContainerStatus {
  ContainerID?: string;
  PID?: number;
  ExitCode?: number;
}

export interface TaskStatus {
  Timestamp: string;
  State: TaskState;
  Message: string;
  Err?: string;
  ContainerStatus?: ContainerStatus;
  /** The host-mode ports the running container publishes (Engine 20.10 lists each twice: 0.0.0.0 and ::). */
  PortStatus?: { Ports?: PortConfig[] };
}

export interface Task {
  ID: string;
  Version: ObjectVersion;
  CreatedAt: string;
  UpdatedAt: string;
  Labels: Record<string, string>;
  Spec: TaskSpec;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  Status: TaskStatus;
  DesiredState: TaskState;
}

export interface Node {
  ID: string;
  Version: ObjectVersion;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: { Labels: Record<string, string>; Role: NodeRole; Availability: NodeAvailability };
  Description: { Hostname: string; Platform: { Architecture: string; OS: string }; Engine: { EngineVersion: string } };
  Status: { State: NodeState; Addr: string; Message?: string };
  ManagerStatus?: { Leader: boolean; Reachability: 'reachable' | 'unreachable'; Addr: string };
}

// ---------------------------------------------------------------------------------------------
// What the views read: a state at one instant, in Engine API shapes
// ---------------------------------------------------------------------------------------------

export interface ClusterState {
  nowMs: Millis;
  /** ISO time of virtual t=0; every Engine API timestamp is relative to it. */
  epochIso: string;
  services: Service[];
  tasks: Task[];
  nodes: Node[];
}

// ---------------------------------------------------------------------------------------------
// Image behaviours and timing (the simulated cluster)
// ---------------------------------------------------------------------------------------------

/** How one image behaves when run; an image not declared is healthy and handles SIGTERM. */
export interface ImageBehaviour {
  /** Exit with this code `exitAfterMs` after the container starts (exit 0 is a task failure in an update too). */
  exitCode?: number;
  exitAfterMs?: Millis;
  /** Healthcheck baked into the image (the service's own Healthcheck overrides it). */
  healthcheck?: {
    intervalMs: Millis;
    timeoutMs?: Millis;
    retries: number;
    startPeriodMs?: Millis;
    healthyAfterMs: Millis | 'never';
  };
  /** The process gets up this long after its container starts (logs, exit and a passing healthcheck come after it). */
  startMs?: Millis;
  ignoresSigterm?: boolean;
  /**
   * Only this seeded share of the image's containers exits as `exitCode`/`exitAfterMs` say (a flaky image); default 1.
   */
  failFraction?: number;
  pull?: 'ok' | 'fail';
  /** Lines the container prints (docker service logs). */
  logs?: string[];
  /**
   * `one_of:` each new task takes one of these behaviours (a seeded draw; a choice in explore); the fields above unset.
   */
  oneOf?: ImageBehaviour[];
}

/** A fixed duration, or a seeded uniform range [min, max]. */
export type Span = Millis | { minMs: Millis; maxMs: Millis };

export interface TimingProfile {
  /** new → pending → assigned (allocator and scheduler). */
  scheduleMs: Span;
  /** assigned → accepted → preparing → ready (container created; image present). */
  prepareMs: Span;
  /** extra for preparing when the image must be pulled the first time on a node. */
  pullMs: Span;
  /** desired=running seen by the agent → starting. */
  startDispatchMs: Span;
  /** starting → running (container start), no healthcheck. */
  startMs: Span;
  /** added to a container start for each other start still under way on the same node (starts queue up). */
  concurrentStartMs: Span;
  /** told to stop (desired ≥ shutdown) → SIGTERM: the ~1.17 s latency of the recordings. */
  stopLatencyMs: Span;
  /** SIGTERM → exit for a process that handles it. */
  stopMs: Span;
  /** container died → task reported shutdown. */
  shutdownReportMs: Span;
  /** a task that never started being told to stop → shutdown. */
  cancelMs: Span;
  /** a new task reaches running (or later) → the updater hands out the next slot. */
  updaterGapMs: Span;
  /** a task failed → the updater processes it (pause / rollback). */
  updaterReactMs: Span;
  /** a task failed → the restart supervisor creates its replacement. */
  restartReactMs: Span;
  /** the dispatcher's TTL: a node is marked down (heartbeat failure) this long after its last heartbeat (3 periods). */
  heartbeatTimeoutMs: Span;
  /** how often a node's agent sends a heartbeat (swarmkit's dispatcher heartbeat period). */
  heartbeatPeriodMs: Span;
}

export interface NodeConfig {
  name: string;
  role: NodeRole;
  availability: NodeAvailability;
  labels?: Record<string, string>;
}

export interface ClusterConfig {
  nodes: NodeConfig[];
  timing: TimingProfile;
  images: Record<string, ImageBehaviour>;
  /** docker swarm init --task-history-limit (default 5). */
  taskHistoryLimit: number;
}

// ---------------------------------------------------------------------------------------------
// Trace: the append-only record every view is built from
// ---------------------------------------------------------------------------------------------

export type TaskOrigin = 'orchestrator' | 'updater' | 'restart';

export type TraceEvent =
  | { t_ms: Millis; type: 'command'; text: string; exitCode: number }
  | { t_ms: Millis; type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | {
      t_ms: Millis;
      type: 'node';
      nodeId: string;
      hostname: string;
      role: NodeRole;
      availability: NodeAvailability;
      state: NodeState;
      message?: string;
    }
  | {
      t_ms: Millis;
      type: 'service_spec';
      serviceId: string;
      name: string;
      action: 'create' | 'update' | 'rollback' | 'auto_rollback' | 'remove';
      version: number;
      spec: ServiceSpec;
      previousSpec: ServiceSpec | null;
      /** The allocated ports (Service.Endpoint.Ports), only when the spec publishes ports. */
      endpointPorts?: PortConfig[];
    }
  | {
      t_ms: Millis;
      type: 'update_status';
      serviceId: string;
      state: UpdateState | null;
      message: string;
      startedMs: Millis | null;
      completedMs: Millis | null;
    }
  | {
      t_ms: Millis;
      type: 'task_created';
      taskId: string;
      serviceId: string;
      slot: number;
      nodeId: string | null;
      image: string;
      specVersion: number;
      desired: TaskState;
      origin: TaskOrigin;
    }
  | {
      t_ms: Millis;
      type: 'task_state';
      taskId: string;
      state: TaskState;
      message: string;
      err?: string;
      exitCode?: number;
    }
  | { t_ms: Millis; type: 'task_desired'; taskId: string; desired: TaskState }
  | { t_ms: Millis; type: 'task_node'; taskId: string; nodeId: string }
  | { t_ms: Millis; type: 'task_removed'; taskId: string }
  | {
      t_ms: Millis;
      type: 'container';
      taskId: string;
      action: 'create' | 'start' | 'kill' | 'die' | 'health_status';
      signal?: number;
      exitCode?: number;
      health?: 'healthy' | 'unhealthy';
    }
  | {
      t_ms: Millis;
      type: 'updater';
      serviceId: string;
      action: UpdaterAction;
      worker?: number;
      slot?: number;
      taskId?: string;
      durationMs?: Millis;
      /** On `start`: the config in force and the number of dirty slots (the failure ratio's denominator). */
      config?: {
        parallelism: number;
        delayMs: Millis;
        monitorMs: Millis;
        failureAction: string;
        maxFailureRatio: number;
        order: string;
        rollback: boolean;
      };
      dirtySlots?: number;
    }
  /**
   * A fault applied through the FaultApi, named by its verb in the fault table (src/faults/cluster-faults.ts):
   * `node-down` cuts the node's agent from the managers (its containers keep running; the manager marks it down a
   * heartbeat TTL later), `node-up` brings it back, `kill` kills one task's container (`taskId`, `exitCode`). Drain is
   * a docker command, not a fault event: its `command` and `node` events say it.
   */
  | { t_ms: Millis; type: 'fault'; fault: SandboxFaultVerb; nodeId: string; taskId?: string; exitCode?: number };

export type UpdaterAction =
  | 'start'
  | 'slot_start'
  | 'slot_done'
  | 'delay_start'
  | 'delay_end'
  | 'failure_counted'
  | 'monitor_start'
  | 'monitor_end'
  | 'stop'
  | 'cancel';

export interface Trace {
  scenario: string;
  seed: number;
  duration_ms: Millis;
  epoch: string;
  services: Service[];
  tasks: Task[];
  nodes: Node[];
  events: TraceEvent[];
}
