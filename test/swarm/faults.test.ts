// The real backend under faults: API timeouts (fake daemon), and on the real swarm SIGTERM at three points, a stalled
// daemon, daemon errors.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  apiTimeoutMs,
  DaemonTimeoutError,
  DaemonUnreachableError,
  DEFAULT_API_TIMEOUT_MS,
  DockerClient,
} from '../../src/real-swarm/http.js';
import { buildImage } from '../../src/real-swarm/images.js';
import {
  apiProxy,
  type Child,
  docker,
  imagesNamed,
  type Recorded,
  readEvents,
  runFixture,
  scenarioFile,
  servicesNamed,
  sleep,
  swarmProblem,
  sweep,
  tasksOf,
  until,
  watchdogRemoved,
} from './faults.helpers.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A fake daemon on a fresh unix socket, answering as `handler` says (or not at all). */
async function fakeDaemon(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  timeoutMs: number,
): Promise<DockerClient> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'swarmlab-fault-')), 'docker.sock');
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return new DockerClient({ kind: 'unix', socketPath, display: `unix://${socketPath}` }, timeoutMs);
}

describe('API timeouts', () => {
  it('a daemon that takes the request and never answers: the request fails after the timeout, saying so', async () => {
    const client = await fakeDaemon(() => undefined, 300);
    const started = performance.now();
    const error = await client.json('GET', '/services?filters=%7B%7D').catch((err: unknown) => err);
    const waitedMs = performance.now() - started;
    expect(error).toBeInstanceOf(DaemonTimeoutError);
    expect((error as Error).message).toBe(
      `the Docker daemon at ${client.endpoint.display} did not answer within 0.3 s (GET /services)`,
    );
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
    expect((error as Error).message).toBe(
      `the Docker daemon at ${client.endpoint.display} did not answer within 0.3 s (POST /build)`,
    );
  });

  it('an image build silent for longer than a short API timeout is not a daemon that stopped answering', async () => {
    // The classic builder says nothing while it commits a layer: on a loaded daemon that outlasted a 2 s timeout.
    const client = await fakeDaemon((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"stream":"Step 1/1 : FROM scratch"}\n{"aux":{"ID":"sha256:0123abcd"}}\n');
      }, 900);
    }, 300);
    const id = await buildImage(client, 'lab/slow-build:v1', {}, 'run-1', Buffer.from('busybox'));
    expect(id).toBe('sha256:0123abcd');
  });

  it('a daemon that dies mid-answer: the request fails at once as the daemon going away', async () => {
    const client = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('[{"ID":', () => res.socket?.destroy());
    }, 5_000);
    const started = performance.now();
    const error = await client.json('GET', '/tasks').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DaemonUnreachableError);
    expect((error as Error).message).toBe(
      'error during connect: Get ' +
        `"http://${encodeURIComponent(client.endpoint.display.slice('unix://'.length))}/tasks": unexpected EOF`,
    );
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
    const stream = client.stream(
      '/events',
      (line) => lines.push(line),
      (err) => ended.push(err),
    );
    await stream.ready;
    await sleep(1_000);
    stream.stop();
    expect([lines, ended]).toEqual([['{"late":true}'], []]);

    const silent = await fakeDaemon(() => undefined, 200);
    const never = silent.stream(
      '/events',
      () => undefined,
      () => undefined,
    );
    await expect(never.ready).rejects.toThrow(
      `the Docker daemon at ${silent.endpoint.display} did not answer within 0.2 s (GET /events)`,
    );
  });

  it('SWARMLAB_API_TIMEOUT sets the timeout as a Go duration; a bad value is a clear error', () => {
    expect([apiTimeoutMs({}), apiTimeoutMs({ SWARMLAB_API_TIMEOUT: '2.5s' }), DEFAULT_API_TIMEOUT_MS]).toEqual([
      30_000, 2_500, 30_000,
    ]);
    expect(() => apiTimeoutMs({ SWARMLAB_API_TIMEOUT: 'soon' })).toThrow(
      'SWARMLAB_API_TIMEOUT=soon: time: invalid duration "soon" (expected a Go duration such as 30s)',
    );
    expect(() => apiTimeoutMs({ SWARMLAB_API_TIMEOUT: '0s' })).toThrow(
      'SWARMLAB_API_TIMEOUT=0s: the timeout must be positive (a Go duration such as 30s)',
    );
  });
});

