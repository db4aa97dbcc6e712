// The convergence display of `docker service create/update/rollback` (docker/cli service/progress/progress.go), poll by
// poll.
import { CLI_MAX_PROGRESS_SLOTS, NS_PER_MS } from '../defaults.js';
import {
  CLI_OPERATION_CONTINUING,
  CLI_VERIFY_DETECTED_FAILURE,
  CLI_WAITING_NEW_TASKS,
  cliOverall,
  cliOverallRollback,
  cliRollbackPaused,
  cliServicePaused,
  cliUsePs,
  cliVerifyConverged,
  cliVerifyWaiting,
  errNoSuchObjectClient,
} from '../messages.js';
import type { ClusterState, Node, Service, Task, TaskSpec, TaskState } from '../types.js';
import { truncateId } from './formatter.js';

export interface ProgressOptions {
  serviceArg: string;
  serviceId: string;
  tty: boolean;
  terminalWidth?: number;
}

/** progress.go numberedStates: the bar steps; states above running are terminal. */
const NUMBERED_STATES: Readonly<Partial<Record<TaskState, number>>> = {
  new: 1,
  allocated: 2,
  pending: 3,
  assigned: 4,
  accepted: 5,
  preparing: 6,
  ready: 7,
  starting: 8,
  running: 9,
  complete: 10,
  shutdown: 11,
  failed: 12,
  rejected: 13,
};
const MAX_PROGRESS = 9;
/** The longest non-terminal state name (`preparing`, `allocated`); state texts are padded to it. */
const LONGEST_STATE = 9;
/** Without a terminal, jsonmessage assumes 200 columns, so every state line carries a bar (and is suppressed). */
const NO_TERMINAL_WIDTH = 200;
const DEFAULT_TERMINAL_WIDTH = 80;
const BAR_MIN_WIDTH = 110;
const MAX_ERROR_WIDTH = 75;
/**
 * Go reads the clock again right after setting convergedAt, so the first wait is a hair under the monitor
 * (5 s shows "Waiting 5 seconds", not 6). Virtual time has no such gap; this models it as 1 µs.
 */
const CLOCK_GAP_MS = 0.001;

const step = (state: TaskState): number => NUMBERED_STATES[state] ?? 0;
const terminal = (state: TaskState): boolean => step(state) > step('running');

/** jsonmessage JSONProgress.String() for HideCounts progress: the bar, only on terminals wider than 110 columns. */
function progressBar(current: number, total: number, width: number): string {
  if (current <= 0 && total <= 0) return '';
  const filled = Math.min(Math.trunc(Math.trunc((current / total) * 100) / 2), 50);
  return width > BAR_MIN_WIDTH ? `[${'='.repeat(filled)}>${' '.repeat(Math.max(0, 50 - filled))}] ` : '';
}

/** progress.go truncError: newlines become spaces, at most 75 bytes (the 75th being `…`). */
function truncError(message: string): string {
  const flat = message.replace(/\n/g, ' ');
  const bytes = new TextEncoder().encode(flat);
  return bytes.length > MAX_ERROR_WIDTH ? `${new TextDecoder().decode(bytes.slice(0, MAX_ERROR_WIDTH - 1))}…` : flat;
}

/** reflect.DeepEqual over JSON-shaped values, an absent key equal to an undefined one. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) if (Object.hasOwn(left, key) && !deepEqual(left[key], right[key])) return false;
  // Keys only `b` has: equal only when undefined (they were compared above when `a` has them too).
  for (const key in right)
    if (Object.hasOwn(right, key) && !Object.hasOwn(left, key) && right[key] !== undefined) return false;
  return true;
}

/** Keep one task per key: the lowest desired state, then the lowest current state (restart / start-first overlap). */
function pickTask(existing: Task | undefined, task: Task): boolean {
  if (!existing) return true;
  if (step(existing.DesiredState) < step(task.DesiredState)) return false;
  return !(
    step(existing.DesiredState) === step(task.DesiredState) && step(existing.Status.State) <= step(task.Status.State)
  );
}

export class ProgressTracker {
  private readonly opts: ProgressOptions;
  private stdoutText = '';
  private readonly rows: string[] = [];
  private rowById = new Map<string, number>();
  private stderr = '';
  private exitCode = 0;
  private finished = false;

