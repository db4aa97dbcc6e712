// The real backend under faults: API timeouts (fake daemon), and on the real swarm SIGTERM at three points, a stalled daemon, daemon errors.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../src/swarm/host.js';
import { apiTimeoutMs, DaemonTimeoutError, DaemonUnreachableError, DEFAULT_API_TIMEOUT_MS, DockerClient } from '../../src/swarm/http.js';
import { readStaticBusybox } from '../../src/swarm/images.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A fake daemon on a fresh unix socket, answering as `handler` says (or not at all). */
async function fakeDaemon(handler: (req: IncomingMessage, res: ServerResponse) => void, timeoutMs: number): Promise<DockerClient> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'swarmlab-fault-')), 'docker.sock');
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return new DockerClient({ kind: 'unix', socketPath, display: `unix://${socketPath}` }, timeoutMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API timeouts', () => {
  it('a daemon that takes the request and never answers: the request fails after the timeout, saying so', async () => {
    const client = await fakeDaemon(() => undefined, 300);
    const started = performance.now();
    const error = await client.json('GET', '/services?filters=%7B%7D').catch((err: unknown) => err);
    const waitedMs = performance.now() - started;
    expect(error).toBeInstanceOf(DaemonTimeoutError);
    expect((error as Error).message).toBe(`the Docker daemon at ${client.endpoint.display} did not answer within 0.3 s (GET /services)`);
    expect(waitedMs).toBeGreaterThanOrEqual(290);
    expect(waitedMs).toBeLessThan(2_000);
  });

  it('a daemon that stalls mid-answer: the request fails the same way', async () => {
    const client = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('[{"ID":');
    }, 300);
    const error = await client.send('POST', '/build?rm=1', Buffer.from('tar')).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DaemonTimeoutError);
    expect((error as Error).message).toBe(`the Docker daemon at ${client.endpoint.display} did not answer within 0.3 s (POST /build)`);
  });

  it('a daemon that dies mid-answer: the request fails at once as the daemon going away', async () => {
    const client = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('[{"ID":', () => res.socket?.destroy());
    }, 5_000);
    const started = performance.now();
    const error = await client.json('GET', '/tasks').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DaemonUnreachableError);
    expect((error as Error).message).toBe(`Cannot connect to the Docker daemon at ${client.endpoint.display}. Is the docker daemon running? (ECONNRESET)`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a slow answer that keeps sending is not cut', async () => {
    const client = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(sent === 0 ? '[1' : ',1');
        if (++sent === 5) {
          clearInterval(timer);
          res.end(']');
        }
      }, 150);
    }, 300);
    expect(await client.json('GET', '/tasks')).toEqual([1, 1, 1, 1, 1]);
  });

  it('the events stream may stay quiet far longer than the timeout; only its headers are timed', async () => {
    const client = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      setTimeout(() => res.write('{"late":true}\n'), 800);
    }, 200);
    const lines: string[] = [];
    const ended: (Error | undefined)[] = [];
    const stream = client.stream('/events', (line) => lines.push(line), (err) => ended.push(err));
    await stream.ready;
    await sleep(1_000);
    stream.stop();
    expect([lines, ended]).toEqual([['{"late":true}'], []]);

    const silent = await fakeDaemon(() => undefined, 200);
    const never = silent.stream('/events', () => undefined, () => undefined);
    await expect(never.ready).rejects.toThrow(`the Docker daemon at ${silent.endpoint.display} did not answer within 0.2 s (GET /events)`);
  });

  it('SWARMLAB_API_TIMEOUT sets the timeout as a Go duration; a bad value is a clear error', () => {
    expect([apiTimeoutMs({}), apiTimeoutMs({ SWARMLAB_API_TIMEOUT: '2.5s' }), DEFAULT_API_TIMEOUT_MS]).toEqual([30_000, 2_500, 30_000]);
    expect(() => apiTimeoutMs({ SWARMLAB_API_TIMEOUT: 'soon' }))
      .toThrow('SWARMLAB_API_TIMEOUT=soon: time: invalid duration "soon" (expected a Go duration such as 30s)');
    expect(() => apiTimeoutMs({ SWARMLAB_API_TIMEOUT: '0s' })).toThrow('SWARMLAB_API_TIMEOUT=0s: the timeout must be positive (a Go duration such as 30s)');
  });
});

// --- on the real swarm -------------------------------------------------------------------------------------------

