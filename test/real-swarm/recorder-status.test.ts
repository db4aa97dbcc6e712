// The recorder reads UpdateStatus as swarmkit writes it: every UpdateService call resets it to nil, and a new updater
// sets it again with a new StartedAt. Polls of a fake daemon: no real swarm needed.
import { describe, expect, it } from 'vitest';
import type { DockerClient } from '../../src/real-swarm/http.js';
import { type Presenter, Recorder } from '../../src/real-swarm/recorder.js';
import type { Service, TraceEvent } from '../../src/types.js';

const EPOCH_MS = Date.parse('2026-12-05T10:00:00.000Z');
const iso = (ms: number) => new Date(EPOCH_MS + ms).toISOString();

function service(version: number, status?: { State: string; StartedAt: string; Message: string }): Service {
  return {
    ID: 'svc1',
    Version: { Index: version },
    CreatedAt: iso(0),
    UpdatedAt: iso(0),
    Spec: { Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'app:v2' } }, Mode: { Replicated: { Replicas: 4 } } },
    ...(status ? { UpdateStatus: status } : {}),
  } as unknown as Service;
}

/** A daemon whose /services answer is whatever `current` holds at the time of the poll. */
function fakeDaemon(current: { services: Service[] }): DockerClient {
  return {
    json: async (_method: string, path: string) => (path.startsWith('/services') ? current.services : []),
  } as unknown as DockerClient;
}

const same: Presenter = { service: (s) => s, task: (t) => t, image: (ref) => ref };
const statusEvents = (events: TraceEvent[]) =>
  events.flatMap((e) => (e.type === 'update_status' ? [{ state: e.state, startedMs: e.startedMs }] : []));

describe('recorder: UpdateStatus', () => {
  it('records the nil a scale or second update leaves, and a restart under the same state', async () => {
    const current = {
      services: [service(10, { State: 'updating', StartedAt: iso(1000), Message: 'update in progress' })],
    };
    const recorder = new Recorder(fakeDaemon(current), 'run1', EPOCH_MS, same);
    await recorder.poll();
    current.services = [service(12)]; // `docker service scale` landed: UpdateStatus is nil
    await recorder.poll();
    current.services = [service(13, { State: 'updating', StartedAt: iso(4000), Message: 'update in progress' })];
    await recorder.poll();
    current.services = [service(14, { State: 'updating', StartedAt: iso(7000), Message: 'update in progress' })];
    await recorder.poll(); // the nil in between was too short for a poll: only StartedAt tells
    expect(statusEvents(recorder.events)).toEqual([
      { state: 'updating', startedMs: 1000 },
      { state: null, startedMs: null },
      { state: 'updating', startedMs: 4000 },
      { state: 'updating', startedMs: 7000 },
    ]);
  });

  it('two polls at once (the ticker, a command after its write): the newer reads have the last word', async () => {
    let services = [service(10)];
    // The first poll's /tasks answer comes late: the second poll, asked for after the update landed, must not read
    // and diff before it, or the first one's older service would be diffed last.
    let releaseTasks: () => void = () => {};
    const tasksHeld = new Promise<void>((done) => {
      releaseTasks = done;
    });
    let held = true;
    const daemon = {
      json: async (_method: string, path: string) => {
        if (path.startsWith('/services')) return services;
        if (path.startsWith('/tasks') && held) {
          held = false;
          await tasksHeld;
        }
        return [];
      },
    } as unknown as DockerClient;
    const recorder = new Recorder(daemon, 'run1', EPOCH_MS, same);
    const ticker = recorder.poll(); // reads version 10 (no status), then waits for its tasks
    await Promise.resolve();
    services = [service(11, { State: 'updating', StartedAt: iso(1000), Message: 'update in progress' })];
    const afterWrite = recorder.poll();
    releaseTasks();
    await Promise.all([ticker, afterWrite]);
    expect(statusEvents(recorder.events)).toEqual([{ state: 'updating', startedMs: 1000 }]);
  });
});
