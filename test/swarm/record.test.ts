// `swarmlab record` on the real swarm, through a proxy that logs every request: only GETs, and the update's tasks and
// UpdateStatus recorded.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rollouts } from '../../src/lab/queries.js';
import { cleanupRun } from '../../src/real-swarm/daemon-ops.js';
import { prepareImages, RUN_LABEL } from '../../src/real-swarm/images.js';
import { checkTraceValue } from '../../src/trace/validate.js';
import type { Trace } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { apiProxy, docker, servicesNamed, swarmProblem, until } from './faults.helpers.js';

const problem = await swarmProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
/** Generous: image builds, a two-slot update and the 3 s quiet period on a machine shared with other runs. */
const CASE_TIMEOUT_MS = 300_000;
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

interface Recording {
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  interrupt(): void;
}

/** `swarmlab record SERVICE --host unix://PROXY --out FILE` in its own process. */
function record(service: string, proxySocket: string, outFile: string): Recording {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(
    process.execPath,
    ['--import', tsx, MAIN, 'record', service, '--host', `unix://${proxySocket}`, '--out', outFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return {
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    stdout: () => out,
    stderr: () => err,
    interrupt: () => child.kill('SIGINT'),
  };
}

/** Waits until the recorder started after `log[from]` has both events streams open and has polled the tasks once. */
async function recording(log: string[], from: number, child: Recording): Promise<void> {
  await until(
    async () => {
      const own = log.slice(from);
      return own.filter((line) => line.includes('/events?')).length === 2 && own.some((l) => l.includes('/tasks?'));
    },
    60_000,
    'the recorder streams events and polls tasks',
    {
      exited: child.exited.then((code) => ({ code, signal: null })),
      closed: Promise.resolve(),
      stdout: child.stdout,
      stderr: child.stderr,
      kill: child.interrupt,
    },
  );
}

const methods = (log: string[]) => [...new Set(log.map((line) => line.split(' ')[0]))];

describe('swarmlab record (real swarm, read-only)', () => {
  it.skipIf(skip)(
    'records an update made with the docker CLI, through GETs only; Ctrl-C ' +
      `saves${skip ? ` (skipped: ${problem})` : ''}`,
    async () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-record-'));
      const runId = `rec-test-${randomBytes(4).toString('hex')}`;
      const service = `rec-${randomBytes(3).toString('hex')}`;
      const log: string[] = [];
      const proxy = await apiProxy(dir, (method, path) => {
        log.push(`${method} ${path}`);
        return 'forward';
      });
      try {
        const ids = await prepareImages(
          docker,
          ['rec/app:v1', 'rec/app:v2'],
          { 'rec/app:v1': {}, 'rec/app:v2': {} },
          runId,
        );
        const [v1, v2] = [ids.get('rec/app:v1')!, ids.get('rec/app:v2')!];
        execFileSync(
          'docker',
          [
            'service',
            'create',
            '-d',
            '--name',
            service,
            '--label',
            `${RUN_LABEL}=${runId}`,
            '--replicas',
            '2',
            '--update-parallelism',
            '1',
            v1,
          ],
          { stdio: 'pipe' },
        );
        const [created] = await servicesNamed(service);
        const toRun = encodeURIComponent(JSON.stringify({ service: [created.ID], 'desired-state': ['running'] }));
        const runningTasks = async () =>
          ((await docker.json('GET', `/tasks?filters=${toRun}`)) as { Status: { State: string } }[]).filter(
            (t) => t.Status.State === 'running',
          ).length;
        await until(async () => (await runningTasks()) === 2, 120_000, `${service} converged on v1`);

        // 1. An update made with the docker CLI (straight to the daemon), recorded through the proxy until it settles.
        const traceFile = join(dir, 'update.json');
        const updateRun = record(service, proxy.socketPath, traceFile);
        await recording(log, 0, updateRun);
        execFileSync('docker', ['service', 'update', '-d', '--image', v2, service], { stdio: 'pipe' });
        expect(await updateRun.exited).toBe(0);
        expect(updateRun.stderr()).toBe('');
        expect(updateRun.stdout()).toMatch(
          new RegExp(
            `^recorded ${service} for [\\d.]+m?s: settled, UpdateStatus completed "update completed", \\d+ events ` +
              `→ ${traceFile.replace(/[.]/g, '\\.')}\\n$`,
          ),
        );
        const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as Trace;
        expect(checkTraceValue(trace)).toEqual({ trace });
        const states = trace.events.flatMap((ev) =>
          ev.type === 'update_status' && ev.serviceId === created.ID ? [ev.state] : [],
        );
        expect(states).toEqual(['updating', 'completed']);
        const createdImages = trace.events.flatMap((ev) =>
          ev.type === 'task_created'
            ? [`${ev.image === v1 ? 'v1' : ev.image === v2 ? 'v2' : ev.image}.${ev.slot}`]
            : [],
        );
        expect(createdImages.sort()).toEqual(['v1.1', 'v1.2', 'v2.1', 'v2.2']);
        const v2Running = trace.events.filter(
          (ev) =>
            ev.type === 'task_state' &&
            ev.state === 'running' &&
            trace.events.some((c) => c.type === 'task_created' && c.taskId === ev.taskId && c.image === v2),
        );
        expect(v2Running).toHaveLength(2);
        // compare opens it (the page's import reads it through the same validator, checked above).
        const compared = runCli('compare', traceFile, traceFile);
        expect([compared.code, compared.err]).toEqual([0, '']);
        expect(compared.out).toContain('final UpdateStatus');
        const [rollout] = rollouts(trace, service);
        expect([rollout.kind, rollout.outcome, rollout.fromImage, rollout.toImage]).toEqual([
          'update',
          'completed',
          v1,
          v2,
        ]);

        // 2. Nothing changes: the recording waits; Ctrl-C ends it and saves the whole trace.
        const idleFile = join(dir, 'idle.json');
        const idleFrom = log.length;
        const idleRun = record(service, proxy.socketPath, idleFile);
        await recording(log, idleFrom, idleRun);
        idleRun.interrupt();
        expect(await idleRun.exited).toBe(0);
        expect(idleRun.stdout()).toMatch(
          new RegExp(
            `^recorded ${service} for [\\d.]+m?s: stopped \\(Ctrl-C\\), UpdateStatus completed "update completed", ` +
              `\\d+ events`,
          ),
        );
        const idle = JSON.parse(readFileSync(idleFile, 'utf8')) as Trace;
        expect(checkTraceValue(idle)).toEqual({ trace: idle });
        expect(idle.services.map((s) => s.Spec.Name)).toEqual([service]);

        // 3. A service that does not exist: the docker CLI's words, exit 2.
        const missing = record(`${service}-missing`, proxy.socketPath, join(dir, 'missing.json'));
        expect(await missing.exited).toBe(2);
        expect([missing.stdout(), missing.stderr()]).toEqual(['', `Error: no such service: ${service}-missing\n`]);

        // Every request any recording made was a GET (the events stream included).
        expect(methods(log)).toEqual(['GET']);
        expect(log.filter((line) => line.includes('/events?')).length).toBe(4);
      } finally {
        proxy.close();
        for (const s of await servicesNamed(service)) await docker.json('DELETE', `/services/${s.ID}`).catch(() => 0);
        await cleanupRun(docker, runId, 60_000);
      }
    },
    CASE_TIMEOUT_MS,
  );
});
