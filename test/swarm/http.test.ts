// The Engine API client against a fake daemon on a unix socket, and DOCKER_HOST / TLS resolution.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../src/real-swarm/host.js';
import { ApiError, compareVersions, DaemonUnreachableError, DockerClient } from '../../src/real-swarm/http.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Server[] = [];

/** A fake daemon on a fresh unix socket; every request is logged as `METHOD path`. */
async function fakeDaemon(handler: Handler): Promise<{ client: DockerClient; log: string[] }> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'swarmlab-http-')), 'docker.sock');
  const log: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      log.push(`${req.method} ${req.url}`);
      handler(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { client: new DockerClient({ kind: 'unix', socketPath, display: `unix://${socketPath}` }), log };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

function daemon(apiVersion: string, swarm: { LocalNodeState: string; ControlAvailable: boolean }): Handler {
  return (req, res, body) => {
    if (req.url === '/_ping') {
      res.writeHead(200, { 'API-Version': apiVersion });
      res.end('OK');
    } else if (req.url?.endsWith('/info')) json(res, 200, { Swarm: { ...swarm, NodeID: 'node1' } });
    else if (req.url?.endsWith('/services/create')) json(res, 201, { ID: `created:${JSON.parse(body).Name}` });
    else json(res, 404, { message: 'service nope not found' });
  };
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('DockerClient', () => {
  it('negotiates the API version (capped at 1.41) and prefixes every request with it', async () => {
    const { client, log } = await fakeDaemon(daemon('1.43', { LocalNodeState: 'active', ControlAvailable: true }));
    expect(await client.negotiate()).toBe('1.41');
    expect(await client.requireManager()).toEqual({ nodeId: 'node1' });
    expect(await client.json('POST', '/services/create', { Name: 'web' })).toEqual({ ID: 'created:web' });
    expect(log).toEqual(['GET /_ping', 'GET /v1.41/info', 'POST /v1.41/services/create']);
  });

  it("speaks an older daemon's version, down to 1.29", async () => {
    const { client } = await fakeDaemon(daemon('1.29', { LocalNodeState: 'active', ControlAvailable: true }));
    expect(await client.negotiate()).toBe('1.29');
  });

  it('refuses a daemon older than API 1.29', async () => {
    const { client } = await fakeDaemon(daemon('1.24', { LocalNodeState: 'active', ControlAvailable: true }));
    await expect(client.negotiate()).rejects.toThrow(/speaks Engine API 1\.24; swarmlab needs 1\.29 or newer/);
  });

  it('says so when the daemon is not in a swarm, or only a worker', async () => {
    const inactive = (await fakeDaemon(daemon('1.41', { LocalNodeState: 'inactive', ControlAvailable: false }))).client;
    await inactive.negotiate();
    await expect(inactive.requireManager()).rejects.toThrow(
      /is not part of a swarm \(LocalNodeState "inactive"\): run `docker swarm init` first/,
    );
    const worker = (await fakeDaemon(daemon('1.41', { LocalNodeState: 'active', ControlAvailable: false }))).client;
    await worker.negotiate();
    await expect(worker.requireManager()).rejects.toThrow(/is a swarm worker, not a manager/);
  });

  it("turns an error status into ApiError with the daemon's own message", async () => {
    const { client } = await fakeDaemon(daemon('1.41', { LocalNodeState: 'active', ControlAvailable: true }));
    await client.negotiate();
    const error = await client.json('GET', '/services/nope').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: 'service nope not found' });
  });

  it('streams lines (the events stream) until stopped', async () => {
    const { client } = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"a":1}\n{"b"');
      setTimeout(() => res.write(':2}\n'), 20);
    });
    const lines: string[] = [];
    const stream = client.stream(
      '/events',
      (line) => lines.push(line),
      () => undefined,
    );
    await stream.ready;
    await new Promise((resolve) => setTimeout(resolve, 80));
    stream.stop();
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('says the daemon cannot be reached when nothing listens on the socket', async () => {
    const socketPath = join(mkdtempSync(join(tmpdir(), 'swarmlab-http-')), 'none.sock');
    const client = new DockerClient({ kind: 'unix', socketPath, display: `unix://${socketPath}` });
    const error = await client.negotiate().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DaemonUnreachableError);
    expect((error as Error).message).toBe(
      `Cannot connect to the Docker daemon at unix://${socketPath}. Is the docker daemon running?`,
    );
  });

  it('compares dotted versions numerically', () => {
    expect([
      compareVersions('1.41', '1.29') > 0,
      compareVersions('1.9', '1.29') < 0,
      compareVersions('1.29', '1.29'),
    ]).toEqual([true, true, 0]);
  });
});

