// `wait: settled` on a real swarm: when one poll counts as settled (quiet tasks, no update running, no status just
// reset).
import { describe, expect, it } from 'vitest';
import { isPolledSettled, type PolledState, UPDATER_START_MS } from '../../src/real-swarm/settle.js';
import type { Node, Service, Task } from '../../src/types.js';

const QUIET_MS = 3_000;
const node = { ID: 'n1', Status: { State: 'ready' } } as unknown as Node;
const running = { ID: 't1', NodeID: 'n1', DesiredState: 'running', Status: { State: 'running' } } as unknown as Task;
const serviceWith = (state?: string) =>
  ({ ID: 's1', ...(state ? { UpdateStatus: { State: state } } : {}) }) as unknown as Service;

function polled(over: Partial<PolledState>): PolledState {
  return {
    nowMs: 60_000,
    services: [serviceWith()],
    tasks: [running],
    nodes: [node],
    lastTaskChangeMs: 0,
    lastControlChangeMs: 0,
    ...over,
  };
}

describe('isPolledSettled', () => {
  it('a nil UpdateStatus just after a service update is not settled, though the tasks have been quiet for long', () => {
    // Campaign case 13-15 of `conform --random --seed 13`: a `--force` landed while the tasks were quiet; the loaded
    // swarm's new updater set 'updating' a second later, after the recording had already stopped.
    const justForced = polled({ nowMs: 20_000, lastTaskChangeMs: 10_000, lastControlChangeMs: 19_900 });
    expect(isPolledSettled(justForced, QUIET_MS)).toBe(false);
    const updaterSilent = polled({
      nowMs: 19_900 + UPDATER_START_MS,
      lastTaskChangeMs: 10_000,
      lastControlChangeMs: 19_900,
    });
    expect(isPolledSettled(updaterSilent, QUIET_MS)).toBe(true);
  });

  it('an update in progress is never settled; a final one is once the tasks are quiet', () => {
    const quiet = { nowMs: 20_000, lastTaskChangeMs: 10_000, lastControlChangeMs: 15_000 };
    expect(isPolledSettled(polled({ ...quiet, services: [serviceWith('updating')] }), QUIET_MS)).toBe(false);
    expect(isPolledSettled(polled({ ...quiet, services: [serviceWith('completed')] }), QUIET_MS)).toBe(true);
    expect(
      isPolledSettled(polled({ ...quiet, lastTaskChangeMs: 18_000, services: [serviceWith('completed')] }), QUIET_MS),
    ).toBe(false);
  });

  it('a task told to stop but still running holds the settle, unless its node is down', () => {
    const stopping = { ...running, DesiredState: 'shutdown' } as Task;
    expect(isPolledSettled(polled({ tasks: [stopping] }), QUIET_MS)).toBe(false);
    const down = { ...node, Status: { State: 'down' } } as Node;
    expect(isPolledSettled(polled({ tasks: [stopping], nodes: [down] }), QUIET_MS)).toBe(true);
  });

  it('a nil UpdateStatus over a task still running the old image (spec sent again mid-rollout): not settled', () => {
    const template = (image: string, force = 0) => ({ ContainerSpec: { Image: image }, ForceUpdate: force });
    const service = { ID: 's1', Spec: { TaskTemplate: template('nginx:latest') } } as unknown as Service;
    const task = (image: string, force = 0, desired = 'running') =>
      ({ ...running, ServiceID: 's1', DesiredState: desired, Spec: template(image, force) }) as unknown as Task;
    const quiet = { nowMs: 20_000, lastTaskChangeMs: 10_000, lastControlChangeMs: 15_000, services: [service] };
    expect(isPolledSettled(polled({ ...quiet, tasks: [task('nginx:latest'), task('nginx:1.25')] }), QUIET_MS)).toBe(
      false,
    );
    expect(
      isPolledSettled(polled({ ...quiet, tasks: [task('nginx:latest'), task('nginx:latest', 1)] }), QUIET_MS),
    ).toBe(false);
    // Replaced already (told to shut down and stopped): the rollout is done.
    const replaced = { ...task('nginx:1.25', 0, 'shutdown'), Status: { State: 'shutdown' } } as Task;
    expect(isPolledSettled(polled({ ...quiet, tasks: [task('nginx:latest'), replaced] }), QUIET_MS)).toBe(true);
  });
});
