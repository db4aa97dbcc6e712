// docker/cli option values swarmlab parses but does not simulate: NanoCPUs, MemBytes (go-units) and PortOpt.
import {
  ERR_CPUS_TOO_PRECISE,
  ERR_PORT_TARGET_MISSING,
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
  errNoPortSpecified,
} from '../messages.js';
import { NumError, parseFloat64, parseUint64 } from './strconv.js';

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
const isIp = (ip: string) => IPV4.test(ip) || (ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip));

/** nat.ParsePortSpec: `[[ip:]host:]container[/proto]`. */
function validateShortPort(raw: string): void {
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
  if (hostPort !== '') {
    let host: [bigint, bigint];
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
}

/** PortOpt long syntax: `target=80,published=8080,protocol=tcp,mode=ingress`. */
function validateLongPort(value: string): void {
  let target = 0n;
  for (const field of value.split(',')) {
    const lowered = field.toLowerCase();
    const eq = lowered.indexOf('=');
    if (eq <= 0) throw new Error(errInvalidPortField(field));
    const key = lowered.slice(0, eq);
    const val = lowered.slice(eq + 1);
    if (key === 'protocol') {
      if (!['tcp', 'udp', 'sctp'].includes(val)) throw new Error(errInvalidPortProtocol(val));
    } else if (key === 'mode') {
      if (val !== 'ingress' && val !== 'host') throw new Error(errInvalidPublishMode(val));
    } else if (key === 'target') target = parsePort16(val);
    else if (key === 'published') parsePort16(val);
    else throw new Error(errInvalidPortFieldKey(key));
  }
  if (target === 0n) throw new Error(ERR_PORT_TARGET_MISSING);
}

/** opts.PortOpt.Set: the long syntax when the value holds `word=word`, nat.ParsePortSpec otherwise. */
export function validatePort(value: string): string {
  if (/\w+=\w+(,\w+=\w+)*/.test(value)) validateLongPort(value);
  else validateShortPort(value);
  return value;
}
