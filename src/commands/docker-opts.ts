// docker/cli option values swarmlab parses but does not simulate: NanoCPUs, MemBytes (go-units) and PortOpt.
import {
  ERR_CPUS_TOO_PRECISE,
  ERR_PLACEMENT_PREF_FORMAT,
  ERR_PORT_TARGET_MISSING,
  errAddHostIp,
  errBadAddHost,
  errCpusNotRational,
  errInvalidContainerPort,
  errInvalidHostPort,
  errInvalidPortField,
  errInvalidPortFieldKey,
  errInvalidPortIp,
  errInvalidPortProto,
  errInvalidPortProtocol,
  errInvalidPortRanges,
  errInvalidPublishMode,
  errInvalidSize,
  errInvalidSuffix,
  errIpNotFormatted,
  errNoPortSpecified,
  errPlacementPrefStrategy,
  errUlimitArgument,
  errUlimitSoftAboveHard,
  errUlimitTooManyValues,
  errUlimitType,
} from '../messages.js';
import type { PortConfig, PortProtocol, PublishMode } from '../types.js';
import { NumError, parseFloat64, parseUint64, quoteGo } from './strconv.js';

const NANOS_PER_CPU = 1_000_000_000n;

/** opts.ParseCPUs: a big.Rat literal (decimal with exponent, or `a/b`) that is a whole number of nano-CPUs. */
export function validateCpus(value: string): string {
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(value);
  if (fraction) {
    const denominator = BigInt(fraction[2]);
    if (denominator === 0n) throw new Error(errCpusNotRational(value));
    if ((BigInt(fraction[1]) * NANOS_PER_CPU) % denominator !== 0n) throw new Error(ERR_CPUS_TOO_PRECISE);
    return value;
  }
  const decimal = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  const whole = decimal?.[1] ?? '';
  const fractional = decimal?.[2] ?? '';
  if (!decimal || whole + fractional === '') throw new Error(errCpusNotRational(value));
  // value = digits × 10^exponent; × 1e9 it is whole when the digits are zero or exponent + 9 ≥ 0
  const mantissa = whole + fractional;
  const digits = mantissa.replace(/0+$/, '');
  if (/^0*$/.test(digits)) return value;
  const exponent = Number(decimal[3] ?? '0') - fractional.length + (mantissa.length - digits.length);
  if (exponent + 9 < 0) throw new Error(ERR_CPUS_TOO_PRECISE);
  return value;
}

const SIZE_UNITS = 'kmgtp';

/** go-units RAMInBytes: a number, an optional space, then b, or k/m/g/t/p with an optional b or ib. */
export function validateMemBytes(value: string): string {
  let sep = -1;
  for (let i = value.length - 1; i >= 0 && sep < 0; i--) if ('0123456789. '.includes(value[i])) sep = i;
  if (sep < 0) throw new Error(errInvalidSize(value));
  const number = value[sep] === ' ' ? value.slice(0, sep) : value.slice(0, sep + 1);
  let suffix = value.slice(sep + 1);
  const size = parseFloat64(number);
  if (size < 0) throw new Error(errInvalidSize(value));
  if (suffix === '') return value;
  if (suffix.length > 3) throw new Error(errInvalidSuffix(suffix));
  suffix = suffix.toLowerCase();
  if (suffix[0] === 'b') {
    if (suffix.length > 1) throw new Error(errInvalidSuffix(suffix));
    return value;
  }
  if (!SIZE_UNITS.includes(suffix[0])) throw new Error(errInvalidSuffix(suffix));
  if ((suffix.length === 2 && suffix[1] !== 'b') || (suffix.length === 3 && suffix.slice(1) !== 'ib'))
    throw new Error(errInvalidSuffix(suffix));
  return value;
}

/** nat.ParsePortRange: `port` or `start-end`, each a strconv.ParseUint(s, 10, 16). */
function parsePortRange(ports: string): [bigint, bigint] {
  if (ports === '') throw new Error('empty string specified for ports');
  const parts = ports.split('-');
  const start = parsePort16(parts[0]);
  if (parts.length === 1) return [start, start];
  const end = parsePort16(parts[1]);
  if (end < start) throw new Error(`invalid range specified for port: ${ports}`);
  return [start, end];
}

