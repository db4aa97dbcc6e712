// Where the Docker daemon is: --host / DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, read as the docker CLI reads
// them.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';
const DEFAULT_HTTP_PORT = '2375';
const DEFAULT_TLS_PORT = '2376';
const DEFAULT_HTTP_HOST = 'localhost';

export type DockerEndpoint =
  | { kind: 'unix'; socketPath: string; display: string }
  | {
      kind: 'tcp';
      host: string;
      port: number;
      /** The host's path (`tcp://h:1/base`), put before every request path as the docker CLI does. */
      basePath: string;
      tls: TlsFiles | null;
      display: string;
    };

export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** DOCKER_TLS_VERIFY set: check the daemon's certificate against the CA. */
  verify: boolean;
}

/** The docker CLI's own refusal of a host or TLS setting, before any connection ("Failed to initialize: …"). */
export class EndpointError extends Error {
  constructor(detail: string) {
    super(`Failed to initialize: unable to resolve docker endpoint: ${detail}`);
    this.name = 'EndpointError';
  }
}

/**
 * The endpoint of `--host` (or DOCKER_HOST), normalised as the docker CLI does (`tcp://` is tcp://localhost:2375).
 * TLS is on when DOCKER_TLS_VERIFY or DOCKER_TLS is set (DOCKER_CERT_PATH alone does not turn it on), and then
 * ca.pem must exist. Throws EndpointError (docker's words) on what the docker CLI refuses.
 */
export function resolveEndpoint(hostFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const tls = verify || (env.DOCKER_TLS ?? '') !== '' ? readTlsFiles(env, verify) : null;
  const raw = (hostFlag ?? env.DOCKER_HOST ?? '').trim();
  const normalised = raw === '' ? (tls ? `tcp://${DEFAULT_HTTP_HOST}:${DEFAULT_TLS_PORT}` : DEFAULT_DOCKER_HOST) : raw;
  const cut = normalised.indexOf('://');
  const proto = cut < 0 ? 'tcp' : normalised.slice(0, cut);
  const rest = cut < 0 ? normalised : normalised.slice(cut + 3);
  if (proto === 'unix') {
    if (rest.includes('://')) throw new EndpointError(`invalid proto, expected unix: ${rest}`);
    const socketPath = rest || DEFAULT_DOCKER_HOST.slice('unix://'.length);
    return { kind: 'unix', socketPath, display: `unix://${socketPath}` };
  }
  if (proto === 'tcp') return tcpEndpoint(rest, tls);
  if (proto === 'ssh' || proto === 'npipe' || proto === 'fd')
    throw new Error(
      `Docker host ${JSON.stringify(raw)}: swarmlab speaks to unix:// and tcp:// hosts only (not ${proto}://)`,
    );
  throw new EndpointError(`invalid bind address format: ${normalised}`);
}

/** tcp://HOST:PORT/PATH as docker's ParseTCPAddr reads it (Go's url.Parse errors word a bad host or port). */
function tcpEndpoint(tryAddr: string, tls: TlsFiles | null): DockerEndpoint {
  const defaultPort = tls ? DEFAULT_TLS_PORT : DEFAULT_HTTP_PORT;
  let addr = tryAddr.startsWith('tcp://') ? tryAddr.slice('tcp://'.length) : tryAddr;
  if (tryAddr === '' || tryAddr === 'tcp://') addr = ':';
  else if (addr.includes('://') || addr === '') throw new EndpointError(`invalid proto, expected tcp: ${tryAddr}`);
  if (addr.endsWith(']:')) addr += defaultPort;
  const url = parseGoUrl(`tcp://${addr}`);
  const split = splitHostPort(url.host) ?? splitHostPort(`${url.host.includes(':') ? `[${url.host}]` : url.host}:`);
  if (!split) throw new EndpointError(`invalid bind address format: ${tryAddr}`);
  const host = split.host || DEFAULT_HTTP_HOST;
  const portText = split.port || defaultPort;
  const port = Number(portText);
  const hostPort = host.includes(':') ? `[${host}]:${portText}` : `${host}:${portText}`;
  return { kind: 'tcp', host, port, basePath: url.path, tls, display: `tcp://${hostPort}${url.path}` };
}

/** Go's net.SplitHostPort, loosely: `[v6]:port` or `host:port` with one colon; null when it has no port part. */
function splitHostPort(hostPort: string): { host: string; port: string } | null {
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const plain = /^([^:[\]]*):([^:]*)$/.exec(hostPort);
  return plain ? { host: plain[1], port: plain[2] } : null;
}

/** The authority and path of a `tcp://…` URL, with Go's url.Parse errors for a bad escape, host character or port. */
function parseGoUrl(text: string): { host: string; path: string } {
  const fail = (why: string) => new EndpointError(`parse ${JSON.stringify(text)}: ${why}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Go refuses control characters in a URL
  if (/[\x00-\x1f\x7f]/.test(text)) throw fail('net/url: invalid control character in URL');
  const withoutFragment = text.split('#')[0];
  const withoutQuery = withoutFragment.split('?')[0];
  const afterScheme = withoutQuery.slice('tcp://'.length);
  const slash = afterScheme.indexOf('/');
  const authority = slash < 0 ? afterScheme : afterScheme.slice(0, slash);
  const path = slash < 0 ? '' : afterScheme.slice(slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  const badEscape = /%(?![0-9A-Fa-f]{2})(.{0,2})/.exec(host);
  if (badEscape) throw fail(`invalid URL escape ${JSON.stringify(`%${badEscape[1]}`)}`);
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !host.slice(colon).includes(']')) {
    const port = host.slice(colon);
    if (!/^:\d*$/.test(port)) throw fail(`invalid port ${JSON.stringify(port)} after host`);
  }
  const badChar = /[^A-Za-z0-9\-._~!$&'()*+,;=:[\]%]/.exec(host);
  if (badChar) throw fail(`invalid character ${JSON.stringify(badChar[0])} in host name`);
  return { host: decodeURIComponent(host), path };
}

/** ca.pem (required, as the docker CLI reads it), cert.pem and key.pem (left out when absent) from DOCKER_CERT_PATH. */
function readTlsFiles(env: NodeJS.ProcessEnv, verify: boolean): TlsFiles {
  const dir = (env.DOCKER_CERT_PATH ?? '') || (env.DOCKER_CONFIG ?? '') || join(env.HOME ?? homedir(), '.docker');
  const read = (name: string, required: boolean): Buffer | undefined => {
    try {
      return readFileSync(join(dir, name));
    } catch (err) {
      if (!required) return undefined;
      throw new EndpointError(`open ${join(dir, name)}: ${goErrno(err)}`);
    }
  };
  return { ca: read('ca.pem', true), cert: read('cert.pem', false), key: read('key.pem', false), verify };
}

/** Go's text for a system error code (what follows `open FILE: ` or `connect: `). */
export function goErrno(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  const texts: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ECONNREFUSED: 'connection refused',
    EHOSTUNREACH: 'no route to host',
    ENETUNREACH: 'network is unreachable',
  };
  return texts[code] ?? (err instanceof Error ? err.message : String(err));
}