describe('resolveEndpoint (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)', () => {
  it('defaults to the unix socket; --host wins over DOCKER_HOST', () => {
    expect(resolveEndpoint(undefined, {})).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
      display: 'unix:///var/run/docker.sock',
    });
    expect(resolveEndpoint('unix:///tmp/d.sock', { DOCKER_HOST: 'tcp://a:1' })).toMatchObject({
      kind: 'unix',
      socketPath: '/tmp/d.sock',
    });
  });

  it('tcp without TLS on 2375 by default, shown as the docker CLI normalises it', () => {
    expect(resolveEndpoint(undefined, { DOCKER_HOST: 'tcp://127.0.0.1' })).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2375,
      basePath: '',
      tls: null,
      display: 'tcp://127.0.0.1:2375',
    });
    expect(resolveEndpoint('tcp://[::1]:3000', {})).toMatchObject({ host: '::1', port: 3000, tls: null });
    expect(resolveEndpoint('garbage', {})).toMatchObject({
      host: 'garbage',
      port: 2375,
      display: 'tcp://garbage:2375',
    });
    expect(resolveEndpoint('tcp://', {})).toMatchObject({ display: 'tcp://localhost:2375' });
    expect(resolveEndpoint('tcp://h:1/base/', {})).toMatchObject({ basePath: '/base/', display: 'tcp://h:1/base/' });
  });

  it('DOCKER_TLS_VERIFY: TLS on 2376 with ca/cert/key from DOCKER_CERT_PATH, verified', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-certs-'));
    for (const name of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, name), name);
    const endpoint = resolveEndpoint(undefined, {
      DOCKER_HOST: 'tcp://docker.example:',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: dir,
    });
    expect(endpoint).toMatchObject({ kind: 'tcp', host: 'docker.example', port: 2376 });
    const tls = endpoint.kind === 'tcp' ? endpoint.tls : null;
    expect([tls?.ca?.toString(), tls?.cert?.toString(), tls?.key?.toString(), tls?.verify]).toEqual([
      'ca.pem',
      'cert.pem',
      'key.pem',
      true,
    ]);
    // no host at all with TLS: the docker CLI's TLS default, tcp://localhost:2376
    expect(resolveEndpoint(undefined, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir })).toMatchObject({
      display: 'tcp://localhost:2376',
    });
  });

  it('DOCKER_CERT_PATH alone does not turn TLS on (docker CLI); DOCKER_TLS does, without verifying', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-certs-'));
    writeFileSync(join(dir, 'ca.pem'), 'ca.pem');
    expect(resolveEndpoint('tcp://h:2376', { DOCKER_CERT_PATH: dir })).toMatchObject({ tls: null });
    const endpoint = resolveEndpoint('tcp://h:2376', { DOCKER_CERT_PATH: dir, DOCKER_TLS: '1' });
    expect(endpoint.kind === 'tcp' && endpoint.tls).toEqual({
      ca: Buffer.from('ca.pem'),
      cert: undefined,
      key: undefined,
      verify: false,
    });
  });

  it('refuses ssh:// (not spoken) and what the docker CLI refuses, in its words; unix:// is the default socket', () => {
    expect(() => resolveEndpoint('ssh://me@host', {})).toThrow(
      'Docker host "ssh://me@host": swarmlab speaks to unix:// and tcp:// hosts only (not ssh://)',
    );
    expect(() => resolveEndpoint('https://h:1', {})).toThrow(
      'Failed to initialize: unable to resolve docker endpoint: invalid bind address format: https://h:1',
    );
    expect(() => resolveEndpoint('tcp://a%zz', {})).toThrow(
      'Failed to initialize: unable to resolve docker endpoint: parse "tcp://a%zz": invalid URL escape "%zz"',
    );
    expect(() => resolveEndpoint('unix://tcp://x', {})).toThrow(
      'Failed to initialize: unable to resolve docker endpoint: invalid proto, expected unix: tcp://x',
    );
    expect(() => resolveEndpoint(undefined, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' })).toThrow(
      'Failed to initialize: unable to resolve docker endpoint: open /nonexistent/ca.pem: no such file or directory',
    );
    expect(resolveEndpoint('unix://', {})).toEqual(resolveEndpoint(undefined, {}));
  });
});
