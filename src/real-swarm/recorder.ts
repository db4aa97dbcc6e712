// Records a real swarm: polls services/tasks/nodes every 100 ms, streams container events, turns changes into
// TraceEvents.
import { appendFileSync, writeFileSync } from 'node:fs';
import { hasEnded } from '../task-states.js';
import type { Millis, Node, Service, Task, TraceEvent, UpdateState } from '../types.js';
import { isFinalUpdateState } from '../update-states.js';
import { ApiError, type DockerClient } from './http.js';
import { RUN_LABEL } from './images.js';
import { clearedStatus, signalNumber, specAction, statusChanged, templateKey } from './recorder-reads.js';
import { isoToEpochMs, wallNowMs } from './wall-clock.js';

export const POLL_INTERVAL_MS = 100;

/** Turns a raw Engine API object into what the views read (image IDs back to names, swarmlab's labels hidden). */
export type Presenter = {
  service(raw: Service): Service;
  task(raw: Task): Task;
  image(ref: string): string;
  node?(raw: Node): Node;
};

/**
 * What a recorder watches: the services and containers labelled with its run (the backend's own run), or one
 * existing service by ID (`swarmlab record`), whose history before the recording began is shown at t = 0.
 */
export type RecordScope = { kind: 'run' } | { kind: 'service'; serviceId: string };

interface DockerEvent {
  Type?: string;
  Action?: string;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export class Recorder {
  readonly services = new Map<string, Service>();
  readonly tasks = new Map<string, Task>();
  readonly nodes = new Map<string, Node>();
  readonly events: TraceEvent[] = [];
  lastTaskChangeMs: Millis = 0;
  lastControlChangeMs: Millis = 0;
  /** Set when a poll failed because the daemon went away. */
  failure: Error | null = null;
  /** Told once, when `failure` is first set. */
  onFailure: (err: Error) => void = () => undefined;
  /** Per service, the task templates it had and their spec versions, oldest first. */
  private readonly specVersions = new Map<string, { key: string; version: number }[]>();
  private timer: NodeJS.Timeout | null = null;
  private readonly eventStreams: { stop(): void }[] = [];
  /** Per service, UpdateStatus transitions the events stream reported and no poll has seen yet. */
  private readonly statusTransitions = new Map<string, { state: string; tMs: Millis }[]>();
  /** The last poll asked for (settled, never rejecting): the next one starts after it. */
  private lastPoll: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: DockerClient,
    readonly runId: string,
    readonly startEpochMs: number,
    private readonly presenter: Presenter,
    private readonly outFile?: string,
    readonly scope: RecordScope = { kind: 'run' },
  ) {
    if (outFile) writeFileSync(outFile, '');
  }

  nowMs(): Millis {
    return wallNowMs() - this.startEpochMs;
  }

  toRunMs(iso: string | undefined): Millis {
    return iso ? this.epochToRunMs(isoToEpochMs(iso)) : this.nowMs();
  }

  /** Epoch ms as run ms; a service recorded from the outside shows what happened before the recording at 0. */
  private epochToRunMs(epochMs: number): Millis {
    const runMs = epochMs - this.startEpochMs;
    return this.scope.kind === 'service' ? Math.max(0, runMs) : runMs;
  }

  /** The Engine API filters of the services polled and of the containers whose events are streamed. */
  private filters(): { services: Record<string, string[]>; containers: Record<string, string[]> } {
    if (this.scope.kind === 'service')
      return {
        services: { id: [this.scope.serviceId] },
        containers: { type: ['container'], label: [`com.docker.swarm.service.id=${this.scope.serviceId}`] },
      };
    const label = [`${RUN_LABEL}=${this.runId}`];
    return { services: { label }, containers: { type: ['container'], label } };
  }

