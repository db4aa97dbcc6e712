// Compose `ports:` → EndpointSpec.Ports, as `docker stack deploy` converts them (docker/cli convertEndpointSpec).
import { parsePortOpt } from '../commands/docker-opts.js';
import { dockerText, inputText, what } from '../input-messages.js';
import type { PortConfig, PortProtocol, PublishMode } from '../types.js';
import type { Entry, YamlSource, YNode } from './yaml-source.js';

const LONG_KEYS = ['target', 'published', 'protocol', 'mode', 'host_ip', 'name', 'app_protocol'] as const;

/**
 * The short syntax (`"8080:80"`, `"53:53/udp"`, `80`) as nat.ParsePortSpecs reads it (ingress ports); the long syntax
 * (`{target, published, protocol, mode}`, protocol tcp and mode ingress when absent, as the daemon stores them).
 * Sorted by published port, as convertEndpointSpec does.
 */
export function readPorts(src: YamlSource, entry: Entry | undefined): PortConfig[] {
  if (!entry || src.isEmpty(entry.value)) return [];
  const ports: PortConfig[] = [];
  for (const item of src.items(entry.value, entry.path, what('ports'))) {
    if (src.kind(item.node) === 'mapping') ports.push(readLongPort(src, item.node, item.path));
    else {
      const text = src.text(item.node, item.path, what('port'));
      try {
        ports.push(...parsePortOpt(text));
      } catch (err) {
        src.fail(item.node, item.path, dockerText((err as Error).message));
      }
    }
  }
  return ports
    .map((port, i) => ({ port, i }))
    .sort((a, b) => published(a.port) - published(b.port) || a.i - b.i)
    .map((x) => x.port);
}

const published = (port: PortConfig) => port.PublishedPort ?? 0;

function readLongPort(src: YamlSource, node: YNode, path: string): PortConfig {
  const fields = src.entries(node, path);
  src.checkKeys(fields, LONG_KEYS);
  const get = (key: string) => fields.find((field) => field.key === key);
  const target = get('target');
  if (!target) return src.fail(node, path, inputText('compose.portTarget'));
  const port: PortConfig = {
    Protocol: 'tcp',
    TargetPort: src.integer(target.value, target.path, what('portRange'), 1),
    PublishMode: 'ingress',
  };
  if (port.TargetPort > 65535)
    src.fail(target.value, target.path, inputText('expectedOnly', { what: what('portRange') }));
  const pub = get('published');
  if (pub && !src.isEmpty(pub.value)) {
    const text = src.text(pub.value, pub.path, what('portNumber'));
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 65535)
      src.fail(pub.value, pub.path, inputText('expected', { what: what('portNumber'), got: text }));
    if (value > 0) port.PublishedPort = value;
  }
  const protocol = get('protocol');
  if (protocol && !src.isEmpty(protocol.value)) {
    const text = src.string(protocol.value, protocol.path, what('protocol')).toLowerCase();
    if (text !== 'tcp' && text !== 'udp' && text !== 'sctp')
      src.fail(protocol.value, protocol.path, inputText('oneOf', { choices: 'tcp, udp, sctp', got: text }));
    port.Protocol = text as PortProtocol;
  }
  const mode = get('mode');
  if (mode && !src.isEmpty(mode.value)) {
    const text = src.string(mode.value, mode.path, what('publishMode'));
    if (text !== 'host' && text !== 'ingress')
      src.fail(mode.value, mode.path, inputText('oneOf', { choices: 'host, ingress', got: text }));
    port.PublishMode = text as PublishMode;
  }
  return port;
}
