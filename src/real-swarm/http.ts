// Engine API client over a unix socket or tcp(+TLS): JSON requests, streams, version negotiation and daemon checks.
import { type ClientRequest, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { NS_PER_MS } from '../defaults.js';
import { parseGoDuration } from '../duration.js';
import { connectFailureMessage } from './connect-error.js';
import type { DockerEndpoint } from './host.js';

/** The oldest Engine API swarmlab accepts (Swarm mode's service rollback and update order need 1.29). */
export const MIN_API_VERSION = '1.29';
/** The newest Engine API swarmlab speaks. */
export const MAX_API_VERSION = '1.41';
/** How long a request may go without a byte from the daemon (streams like /events only until their headers). */
export const DEFAULT_API_TIMEOUT_MS = 30_000;
/** Overrides DEFAULT_API_TIMEOUT_MS with a Go duration (`5s`). */
export const API_TIMEOUT_ENV = 'SWARMLAB_API_TIMEOUT';

/** The timeout from SWARMLAB_API_TIMEOUT, else the default; a bad value is a clear error. */
export function apiTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const text = env[API_TIMEOUT_ENV];
  if (text === undefined || text === '') return DEFAULT_API_TIMEOUT_MS;
  let nanos: number;
  try {
    nanos = parseGoDuration(text);
  } catch (err) {
    throw new Error(
      `${API_TIMEOUT_ENV}=${text}: ${err instanceof Error ? err.message : String(err)} (expected a Go duration such ` +
        'as 30s)',
    );
  }
  if (nanos <= 0)
    throw new Error(`${API_TIMEOUT_ENV}=${text}: the timeout must be positive (a Go duration such as 30s)`);
  return nanos / NS_PER_MS;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  text: string;
  bytes: Buffer;
}

/** The daemon answered with an error status; `message` is the daemon's own text. */
export class ApiError extends Error {
  /** `request`: what was asked (`GET /tasks`), for messages about a failure outside a typed command. */
  constructor(
    readonly status: number,
    message: string,
    readonly request = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The daemon took a request but sent nothing back for the timeout (a hung daemon, a stalled proxy or network). */
export class DaemonTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonTimeoutError';
  }
}

/** The daemon could not be reached at all. */
export class DaemonUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonUnreachableError';
  }
}

export class DockerClient {
  /** `/v1.41`-style prefix once negotiated; empty before. */
  private prefix = '';
  apiVersion = '';

  /** `timeoutMs`: the longest silence from the daemon a request tolerates (default SWARMLAB_API_TIMEOUT, else 30 s). */
  constructor(
    readonly endpoint: DockerEndpoint,
    readonly timeoutMs: number = apiTimeoutMs(),
  ) {}

  /** GET /_ping and /version: picks min(daemon, MAX_API_VERSION); refuses a daemon older than MIN_API_VERSION. */
  async negotiate(): Promise<string> {
    const ping = await this.exchange('GET', '/_ping');
    let version = ping.res.headers['api-version'];
    if (typeof version !== 'string' || !version) {
      const info = (await this.json('GET', '/version')) as { ApiVersion?: string };
      version = info.ApiVersion ?? '';
    }
    if (!version) throw new Error(`the daemon at ${this.endpoint.display} does not say which API version it speaks`);
    if (compareVersions(version, MIN_API_VERSION) < 0) {
      throw new Error(
        `the daemon at ${this.endpoint.display} speaks Engine API ${version}; swarmlab needs ${MIN_API_VERSION} or ` +
          'newer (Docker 17.06+)',
      );
    }
    this.apiVersion = compareVersions(version, MAX_API_VERSION) > 0 ? MAX_API_VERSION : version;
    this.prefix = `/v${this.apiVersion}`;
    return this.apiVersion;
  }

  /** GET /info: throws a clear error unless this daemon is a swarm manager. */
  async requireManager(): Promise<{ nodeId: string }> {
    const info = (await this.json('GET', '/info')) as {
      Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
    };
    const state = info.Swarm?.LocalNodeState ?? '';
    if (state !== 'active') {
      throw new Error(
        `the daemon at ${this.endpoint.display} is not part of a swarm (LocalNodeState ${JSON.stringify(state)}): ` +
          `run \`docker swarm init\` first`,
      );
    }
    if (!info.Swarm?.ControlAvailable) {
      throw new Error(
        `the daemon at ${this.endpoint.display} is a swarm worker, not a manager: point --host at a manager`,
      );
    }
    return { nodeId: info.Swarm.NodeID ?? '' };
  }