  /** Starts the events stream and the 100 ms polls. */
  async start(): Promise<void> {
    const since = Math.floor(this.startEpochMs / 1000);
    const onEnd = (err?: Error) => {
      if (err) this.fail(err);
    };
    const containers = encodeURIComponent(JSON.stringify(this.filters().containers));
    const services = encodeURIComponent(JSON.stringify({ type: ['service'] }));
    for (const [filters, handle] of [
      [containers, this.containerEvent],
      [services, this.serviceEvent],
    ] as const) {
      const stream = this.client.stream(
        `/events?since=${since}&filters=${filters}`,
        (line) => handle.call(this, JSON.parse(line) as DockerEvent),
        onEnd,
      );
      this.eventStreams.push(stream);
      await stream.ready;
    }
    await this.poll();
    const tick = () => {
      this.timer = setTimeout(() => {
        this.poll()
          .catch((err: Error) => this.fail(err))
          .finally(() => {
            if (this.timer) tick();
          });
      }, POLL_INTERVAL_MS);
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.lastPoll;
    for (const stream of this.eventStreams) stream.stop();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    // A daemon error here is no typed command's answer: say which request failed.
    this.failure =
      err instanceof ApiError
        ? new Error(`the Docker daemon answered ${err.request || 'a poll'} with HTTP ${err.status}: ${err.message}`)
        : err;
    this.onFailure(this.failure);
  }

  /** Appends an event in time order (in memory) and at the end of the JSON-lines file. */
  append(event: TraceEvent): void {
    let index = this.events.length;
    while (index > 0 && this.events[index - 1].t_ms > event.t_ms) index--;
    this.events.splice(index, 0, event);
    if (this.outFile) appendFileSync(this.outFile, `${JSON.stringify(event)}\n`);
  }

  /**
   * One poll of the run's services, their tasks and the nodes; records every change. Polls run one at a time, each
   * after the one in flight: the ticker's and the one a command asks for after its write could otherwise overlap,
   * and the older one's reads, diffed last, recorded a spec and an UpdateStatus gone back (`updating`, nil,
   * `updating`) that the swarm never had.
   */
  poll(): Promise<void> {
    const next = this.lastPoll.then(() => this.pollOnce());
    this.lastPoll = next.catch(() => {});
    return next;
  }

  private async pollOnce(): Promise<void> {
    const filters = encodeURIComponent(JSON.stringify(this.filters().services));
    const scope = this.scope;
    const services = ((await this.client.json('GET', `/services?filters=${filters}`)) as Service[]).filter(
      (s) => scope.kind === 'run' || s.ID === scope.serviceId, // the id filter matches prefixes
    );
    const ids = services.map((s) => s.ID);
    const tasks =
      ids.length === 0
        ? []
        : ((await this.client.json(
            'GET',
            `/tasks?filters=${encodeURIComponent(JSON.stringify({ service: ids }))}`,
          )) as Task[]);
    const nodes = (await this.client.json('GET', '/nodes')) as Node[];
    const now = this.nowMs();
    this.diffServices(
      services.map((s) => this.presenter.service(s)),
      now,
    );
    this.diffTasks(
      tasks.filter((t) => ids.includes(t.ServiceID)),
      now,
    );
    this.diffNodes(this.presenter.node ? nodes.map((n) => this.presenter.node!(n)) : nodes, now);
  }

  private diffServices(services: Service[], now: Millis): void {
    const seen = new Set<string>();
    for (const service of services) {
      seen.add(service.ID);
      const before = this.services.get(service.ID);
      this.services.set(service.ID, service);
      if (!before || JSON.stringify(before.Spec) !== JSON.stringify(service.Spec)) {
        this.append({
          t_ms: before ? this.specChangedMs(service, before) : this.toRunMs(service.CreatedAt),
          type: 'service_spec',
          serviceId: service.ID,
          name: service.Spec.Name,
          action: before ? specAction(service) : 'create',
          version: service.Version.Index,
          spec: service.Spec,
          previousSpec: service.PreviousSpec ?? null,
          ...(service.Endpoint?.Ports?.length ? { endpointPorts: service.Endpoint.Ports } : {}),
        });
        // Like swarmkit's SpecVersion: the service's version index when the spec was set; a rollback restores the old
        // one.
        const versions = this.specVersions.get(service.ID) ?? [];
        const key = templateKey(service.Spec.TaskTemplate);
        const restored = /rollback/.test(specAction(service)) ? versions.find((v) => v.key === key) : undefined;
        versions.push({ key, version: restored?.version ?? service.Version.Index });
        this.specVersions.set(service.ID, versions);
        this.lastControlChangeMs = now;
      }
      const status = service.UpdateStatus;
      const old = before?.UpdateStatus;
      if (status && statusChanged(status, old)) {
        this.recordStatus(service, now);
        this.lastControlChangeMs = now;
      } else if (!status && old) {
        // Every UpdateService call (a scale, `--force`, a second update) resets UpdateStatus to nil: it stays nil
        // when no task is dirty, else the new updater sets it again with a new StartedAt.
        this.append(clearedStatus(service.ID, now));
        this.lastControlChangeMs = now;
      }
    }
    for (const [id, service] of this.services) {
      if (seen.has(id)) continue;
      this.services.delete(id);
      this.append({
        t_ms: now,
        type: 'service_spec',
        serviceId: id,
        name: service.Spec.Name,
        action: 'remove',
        version: service.Version.Index,
        spec: service.Spec,
        previousSpec: service.PreviousSpec ?? null,
      });
      this.lastControlChangeMs = now;
    }
  }

  /**
   * When a spec change seen by a poll happened: UpdatedAt, unless a status write the change caused already moved it on
   * (every store write does); the updater's StartedAt and the events stream's status transitions come after the spec
   * change, so the earliest of them bounds it and keeps the spec before the status it started in the trace.
   */
  private specChangedMs(service: Service, before: Service): Millis {
    let ms = this.toRunMs(service.UpdatedAt);
    const status = service.UpdateStatus;
    if (status?.StartedAt && status.StartedAt !== before.UpdateStatus?.StartedAt)
      ms = Math.min(ms, this.toRunMs(status.StartedAt));
    for (const transition of this.statusTransitions.get(service.ID) ?? []) ms = Math.min(ms, transition.tMs);
    return ms;
  }

  /**
   * An UpdateStatus change seen by a poll, timed by the service event of that transition when it came (exact), and
   * preceded by any state the polls missed but the events stream saw (its message is then unknown: empty).
   */
  private recordStatus(service: Service, now: Millis): void {
    const status = service.UpdateStatus!;
    const startedMs = status.StartedAt ? this.toRunMs(status.StartedAt) : null;
    const completedMs = status.CompletedAt ? this.toRunMs(status.CompletedAt) : null;
    const pending = this.statusTransitions.get(service.ID) ?? [];
    const index = pending.findIndex((p) => p.state === status.State);
    for (const missed of index >= 0 ? pending.slice(0, index) : pending) {
      this.append({
        t_ms: missed.tMs,
        type: 'update_status',
        serviceId: service.ID,
        state: missed.state as UpdateState,
        message: '',
        startedMs,
        completedMs: null,
      });
    }
    const eventMs = index >= 0 ? pending[index].tMs : null;
    pending.length = 0;
    const final = isFinalUpdateState(status.State);
    this.append({
      t_ms: final && completedMs !== null ? completedMs : (eventMs ?? now),
      type: 'update_status',
      serviceId: service.ID,
      state: status.State as UpdateState,
      message: status.Message,
      startedMs,
      completedMs,
    });
  }

  private diffTasks(raws: Task[], now: Millis): void {
    const seen = new Set<string>();
    for (const raw of raws) {
      const task = this.presenter.task(raw);
      seen.add(task.ID);
      const before = this.tasks.get(task.ID);
      this.tasks.set(task.ID, task);
      if (!before) {
        this.append({
          t_ms: this.toRunMs(task.CreatedAt),
          type: 'task_created',
          taskId: task.ID,
          serviceId: task.ServiceID,
          slot: task.Slot ?? 0,
          nodeId: task.NodeID ?? null,
          image: task.Spec.ContainerSpec.Image,
          specVersion: this.specVersionOf(task),
          desired: task.DesiredState,
          origin: 'orchestrator',
        });
      }
      if (!before || before.Status.State !== task.Status.State) {
        if (task.Status.State !== 'new') {
          const exitCode = task.Status.ContainerStatus?.ExitCode;
          this.append({
            t_ms: this.toRunMs(task.Status.Timestamp),
            type: 'task_state',
            taskId: task.ID,
            state: task.Status.State,
            message: task.Status.Message,
            ...(task.Status.Err ? { err: task.Status.Err } : {}),
            ...(exitCode !== undefined && hasEnded(task.Status.State) ? { exitCode } : {}),
          });
        }
        this.lastTaskChangeMs = now;
      }
      if (before && before.DesiredState !== task.DesiredState) {
        this.append({ t_ms: now, type: 'task_desired', taskId: task.ID, desired: task.DesiredState });
        this.lastTaskChangeMs = now;
      }
      if (before && task.NodeID && before.NodeID !== task.NodeID)
        this.append({ t_ms: now, type: 'task_node', taskId: task.ID, nodeId: task.NodeID });
    }
    for (const id of this.tasks.keys()) {
      if (seen.has(id)) continue;
      this.tasks.delete(id);
      this.append({ t_ms: now, type: 'task_removed', taskId: id });
    }
  }

  /** The Engine API has no task SpecVersion: the latest service template the task's spec equals. */
  private specVersionOf(task: Task): number {
    const versions = this.specVersions.get(task.ServiceID) ?? [];
    const key = templateKey(task.Spec);
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i].key === key) return versions[i].version;
    return versions.at(-1)?.version ?? 0;
  }

  private diffNodes(nodes: Node[], now: Millis): void {
    for (const node of nodes) {
      const before = this.nodes.get(node.ID);
      this.nodes.set(node.ID, node);
      if (before && before.Status.State === node.Status.State && before.Spec.Availability === node.Spec.Availability)
        continue;
      this.append({
        t_ms: before ? now : 0,
        type: 'node',
        nodeId: node.ID,
        hostname: node.Description.Hostname,
        role: node.Spec.Role,
        availability: node.Spec.Availability,
        state: node.Status.State,
        ...(node.Status.Message ? { message: node.Status.Message } : {}),
      });
      if (before) this.lastControlChangeMs = now;
    }
  }

  /** `updatestate.new` of our services' events: exact transition times (the polls may miss a short state). */
  private serviceEvent(event: DockerEvent): void {
    const id = event.Actor?.ID;
    const next = event.Actor?.Attributes?.['updatestate.new'];
    // Every update of a service with an UpdateStatus carries updatestate.old/new: only a change is a transition.
    if (
      event.Type !== 'service' ||
      !id ||
      !next ||
      next === event.Actor?.Attributes?.['updatestate.old'] ||
      event.timeNano === undefined
    )
      return;
    const known = this.services.get(id);
    if (!known || known.UpdateStatus?.State === next) return; // not ours, or the poll was first
    const pending = this.statusTransitions.get(id) ?? [];
    if (pending.at(-1)?.state === next) return;
    pending.push({ state: next, tMs: this.epochToRunMs(event.timeNano / 1e6) });
    this.statusTransitions.set(id, pending);
  }

  private containerEvent(event: DockerEvent): void {
    const attributes = event.Actor?.Attributes ?? {};
    const taskId = attributes['com.docker.swarm.task.id'];
    if (event.Type !== 'container' || !taskId || event.timeNano === undefined) return;
    const t_ms = this.epochToRunMs(event.timeNano / 1e6);
    const action = event.Action ?? '';
    if (action === 'create' || action === 'start') this.append({ t_ms, type: 'container', taskId, action });
    else if (action === 'kill')
      this.append({ t_ms, type: 'container', taskId, action, signal: signalNumber(attributes.signal) });
    else if (action === 'die')
      this.append({ t_ms, type: 'container', taskId, action, exitCode: Number(attributes.exitCode ?? 0) });
    else if (action.startsWith('health_status')) {
      const health = action.endsWith('unhealthy') ? 'unhealthy' : action.endsWith('healthy') ? 'healthy' : null;
      if (health) this.append({ t_ms, type: 'container', taskId, action: 'health_status', health });
    }
  }
}
