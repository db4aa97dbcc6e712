// The Engine API behind swarmlab's DaemonApi on a real swarm: labelled services only, images by ID, daemon errors kept.
import { faultTraceEvent } from '../faults/registry.js';
import {
  errFaultKillNotSignal,
  errFaultNoRunningContainer,
  errFaultNoSuchTask,
  errFaultTaskAmbiguous,
} from '../messages.js';
import type { ImageBehaviour, Service, ServiceSpec, Task, TaskSpec } from '../types.js';
import { resolveEndpoint } from './host.js';
import { ApiError, apiTimeoutMs, DockerClient } from './http.js';
import { IMAGE_NAME_LABEL, OWNED_LABEL, prepareImages, RUN_LABEL } from './images.js';
import { renameHostConstraints, sentNames, shownNames } from './lab-cluster/names.js';
import { type Presenter, Recorder } from './recorder.js';
import { wallNowMs } from './wall-clock.js';

export interface ConnectRequest {
  host?: string;
  env: Record<string, string | undefined>;
  runId: string;
  outFile?: string;
  /** Every image the scenario uses, and the declared behaviours. */
  usedImages: string[];
  images: Record<string, ImageBehaviour>;
  /** Names of the services the scenario creates (checked before anything is created). */
  serviceNames: string[];
  /** On a lab cluster: lab hostname → the scenario's name for that node (shown, and used in hostname constraints). */
  hostnames?: Record<string, string>;
}

/** An error whose message the CLI prints as `Error response from daemon: <message>`. */
export class DaemonMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonError';
  }
}

export class SwarmDaemon {
  readonly recorder: Recorder;
  /** Image name → ID, and back. */
  private readonly ids = new Map<string, string>();
  private readonly names = new Map<string, string>();

  private constructor(
    readonly client: DockerClient,
    readonly request: ConnectRequest,
    ids: Map<string, string>,
  ) {
    for (const [name, id] of ids) this.remember(name, id);
    // t = 0 is now: images are built, the first command comes next.
    this.recorder = new Recorder(client, request.runId, wallNowMs(), this.presenter(), request.outFile);
  }

  /**
   * Connects, checks the daemon (API version, swarm manager, no foreign service of the same name), builds images,
   * starts recording.
   */
  static async connect(request: ConnectRequest): Promise<SwarmDaemon> {
    let client: DockerClient;
    try {
      client = await SwarmDaemon.checkedClient(request);
    } catch (err) {
      throw runNotStarted(err);
    }
    const ids = await prepareImages(client, request.usedImages, request.images, request.runId);
    const daemon = new SwarmDaemon(client, request, ids);
    await daemon.recorder.start();
    return daemon;
  }

  /** The client of a daemon that answered, is a swarm manager and has none of the run's names: nothing built yet. */
  private static async checkedClient(request: ConnectRequest): Promise<DockerClient> {
    const env = request.env as NodeJS.ProcessEnv;
    const client = new DockerClient(resolveEndpoint(request.host, env), apiTimeoutMs(env));
    await client.negotiate();
    await client.requireManager();
    for (const name of request.serviceNames) {
      const existing = await findService(client, name);
      if (!existing) continue;
      const owned = existing.Spec.Labels?.[OWNED_LABEL] === 'true';
      throw new Error(
        owned
          ? `a service named ${name} is left over from an earlier swarmlab run (--keep?); remove it first: docker ` +
              `service rm ${name}`
          : `a service named ${name} already exists on this swarm and is not swarmlab's: swarmlab will not touch it ` +
              '(rename it in the scenario or remove it yourself)',
      );
    }
    return client;
  }

  async createService(spec: ServiceSpec): Promise<Service> {
    const body = await this.toDaemonSpec(spec);
    const created = (await this.call(() => this.client.json('POST', '/services/create', body))) as { ID: string };
    await this.recorder.poll();
    return this.serviceById(created.ID);
  }

  async updateService(idOrName: string, spec: ServiceSpec, rollback: boolean): Promise<Service> {
    const current = await this.ownedService(idOrName);
    const body = await this.toDaemonSpec(spec);
    const query = `version=${current.Version.Index}${rollback ? '&rollback=previous' : ''}`;
    await this.call(() => this.client.json('POST', `/services/${current.ID}/update?${query}`, body));
    await this.recorder.poll();
    return this.serviceById(current.ID);
  }

  async removeService(idOrName: string): Promise<void> {
    const current = await this.ownedService(idOrName);
    await this.call(() => this.client.json('DELETE', `/services/${current.ID}`));
    await this.recorder.poll();
  }