async function swarmProblem(): Promise<string | null> {
  try {
    readStaticBusybox();
    const client = new DockerClient(resolveEndpoint(undefined));
    await client.negotiate();
    await client.requireManager();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const problem = await swarmProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const skipNote = skip ? ` (skipped: no usable Docker swarm: ${problem})` : '';
const REAL_TIMEOUT_MS = 60_000;
const docker = new DockerClient(resolveEndpoint(undefined));
const DOCKER_SOCKET = (() => {
  const endpoint = resolveEndpoint(undefined);
  return endpoint.kind === 'unix' ? endpoint.socketPath : '/var/run/docker.sock';
})();

/** Forward, hold unanswered, answer an error, or forward `lateMs` later even if the client has gone by then. */
type Decision = 'forward' | 'hold' | { status: number; message: string } | { lateMs: number };

/**
 * An Engine API proxy on a unix socket: forwards each request to the daemon, holds it unanswered, or answers an error.
 * Closed by the test's `finally` (the cases run concurrently: an afterEach would close the others' proxies).
 */
async function apiProxy(dir: string, decide: (method: string, path: string) => Decision): Promise<{ socketPath: string; close(): void }> {
  const socketPath = join(dir, 'proxy.sock');
  const server = createServer((req, res) => {
    const decision = decide(req.method ?? 'GET', req.url ?? '/');
    if (decision === 'hold') return;
    if (typeof decision === 'object' && 'lateMs' in decision) {
      const body: Buffer[] = [];
      req.on('data', (chunk: Buffer) => body.push(chunk));
      req.on('end', () => setTimeout(() => {
        const upstream = httpRequest({ socketPath: DOCKER_SOCKET, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          if (res.destroyed) answer.resume();
          else {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          }
        });
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(body));
      }, decision.lateMs));
      return;
    }
    if (decision !== 'forward') {
      req.resume();
      res.writeHead(decision.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: decision.message }));
      return;
    }
    const upstream = httpRequest({ socketPath: DOCKER_SOCKET, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.flushHeaders(); // the events stream's headers come before any event, as from the daemon
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { socketPath, close: () => { server.closeAllConnections(); server.close(); } };
}

interface Child { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; closed: Promise<void>; stdout: () => string; stderr: () => string; kill(signal: NodeJS.Signals): void }

/** Runs a scenario on the swarm in its own process (run-on-swarm.fixture.ts), through `proxySocket`; stderr includes the watchdog's. */
function runFixture(scenarioFile: string, eventsFile: string, proxySocket: string, env: Record<string, string> = {}): Child {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(new URL('./run-on-swarm.fixture.ts', import.meta.url)), scenarioFile, eventsFile],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_HOST: `unix://${proxySocket}`, ...env } });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    // 'close': every holder of the pipes is gone, the detached watchdog included.
    closed: new Promise((resolve) => child.on('close', () => resolve())),
    stdout: () => out, stderr: () => err, kill: (signal) => child.kill(signal),
  };
}

