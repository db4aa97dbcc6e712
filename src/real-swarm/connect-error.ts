// The docker CLI's words for a request that never reached the daemon: "Cannot connect to the Docker daemon at …" or
// "error during connect: …".
import { type DockerEndpoint, goErrno } from './host.js';

/**
 * Node's codes for a TLS certificate the CA does not vouch for (Go: x509 "certificate signed by unknown authority").
 */
const UNKNOWN_AUTHORITY = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/**
 * What the docker CLI prints when `method path` failed this way: refused, a unix socket's dial error or a timeout is
 * "Cannot connect …"; a denied socket is "permission denied while trying to connect …"; anything else (an unknown
 * host, a bad port, a certificate, a closed connection) is "error during connect: Get "URL": <Go's error>".
 */
export function connectFailureMessage(
  endpoint: DockerEndpoint,
  method: string,
  path: string,
  err: Error & { code?: string },
): string {
  const code = err.code ?? '';
  const cannotConnect = `Cannot connect to the Docker daemon at ${endpoint.display}. Is the docker daemon running?`;
  const request = `${method[0]}${method.slice(1).toLowerCase()} ${JSON.stringify(requestUrl(endpoint, path))}`;
  if (endpoint.kind === 'unix') {
    if (code === 'EACCES')
      return (
        'permission denied while trying to connect to the Docker daemon socket ' +
        `at ${endpoint.display}: ${request}: dial unix ${endpoint.socketPath}: connect: permission denied`
      );
    if (code && code !== 'ECONNRESET') return cannotConnect; // Go: "dial unix …"
    return `error during connect: ${request}: ${goNetError(endpoint, err)}`;
  }
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EADDRNOTAVAIL' || endpoint.port === 0)
    return cannotConnect;
  return `error during connect: ${request}: ${goNetError(endpoint, err)}`;
}

/** The URL Go's http client names in its error: http(s)://host:port/base/path, a unix socket's path escaped as host. */
function requestUrl(endpoint: DockerEndpoint, path: string): string {
  if (endpoint.kind === 'unix') return `http://${encodeURIComponent(endpoint.socketPath)}${path}`;
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  const base = endpoint.basePath.replace(/\/+$/, '');
  return `${endpoint.tls ? 'https' : 'http'}://${host}:${endpoint.port}${base}${path}`;
}

/** Go's net/tls error text for Node's error on a tcp endpoint. */
function goNetError(endpoint: DockerEndpoint, err: Error & { code?: string }): string {
  const code = err.code ?? '';
  if (code === 'ECONNRESET') return err.message === 'socket hang up' ? 'EOF' : 'read: connection reset by peer';
  if (endpoint.kind === 'unix') return code ? `${err.message} (${code})` : err.message;
  if (code === 'ERR_SOCKET_BAD_PORT') return `dial tcp: address ${endpoint.port}: invalid port`;
  if (code === 'ENOTFOUND') return `dial tcp: lookup ${endpoint.host}: no such host`;
  if (code === 'EAI_AGAIN') return `dial tcp: lookup ${endpoint.host}: temporary failure in name resolution`;
  if (UNKNOWN_AUTHORITY.has(code))
    return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `tls: failed to verify certificate: x509: ${err.message}`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return `dial tcp ${endpoint.host}:${endpoint.port}: connect: ${goErrno(err)}`;
  return code ? `${err.message} (${code})` : err.message;
}