  /** A JSON request; an error status throws ApiError with the daemon's message. */
  async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const response = await this.send(
      method,
      path,
      payload,
      payload ? { 'Content-Type': 'application/json', ...headers } : headers,
    );
    if (response.status >= 400)
      throw new ApiError(response.status, errorMessage(response), `${method} ${path.replace(/\?.*$/, '')}`);
    return response.body;
  }

  /**
   * A request whose raw body (a tar) is sent as is; the response is read whole. `silenceMs`: the longest silence it
   * tolerates, when longer than the client's own (an image build on a loaded daemon).
   */
  async send(
    method: string,
    path: string,
    payload?: Buffer,
    headers: Record<string, string> = {},
    silenceMs = this.timeoutMs,
  ): Promise<ApiResponse> {
    const { res, bytes } = await this.exchange(method, this.prefix + path, payload, headers, silenceMs);
    const text = bytes.toString('utf8');
    let body: unknown = text;
    if ((res.headers['content-type'] ?? '').includes('json') && text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.statusCode ?? 0, body, text, bytes };
  }

  /** A streaming GET (the events stream): calls onLine for each line; returns a function that stops it. */
  stream(
    path: string,
    onLine: (line: string) => void,
    onEnd: (err?: Error) => void,
  ): { stop(): void; ready: Promise<void> } {
    let req: ClientRequest | undefined;
    let stopped = false;
    const ready = new Promise<void>((resolve, reject) => {
      req = this.open('GET', this.prefix + path, {}, reject, (res) => {
        req?.setTimeout(0); // the stream may stay quiet for as long as nothing happens
        if ((res.statusCode ?? 0) >= 400) {
          reject(new ApiError(res.statusCode ?? 0, `GET ${path}: HTTP ${res.statusCode}`));
          return;
        }
        resolve();
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let index: number;
          while ((index = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, index).trim();
            buffer = buffer.slice(index + 1);
            if (line) onLine(line);
          }
        });
        res.on('end', () =>
          onEnd(stopped ? undefined : new DaemonUnreachableError('the daemon closed the events stream')),
        );
        res.on('error', (err) => onEnd(stopped ? undefined : this.unreachable(err, 'GET', path)));
      });
      if (!req) return;
      req.setTimeout(this.timeoutMs, () => req?.destroy(this.timeout('GET', path)));
      req.on('error', (err) => {
        if (!stopped) {
          reject(this.unreachable(err, 'GET', path));
          onEnd(this.unreachable(err, 'GET', path));
        }
      });
      req.end();
    });
    return {
      stop: () => {
        stopped = true;
        req?.destroy();
      },
      ready,
    };
  }

  /**
   * One request, its response read whole; any silence longer than `timeoutMs` (before or within the answer) rejects it.
   */
  private exchange(
    method: string,
    path: string,
    payload?: Buffer,
    headers: Record<string, string> = {},
    silenceMs = this.timeoutMs,
  ): Promise<{ res: IncomingMessage; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      let timedOut: DaemonTimeoutError | null = null;
      const fail = (err: Error) => reject(timedOut ?? this.unreachable(err, method, path));
      const req = this.open(
        method,
        path,
        payload ? { ...headers, 'Content-Length': String(payload.length) } : headers,
        fail,
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => (timedOut ? reject(timedOut) : resolve({ res, bytes: Buffer.concat(chunks) })));
          // An answer cut short, however the socket ended: Go's "unexpected EOF".
          res.on('error', () => fail(new Error('unexpected EOF')));
          res.on('close', () => {
            if (!res.complete) fail(new Error('unexpected EOF'));
          });
        },
      );
      if (!req) return;
      req.setTimeout(silenceMs, () => {
        timedOut = this.timeout(method, path, silenceMs);
        req.destroy(timedOut);
      });
      req.on('error', fail);
      req.end(payload);
    });
  }

  private timeout(method: string, path: string, silenceMs = this.timeoutMs): DaemonTimeoutError {
    const what = path.replace(/^\/v[\d.]+/, '').replace(/\?.*$/, '');
    return new DaemonTimeoutError(
      `the Docker daemon at ${this.endpoint.display} did not answer within ${silenceMs / 1000} s ` +
        `(${method} ${what})`,
    );
  }

  /** The request, or undefined after handing `onError` what made it impossible (a port out of range). */
  private open(
    method: string,
    path: string,
    headers: Record<string, string>,
    onError: (err: Error) => void,
    onResponse: (res: IncomingMessage) => void,
  ): ClientRequest | undefined {
    const endpoint = this.endpoint;
    const base: RequestOptions = { method, path, headers: { Host: 'docker', ...headers } };
    try {
      if (endpoint.kind === 'unix') return httpRequest({ ...base, socketPath: endpoint.socketPath }, onResponse);
      const tcp = {
        ...base,
        host: endpoint.host,
        port: endpoint.port,
        path: endpoint.basePath.replace(/\/+$/, '') + path,
      };
      if (!endpoint.tls) return httpRequest(tcp, onResponse);
      const { ca, cert, key, verify } = endpoint.tls;
      return httpsRequest({ ...tcp, ca, cert, key, rejectUnauthorized: verify }, onResponse);
    } catch (err) {
      onError(this.unreachable(err as Error, method, path));
      return undefined;
    }
  }

  /** A failure to reach the daemon, in the docker CLI's words (see connect-error.ts). */
  private unreachable(err: Error & { code?: string }, method: string, path: string): Error {
    if (err instanceof ApiError || err instanceof DaemonUnreachableError || err instanceof DaemonTimeoutError)
      return err;
    return new DaemonUnreachableError(connectFailureMessage(this.endpoint, method, path, err));
  }
}

/** "1.41" vs "1.29": negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function errorMessage(response: ApiResponse): string {
  const body = response.body as { message?: string } | string;
  if (body && typeof body === 'object' && typeof body.message === 'string') return body.message;
  return response.text.trim() || `HTTP ${response.status}`;
}