  /** Kills the task's container: exit 137 (SIGKILL), or 128+N for signal N; recorded as the `kill` fault event. */
  async killContainer(taskIdPrefix: string, exitCode = 137): Promise<void> {
    await killTaskContainer(this.client, this.recorder, taskIdPrefix, exitCode);
  }

  async logs(idOrName: string): Promise<{ taskId: string; slot: number; nodeId: string; line: string }[]> {
    const service = await this.ownedService(idOrName);
    const out: { taskId: string; slot: number; nodeId: string; line: string }[] = [];
    for (const task of this.recorder.tasks.values()) {
      const containerId = task.Status.ContainerStatus?.ContainerID;
      if (task.ServiceID !== service.ID || !containerId) continue;
      const response = await this.client.send('GET', `/containers/${containerId}/logs?stdout=1&stderr=1`);
      if (response.status >= 400) continue;
      for (const line of demuxLogs(response.bytes))
        out.push({ taskId: task.ID, slot: task.Slot ?? 0, nodeId: task.NodeID ?? '', line });
    }
    return out;
  }

  /** Removes the run's services, waits (≤ 30 s) for their containers to go, then removes the run's images. */
  async cleanup(): Promise<string[]> {
    return cleanupRun(this.client, this.request.runId);
  }

  private presenter(): Presenter {
    const image = (ref: string) => this.names.get(ref) ?? ref;
    const hostnames = this.request.hostnames ?? {};
    const constraintNames = shownNames(hostnames);
    const cleanContainer = (spec: ServiceSpec['TaskTemplate']) => {
      const container = { ...spec.ContainerSpec, Image: image(spec.ContainerSpec.Image) };
      const labels = withoutOwnLabels(container.Labels);
      if (labels) container.Labels = labels;
      else delete container.Labels;
      return renamePlacement({ ...spec, ContainerSpec: container }, constraintNames);
    };
    const cleanSpec = (spec: ServiceSpec): ServiceSpec => ({
      ...spec,
      Labels: withoutOwnLabels(spec.Labels) ?? {},
      TaskTemplate: cleanContainer(spec.TaskTemplate),
    });
    return {
      image,
      service: (raw) => ({
        ...raw,
        Spec: cleanSpec(raw.Spec),
        ...(raw.PreviousSpec ? { PreviousSpec: cleanSpec(raw.PreviousSpec) } : {}),
      }),
      task: (raw: Task) => ({
        ...raw,
        Spec: cleanContainer(raw.Spec),
        Status: { ...raw.Status, ...(raw.Status.Err ? { Err: this.withNames(raw.Status.Err) } : {}) },
      }),
      node: (raw) =>
        hostnames[raw.Description.Hostname] === undefined
          ? raw
          : { ...raw, Description: { ...raw.Description, Hostname: hostnames[raw.Description.Hostname] } },
    };
  }

  /** A daemon message with image IDs written as the scenario's image names. */
  private withNames(text: string): string {
    return text.replace(/sha256:[0-9a-f]{64}/g, (id) => this.names.get(id) ?? id);
  }

  private remember(name: string, id: string): void {
    this.ids.set(name, id);
    this.names.set(id, name);
  }

  /** The spec as sent: image name → ID, swarmlab's labels on the service and its containers. */
  private async toDaemonSpec(spec: ServiceSpec): Promise<ServiceSpec> {
    const name = spec.TaskTemplate.ContainerSpec.Image;
    if (!this.ids.has(name) && !this.names.has(name)) {
      try {
        this.remember(
          name,
          ((await this.client.json('GET', `/images/${encodeURIComponent(name)}/json`)) as { Id: string }).Id,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) {
          throw new DaemonMessage(
            `image ${name} is neither declared in the scenario nor present on the daemon (swarmlab uses no registry)`,
          );
        }
        throw err;
      }
    }
    const own = { [OWNED_LABEL]: 'true', [RUN_LABEL]: this.request.runId };
    const container = spec.TaskTemplate.ContainerSpec;
    return {
      ...spec,
      Labels: { ...spec.Labels, ...own },
      TaskTemplate: renamePlacement(
        {
          ...spec.TaskTemplate,
          ContainerSpec: { ...container, Image: this.ids.get(name) ?? name, Labels: { ...container.Labels, ...own } },
        },
        sentNames(this.request.hostnames ?? {}),
      ),
    };
  }

  private async ownedService(idOrName: string): Promise<Service> {
    const service = (await this.call(() =>
      this.client.json('GET', `/services/${encodeURIComponent(idOrName)}`),
    )) as Service;
    if (service.Spec.Labels?.[RUN_LABEL] !== this.request.runId) {
      throw new DaemonMessage(`service ${idOrName} was not created by this swarmlab run: swarmlab will not change it`);
    }
    return service;
  }