// --- on the real swarm -------------------------------------------------------------------------------------------

const problem = await swarmProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const skipNote = skip ? ` (skipped: no usable Docker swarm: ${problem})` : '';
const REAL_TIMEOUT_MS = 180_000;
/** How long a run may take to build its images and reach the point a case waits for: minutes on a loaded machine. */
const START_LIMIT_MS = 120_000;
const TERM_IMAGE = '{}';

describe.concurrent('signals on the real swarm: the watchdog removes what the run made, events up to it stay', () => {
  it.skipIf(skip)(
    `SIGTERM while the images are built${skipNote}`,
    async () => {
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
      const file = scenarioFile(
        dir,
        name,
        `  lab/fault-build:v1: ${TERM_IMAGE}\n  lab/fault-build:v2: ${TERM_IMAGE}\n`,
        `  - docker service create -d --name ${name} --replicas 1 lab/fault-build:v1\n  - docker service update -d ` +
          `--image lab/fault-build:v2 ${name}\n`,
      );
      const events = join(dir, 'events.jsonl');
      try {
        child = runFixture(file, events, proxy.socketPath);
        expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
        await child.closed;
        expect(builds).toBe(2);
        expect(watchdogRemoved(child.stderr())).toEqual(['removed image lab/fault-build:v1']);
        expect([
          (await imagesNamed('lab/fault-build:v1')).length,
          (await imagesNamed('lab/fault-build:v2')).length,
          (await servicesNamed(name)).length,
        ]).toEqual([0, 0, 0]);
        // Nothing had run yet: no events file was started.
        expect(existsSync(events)).toBe(false);
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-build:v1', 'lab/fault-build:v2']);
      }
    },
    REAL_TIMEOUT_MS,
  );

  it.skipIf(skip)(
    `SIGTERM while a service create is in flight, which the daemon completes after swarmlab died${skipNote}`,
    async () => {
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
      const file = scenarioFile(
        dir,
        name,
        `  lab/fault-inflight:v1: ${TERM_IMAGE}\n`,
        `  - docker service create -d --name ${name} --replicas 1 lab/fault-inflight:v1\n`,
      );
      const events = join(dir, 'events.jsonl');
      try {
        child = runFixture(file, events, proxy.socketPath);
        expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
        await child.closed;
        expect(watchdogRemoved(child.stderr())).toEqual([
          'removed image lab/fault-inflight:v1',
          `removed service ${name}`,
        ]);
        expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-inflight:v1')).length]).toEqual([
          0, 0,
        ]);
        // The command never returned: the file holds the node as first seen, nothing more.
        expect(readEvents(events).map((e) => e.type)).toEqual(['node']);
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-inflight:v1']);
      }
    },
    REAL_TIMEOUT_MS,
  );

  it.skipIf(skip)(
    `SIGTERM while the service converges${skipNote}`,
    async () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      await docker.negotiate();
      const name = 'swarmlab-it-fault-converge';
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
      const proxy = await apiProxy(dir, () => 'forward');
      // Healthy only 4 s after start: its tasks stay `starting`, the service unconverged, while the signal comes.
      const file = scenarioFile(
        dir,
        name,
        '  lab/fault-converge:v1: {healthcheck: {interval: 1s, retries: 3, healthy_after: 4s}}\n',
        `  - docker service create -d --name ${name} --replicas 2 lab/fault-converge:v1\n  - wait: converged\n  - ` +
          `wait: 30s\n`,
      );
      const events = join(dir, 'events.jsonl');
      try {
        const child = runFixture(file, events, proxy.socketPath);
        await until(
          async () => {
            const [service] = await servicesNamed(name);
            return (
              service !== undefined &&
              (await tasksOf(service.ID)).filter((t) => t.Status.State === 'starting').length === 2
            );
          },
          START_LIMIT_MS,
          'two tasks starting',
          child,
        );
        await sleep(500);
        child.kill('SIGTERM');
        expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
        await child.closed;
        expect(watchdogRemoved(child.stderr())).toEqual([
          `removed image lab/fault-converge:v1`,
          `removed service ${name}`,
        ]);
        expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-converge:v1')).length]).toEqual([
          0, 0,
        ]);
        const recorded = readEvents(events);
        expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([
          `docker service create -d --name ${name} --replicas 2 lab/fault-converge:v1`,
        ]);
        expect(recorded.filter((e) => e.type === 'service_spec').map((e) => [e.action, e.name])).toEqual([
          ['create', name],
        ]);
        expect(recorded.filter((e) => e.type === 'task_created').map((e) => e.image)).toEqual([
          'lab/fault-converge:v1',
          'lab/fault-converge:v1',
        ]);
        expect(recorded.filter((e) => e.type === 'task_state' && e.state === 'starting')).toHaveLength(2);
        expect(recorded.filter((e) => e.type === 'task_state' && e.state === 'running')).toEqual([]);
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-converge:v1']);
      }
    },
    REAL_TIMEOUT_MS,
  );

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it.skipIf(skip)(
      `${signal} in the middle of an update${skipNote}`,
      async () => {
        if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
        await docker.negotiate();
        const name = `swarmlab-it-fault-update-${signal.toLowerCase()}`;
        const image = `lab/fault-update-${signal.toLowerCase()}`;
        const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
        const proxy = await apiProxy(dir, () => 'forward');
        const update = `docker service update -d --update-delay 20s --image ${image}:v2 ${name}`;
        const file = scenarioFile(
          dir,
          name,
          `  ${image}:v1: ${TERM_IMAGE}\n  ${image}:v2: ${TERM_IMAGE}\n`,
          `  - docker service create -d --name ${name} --replicas 2 ${image}:v1\n  - wait: converged\n  ` +
            `- ${update}\n  - wait: settled\n`,
        );
        const events = join(dir, 'events.jsonl');
        try {
          const child = runFixture(file, events, proxy.socketPath);
          await until(
            async () => (await servicesNamed(name))[0]?.UpdateStatus?.State === 'updating',
            START_LIMIT_MS,
            'update started',
            child,
          );
          await sleep(500);
          child.kill(signal);
          expect(await child.exited).toEqual({ code: null, signal });
          await child.closed;
          expect(watchdogRemoved(child.stderr())).toEqual([
            `removed image ${image}:v1`,
            `removed image ${image}:v2`,
            `removed service ${name}`,
          ]);
          expect([
            (await servicesNamed(name)).length,
            (await imagesNamed(`${image}:v1`)).length,
            (await imagesNamed(`${image}:v2`)).length,
          ]).toEqual([0, 0, 0]);
          const recorded = readEvents(events);
          expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([
            `docker service create -d --name ${name} --replicas 2 ${image}:v1`,
            update,
          ]);
          expect(recorded.filter((e) => e.type === 'update_status').map((e) => e.state)).toEqual(['updating']);
          expect(
            recorded
              .filter((e) => e.type === 'task_created')
              .map((e) => e.image)
              .slice(0, 3),
          ).toEqual([`${image}:v1`, `${image}:v1`, `${image}:v2`]);
        } finally {
          proxy.close();
          await sweep(name, [`${image}:v1`, `${image}:v2`]);
        }
      },
      REAL_TIMEOUT_MS,
    );
  }
});

