// Published ports as the engine, the trace fold and the views share them: host-mode ports, a task's PortStatus.
import type { EndpointSpec, PortConfig, Service, ServiceSpec, TaskState } from './types.js';

/** The ports that bind on the task's node: host mode with a fixed published port (swarmkit HostPortFilter). */
export function hostModePorts(endpoint: EndpointSpec | undefined): PortConfig[] {
  return (endpoint?.Ports ?? []).filter((port) => port.PublishMode === 'host' && (port.PublishedPort ?? 0) > 0);
}

/** The key swarmkit's nodeinfo tracks a used host port by: protocol and published port. */
export const hostPortKey = (port: PortConfig) => `${port.PublishedPort ?? 0}/${port.Protocol}`;

/**
 * Task.Status.PortStatus.Ports as Engine 20.10 reports it: the host-mode ports of a running container, each listed
 * twice (bound on 0.0.0.0 and on ::); once the task is told to stop its report no longer carries them (recorded:
 * the old task of a stop-first update shows `Running` with an empty PORTS column).
 */
export function portStatusPorts(hostPorts: readonly PortConfig[], state: TaskState, desired: TaskState): PortConfig[] {
  if (state !== 'running' || desired !== 'running' || hostPorts.length === 0) return [];
  return hostPorts.flatMap((port) => [port, port]);
}

/** The Endpoint.Spec the API shows: the mode (vip unless dnsrr) and the spec's ports. */
export function endpointSpecView(spec: EndpointSpec | undefined): EndpointSpec {
  const view: EndpointSpec = { Mode: spec?.Mode ?? 'vip' };
  if (spec?.Ports?.length) view.Ports = spec.Ports;
  return view;
}

/** Service.Endpoint: the spec view and, when the service publishes ports, the allocated ones. */
export function serviceEndpoint(
  spec: ServiceSpec,
  allocated: readonly PortConfig[] | null | undefined,
): Service['Endpoint'] {
  const endpoint: Service['Endpoint'] = { Spec: endpointSpecView(spec.EndpointSpec) };
  if (allocated?.length) endpoint.Ports = [...allocated];
  return endpoint;
}
