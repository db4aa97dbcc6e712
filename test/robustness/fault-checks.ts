// Engine invariants checked after every fired instant: task states, UpdateStatus transitions, parallelism, replicas.

import type { Engine } from '../../src/backend.js';
import { stateRank } from '../../src/engine/task-state.js';
import type { TraceEvent, UpdateState } from '../../src/types.js';
import { HEALTHY_IMAGES } from './fault-schedule.js';

type Status = UpdateState | null;

/**
 * Swarm's UpdateStatus transitions made by the orchestrator itself (§3); API calls add any→null and
 * any→rollback_started.
 */
const ORCHESTRATOR_TRANSITIONS = new Set([
  'null>updating',
  'updating>paused',
  'updating>completed',
  'updating>rollback_started',
  'rollback_started>rollback_paused',
  'rollback_started>rollback_completed',
  // a later updater (a node change, a reconcile) over a finished one
  'completed>completed',
  'completed>paused',
  'completed>rollback_started',
  'rollback_completed>completed',
  'rollback_completed>paused',
  'rollback_completed>rollback_started',
]);

/**
 * The settled checks want no task change for longer than the restart delay (5 s): the engine's own rule (3 s quiet)
 * is already true while a killed task's replacement waits out its restart delay.
 */
const SETTLED_QUIET_MS = 10_000;

export type ApiCall = 'update' | 'rollback' | null;

export class InvariantChecker {
  private seen = 0;
  private readonly rank = new Map<string, number>();
  private readonly status = new Map<string, Status>();
  private lastTaskEventMs = 0;
  private readonly inFlight = new Map<string, { slots: Set<number>; limit: number }>();
  /** The first violation, with the virtual time it was seen at. */
  violation: string | null = null;

  constructor(
    private readonly e: Engine,
    private readonly order: string,
    private readonly healthy: () => boolean,
  ) {}

  /**
   * Scans the events appended since the last call; `api` is the call that appended them, if any. The settled checks
   * wait for a fired instant (right after a call, the work it set in motion at this instant has not happened yet).
   * Returns false on a violation.
   */
  check(api: ApiCall = null, afterInstant = api === null): boolean {
    if (this.violation) return false;
    const events = this.e.events();
    for (; this.seen < events.length; this.seen++) this.scan(events[this.seen], api);
    const quiet = this.e.nowMs() - this.lastTaskEventMs >= SETTLED_QUIET_MS;
    if (!this.violation && afterInstant && quiet && this.e.isSettled(3_000)) this.checkSettled();
    return this.violation === null;
  }

  private fail(message: string): void {
    this.violation ??= `at t=${this.e.nowMs()} ms: ${message}`;
  }

  private scan(ev: TraceEvent, api: ApiCall): void {
    if (ev.type.startsWith('task_')) this.lastTaskEventMs = ev.t_ms;
    if (ev.type === 'task_state') {
      const rank = stateRank(ev.state);
      if (rank < (this.rank.get(ev.taskId) ?? 0)) this.fail(`task ${ev.taskId} went back to ${ev.state}`);
      this.rank.set(ev.taskId, rank);
    } else if (ev.type === 'update_status') {
      const previous = this.status.has(ev.serviceId) ? this.status.get(ev.serviceId)! : null;
      const step = `${previous}>${ev.state}`;
      const byApi = (api === 'update' && ev.state === null) || (api === 'rollback' && ev.state === 'rollback_started');
      if (!byApi && !ORCHESTRATOR_TRANSITIONS.has(step))
        this.fail(`UpdateStatus ${previous} -> ${ev.state} (${ev.message})${api ? ` during a ${api} call` : ''}`);
      this.status.set(ev.serviceId, ev.state);
    } else if (ev.type === 'updater') {
      if (ev.action === 'start') {
        this.inFlight.set(ev.serviceId, { slots: new Set(), limit: ev.config?.parallelism || Infinity });
      } else if (ev.action === 'slot_start') {
        const flight = this.inFlight.get(ev.serviceId);
        if (!flight) return this.fail(`updater slot_start without a start (slot ${ev.slot})`);
        flight.slots.add(ev.slot ?? -1);
        if (flight.slots.size > flight.limit)
          this.fail(`${flight.slots.size} slots in flight, parallelism ${flight.limit}`);
      } else if (ev.action === 'slot_done') {
        this.inFlight.get(ev.serviceId)?.slots.delete(ev.slot ?? -1);
      }
    }
  }

  /**
   * Settled: stop-first never leaves two running tasks in a slot; replicas are honoured when nothing stands in the way.
   */
  private checkSettled(): void {
    const state = this.e.state();
    const downNodes = new Set(state.nodes.filter((n) => n.Status.State === 'down').map((n) => n.ID));
    for (const service of state.services) {
      const tasks = state.tasks.filter((t) => t.ServiceID === service.ID && !downNodes.has(t.NodeID ?? ''));
      const running = tasks.filter((t) => t.Status.State === 'running');
      if (this.order === 'stop-first' && service.Spec.Mode.Replicated) {
        const perSlot = new Map<number, number>();
        for (const t of running) perSlot.set(t.Slot ?? 0, (perSlot.get(t.Slot ?? 0) ?? 0) + 1);
        for (const [slot, count] of perSlot)
          if (count > 1) this.fail(`settled with ${count} running tasks in slot ${slot} under stop-first`);
      }
      const replicas = service.Spec.Mode.Replicated?.Replicas;
      const image = service.Spec.TaskTemplate.ContainerSpec.Image;
      if (replicas !== undefined && HEALTHY_IMAGES.has(image) && this.healthy()) {
        // Slots, not tasks: start-first may legitimately leave two running tasks in a slot (§2.14)
        const up = new Set(running.filter((t) => t.DesiredState === 'running').map((t) => t.Slot)).size;
        if (up !== replicas)
          this.fail(
            `settled with ${up} slots running for ${replicas} replicas (image ${image}, ` +
              `status ${service.UpdateStatus?.State ?? null})`,
          );
      }
    }
  }
}