function scenarioFile(dir: string, name: string, images: string, steps: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\ndescription: fault case\nseed: 1\ncluster:\n  nodes: [{name: node-1, role: manager}]\nimages:\n${images}steps:\n${steps}`);
  return file;
}

type Recorded = { type: string; text?: string; state?: string; image?: string; action?: string; name?: string; stream?: string; exitCode?: number };
const readEvents = (file: string): Recorded[] => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Recorded);

const filtered = (filters: Record<string, string[]>) => encodeURIComponent(JSON.stringify(filters));
const servicesNamed = async (name: string) =>
  ((await docker.json('GET', `/services?filters=${filtered({ name: [name] })}`)) as { ID: string; Spec: { Name: string }; UpdateStatus?: { State: string } }[])
    .filter((s) => s.Spec.Name === name);
const tasksOf = async (serviceId: string) =>
  (await docker.json('GET', `/tasks?filters=${filtered({ service: [serviceId] })}`)) as { Status: { State: string } }[];
const imagesNamed = async (image: string) => (await docker.json('GET', `/images/json?filters=${filtered({ label: [`swarmlab.image=${image}`] })}`)) as { Id: string }[];

/** Polls `condition`; on giving up, says what the run printed (`child`), which is usually why. */
async function until(condition: () => Promise<boolean>, limitMs: number, what: string, child?: Child): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 200) {
    if (waited > limitMs) throw new Error(`${what}: still not so after ${limitMs / 1000} s${child ? `; the run printed:\n${child.stdout()}${child.stderr()}` : ''}`);
    await sleep(200);
  }
}

/** Removes what a failed case left (the runs themselves are expected to have removed it). */
async function sweep(service: string, images: string[]): Promise<void> {
  for (const s of await servicesNamed(service)) await docker.json('DELETE', `/services/${s.ID}`).catch(() => undefined);
  await until(async () => ((await docker.json('GET', `/containers/json?all=1&filters=${filtered({ label: [`com.docker.swarm.service.name=${service}`] })}`)) as unknown[]).length === 0, 20_000, `containers of ${service} gone`);
  for (const image of images) for (const { Id } of await imagesNamed(image)) await docker.send('DELETE', `/images/${Id}?force=1`);
}

/** The watchdog's line: `removed what it had created: a, b` → its items, sorted (image removal order is the daemon's). */
function watchdogRemoved(stderr: string): string[] | null {
  const match = /^swarmlab: the run was interrupted; removed what it had created(?:: (.*))?$/m.exec(stderr);
  return match ? (match[1] ?? '').split(', ').filter(Boolean).sort() : null;
}

const TERM_IMAGE = '{}';

describe.concurrent('SIGTERM on the real swarm: the watchdog removes what the run created, the events up to the signal stay on disk', () => {
  it.skipIf(skip)(`while the images are built${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-build';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    let builds = 0;
    let child: Child | undefined;
    // The second image's build is held: the signal comes while it is in flight, after the first was built.
    const proxy = await apiProxy(dir, (method, path) => {
      if (method !== 'POST' || !/^\/v[\d.]+\/build\?/.test(path)) return 'forward';
      if (++builds === 1) return 'forward';
      child?.kill('SIGTERM');
      return 'hold';
    });
    const file = scenarioFile(dir, name, `  lab/fault-build:v1: ${TERM_IMAGE}\n  lab/fault-build:v2: ${TERM_IMAGE}\n`,
      `  - docker service create -d --name ${name} --replicas 1 lab/fault-build:v1\n  - docker service update -d --image lab/fault-build:v2 ${name}\n`);
    const events = join(dir, 'events.jsonl');
    try {
      child = runFixture(file, events, proxy.socketPath);
      expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
      await child.closed;
      expect(builds).toBe(2);
      expect(watchdogRemoved(child.stderr())).toEqual(['removed image lab/fault-build:v1']);
      expect([(await imagesNamed('lab/fault-build:v1')).length, (await imagesNamed('lab/fault-build:v2')).length, (await servicesNamed(name)).length]).toEqual([0, 0, 0]);
      // Nothing had run yet: no events file was started.
      expect(existsSync(events)).toBe(false);
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-build:v1', 'lab/fault-build:v2']);
    }
  }, REAL_TIMEOUT_MS);

  it.skipIf(skip)(`while a service create is in flight, which the daemon completes after swarmlab died${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-inflight';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    let child: Child | undefined;
    // The create reaches the daemon 1.5 s after the signal: after the watchdog's first pass, before its second.
    const proxy = await apiProxy(dir, (method, path) => {
      if (method !== 'POST' || !/^\/v[\d.]+\/services\/create$/.test(path)) return 'forward';
      child?.kill('SIGTERM');
      return { lateMs: 1_500 };
    });
    const file = scenarioFile(dir, name, `  lab/fault-inflight:v1: ${TERM_IMAGE}\n`, `  - docker service create -d --name ${name} --replicas 1 lab/fault-inflight:v1\n`);
    const events = join(dir, 'events.jsonl');
    try {
      child = runFixture(file, events, proxy.socketPath);
      expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
      await child.closed;
      expect(watchdogRemoved(child.stderr())).toEqual(['removed image lab/fault-inflight:v1', `removed service ${name}`]);
      expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-inflight:v1')).length]).toEqual([0, 0]);
      // The command never returned: the file holds the node as first seen, nothing more.
      expect(readEvents(events).map((e) => e.type)).toEqual(['node']);
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-inflight:v1']);
    }
  }, REAL_TIMEOUT_MS);

  it.skipIf(skip)(`while the service converges${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-converge';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    const proxy = await apiProxy(dir, () => 'forward');
    // Healthy only 4 s after start: its tasks stay `starting`, the service unconverged, while the signal comes.
    const file = scenarioFile(dir, name, '  lab/fault-converge:v1: {healthcheck: {interval: 1s, retries: 3, healthy_after: 4s}}\n',
      `  - docker service create -d --name ${name} --replicas 2 lab/fault-converge:v1\n  - wait: converged\n  - wait: 30s\n`);
    const events = join(dir, 'events.jsonl');
    try {
      const child = runFixture(file, events, proxy.socketPath);
      await until(async () => {
        const [service] = await servicesNamed(name);
        return service !== undefined && (await tasksOf(service.ID)).filter((t) => t.Status.State === 'starting').length === 2;
      }, 40_000, 'two tasks starting', child);
      await sleep(500);
      child.kill('SIGTERM');
      expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
      await child.closed;
      expect(watchdogRemoved(child.stderr())).toEqual([`removed image lab/fault-converge:v1`, `removed service ${name}`]);
      expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-converge:v1')).length]).toEqual([0, 0]);
      const recorded = readEvents(events);
      expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([`docker service create -d --name ${name} --replicas 2 lab/fault-converge:v1`]);
      expect(recorded.filter((e) => e.type === 'service_spec').map((e) => [e.action, e.name])).toEqual([['create', name]]);
      expect(recorded.filter((e) => e.type === 'task_created').map((e) => e.image)).toEqual(['lab/fault-converge:v1', 'lab/fault-converge:v1']);
      expect(recorded.filter((e) => e.type === 'task_state' && e.state === 'starting')).toHaveLength(2);
      expect(recorded.filter((e) => e.type === 'task_state' && e.state === 'running')).toEqual([]);
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-converge:v1']);
    }
  }, REAL_TIMEOUT_MS);

  it.skipIf(skip)(`in the middle of an update${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-update';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    const proxy = await apiProxy(dir, () => 'forward');
    const update = `docker service update -d --update-delay 20s --image lab/fault-update:v2 ${name}`;
    const file = scenarioFile(dir, name, `  lab/fault-update:v1: ${TERM_IMAGE}\n  lab/fault-update:v2: ${TERM_IMAGE}\n`,
      `  - docker service create -d --name ${name} --replicas 2 lab/fault-update:v1\n  - wait: converged\n  - ${update}\n  - wait: settled\n`);
    const events = join(dir, 'events.jsonl');
    try {
      const child = runFixture(file, events, proxy.socketPath);
      await until(async () => (await servicesNamed(name))[0]?.UpdateStatus?.State === 'updating', 40_000, 'update started');
      await sleep(500);
      child.kill('SIGTERM');
      expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
      await child.closed;
      expect(watchdogRemoved(child.stderr())).toEqual(['removed image lab/fault-update:v1', 'removed image lab/fault-update:v2', `removed service ${name}`]);
      expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-update:v1')).length, (await imagesNamed('lab/fault-update:v2')).length]).toEqual([0, 0, 0]);
      const recorded = readEvents(events);
      expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([`docker service create -d --name ${name} --replicas 2 lab/fault-update:v1`, update]);
      expect(recorded.filter((e) => e.type === 'update_status').map((e) => e.state)).toEqual(['updating']);
      expect(recorded.filter((e) => e.type === 'task_created').map((e) => e.image).slice(0, 3)).toEqual(['lab/fault-update:v1', 'lab/fault-update:v1', 'lab/fault-update:v2']);
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-update:v1', 'lab/fault-update:v2']);
    }
  }, REAL_TIMEOUT_MS);
});

describe.concurrent('daemon faults on the real swarm', () => {
  it.skipIf(skip)(`a daemon that stops answering mid-run: the run fails after the API timeout, says so and how to clean up${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-stall';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    let stalled = false;
    const proxy = await apiProxy(dir, () => (stalled ? 'hold' : 'forward'));
    const file = scenarioFile(dir, name, `  lab/fault-stall:v1: ${TERM_IMAGE}\n`,
      `  - docker service create -d --name ${name} --replicas 1 lab/fault-stall:v1\n  - wait: converged\n  - wait: 40s\n`);
    const events = join(dir, 'events.jsonl');
    try {
      const child = runFixture(file, events, proxy.socketPath, { SWARMLAB_API_TIMEOUT: '2s' });
      await until(async () => {
        const [service] = await servicesNamed(name);
        return service !== undefined && (await tasksOf(service.ID)).some((t) => t.Status.State === 'running');
      }, 40_000, 'task running', child);
      await sleep(500);
      stalled = true;
      const stalledAt = performance.now();
      expect((await child.exited).code).toBe(1);
      // The 2 s timeout of the poll in flight, then of the clean-up's first request.
      expect(performance.now() - stalledAt).toBeLessThan(10_000);
      await child.closed;
      expect(child.stderr()).toMatch(new RegExp(`^swarmlab: the swarm run failed: the Docker daemon at unix://${proxy.socketPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `
        + 'did not answer within 2 s \\(GET /(services|tasks|nodes)\\)\nTo clean up once the daemon is back:\n'
        + `  docker service rm ${name}\n  docker image rm \\$\\(docker image ls -q --filter label=swarmlab\\.run=${name}-[0-9a-f]{8}\\)\n$`));
      const recorded = readEvents(events);
      expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([`docker service create -d --name ${name} --replicas 1 lab/fault-stall:v1`]);
      expect(recorded.filter((e) => e.type === 'task_state').map((e) => e.state)).toContain('running');
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-stall:v1']);
    }
  }, REAL_TIMEOUT_MS);

  it.skipIf(skip)(`an error answer to the service update: printed as Docker prints it, the run goes on, cleans up, keeps the trace${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-500';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    const proxy = await apiProxy(dir, (method, path) => (method === 'POST' && /^\/v[\d.]+\/services\/[^/]+\/update\?/.test(path)
      ? { status: 500, message: 'rpc error: code = Unavailable desc = injected by the test proxy' } : 'forward'));
    const update = `docker service update -d --image lab/fault-500:v2 ${name}`;
    const file = scenarioFile(dir, name, `  lab/fault-500:v1: ${TERM_IMAGE}\n  lab/fault-500:v2: ${TERM_IMAGE}\n`,
      `  - docker service create -d --name ${name} --replicas 1 lab/fault-500:v1\n  - wait: converged\n  - ${update}\n  - docker service ls --format '{{.Name}} {{.Image}}'\n`);
    const traceFile = join(dir, 'trace.json');
    try {
      const child = runFixture(file, traceFile, proxy.socketPath);
      await child.closed;
      expect([(await child.exited).code, child.stderr()]).toEqual([0, '']);
      expect(child.stdout().trim().split('\n').sort()).toEqual(['removed image lab/fault-500:v1', 'removed image lab/fault-500:v2', `removed service ${name}`]);
      expect(child.stderr()).toBe('');
      expect((await servicesNamed(name)).length).toBe(0);
      const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as { events: Recorded[] };
      const commands = trace.events.filter((e) => e.type === 'command').map((e) => [e.text, e.exitCode]);
      expect(commands).toEqual([[`docker service create -d --name ${name} --replicas 1 lab/fault-500:v1`, 0], [update, 1], ["docker service ls --format '{{.Name}} {{.Image}}'", 0]]);
      expect(trace.events.filter((e) => e.type === 'output').map((e) => [e.stream, e.text])).toEqual([
        ['stdout', expect.stringMatching(/^[a-z0-9]{25}\n$/)],
        ['stderr', 'Error response from daemon: rpc error: code = Unavailable desc = injected by the test proxy\n'],
        ['stdout', `${name} lab/fault-500:v1\n`],
      ]);
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-500:v1', 'lab/fault-500:v2']);
    }
  }, REAL_TIMEOUT_MS);

  it.skipIf(skip)(`an error answer to a poll mid-run: the run fails saying which request failed, and still cleans up${skipNote}`, async () => {
    if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
    await docker.negotiate();
    const name = 'swarmlab-it-fault-poll';
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
    let failing = false;
    const proxy = await apiProxy(dir, (method, path) => (failing && method === 'GET' && /^\/v[\d.]+\/tasks\?/.test(path)
      ? { status: 500, message: 'injected by the test proxy' } : 'forward'));
    const file = scenarioFile(dir, name, `  lab/fault-poll:v1: ${TERM_IMAGE}\n`,
      `  - docker service create -d --name ${name} --replicas 1 lab/fault-poll:v1\n  - wait: converged\n  - wait: 40s\n`);
    const events = join(dir, 'events.jsonl');
    try {
      const child = runFixture(file, events, proxy.socketPath);
      await until(async () => {
        const [service] = await servicesNamed(name);
        return service !== undefined && (await tasksOf(service.ID)).some((t) => t.Status.State === 'running');
      }, 40_000, 'task running', child);
      await sleep(500);
      failing = true;
      expect((await child.exited).code).toBe(1);
      await child.closed;
      expect(child.stderr()).toBe('swarmlab: the swarm run failed: the Docker daemon answered GET /tasks with HTTP 500: injected by the test proxy\n');
      expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-poll:v1')).length]).toEqual([0, 0]);
      const recorded = readEvents(events);
      expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([`docker service create -d --name ${name} --replicas 1 lab/fault-poll:v1`]);
      expect(recorded.filter((e) => e.type === 'task_state').map((e) => e.state)).toContain('running');
    } finally {
      proxy.close();
      await sweep(name, ['lab/fault-poll:v1']);
    }
  }, REAL_TIMEOUT_MS);
});
