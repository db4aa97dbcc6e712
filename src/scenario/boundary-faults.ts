// Faults at every event boundary: before each deadline fires, a choice "no fault, or this fault on this target".
// `swarmlab explore --faults` enumerates these choices; a replay's `choices: {faults, max_faults}` makes the same ones.
import type { Engine } from '../backend.js';
import type { Chooser, ScriptedChooser } from '../engine/chooser.js';
import { CLUSTER_FAULTS, type DrawnClusterFault, faultStep } from '../faults/registry.js';
import { isAfterRunning } from '../task-states.js';
import type { ClusterState, Task } from '../types.js';

/** Which faults may be injected, and how many at most in one run. */
export interface BoundaryFaultConfig {
  kinds: readonly DrawnClusterFault[];
  max: number;
}

interface Target {
  kind: DrawnClusterFault;
  /** A worker's hostname (node-down, drain) or a task ID (kill). */
  target: string;
}

/**
 * The injector of one run: called at each boundary once its chooser started (from the update on). It offers option
 * 0 (no fault) and one option per distinct target; interchangeable targets (workers with the same role, availability,
 * state and the same tasks in the same states; tasks of the same image and state on such a worker) are offered once.
 * The manager is never lost or drained (as `swarmlab check`: the simulated control plane lives there).
 */
export class BoundaryFaults {
  injected = 0;
  /** Workers taken down by this injector (their agent is gone; their state says so only after the heartbeat TTL). */
  private readonly lost = new Set<string>();
  /** The targets listed at the last boundary, and the trace's length then. */
  private cached?: { events: number; targets: Target[] };

  constructor(
    private readonly engine: Engine,
    private readonly chooser: Chooser,
    private readonly config: BoundaryFaultConfig,
  ) {}

  boundary(): void {
    if (this.injected >= this.config.max) return;
    // Targets change only with the cluster, and every change is a trace event: list them again only after one.
    const events = this.engine.eventCount();
    if (!this.cached || this.cached.events !== events) this.cached = { events, targets: this.targets() };
    const targets = this.cached.targets;
    if (targets.length === 0) return;
    const taken = this.chooser.index(targets.length + 1, 'fault');
    if (taken === 0) return;
    this.injected++;
    this.apply(targets[taken - 1]);
  }

  private apply({ kind, target }: Target): void {
    this.cached = undefined;
    if (kind === 'node-down') {
      this.lost.add(target);
      this.engine.nodeDown(target);
    } else if (kind === 'kill') {
      this.engine.killContainer(target);
    } else {
      const at = this.engine.nowMs();
      this.engine.updateNode(target, { availability: 'drain' });
      this.engine.record({ t_ms: at, type: 'command', text: faultStep('drain', target), exitCode: 0 });
    }
  }

  /** Every distinct target of every allowed kind, in a fixed order: kinds as given, nodes and tasks as listed. */
  private targets(): Target[] {
    const state = this.engine.state();
    const up = state.nodes.filter((n) => n.Status.State !== 'down' && !this.lost.has(n.Description.Hostname));
    const workers = up.filter((n) => n.Spec.Role === 'worker');
    const signatures = new Map(up.map((n) => [n.ID, nodeSignature(state, n.ID)]));
    const out: Target[] = [];
    for (const kind of this.config.kinds) {
      const seen = new Set<string>();
      const offer = (signature: string, target: string) => {
        if (seen.has(signature)) return;
        seen.add(signature);
        out.push({ kind, target });
      };
      if (CLUSTER_FAULTS[kind].target === 'node') {
        for (const node of workers) {
          if (kind === 'drain' && node.Spec.Availability === 'drain') continue;
          offer(signatures.get(node.ID)!, node.Description.Hostname);
        }
        continue;
      }
      for (const task of state.tasks) {
        const signature = task.NodeID ? signatures.get(task.NodeID) : undefined;
        if (signature === undefined || !killable(task) || this.engine.containerUp?.(task.ID) === false) continue;
        offer(`${signature} ${task.Spec.ContainerSpec.Image} ${task.Status.State}`, task.ID);
      }
    }
    return out;
  }
}

/** A container the agent can kill: up (running or starting) and meant to run. */
function killable(task: Task): boolean {
  return (task.Status.State === 'running' || task.Status.State === 'starting') && task.DesiredState === 'running';
}

/** What tells a worker from another for what can happen next, without its name or ID. */
function nodeSignature(state: ClusterState, nodeId: string): string {
  const node = state.nodes.find((n) => n.ID === nodeId)!;
  const tasks = state.tasks
    .filter((t) => t.NodeID === nodeId && !isAfterRunning(t.Status.State))
    .map((t) => `${t.ServiceID}/${t.Spec.ContainerSpec.Image}/${t.Status.State}/${t.DesiredState}`)
    .sort();
  return `${node.Spec.Role}/${node.Spec.Availability}/${node.Status.State}[${tasks.join(',')}]`;
}

/** Puts a fault injector at every event boundary of `chooser`'s run (from the step it starts at). */
export function injectAtBoundaries(
  engine: Engine,
  chooser: ScriptedChooser,
  config: BoundaryFaultConfig,
): BoundaryFaults {
  const injector = new BoundaryFaults(engine, chooser, config);
  chooser.onBoundary = () => injector.boundary();
  return injector;
}
