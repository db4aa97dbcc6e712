// The recorder against a scripted daemon: polls and events streams become TraceEvents, timed in run milliseconds.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DockerClient } from '../../src/real-swarm/http.js';
import { type Presenter, Recorder } from '../../src/real-swarm/recorder.js';
import type { Service, Task } from '../../src/types.js';

const EPOCH_MS = Date.parse('2026-11-26T12:00:00Z');
// daemon times carry nanoseconds
const at = (ms: number) => new Date(EPOCH_MS + ms).toISOString().replace('Z', '123456Z');

function service(state: string | null, message = '', completedMs?: number): Service {
  return {
    ID: 'svc',
    Version: { Index: 10 },
    CreatedAt: at(5),
    UpdatedAt: at(5),
    Spec: {
      Name: 'web',
      Labels: {},
      TaskTemplate: { ContainerSpec: { Image: 'sha256:v1' }, ForceUpdate: 0 },
      Mode: { Replicated: { Replicas: 1 } },
    },
    Endpoint: { Spec: {} },
    ...(state
      ? {
          UpdateStatus: {
            State: state as 'updating',
            Message: message,
            StartedAt: at(1000),
            ...(completedMs ? { CompletedAt: at(completedMs) } : {}),
          },
        }
      : {}),
  };
}

function task(state: string, timestampMs: number): Task {
  return {
    ID: 'task1',
    Version: { Index: 11 },
    CreatedAt: at(10),
    UpdatedAt: at(10),
    Labels: {},
    Spec: { ContainerSpec: { Image: 'sha256:v1' }, ForceUpdate: 0 },
    ServiceID: 'svc',
    Slot: 1,
    NodeID: 'node1',
    Status: { Timestamp: at(timestampMs), State: state as 'running', Message: state },
    DesiredState: 'running',
  };
}

/** A daemon whose answers the test sets; streams hand their line callbacks to the test. */
function scriptedDaemon() {
  const daemon = { services: [] as Service[], tasks: [] as Task[], streams: [] as ((line: string) => void)[] };
  const client = {
    json: async (_method: string, path: string) =>
      path.startsWith('/services') ? daemon.services : path.startsWith('/tasks') ? daemon.tasks : [],
    stream: (_path: string, onLine: (line: string) => void) => {
      daemon.streams.push(onLine);
      return { stop: () => undefined, ready: Promise.resolve() };
    },
  } as unknown as DockerClient;
  return { daemon, client };
}

const presenter: Presenter = {
  image: (ref) => (ref === 'sha256:v1' ? 'app:v1' : ref),
  service: (raw) => raw,
  task: (raw) => ({
    ...raw,
    Spec: {
      ...raw.Spec,
      ContainerSpec: { ...raw.Spec.ContainerSpec, Image: presenter.image(raw.Spec.ContainerSpec.Image) },
    },
  }),
};

describe('Recorder', () => {
  it("records tasks, container events, UpdateStatus at the daemon's times; a state only events saw kept", async () => {
    const { daemon, client } = scriptedDaemon();
    const out = join(mkdtempSync(join(tmpdir(), 'swarmlab-rec-')), 'events.jsonl');
    const recorder = new Recorder(client, 'run1', EPOCH_MS, presenter, out);
    daemon.services = [service(null)];
    daemon.tasks = [task('running', 400)];
    await recorder.start();
    await recorder.stop();
    const [containerStream, serviceStream] = daemon.streams;
    containerStream(
      JSON.stringify({
        Type: 'container',
        Action: 'kill',
        timeNano: (EPOCH_MS + 1200.5) * 1e6,
        Actor: { ID: 'c1', Attributes: { signal: '15', 'com.docker.swarm.task.id': 'task1' } },
      }),
    );
    daemon.services = [service('updating', 'update in progress')];
    await recorder.poll();
    // An update of the service that does not change its UpdateStatus is no transition.
    serviceStream(
      JSON.stringify({
        Type: 'service',
        Action: 'update',
        timeNano: (EPOCH_MS + 3000) * 1e6,
        Actor: { ID: 'svc', Attributes: { 'updatestate.old': 'updating', 'updatestate.new': 'updating' } },
      }),
    );
    // The rollback starts and completes between two polls: only the service event saw rollback_started.
    serviceStream(
      JSON.stringify({
        Type: 'service',
        Action: 'update',
        timeNano: (EPOCH_MS + 4000) * 1e6,
        Actor: { ID: 'svc', Attributes: { 'updatestate.old': 'updating', 'updatestate.new': 'rollback_started' } },
      }),
    );
    daemon.services = [service('rollback_completed', 'rollback completed', 6000)];
    daemon.tasks = [task('failed', 3900)];
    await recorder.poll();
    const summary = recorder.events.map((e) => {
      const { spec, previousSpec, serviceId, ...rest } = e as Record<string, unknown>;
      void spec;
      void previousSpec;
      void serviceId;
      for (const key of ['t_ms', 'startedMs', 'completedMs'])
        if (typeof rest[key] === 'number') rest[key] = Math.round((rest[key] as number) * 100) / 100;
      return rest;
    });
    expect(summary.filter((e) => e.type !== 'update_status' && e.type !== 'node')).toEqual([
      { t_ms: 5.12, type: 'service_spec', name: 'web', action: 'create', version: 10 },
      {
        t_ms: 10.12,
        type: 'task_created',
        taskId: 'task1',
        slot: 1,
        nodeId: 'node1',
        image: 'app:v1',
        specVersion: 10,
        desired: 'running',
        origin: 'orchestrator',
      },
      { t_ms: 400.12, type: 'task_state', taskId: 'task1', state: 'running', message: 'running' },
      { t_ms: 1200.5, type: 'container', taskId: 'task1', action: 'kill', signal: 15 },
      { t_ms: 3900.12, type: 'task_state', taskId: 'task1', state: 'failed', message: 'failed' },
    ]);
    // 'updating' came with no service event: timed by the poll that saw it (wall time, here far after the fake epoch).
    expect(summary.filter((e) => e.type === 'update_status')).toEqual([
      {
        t_ms: 4000,
        type: 'update_status',
        state: 'rollback_started',
        message: '',
        startedMs: 1000.12,
        completedMs: null,
      },
      {
        t_ms: 6000.12,
        type: 'update_status',
        state: 'rollback_completed',
        message: 'rollback completed',
        startedMs: 1000.12,
        completedMs: 6000.12,
      },
      {
        t_ms: expect.any(Number),
        type: 'update_status',
        state: 'updating',
        message: 'update in progress',
        startedMs: 1000.12,
        completedMs: null,
      },
    ]);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(recorder.events.length);
  });
});
