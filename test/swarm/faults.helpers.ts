// Helpers of the real-swarm tests (faults.test.ts, real-swarm.test.ts): an Engine API proxy that forwards, holds or
// fails requests; the run in its own process; daemon queries.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveEndpoint } from '../../src/real-swarm/host.js';
import { DockerClient } from '../../src/real-swarm/http.js';
import { readStaticBusybox } from '../../src/real-swarm/images.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why the real swarm cannot be used here, or null when it can (with what .ci/start-dockerd said, in CI). */
export async function swarmProblem(): Promise<string | null> {
  const startLog = process.env.SWARMLAB_DOCKERD_STATUS ?? '/tmp/swarmlab-dockerd.status';
  const ciNote = existsSync(startLog) ? ` (.ci/start-dockerd: ${readFileSync(startLog, 'utf8').trim()})` : '';
  try {
    readStaticBusybox();
    const client = new DockerClient(resolveEndpoint(undefined));
    await client.negotiate();
    await client.requireManager();
    return null;
  } catch (err) {
    return `${err instanceof Error ? err.message : String(err)}${ciNote}`;
  }
}

export const docker = new DockerClient(resolveEndpoint(undefined));
const DOCKER_SOCKET = (() => {
  const endpoint = resolveEndpoint(undefined);
  return endpoint.kind === 'unix' ? endpoint.socketPath : '/var/run/docker.sock';
})();

/** Forward, hold unanswered, answer an error, or forward `lateMs` later even if the client has gone by then. */
export type Decision = 'forward' | 'hold' | { status: number; message: string } | { lateMs: number };

/**
 * An Engine API proxy on a unix socket: forwards each request to the daemon, holds it unanswered, or answers an error.
 * Closed by the test's `finally` (the cases run concurrently: an afterEach would close the others' proxies).
 */
export async function apiProxy(
  dir: string,
  decide: (method: string, path: string) => Decision,
): Promise<{ socketPath: string; close(): void }> {
  const socketPath = join(dir, 'proxy.sock');
  const server = createServer((req, res) => {
    const decision = decide(req.method ?? 'GET', req.url ?? '/');
    if (decision === 'hold') return;
    if (typeof decision === 'object' && 'lateMs' in decision) {
      const body: Buffer[] = [];
      req.on('data', (chunk: Buffer) => body.push(chunk));
      req.on('end', () =>
        setTimeout(() => {
          const upstream = httpRequest(
            { socketPath: DOCKER_SOCKET, method: req.method, path: req.url, headers: req.headers },
            (answer) => {
              if (res.destroyed) answer.resume();
              else {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
              }
            },
          );
          upstream.on('error', () => res.destroy());
          upstream.end(Buffer.concat(body));
        }, decision.lateMs),
      );
      return;
    }
    if (decision !== 'forward') {
      req.resume();
      res.writeHead(decision.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: decision.message }));
      return;
    }
    const upstream = httpRequest(
      { socketPath: DOCKER_SOCKET, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders(); // the events stream's headers come before any event, as from the daemon
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  closed: Promise<void>;
  stdout: () => string;
  stderr: () => string;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs a scenario on the swarm in its own process (run-on-swarm.fixture.ts), through `proxySocket`; stderr includes the
 * watchdog's.
 */
export function runFixture(
  scenarioFile: string,
  eventsFile: string,
  proxySocket: string,
  env: Record<string, string> = {},
): Child {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(
    process.execPath,
    ['--import', tsx, fileURLToPath(new URL('./run-on-swarm.fixture.ts', import.meta.url)), scenarioFile, eventsFile],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_HOST: `unix://${proxySocket}`, ...env } },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    // 'close': every holder of the pipes is gone, the detached watchdog included.
    closed: new Promise((resolve) => child.on('close', () => resolve())),
    stdout: () => out,
    stderr: () => err,
    kill: (signal) => child.kill(signal),
  };
}

export function scenarioFile(dir: string, name: string, images: string, steps: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\ndescription: fault case\nseed: 1\ncluster:\n  nodes: [{name: node-1, role: ` +
      `manager}]\nimages:\n${images}steps:\n${steps}`,
  );
  return file;
}

export type Recorded = {
  type: string;
  text?: string;
  state?: string;
  image?: string;
  action?: string;
  name?: string;
  stream?: string;
  exitCode?: number;
};
export const readEvents = (file: string): Recorded[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Recorded);

const filtered = (filters: Record<string, string[]>) => encodeURIComponent(JSON.stringify(filters));
export const servicesNamed = async (name: string) =>
  (
    (await docker.json('GET', `/services?filters=${filtered({ name: [name] })}`)) as {
      ID: string;
      Spec: { Name: string };
      UpdateStatus?: { State: string };
    }[]
  ).filter((s) => s.Spec.Name === name);
export const tasksOf = async (serviceId: string) =>
  (await docker.json('GET', `/tasks?filters=${filtered({ service: [serviceId] })}`)) as { Status: { State: string } }[];
export const imagesNamed = async (image: string) =>
  (await docker.json('GET', `/images/json?filters=${filtered({ label: [`swarmlab.image=${image}`] })}`)) as {
    Id: string;
  }[];

/** Polls `condition`; on giving up, says what the run printed (`child`), which is usually why. */
export async function until(
  condition: () => Promise<boolean>,
  limitMs: number,
  what: string,
  child?: Child,
): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 200) {
    if (waited > limitMs)
      throw new Error(
        `${what}: still not so after ${limitMs / 1000} ` +
          `s${child ? `; the run printed:\n${child.stdout()}${child.stderr()}` : ''}`,
      );
    await sleep(200);
  }
}

/** Removes what a failed case left (the runs themselves are expected to have removed it). */
export async function sweep(service: string, images: string[]): Promise<void> {
  for (const s of await servicesNamed(service)) await docker.json('DELETE', `/services/${s.ID}`).catch(() => undefined);
  await until(
    async () =>
      (
        (await docker.json(
          'GET',
          `/containers/json?all=1&filters=${filtered({ label: [`com.docker.swarm.service.name=${service}`] })}`,
        )) as unknown[]
      ).length === 0,
    20_000,
    `containers of ${service} gone`,
  );
  for (const image of images)
    for (const { Id } of await imagesNamed(image)) await docker.send('DELETE', `/images/${Id}?force=1`);
}

/**
 * The watchdog's line: `removed what it had created: a, b` → its items, sorted (image removal order is the daemon's).
 */
export function watchdogRemoved(stderr: string): string[] | null {
  const match = /^swarmlab: the run was interrupted; removed what it had created(?:: (.*))?$/m.exec(stderr);
  return match ? (match[1] ?? '').split(', ').filter(Boolean).sort() : null;
}
