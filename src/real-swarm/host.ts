// Where the Docker daemon is: --host / DOCKER_HOST / DOCKER_CERT_PATH / DOCKER_TLS_VERIFY, read as the docker CLI reads them.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';
const DEFAULT_HTTP_PORT = 2375;
const DEFAULT_TLS_PORT = 2376;

export type DockerEndpoint =
  | { kind: 'unix'; socketPath: string; display: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsFiles | null; display: string };

export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** DOCKER_TLS_VERIFY set: check the daemon's certificate against the CA. */
  verify: boolean;
}

/** The endpoint of `--host` (or DOCKER_HOST), with TLS as DOCKER_TLS_VERIFY / DOCKER_CERT_PATH ask. Throws on a bad host. */
export function resolveEndpoint(hostFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  const raw = (hostFlag ?? env.DOCKER_HOST ?? '').trim() || DEFAULT_DOCKER_HOST;
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const useTls = verify || (env.DOCKER_CERT_PATH ?? '') !== '';
  const match = /^([a-z]+):\/\/(.*)$/.exec(raw);
  const scheme = match ? match[1] : 'tcp';
  const rest = match ? match[2] : raw;
  if (scheme === 'unix') {
    if (!rest) throw new Error(`invalid Docker host ${JSON.stringify(raw)}: a unix socket path is required`);
    return { kind: 'unix', socketPath: rest, display: raw };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const hostPort = rest.replace(/\/.*$/, '');
    const portMatch = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
    if (!portMatch) throw new Error(`invalid Docker host ${JSON.stringify(raw)}`);
    const host = (portMatch[1] || 'localhost').replace(/^\[|\]$/g, '');
    const tls = useTls || scheme === 'https' ? readTlsFiles(env, verify) : null;
    const port = portMatch[2] ? Number(portMatch[2]) : tls ? DEFAULT_TLS_PORT : DEFAULT_HTTP_PORT;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`invalid Docker host ${JSON.stringify(raw)}: bad port`);
    return { kind: 'tcp', host, port, tls, display: raw };
  }
  throw new Error(
    `Docker host ${JSON.stringify(raw)}: swarmlab speaks to unix:// and tcp:// hosts only (not ${scheme}://)`,
  );
}

/** ca.pem, cert.pem and key.pem from DOCKER_CERT_PATH (default ~/.docker); missing files are left out. */
function readTlsFiles(env: NodeJS.ProcessEnv, verify: boolean): TlsFiles {
  const dir = (env.DOCKER_CERT_PATH ?? '') || join(env.HOME ?? homedir(), '.docker');
  const read = (name: string): Buffer | undefined => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return undefined;
    }
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify };
}