function parsePort16(text: string): bigint {
  const port = parseUint64(text, 'ParseUint', true);
  if (port > 0xffffn) throw new NumError('ParseUint', text, 'range');
  return port;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** net.ParseIP: dotted IPv4 (no leading zeros), or IPv6 with at most one `::` and an optional IPv4 tail. */
export function isIp(ip: string): boolean {
  if (IPV4.test(ip)) return true;
  const halves = ip.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  let count = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (!IPV4.test(last) || (halves.length === 2 && groups[1].length === 0)) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** nat.ParsePortSpec: `[[ip:]host:]container[/proto]`; ConvertPortToPortConfig: one ingress port per host port. */
function parseShortPort(raw: string): PortConfig[] {
  const parts = raw.split(':');
  const containerPart = parts[parts.length - 1];
  const hostPort = parts.length >= 2 ? parts[parts.length - 2] : '';
  let ip = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
  const slash = containerPart.split('/');
  const containerPort = containerPart === '' || slash[0] === '' ? '' : slash[0];
  let proto = containerPort === '' ? '' : slash.length === 1 || slash[1] === '' ? 'tcp' : slash[1];
  if (ip.startsWith('[')) ip = ip.replace(/^\[|\]$/g, '');
  if (ip !== '' && !isIp(ip)) throw new Error(errInvalidPortIp(ip));
  if (containerPort === '') throw new Error(errNoPortSpecified(raw));
  let container: [bigint, bigint];
  try {
    container = parsePortRange(containerPort);
  } catch {
    throw new Error(errInvalidContainerPort(containerPort));
  }
  let host: [bigint, bigint] | null = null;
  if (hostPort !== '') {
    try {
      host = parsePortRange(hostPort);
    } catch {
      throw new Error(errInvalidHostPort(hostPort));
    }
    if (container[1] - container[0] !== host[1] - host[0] && container[1] !== container[0])
      throw new Error(errInvalidPortRanges(containerPort, hostPort));
  }
  proto = proto.toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new Error(errInvalidPortProto(proto));
  const port = (target: bigint, published: bigint): PortConfig => ({
    Protocol: proto as PortProtocol,
    TargetPort: Number(target),
    ...(published > 0n ? { PublishedPort: Number(published) } : {}),
    PublishMode: 'ingress',
  });
  const out: PortConfig[] = [];
  // One container port and a host range: every host port maps to it; equal ranges map one to one.
  if (host && container[0] === container[1]) for (let p = host[0]; p <= host[1]; p++) out.push(port(container[0], p));
  else for (let c = container[0]; c <= container[1]; c++) out.push(port(c, host ? host[0] + (c - container[0]) : 0n));
  return out;
}

/** opts.ValidateIPAddress (--dns, --dns-add). */
export function validateIpAddress(value: string): string {
  if (!isIp(value.trim())) throw new Error(errIpNotFormatted(value));
  return value;
}

/** opts.ValidateExtraHost (--host, --host-add): `name=ip` or `name:ip`, ip may be `[…]` or host-gateway. */
export function validateExtraHost(value: string): string {
  let sep = value.indexOf('=');
  if (sep < 0) sep = value.indexOf(':');
  const name = sep < 0 ? '' : value.slice(0, sep);
  if (sep < 0 || name === '' || name.includes(':')) throw new Error(errBadAddHost(quoteGo(value)));
  let ip = value.slice(sep + 1);
  if (ip === 'host-gateway') return value;
  if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (!isIp(ip.trim())) throw new Error(errAddHostIp(quoteGo(ip)));
  return value;
}

/** placementPrefOpts.Set (--placement-pref, --placement-pref-add): `spread=<label>`. */
export function validatePlacementPref(value: string): string {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new Error(ERR_PLACEMENT_PREF_FORMAT);
  const strategy = value.slice(0, eq);
  if (strategy !== 'spread') throw new Error(errPlacementPrefStrategy(strategy));
  return value;
}

const ULIMIT_NAMES = new Set([
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
]);
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** strconv.ParseInt(s, 10, 64). */
function parseInt64Base10(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new NumError('ParseInt', text, 'syntax');
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) throw new NumError('ParseInt', text, 'range');
  return value;
}

/** go-units ParseUlimit (--ulimit, --ulimit-add): `name=soft[:hard]`. */
export function validateUlimit(value: string): string {
  const eq = value.indexOf('=');
  if (eq < 0) throw new Error(errUlimitArgument(value));
  const name = value.slice(0, eq);
  if (!ULIMIT_NAMES.has(name)) throw new Error(errUlimitType(name));
  const limits = value.slice(eq + 1);
  const parts = limits.split(':');
  if (parts.length > 2) throw new Error(errUlimitTooManyValues(limits));
  const hard = parts.length === 2 ? parseInt64Base10(parts[1]) : undefined;
  const soft = parseInt64Base10(parts[0]);
  if (hard !== undefined && hard !== -1n && soft > hard) throw new Error(errUlimitSoftAboveHard(`${soft}`, `${hard}`));
  return value;
}

/** PortOpt long syntax: `target=80,published=8080,protocol=tcp,mode=ingress`. */
function parseLongPort(value: string): PortConfig {
  let target = 0n;
  let published = 0n;
  let protocol: PortProtocol = 'tcp';
  let mode: PublishMode = 'ingress';
  for (const field of value.split(',')) {
    const lowered = field.toLowerCase();
    const eq = lowered.indexOf('=');
    if (eq <= 0) throw new Error(errInvalidPortField(field));
    const key = lowered.slice(0, eq);
    const val = lowered.slice(eq + 1);
    if (key === 'protocol') {
      if (!['tcp', 'udp', 'sctp'].includes(val)) throw new Error(errInvalidPortProtocol(val));
      protocol = val as PortProtocol;
    } else if (key === 'mode') {
      if (val !== 'ingress' && val !== 'host') throw new Error(errInvalidPublishMode(val));
      mode = val;
    } else if (key === 'target') target = parsePort16(val);
    else if (key === 'published') published = parsePort16(val);
    else throw new Error(errInvalidPortFieldKey(key));
  }
  if (target === 0n) throw new Error(ERR_PORT_TARGET_MISSING);
  return {
    Protocol: protocol,
    TargetPort: Number(target),
    ...(published > 0n ? { PublishedPort: Number(published) } : {}),
    PublishMode: mode,
  };
}

/** opts.PortOpt.Set: the long syntax when the value holds `word=word`, nat.ParsePortSpec otherwise. */
export function parsePortOpt(value: string): PortConfig[] {
  return /\w+=\w+(,\w+=\w+)*/.test(value) ? [parseLongPort(value)] : parseShortPort(value);
}

/** Validation only (the flag table's `validate`). */
export function validatePort(value: string): string {
  parsePortOpt(value);
  return value;
}