describe.concurrent('daemon faults on the real swarm', () => {
  it.skipIf(skip)(
    'a daemon that stops answering mid-run: the run fails after the API timeout, says so and how to clean ' +
      `up${skipNote}`,
    async () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      await docker.negotiate();
      const name = 'swarmlab-it-fault-stall';
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
      let stalled = false;
      const proxy = await apiProxy(dir, () => (stalled ? 'hold' : 'forward'));
      const file = scenarioFile(
        dir,
        name,
        `  lab/fault-stall:v1: ${TERM_IMAGE}\n`,
        `  - docker service create -d --name ${name} --replicas 1 lab/fault-stall:v1\n  - wait: converged\n  - wait: ` +
          `40s\n`,
      );
      const events = join(dir, 'events.jsonl');
      try {
        const child = runFixture(file, events, proxy.socketPath, { SWARMLAB_API_TIMEOUT: '2s' });
        await until(
          async () => {
            const [service] = await servicesNamed(name);
            return service !== undefined && (await tasksOf(service.ID)).some((t) => t.Status.State === 'running');
          },
          START_LIMIT_MS,
          'task running',
          child,
        );
        await sleep(500);
        stalled = true;
        const stalledAt = performance.now();
        expect((await child.exited).code).toBe(1);
        // The 2 s timeout of the poll in flight, then of the clean-up's first request.
        expect(performance.now() - stalledAt).toBeLessThan(10_000);
        await child.closed;
        expect(child.stderr()).toMatch(
          new RegExp(
            '^swarmlab: the swarm run failed: the Docker daemon at ' +
              `unix://${proxy.socketPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ` +
              'did not answer within 2 s \\(GET /(services|tasks|nodes)\\)\nTo clean up once the daemon is back:\n' +
              `  docker service rm ${name}\n  docker image rm \\$\\(docker image ls -q --filter ` +
              `label=swarmlab\\.run=${name}-[0-9a-f]{8}\\)\n$`,
          ),
        );
        const recorded = readEvents(events);
        expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([
          `docker service create -d --name ${name} --replicas 1 lab/fault-stall:v1`,
        ]);
        expect(recorded.filter((e) => e.type === 'task_state').map((e) => e.state)).toContain('running');
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-stall:v1']);
      }
    },
    REAL_TIMEOUT_MS,
  );

  it.skipIf(skip)(
    'an error answer to the service update: printed as Docker prints it, the run goes on, cleans up, keeps the ' +
      `trace${skipNote}`,
    async () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      await docker.negotiate();
      const name = 'swarmlab-it-fault-500';
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
      const proxy = await apiProxy(dir, (method, path) =>
        method === 'POST' && /^\/v[\d.]+\/services\/[^/]+\/update\?/.test(path)
          ? { status: 500, message: 'rpc error: code = Unavailable desc = injected by the test proxy' }
          : 'forward',
      );
      const update = `docker service update -d --image lab/fault-500:v2 ${name}`;
      const file = scenarioFile(
        dir,
        name,
        `  lab/fault-500:v1: ${TERM_IMAGE}\n  lab/fault-500:v2: ${TERM_IMAGE}\n`,
        `  - docker service create -d --name ${name} --replicas 1 lab/fault-500:v1\n  - wait: converged\n  ` +
          `- ${update}\n  - docker service ls --format '{{.Name}} {{.Image}}'\n`,
      );
      const traceFile = join(dir, 'trace.json');
      try {
        const child = runFixture(file, traceFile, proxy.socketPath);
        await child.closed;
        expect([(await child.exited).code, child.stderr()]).toEqual([0, '']);
        expect(child.stdout().trim().split('\n').sort()).toEqual([
          'removed image lab/fault-500:v1',
          'removed image lab/fault-500:v2',
          `removed service ${name}`,
        ]);
        expect(child.stderr()).toBe('');
        expect((await servicesNamed(name)).length).toBe(0);
        const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as { events: Recorded[] };
        const commands = trace.events.filter((e) => e.type === 'command').map((e) => [e.text, e.exitCode]);
        expect(commands).toEqual([
          [`docker service create -d --name ${name} --replicas 1 lab/fault-500:v1`, 0],
          [update, 1],
          ["docker service ls --format '{{.Name}} {{.Image}}'", 0],
        ]);
        expect(trace.events.filter((e) => e.type === 'output').map((e) => [e.stream, e.text])).toEqual([
          ['stdout', expect.stringMatching(/^[a-z0-9]{25}\n$/)],
          ['stderr', 'Error response from daemon: rpc error: code = Unavailable desc = injected by the test proxy\n'],
          ['stdout', `${name} lab/fault-500:v1\n`],
        ]);
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-500:v1', 'lab/fault-500:v2']);
      }
    },
    REAL_TIMEOUT_MS,
  );

  it.skipIf(skip)(
    `a run that fails while building its images: says why, and the watchdog removes the image already built${skipNote}`,
    async () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      await docker.negotiate();
      const name = 'swarmlab-it-fault-buildfail';
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
      let builds = 0;
      const proxy = await apiProxy(dir, (method, path) =>
        method === 'POST' && /^\/v[\d.]+\/build\?/.test(path) && ++builds === 2
          ? { status: 500, message: 'no space left on device' }
          : 'forward',
      );
      const file = scenarioFile(
        dir,
        name,
        `  lab/fault-buildfail:v1: ${TERM_IMAGE}\n  lab/fault-buildfail:v2: ${TERM_IMAGE}\n`,
        `  - docker service create -d --name ${name} --replicas 1 lab/fault-buildfail:v1\n  - docker service update ` +
          `-d --image lab/fault-buildfail:v2 ${name}\n`,
      );
      try {
        const child = runFixture(file, join(dir, 'events.jsonl'), proxy.socketPath);
        await child.closed;
        expect((await child.exited).code).toBe(1);
        expect(child.stderr()).toBe(
          'swarmlab: building lab/fault-buildfail:v2: {"message":"no space left on device"}\n' +
            'swarmlab: removed what the run had built before it failed: removed image lab/fault-buildfail:v1\n',
        );
        expect([(await imagesNamed('lab/fault-buildfail:v1')).length, (await servicesNamed(name)).length]).toEqual([
          0, 0,
        ]);
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-buildfail:v1', 'lab/fault-buildfail:v2']);
      }
    },
    REAL_TIMEOUT_MS,
  );

  it.skipIf(skip)(
    `an error answer to a poll mid-run: the run fails saying which request failed, and still cleans up${skipNote}`,
    async () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      await docker.negotiate();
      const name = 'swarmlab-it-fault-poll';
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-fault-'));
      let failing = false;
      const proxy = await apiProxy(dir, (method, path) =>
        failing && method === 'GET' && /^\/v[\d.]+\/tasks\?/.test(path)
          ? { status: 500, message: 'injected by the test proxy' }
          : 'forward',
      );
      const file = scenarioFile(
        dir,
        name,
        `  lab/fault-poll:v1: ${TERM_IMAGE}\n`,
        `  - docker service create -d --name ${name} --replicas 1 lab/fault-poll:v1\n  - wait: converged\n  - wait: ` +
          `40s\n`,
      );
      const events = join(dir, 'events.jsonl');
      try {
        const child = runFixture(file, events, proxy.socketPath);
        await until(
          async () => {
            const [service] = await servicesNamed(name);
            return service !== undefined && (await tasksOf(service.ID)).some((t) => t.Status.State === 'running');
          },
          START_LIMIT_MS,
          'task running',
          child,
        );
        await sleep(500);
        failing = true;
        expect((await child.exited).code).toBe(1);
        await child.closed;
        expect(child.stderr()).toBe(
          'swarmlab: the swarm run failed: the Docker daemon answered GET /tasks with HTTP 500: injected by the test ' +
            'proxy\n',
        );
        expect([(await servicesNamed(name)).length, (await imagesNamed('lab/fault-poll:v1')).length]).toEqual([0, 0]);
        const recorded = readEvents(events);
        expect(recorded.filter((e) => e.type === 'command').map((e) => e.text)).toEqual([
          `docker service create -d --name ${name} --replicas 1 lab/fault-poll:v1`,
        ]);
        expect(recorded.filter((e) => e.type === 'task_state').map((e) => e.state)).toContain('running');
      } finally {
        proxy.close();
        await sweep(name, ['lab/fault-poll:v1']);
      }
    },
    REAL_TIMEOUT_MS,
  );
});