  private mode: 'replicated' | 'global' | null = null;
  private initialized = false;
  private updaterDone = false;
  private readonly slotMap = new Map<number, number>();
  private converged = false;
  private convergedAtMs: number | null = null;
  private monitorMs = 5_000;
  private rollback = false;
  private pendingMessage: string | null = null;
  private activeNodes: { nodes: readonly Node[]; ids: ReadonlySet<string> } | null = null;
  private verdictsFor: TaskSpec | null = null;
  private verdicts = new WeakMap<TaskSpec, boolean>();
  /** The last poll's state objects and what it wrote, when that poll left the display's flags as they were. */
  private lastPoll:
    | (Pick<ClusterState, 'services' | 'tasks' | 'nodes'> & { written: string; converged: boolean })
    | null = null;

  constructor(opts: ProgressOptions) {
    this.opts = opts;
  }

  /** A progress line (id + action): its own row on a terminal; printed when it carries no bar otherwise. */
  private writeProgress(id: string, text: string, current = 0): void {
    if (!this.opts.tty) {
      if (progressBar(current, current > 0 ? MAX_PROGRESS : 0, NO_TERMINAL_WIDTH) === '')
        this.stdoutText += `${text}\n`;
      return;
    }
    const widthCols = this.opts.terminalWidth ?? DEFAULT_TERMINAL_WIDTH;
    const line = `${text} ${progressBar(current, current > 0 ? MAX_PROGRESS : 0, widthCols)}`;
    const row = this.rowById.get(id);
    if (row === undefined) {
      this.rowById.set(id, this.rows.length);
      this.rows.push(line);
    } else this.rows[row] = line;
  }

  /** A status message (no progress): a plain line; on a terminal it also ends the in-place updating of earlier rows. */
  private writeMessage(text: string): void {
    if (!this.opts.tty) {
      this.stdoutText += `${text}\n`;
      return;
    }
    this.rowById = new Map();
    this.rows.push(text);
  }

  private finish(exitCode: number, error?: string): boolean {
    this.finished = true;
    this.exitCode = exitCode;
    if (error) this.stderr += `${error}\n`;
    return true;
  }

  private writeOverall(running: number, total: number): void {
    this.writeProgress(
      'overall progress',
      this.rollback ? cliOverallRollback(running, total) : cliOverall(running, total),
    );
  }

  private writeTaskProgress(id: string, task: Task): void {
    if (task.Status.Err) this.writeProgress(id, `${id}: ${truncError(task.Status.Err)}`);
    else if (!terminal(task.DesiredState) && !terminal(task.Status.State)) {
      // Without a terminal a state line carries a bar, so it is never printed: not worth its text.
      if (!this.opts.tty) return;
      this.writeProgress(id, `${id}: ${task.Status.State.padEnd(LONGEST_STATE)}`, step(task.Status.State));
    }
  }

  private updateReplicated(service: Service, tasks: Task[], activeNodes: ReadonlySet<string>): boolean {
    const replicas = service.Spec.Mode.Replicated?.Replicas ?? 0;
    if (!this.initialized) {
      this.writeOverall(0, replicas);
      if (replicas <= CLI_MAX_PROGRESS_SLOTS)
        for (let i = 1; i <= replicas; i++) this.writeProgress(`${i}/${replicas}`, `${i}/${replicas}:  `);
      this.initialized = true;
    }
    const bySlot = new Map<number, Task>();
    for (const task of tasks) {
      if (step(task.DesiredState) === 0 || step(task.Status.State) === 0) continue;
      const slot = task.Slot ?? 0;
      if (!pickTask(bySlot.get(slot), task)) continue;
      if (task.NodeID && !activeNodes.has(task.NodeID)) continue;
      bySlot.set(slot, task);
    }
    // Go iterates a map here; swarmlab uses slot order, so `k/N` follow slot numbers as they are first seen
    const slots = [...bySlot.keys()];
    // Tasks come in store order, mostly slot order already: sorting allocates even then.
    if (slots.some((slot, i) => i > 0 && slot < slots[i - 1])) slots.sort((a, b) => a - b);
    const ordered = slots.map((slot) => bySlot.get(slot) as Task);
    if (this.updaterDone && ordered.some((t) => t.Status.State !== 'running')) this.updaterDone = false;
    let running = 0;
    for (const task of ordered) {
      const slot = task.Slot ?? 0;
      if (!this.slotMap.has(slot)) this.slotMap.set(slot, this.slotMap.size + 1);
      const mapped = this.slotMap.get(slot)!;
      if (!terminal(task.DesiredState) && task.Status.State === 'running') running++;
      if (!this.updaterDone && replicas <= CLI_MAX_PROGRESS_SLOTS && mapped <= replicas)
        this.writeTaskProgress(`${mapped}/${replicas}`, task);
    }
    if (!this.updaterDone) {
      this.writeOverall(running, replicas);
      if (running === replicas) this.updaterDone = true;
    }
    return running === replicas;
  }