  private serviceById(id: string): Service {
    const service = this.recorder.services.get(id);
    if (!service) throw new DaemonMessage(`service ${id} not found`);
    return service;
  }

  /** Daemon errors become DaemonMessage (the CLI's `Error response from daemon:`). */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiError) throw new DaemonMessage(err.message);
      throw err;
    }
  }
}

/**
 * Kills the running container of the one recorded task whose ID starts with `taskIdPrefix` by signal `exitCode`-128;
 * once the daemon did, records the `kill` fault event as the simulator does. Refusals and daemon errors are
 * DaemonMessages.
 */
export async function killTaskContainer(
  client: Pick<DockerClient, 'json'>,
  recorder: Pick<Recorder, 'tasks' | 'nowMs' | 'append'>,
  taskIdPrefix: string,
  exitCode = 137,
): Promise<void> {
  const matches = [...recorder.tasks.values()].filter((t) => t.ID.startsWith(taskIdPrefix));
  if (matches.length !== 1)
    throw new DaemonMessage(matches.length ? errFaultTaskAmbiguous(taskIdPrefix) : errFaultNoSuchTask(taskIdPrefix));
  if (exitCode <= 128 || exitCode > 128 + 31) throw new DaemonMessage(errFaultKillNotSignal(exitCode));
  const task = matches[0];
  const containerId = task.Status.ContainerStatus?.ContainerID;
  if (!containerId || (task.Status.State !== 'running' && task.Status.State !== 'starting')) {
    throw new DaemonMessage(errFaultNoRunningContainer(task.ID));
  }
  try {
    await client.json('POST', `/containers/${containerId}/kill?signal=${exitCode - 128}`);
  } catch (err) {
    if (err instanceof ApiError) throw new DaemonMessage(err.message);
    throw err;
  }
  recorder.append(faultTraceEvent(recorder.nowMs(), 'kill', task.NodeID ?? '', { taskId: task.ID, exitCode }));
}

/** Removes every service, then image, labelled with `runId`; returns what it did, one line each. */
export async function cleanupRun(client: DockerClient, runId: string, waitMs = 30_000): Promise<string[]> {
  const done: string[] = [];
  const label = encodeURIComponent(JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] }));
  const services = (await client.json('GET', `/services?filters=${label}`)) as Service[];
  for (const service of services) {
    await client.json('DELETE', `/services/${service.ID}`).catch(() => undefined);
    done.push(`removed service ${service.Spec.Name}`);
  }
  const containersLeft = async () =>
    ((await client.json('GET', `/containers/json?all=1&filters=${label}`)) as unknown[]).length;
  for (let waited = 0; waited < waitMs && (await containersLeft()) > 0; waited += 250)
    await new Promise((r) => setTimeout(r, 250));
  const images = (await client.json('GET', `/images/json?filters=${label}`)) as {
    Id: string;
    Labels?: Record<string, string>;
  }[];
  for (const image of images) {
    const result = await client.send('DELETE', `/images/${image.Id}?force=1`);
    if (result.status < 400) done.push(`removed image ${image.Labels?.[IMAGE_NAME_LABEL] ?? image.Id}`);
  }
  return done;
}

async function findService(client: DockerClient, name: string): Promise<Service | undefined> {
  const filters = encodeURIComponent(JSON.stringify({ name: [name] }));
  const services = (await client.json('GET', `/services?filters=${filters}`)) as Service[];
  return services.find((s) => s.Spec.Name === name);
}

function withoutOwnLabels(labels: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!labels) return undefined;
  const rest = Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith('swarmlab.')));
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** The 8-byte-header frames of a non-TTY container's log stream, as lines. */
export function demuxLogs(data: Buffer): string[] {
  const chunks: string[] = [];
  let offset = 0;
  while (offset + 8 <= data.length) {
    const size = data.readUInt32BE(offset + 4);
    chunks.push(data.subarray(offset + 8, offset + 8 + size).toString('utf8'));
    offset += 8 + size;
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line !== '');
}

/** The template with its `node.hostname` constraints renamed (a lab cluster playing a scenario's own node names). */
function renamePlacement<T extends TaskSpec>(spec: T, names: Record<string, string>): T {
  const constraints = spec.Placement?.Constraints;
  if (!constraints?.length || Object.keys(names).length === 0) return spec;
  return { ...spec, Placement: { ...spec.Placement, Constraints: renameHostConstraints(constraints, names) } };
}

/** A failure before the run built anything (no daemon, a bad host or timeout, not a manager, a name taken). */
function runNotStarted(err: unknown): Error {
  const error = new Error(err instanceof Error ? err.message : String(err));
  error.name = 'RunNotStartedError'; // the name it crosses the worker boundary with (engine.ts unwrap)
  return error;
}
