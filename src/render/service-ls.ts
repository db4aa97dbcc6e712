// `docker service ls`: the daemon's ServiceStatus counts, service filters and the service table (docker/cli
// service/formatter.go).

import type { CommandResult } from '../commands/result.js';
import type { ClusterState, PortConfig, Service } from '../types.js';
import {
  errorResult,
  familiarImage,
  formatWrite,
  naturalCompare,
  parseFilters,
  truncateId,
  validateFilterKeys,
} from './formatter.js';
import { type GoStruct, goStruct, MARSHAL_AS_MAP } from './gojson.js';

export interface ServiceLsOptions {
  /** `-q`: IDs only (12 characters, the service formatter always truncates). */
  quiet?: boolean;
  format?: string;
  /** `-f key=value`: id, name (prefixes), label, mode. */
  filters?: readonly string[];
}

const DEFAULT_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}';
const RAW_FORMAT =
  'id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}\\nimage: {{.Image}}\\nports: ' +
  '{{.Ports}}\\n';
const HEADER: Readonly<Record<string, string>> = {
  ID: 'ID',
  Name: 'NAME',
  Mode: 'MODE',
  Replicas: 'REPLICAS',
  Image: 'IMAGE',
  Ports: 'PORTS',
};
const ACCEPTED_FILTERS = ['id', 'name', 'label', 'mode'];

export interface ServiceStatus {
  RunningTasks: number;
  DesiredTasks: number;
}

/**
 * ServiceStatus as Engine ≥ 20.10 computes it (swarmkit controlapi ListServiceStatuses): running = the service's
 * tasks whose current state is running (node state is not consulted); desired = the replica count, or for a global
 * service the tasks whose desired state is running.
 */
export function serviceStatus(state: ClusterState, service: Service): ServiceStatus {
  const tasks = state.tasks.filter((t) => t.ServiceID === service.ID);
  const running = tasks.filter((t) => t.Status.State === 'running').length;
  const desired = service.Spec.Mode.Replicated
    ? service.Spec.Mode.Replicated.Replicas
    : tasks.filter((t) => t.DesiredState === 'running').length;
  return { RunningTasks: running, DesiredTasks: desired };
}

export function serviceMode(service: Service): string {
  if (service.Spec.Mode.Global) return 'global';
  if (service.Spec.Mode.Replicated) return 'replicated';
  return '';
}

function serviceContext(state: ClusterState, service: Service): GoStruct {
  const status = serviceStatus(state, service);
  const maxReplicas = service.Spec.Mode.Replicated ? (service.Spec.TaskTemplate.Placement?.MaxReplicas ?? 0) : 0;
  const perNode = maxReplicas > 0 ? ` (max ${maxReplicas} per node)` : '';
  const replicas = `${status.RunningTasks}/${status.DesiredTasks}${perNode}`;
  const context = goStruct('*service.serviceContext', {
    ID: truncateId(service.ID),
    Name: service.Spec.Name,
    Mode: serviceMode(service),
    Replicas: replicas,
    Image: familiarImage(service.Spec.TaskTemplate.ContainerSpec.Image),
    Ports: ingressPorts(service.Endpoint?.Ports ?? []),
  });
  context[MARSHAL_AS_MAP] = true;
  return context;
}

/**
 * docker/cli serviceContext.Ports: the ingress ports sorted by protocol then published port, consecutive ones
 * grouped into ranges (`*:80-81->80-81/tcp`), joined by `, `. Differences are uint32 as in Go.
 */
export function ingressPorts(ports: readonly PortConfig[]): string {
  const sorted = [...ports].sort((a, b) =>
    a.Protocol === b.Protocol ? (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0) : a.Protocol < b.Protocol ? -1 : 1,
  );
  const out: string[] = [];
  type PortRange = { pStart: number; pEnd: number; tStart: number; tEnd: number; protocol: string };
  let range: PortRange | null = null;
  const span = (start: number, end: number) => (end > start ? `${start}-${end}` : `${start}`);
  const text = (r: PortRange) => `*:${span(r.pStart, r.pEnd)}->${span(r.tStart, r.tEnd)}/${r.protocol}`;
  const u32 = (n: number) => n >>> 0;
  for (const port of sorted) {
    if (port.PublishMode !== 'ingress') continue;
    const published = port.PublishedPort ?? 0;
    const current: PortRange = range ?? { pStart: 0, pEnd: 0, tStart: 0, tEnd: 0, protocol: '' };
    const isRange = current.tEnd !== current.tStart;
    const overlaps = port.TargetPort <= current.tEnd;
    if (
      port.Protocol !== current.protocol ||
      u32(published - current.pEnd) > 1 ||
      u32(port.TargetPort - current.tEnd) > 1 ||
      (isRange && overlaps)
    ) {
      if (current.pStart > 0) out.push(text(current));
      range = {
        pStart: published,
        pEnd: published,
        tStart: port.TargetPort,
        tEnd: port.TargetPort,
        protocol: port.Protocol,
      };
      continue;
    }
    current.pEnd = published;
    current.tEnd = port.TargetPort;
  }
  if (range && range.pStart > 0) out.push(text(range));
  return out.join(', ');
}

function matchesFilters(service: Service, filters: Map<string, string[]>): boolean {
  const any = (key: string, test: (value: string) => boolean) => {
    const values = filters.get(key) ?? [];
    return values.length === 0 || values.some(test);
  };
  const labels = service.Spec.Labels ?? {};
  return (
    any('id', (v) => service.ID.startsWith(v)) &&
    any('name', (v) => service.Spec.Name.startsWith(v)) &&
    any('mode', (v) => serviceMode(service) === v) &&
    (filters.get('label') ?? []).every((v) => {
      const eq = v.indexOf('=');
      return eq === -1 ? v in labels : labels[v.slice(0, eq)] === v.slice(eq + 1);
    })
  );
}

/** `docker service ls`. */
export function renderServiceLs(state: ClusterState, options: ServiceLsOptions = {}): CommandResult {
  try {
    const filters = parseFilters(options.filters);
    validateFilterKeys(filters, ACCEPTED_FILTERS);
    const source = options.format || 'table';
    const format =
      source === 'table'
        ? options.quiet
          ? '{{.ID}}'
          : DEFAULT_TABLE
        : source === 'raw'
          ? options.quiet
            ? 'id: {{.ID}}'
            : RAW_FORMAT
          : source;
    const services = state.services
      .filter((s) => matchesFilters(s, filters))
      .sort((a, b) => naturalCompare(a.Spec.Name, b.Spec.Name));
    return {
      stdout: formatWrite(
        format,
        services.map((s) => serviceContext(state, s)),
        HEADER,
      ),
      stderr: '',
      exitCode: 0,
    };
  } catch (error) {
    return errorResult(error);
  }
}
