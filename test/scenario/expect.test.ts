// `expect:` checked against a cluster state: each unmet expectation says what was expected and what was seen.
import { describe, expect, it } from 'vitest';
import { checkExpectations, globMatches } from '../../src/scenario/expect.js';
import type { ClusterState, Service, ServiceSpec, Task, TaskState, UpdateState } from '../../src/types.js';

function spec(name: string, image: string): ServiceSpec {
  return {
    Name: name,
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: image }, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: 1 } },
  };
}

function service(
  id: string,
  name: string,
  image: string,
  status?: [UpdateState, string],
  previousImage?: string,
): Service {
  return {
    ID: id,
    Version: { Index: 1 },
    CreatedAt: '',
    UpdatedAt: '',
    Spec: spec(name, image),
    Endpoint: { Spec: {} },
    ...(status ? { UpdateStatus: { State: status[0], Message: status[1] } } : {}),
    ...(previousImage ? { PreviousSpec: spec(name, previousImage) } : {}),
  };
}

let taskCount = 0;
function task(serviceId: string, image: string, state: TaskState, desired: TaskState = 'running'): Task {
  taskCount++;
  return {
    ID: `t${taskCount}`,
    Version: { Index: 1 },
    CreatedAt: '',
    UpdatedAt: '',
    Labels: {},
    ServiceID: serviceId,
    Slot: taskCount,
    Spec: { ContainerSpec: { Image: image }, ForceUpdate: 0 },
    Status: { Timestamp: '', State: state, Message: '' },
    DesiredState: desired,
  };
}

function state(services: Service[], tasks: Task[]): ClusterState {
  return { nowMs: 0, epochIso: '2026-01-01T00:00:00.000Z', services, tasks, nodes: [] };
}

const web = service('s1', 'web', 'nginx:1.25', ['rollback_completed', 'rollback completed']);
const rolledBack = state(
  [web],
  [
    task('s1', 'nginx:1.25', 'running'),
    task('s1', 'nginx:1.25', 'running'),
    task('s1', 'nginx:bad', 'failed', 'shutdown'),
    task('s1', 'nginx:1.25', 'running', 'shutdown'), // a stale task on a down node: told to stop, not counted
    task('s1', 'nginx:1.25', 'starting'),
  ],
);

describe('checkExpectations', () => {
  it('is empty when everything holds', () => {
    expect(
      checkExpectations(
        {
          service: 'web',
          update_status: 'rollback_completed',
          update_message: 'rollback completed',
          running_images: { 'nginx:1.25': 2, 'nginx:bad': 0 },
          previous_spec: 'none',
        },
        rolledBack,
      ),
    ).toEqual([]);
  });

  it('says what was expected and what was seen, one line per expectation', () => {
    expect(
      checkExpectations(
        {
          service: 'web',
          update_status: 'completed',
          update_message: 'update completed',
          running_images: { 'nginx:1.25': 3, 'nginx:bad': 1 },
          previous_spec: 'present',
        },
        rolledBack,
      ),
    ).toEqual([
      'web: update_status: expected completed, saw rollback_completed ("rollback completed")',
      'web: update_message: expected "update completed", saw "rollback completed"',
      'web: previous_spec: expected present, saw none',
      'web: running_images: expected {nginx:1.25: 3, nginx:bad: 1}, saw {nginx:1.25: 2}',
    ]);
  });

  it('only checks the images listed', () => {
    expect(checkExpectations({ running_images: { 'nginx:1.25': 2 } }, rolledBack)).toEqual([]);
  });

  it('matches * in the message against any text', () => {
    const paused = state(
      [
        service(
          's2',
          'api',
          'app:bad',
          ['paused', 'update paused due to failure or early termination of task abc123'],
          'app:v1',
        ),
      ],
      [],
    );
    expect(
      checkExpectations(
        { update_message: 'update paused due to failure or early termination of task *', previous_spec: 'present' },
        paused,
      ),
    ).toEqual([]);
    expect(checkExpectations({ update_message: 'rollback paused *' }, paused)).toEqual([
      'api: update_message: expected "rollback paused *", saw "update paused due to failure or early termination of ' +
        'task abc123"',
    ]);
  });

  it('reads a missing UpdateStatus as none', () => {
    const fresh = state([service('s3', 'db', 'pg:16', undefined, 'pg:15')], [task('s3', 'pg:16', 'running')]);
    expect(checkExpectations({ update_status: null, previous_spec: 'present' }, fresh)).toEqual([]);
    expect(checkExpectations({ update_status: 'completed', update_message: 'update completed' }, fresh)).toEqual([
      'db: update_status: expected completed, saw none',
      'db: update_message: expected "update completed", saw no update status',
    ]);
  });

  it('finds the service by name or ID, and says when it is missing or ambiguous', () => {
    const two = state([web, service('s9', 'api', 'api:1')], []);
    expect(checkExpectations({ service: 's1', update_status: 'rollback_completed' }, two)).toEqual([]);
    expect(checkExpectations({ service: 'nope', update_status: 'completed' }, two)).toEqual([
      'service nope: expected it to exist, saw only web, api',
    ]);
    expect(checkExpectations({ update_status: 'completed' }, two)).toEqual([
      'expect: service: is needed when the cluster has several services (saw web, api)',
    ]);
    expect(checkExpectations({ update_status: 'completed' }, state([], []))).toEqual(['expected a service, saw none']);
  });
});

describe('globMatches', () => {
  it.each([
    ['a*c', 'abbbc', true],
    ['a*c', 'abd', false],
    ['a.c', 'abc', false],
    ['(x)*', '(x) and more', true],
    ['exact', 'exact', true],
  ])('%s ~ %s → %s', (pattern, text, matches) => {
    expect(globMatches(pattern, text)).toBe(matches);
  });
});