  private updateGlobal(tasks: Task[], activeNodes: ReadonlySet<string>): boolean {
    const byNode = new Map<string, Task>();
    for (const task of tasks) {
      if (step(task.DesiredState) === 0 || step(task.Status.State) === 0) continue;
      const node = task.NodeID ?? '';
      if (pickTask(byNode.get(node), task)) byNode.set(node, task);
    }
    const nodeCount = byNode.size;
    if (!this.initialized) {
      if (nodeCount === 0) {
        this.writeProgress('overall progress', CLI_WAITING_NEW_TASKS);
        return false;
      }
      this.writeOverall(0, nodeCount);
      this.initialized = true;
    }
    // Go iterates a map here; swarmlab uses node ID order
    const ordered = [...byNode.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, task]) => task);
    if (this.updaterDone && ordered.some((t) => t.Status.State !== 'running')) this.updaterDone = false;
    let running = 0;
    for (const task of ordered) {
      if (!activeNodes.has(task.NodeID ?? '')) continue;
      if (!terminal(task.DesiredState) && task.Status.State === 'running') running++;
      if (!this.updaterDone && nodeCount <= CLI_MAX_PROGRESS_SLOTS)
        this.writeTaskProgress(truncateId(task.NodeID ?? ''), task);
    }
    if (!this.updaterDone) {
      this.writeOverall(running, nodeCount);
      if (running === nodeCount) this.updaterDone = true;
    }
    return running === nodeCount;
  }

  /**
   * The task rows of one poll; whether every slot (node) runs the new spec. A poll of the same state objects as the
   * last one, where that one changed none of the display's own flags, writes the same again: its writes are repeated
   * rather than worked out (the simulator hands out the same objects while nothing was written).
   */
  private showTasks(state: ClusterState, service: Service): boolean {
    const last = this.lastPoll;
    if (last?.tasks === state.tasks && last.services === state.services && last.nodes === state.nodes) {
      // On a terminal, the rows it wrote hold that text already.
      if (!this.opts.tty) this.stdoutText += last.written;
      return last.converged;
    }
    const flagsBefore = this.flags();
    const printedBefore = this.stdoutText.length;
    const template = service.Spec.TaskTemplate;
    const tasks = state.tasks.filter((t) => t.ServiceID === service.ID && this.isTemplate(t.Spec, template));
    const activeNodes = this.activeNodesOf(state.nodes);
    const converged =
      this.mode === 'replicated'
        ? this.updateReplicated(service, tasks, activeNodes)
        : this.updateGlobal(tasks, activeNodes);
    this.lastPoll =
      this.flags() === flagsBefore
        ? {
            services: state.services,
            tasks: state.tasks,
            nodes: state.nodes,
            written: this.stdoutText.slice(printedBefore),
            converged,
          }
        : null;
    return converged;
  }

  /** The IDs of the nodes not down, worked out again only for another nodes array (the simulator keeps it). */
  private activeNodesOf(nodes: readonly Node[]): ReadonlySet<string> {
    if (this.activeNodes?.nodes !== nodes)
      this.activeNodes = { nodes, ids: new Set(nodes.filter((n) => n.Status.State !== 'down').map((n) => n.ID)) };
    return this.activeNodes.ids;
  }

  /** reflect.DeepEqual(spec, template), judged once per spec object: a service's tasks share their spec objects. */
  private isTemplate(spec: TaskSpec, template: TaskSpec): boolean {
    if (this.verdictsFor !== template) {
      this.verdictsFor = template;
      this.verdicts = new WeakMap();
    }
    let same = this.verdicts.get(spec);
    if (same === undefined) {
      same = deepEqual(spec, template);
      this.verdicts.set(spec, same);
    }
    return same;
  }

  /** What the task rows' text depends on besides the state: a poll that leaves it unchanged is a fixed point. */
  private flags(): number {
    return (this.initialized ? 1 : 0) + (this.updaterDone ? 2 : 0) + (this.rollback ? 4 : 0) + 8 * this.slotMap.size;
  }

  /** Virtual time since convergence, rounded to the nanosecond so float sums of poll intervals do not drift. */
  private sinceConvergedMs(state: ClusterState): number {
    return Math.round((state.nowMs - (this.convergedAtMs ?? state.nowMs)) * 1e6) / 1e6;
  }

  /**
   * Feed the state seen by one 200 ms poll. Returns true when the CLI would stop following (converged+verified, paused,
   * rollback paused, completed-before-converged...).
   */
  poll(state: ClusterState): boolean {
    if (this.finished) return true;
    const service = state.services.find((s) => s.ID === this.opts.serviceId);
    if (!service) return this.finish(1, errNoSuchObjectClient('service', this.opts.serviceId));
    const monitor = service.Spec.UpdateConfig?.Monitor;
    if (monitor) this.monitorMs = monitor / NS_PER_MS;
    this.mode ??= service.Spec.Mode.Replicated ? 'replicated' : service.Spec.Mode.Global ? 'global' : null;
    if (!this.mode) return this.finish(1, 'unrecognized service mode');

    const status = service.UpdateStatus;
    switch (status?.State) {
      case 'updating':
        this.rollback = false;
        break;
      case 'completed':
        if (!this.converged) return this.finish(0);
        break;
      case 'paused':
        return this.finish(1, cliServicePaused(status.Message));
      case 'rollback_started':
        if (!this.rollback && status.Message) this.writeProgress('rollback', `rollback: ${status.Message}`);
        this.rollback = true;
        break;
      case 'rollback_paused':
        return this.finish(1, cliRollbackPaused(status.Message));
      case 'rollback_completed':
        if (!this.converged) this.pendingMessage = `rollback: ${status.Message}`;
        this.rollback = true;
        break;
      default:
        break;
    }
    if (this.converged && this.convergedAtMs !== null && this.sinceConvergedMs(state) >= this.monitorMs) {
      this.writeProgress('verify', cliVerifyConverged(this.opts.serviceArg));
      if (this.pendingMessage) this.writeMessage(this.pendingMessage);
      return this.finish(0);
    }

    this.converged = this.showTasks(state, service);
    if (this.converged) {
      this.convergedAtMs ??= state.nowMs;
      const waitMs = this.monitorMs - (this.sinceConvergedMs(state) + CLOCK_GAP_MS);
      if (waitMs >= 0) this.writeProgress('verify', cliVerifyWaiting(Math.floor(waitMs / 1_000) + 1));
    } else {
      if (this.convergedAtMs !== null) this.writeProgress('verify', CLI_VERIFY_DETECTED_FAILURE);
      this.convergedAtMs = null;
    }
    return false;
  }

  /**
   * Called when the follower gives up (virtual Ctrl-C): prints docker's `Operation continuing in background.` lines.
   */
  interrupt(): void {
    if (this.finished) return;
    if (!this.converged) {
      this.writeMessage(CLI_OPERATION_CONTINUING);
      this.writeMessage(cliUsePs(this.opts.serviceArg));
    }
    this.finish(0);
  }

  /**
   * What was printed: non-TTY = every line each time written (docker's non-TTY behaviour); TTY = the final screen (each
   * line ID once, last content, with bars when terminalWidth > 110).
   */
  result(): { stdout: string; stderr: string; exitCode: number } {
    const stdout = this.opts.tty ? this.rows.map((row) => `${row}\n`).join('') : this.stdoutText;
    return { stdout, stderr: this.stderr, exitCode: this.exitCode };
  }
}
