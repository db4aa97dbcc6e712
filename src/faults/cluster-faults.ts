// The table of cluster faults (node-down, node-up, drain, kill) and the FaultApi that applies them; no imports.
// A leaf on purpose: src/types.ts names the trace's fault event by these words, and everything imports types.ts.

/**
 * Fault injection for what Docker cannot be told: the simulator does it in virtual time, the real-swarm backend on a
 * lab cluster.
 */
export interface FaultApi {
  nodeDown(idOrName: string): void;
  nodeUp(idOrName: string): void;
  killContainer(taskIdPrefix: string, exitCode?: number): void;
}

/** The options a sandbox fault verb takes (`--exit-code N`). */
export interface SandboxFaultOptions {
  exitCode?: number;
}

interface ClusterFaultCommon {
  /** What it hits: a node (by name or ID) or a task (an ID prefix, or SERVICE.SLOT in the sandbox). */
  target: 'node' | 'task';
  /** One line, for help text. */
  description: string;
  /** Drawn by `swarmlab check --faults` and the fault-schedule arbitrary (node-up only comes after a node-down). */
  drawn: boolean;
  /** How the real-Swarm backend does it (`--backend swarm`); the simulator implements the same FaultApi call. */
  realSwarm: string;
}

/** A sandbox verb, `swarmlab fault WORD TARGET [--FLAG N]`: its int flags and the backend call it stands for. */
export interface SandboxFault extends ClusterFaultCommon {
  sandbox: {
    flags: readonly 'exit-code'[];
    apply: (engine: FaultApi, target: string, options: SandboxFaultOptions) => void;
  };
  docker?: never;
}

/** A fault Docker itself can be told: the docker command a scenario step writes. */
export interface DockerFault extends ClusterFaultCommon {
  docker: (target: string) => string;
  sandbox?: never;
}

/** Every timed cluster fault, in the order `swarmlab check` lists and draws them. */
export const CLUSTER_FAULTS = {
  'node-down': {
    target: 'node',
    description: "the node's agent stops answering (machine lost); Swarm marks it down after the heartbeat timeout",
    drawn: true,
    realSwarm: "lab cluster only (swarmlab cluster up): the worker's cable is pulled",
    sandbox: { flags: [], apply: (engine, node) => engine.nodeDown(node) },
  },
  'node-up': {
    target: 'node',
    description: 'the node answers again',
    drawn: false,
    realSwarm: 'lab cluster only: the cable is plugged back, then until the manager sees the node ready',
    sandbox: { flags: [], apply: (engine, node) => engine.nodeUp(node) },
  },
  drain: {
    target: 'node',
    description: 'the node is drained: its tasks are shut down and replaced on other nodes',
    drawn: true,
    realSwarm: 'lab cluster only: the same docker node update (refused on a swarm swarmlab did not build)',
    docker: (node) => `docker node update --availability drain ${node}`,
  },
  kill: {
    target: 'task',
    description: "the task's container dies now (exit 137, or --exit-code N)",
    drawn: true,
    realSwarm: 'any swarm: the container is killed by signal N-128 (exit codes 129 to 159 only)',
    sandbox: {
      flags: ['exit-code'],
      apply: (engine, task, options) => engine.killContainer(task, options.exitCode),
    },
  },
} as const satisfies Record<string, SandboxFault | DockerFault>;

export type ClusterFaultKind = keyof typeof CLUSTER_FAULTS;
export const CLUSTER_FAULT_KINDS: readonly ClusterFaultKind[] = Object.keys(CLUSTER_FAULTS) as ClusterFaultKind[];

/**
 * The faults applied through the FaultApi: the verbs of `swarmlab fault`, in usage order, and the kinds of the trace's
 * `fault` event (each backend records one per fault it applied). Drain is not among them: it is a docker command,
 * already in a trace as its `command` event and the `node` event of the availability change.
 */
export type SandboxFaultVerb = {
  [K in ClusterFaultKind]: (typeof CLUSTER_FAULTS)[K] extends SandboxFault ? K : never;
}[ClusterFaultKind];
export const SANDBOX_FAULT_VERBS: readonly SandboxFaultVerb[] = CLUSTER_FAULT_KINDS.filter(
  (kind): kind is SandboxFaultVerb => 'sandbox' in CLUSTER_FAULTS[kind],
);
