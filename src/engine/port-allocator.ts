// Published ports in the manager: controlapi's conflict checks and the allocator's ingress ports (30000 up, serial).
import { DaemonError } from '../errors.js';
import {
  ERR_DUPLICATE_PUBLISHED_PORTS,
  ERR_INGRESS_WITH_DNSRR,
  errHostPortInUseByIngress,
  errIngressPortInUse,
} from '../messages.js';
import type { PortConfig, ServiceSpec } from '../types.js';
import type { ServiceRecord } from './records.js';

/** swarmkit manager/allocator/portallocator.go: dynamic ports are drawn from [30000, 32767]. */
const DYNAMIC_PORT_START = 30000;
const DYNAMIC_PORT_END = 32767;

/** controlapi validateEndpointSpec: no ingress port with dnsrr, no published port/protocol twice. */
export function validateEndpointSpec(spec: ServiceSpec): void {
  const endpoint = spec.EndpointSpec;
  if (!endpoint?.Ports) return;
  const seen = new Set<string>();
  for (const port of endpoint.Ports) {
    if (endpoint.Mode === 'dnsrr' && port.PublishMode === 'ingress') throw new DaemonError(ERR_INGRESS_WITH_DNSRR);
    if (!port.PublishedPort) continue;
    const key = `${port.PublishedPort}/${port.Protocol}`;
    if (seen.has(key)) throw new DaemonError(ERR_DUPLICATE_PUBLISHED_PORTS);
    seen.add(key);
  }
}

export class PortAllocator {
  /** idm's serial allocation: the next dynamic port is searched from just after the last one handed out. */
  private readonly nextDynamic = new Map<string, number>();

  constructor(private readonly services: ReadonlyMap<string, ServiceRecord>) {}

  /**
   * controlapi checkPortConflicts: a published port of the spec that another service publishes in ingress mode (or
   * that the spec publishes in ingress mode while another service publishes it in host mode) refuses the request.
   * Both the other services' specs and their allocated ports are checked, specs first, as swarmkit does.
   */
  checkConflicts(spec: ServiceSpec, selfId: string | null): void {
    const ingress = new Set<string>();
    const host = new Set<string>();
    for (const port of spec.EndpointSpec?.Ports ?? []) {
      if (!port.PublishedPort) continue;
      (port.PublishMode === 'ingress' ? ingress : host).add(`${port.PublishedPort}/${port.Protocol}`);
    }
    if (!ingress.size && !host.size) return;
    for (const service of this.services.values()) {
      if (service.id === selfId) continue;
      for (const port of [...(service.spec.EndpointSpec?.Ports ?? []), ...(service.endpointPorts ?? [])]) {
        if (!port.PublishedPort) continue;
        const key = `${port.PublishedPort}/${port.Protocol}`;
        if (port.PublishMode === 'host' && ingress.has(key))
          throw new DaemonError(errHostPortInUseByIngress(port.PublishedPort, service.spec.Name, service.id));
        if (port.PublishMode === 'ingress' && (ingress.has(key) || host.has(key)))
          throw new DaemonError(errIngressPortInUse(port.PublishedPort, service.spec.Name, service.id));
      }
    }
  }

  /**
   * serviceAllocatePorts: the spec's ports with every ingress port given a published port; an ingress port without
   * one keeps the port it had before (reconcilePortConfigs), else takes the next free dynamic port.
   */
  allocate(spec: ServiceSpec, self: ServiceRecord | null): PortConfig[] | null {
    const ports = spec.EndpointSpec?.Ports ?? [];
    if (!ports.length) return null;
    const used = new Set<string>();
    for (const service of this.services.values()) {
      if (service === self) continue;
      for (const port of service.endpointPorts ?? []) used.add(`${port.PublishedPort}/${port.Protocol}`);
    }
    const sticky = (self?.endpointPorts ?? []).filter((port) => port.PublishMode === 'ingress');
    const out: PortConfig[] = ports.filter((port) => port.PublishMode !== 'ingress' || port.PublishedPort);
    for (const port of ports) {
      if (port.PublishMode !== 'ingress' || port.PublishedPort) continue;
      const kept = sticky.find((old) => old.TargetPort === port.TargetPort && old.Protocol === port.Protocol);
      if (kept) {
        sticky.splice(sticky.indexOf(kept), 1);
        out.push({ ...port, PublishedPort: kept.PublishedPort });
      } else out.push({ ...port, PublishedPort: this.dynamicPort(port.Protocol, used) });
    }
    return out;
  }

  private dynamicPort(protocol: string, used: Set<string>): number {
    const size = DYNAMIC_PORT_END - DYNAMIC_PORT_START + 1;
    const from = this.nextDynamic.get(protocol) ?? DYNAMIC_PORT_START;
    for (let i = 0; i < size; i++) {
      const port = DYNAMIC_PORT_START + ((from - DYNAMIC_PORT_START + i) % size);
      if (used.has(`${port}/${protocol}`)) continue;
      used.add(`${port}/${protocol}`);
      this.nextDynamic.set(protocol, port + 1 > DYNAMIC_PORT_END ? DYNAMIC_PORT_START : port + 1);
      return port;
    }
    return 0;
  }
}
