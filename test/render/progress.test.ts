import { describe, expect, it } from 'vitest';
import { type ProgressOptions, ProgressTracker } from '../../src/render/progress.js';
import type { ClusterState, ServiceSpec, TaskState, UpdateStatus } from '../../src/types.js';
import {
  golden,
  IMAGE_V1,
  IMAGE_V2,
  makeNode,
  makeService,
  makeState,
  makeTask,
  NODE_ID,
  SERVICE_ID,
  SPEC_V1,
  SPEC_V2,
  TASK_IDS as T,
} from './fixtures.js';

const withoutFirstLine = (text: string) => text.slice(text.indexOf('\n') + 1);
const OPTIONS: ProgressOptions = { serviceArg: 'ceo_probe', serviceId: SERVICE_ID, tty: false };

/** Poll `stateAt(k)` every 200 ms until the tracker stops; returns the tracker and the number of polls. */
function follow(stateAt: (k: number) => ClusterState, options: Partial<ProgressOptions> = {}, maxPolls = 200) {
  const tracker = new ProgressTracker({ ...OPTIONS, ...options });
  let polls = 0;
  while (polls < maxPolls && !tracker.poll(stateAt(polls))) polls++;
  return { tracker, polls: polls + 1 };
}

type SlotPlan = (k: number) => { desired: TaskState; state: TaskState; err?: string } | null;

/** One replicated service: `plans[slot-1](k)` says what the up-to-date task of that slot looks like at poll k. */
function replicatedStates(
  spec: ServiceSpec,
  status: (k: number) => UpdateStatus | undefined,
  plans: SlotPlan[],
  startS: number,
) {
  return (k: number): ClusterState => {
    const nowS = startS + k * 0.2;
    const tasks = plans.flatMap((plan, i) => {
      const t = plan(k);
      return t
        ? [
            makeTask({
              id: `slot${i + 1}`.padEnd(25, 'x'),
              slot: i + 1,
              image: spec.TaskTemplate.ContainerSpec.Image,
              spec,
              createdS: startS,
              desired: t.desired,
              state: t.state,
              stateS: nowS,
              err: t.err,
            }),
          ]
        : [];
    });
    return makeState(nowS, [makeService(spec, undefined, status(k))], tasks);
  };
}

const running =
  (from: number): SlotPlan =>
  (k) =>
    k >= from ? { desired: 'running', state: 'running' } : { desired: 'running', state: 'starting' };
const updating = (): UpdateStatus => ({
  State: 'updating',
  StartedAt: '2026-01-01T00:00:10Z',
  Message: 'update in progress',
});

describe('service update progress (non-TTY)', () => {
  it('reproduces update-progress-nontty.txt: 10 polls with 0 running, convergence, a 5 s verify countdown', () => {
    const states = (k: number): ClusterState => {
      const nowS = 10 + k * 0.2;
      const oldDone = k >= 3;
      const service = makeService(SPEC_V2, SPEC_V1, updating());
      const tasks = [
        makeTask({
          id: T.tdj92,
          slot: 1,
          image: IMAGE_V1,
          createdS: 1,
          desired: oldDone ? 'shutdown' : 'running',
          state: oldDone ? 'shutdown' : 'running',
          stateS: 10.5,
        }),
        makeTask({
          id: T.mh0jw,
          slot: 2,
          image: IMAGE_V1,
          createdS: 1,
          desired: oldDone ? 'shutdown' : 'running',
          state: oldDone ? 'shutdown' : 'running',
          stateS: 10.5,
        }),
      ];
      if (oldDone) {
        const state: TaskState = k >= 10 ? 'running' : k >= 6 ? 'starting' : 'preparing';
        tasks.push(
          makeTask({
            id: T.o1ug6,
            slot: 1,
            image: IMAGE_V2,
            spec: SPEC_V2,
            createdS: 10.05,
            desired: 'running',
            state,
            stateS: nowS,
          }),
          makeTask({
            id: T.ysyy4,
            slot: 2,
            image: IMAGE_V2,
            spec: SPEC_V2,
            createdS: 10.05,
            desired: 'running',
            state,
            stateS: nowS,
          }),
        );
      }
      return makeState(nowS, [service], tasks);
    };
    const { tracker, polls } = follow(states);
    expect(polls).toBe(36);
    expect(tracker.result()).toEqual({
      stdout: withoutFirstLine(golden('update-progress-nontty.txt')),
      stderr: '',
      exitCode: 0,
    });
  });

  it('reproduces rollback-progress-nontty.txt: the rollback line first, then the rolling-back overall lines', () => {
    const status: UpdateStatus = {
      State: 'rollback_started',
      StartedAt: '2026-01-01T00:00:17.3Z',
      Message: 'manually requested rollback',
    };
    const states = (k: number): ClusterState => {
      const nowS = 17.3 + k * 0.2;
      const tasks = [
        makeTask({
          id: T.tdj92,
          slot: 1,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'shutdown',
          state: 'shutdown',
          stateS: 11.3,
        }),
        makeTask({
          id: T.mh0jw,
          slot: 2,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'shutdown',
          state: 'shutdown',
          stateS: 11.3,
        }),
        makeTask({
          id: T.o1ug6,
          slot: 1,
          image: IMAGE_V2,
          spec: SPEC_V2,
          createdS: 10.05,
          desired: k >= 9 ? 'shutdown' : 'running',
          state: 'running',
          stateS: 11.6,
        }),
        makeTask({
          id: T.ysyy4,
          slot: 2,
          image: IMAGE_V2,
          spec: SPEC_V2,
          createdS: 10.05,
          desired: 'shutdown',
          state: k >= 2 ? 'shutdown' : 'running',
          stateS: 11.6,
        }),
      ];
      if (k >= 2)
        tasks.push(
          makeTask({
            id: T.z9813,
            slot: 2,
            image: IMAGE_V1,
            createdS: 17.35,
            desired: 'running',
            state: k >= 8 ? 'running' : 'starting',
            stateS: nowS,
          }),
        );
      if (k >= 10)
        tasks.push(
          makeTask({
            id: T.gtdix,
            slot: 1,
            image: IMAGE_V1,
            createdS: 18.8,
            desired: 'running',
            state: k >= 17 ? 'running' : 'starting',
            stateS: nowS,
          }),
        );
      return makeState(nowS, [makeService(SPEC_V1, SPEC_V2, status)], tasks);
    };
    const { tracker, polls } = follow(states);
    expect(polls).toBe(43);
    expect(tracker.result().stdout).toBe(withoutFirstLine(golden('rollback-progress-nontty.txt')));
  });

  it('prints task errors on the slot line every poll (cut to 75 bytes) and ignores tasks on down nodes', () => {
    const err = `no suitable node (scheduling constraints not satisfied on 5 nodes) ${'x'.repeat(20)}`;
    const states = (k: number) => {
      const state = replicatedStates(
        SPEC_V1,
        () => undefined,
        [() => ({ desired: 'running', state: 'pending', err }), running(0)],
        0,
      )(k);
      state.nodes = [
        makeNode(),
        makeNode({ ID: 'down0000000000000000000000', hostname: 'gone', Status: { State: 'down', Addr: '' } }),
      ];
      state.tasks[1].NodeID = 'down0000000000000000000000';
      return state;
    };
    const { tracker } = follow(states, {}, 2);
    const cut = `${err.slice(0, 74)}…`;
    expect(tracker.result().stdout).toBe(
      `overall progress: 0 out of 2 tasks\n1/2:  \n2/2:  \n1/2: ${cut}\noverall progress: 0 out of 2 ` +
        `tasks\n1/2: ${cut}\noverall progress: 0 out of 2 tasks\n`,
    );
  });

  it('uses the service monitor, detects a task failure during verify, and starts over', () => {
    const spec = { ...SPEC_V1, UpdateConfig: { ...SPEC_V2.UpdateConfig!, Monitor: 1_000_000_000 } };
    const plan: SlotPlan = (k) => ({ desired: 'running', state: k === 2 ? 'failed' : 'running' });
    const { tracker, polls } = follow(
      replicatedStates({ ...spec, Mode: { Replicated: { Replicas: 1 } } }, updating, [plan], 0),
    );
    expect(polls).toBe(9);
    expect(tracker.result().stdout).toBe(
      [
        'overall progress: 0 out of 1 tasks',
        '1/1:  ',
        'overall progress: 1 out of 1 tasks',
        'verify: Waiting 1 seconds to verify that tasks are stable...',
        'verify: Waiting 1 seconds to verify that tasks are stable...',
        'overall progress: 0 out of 1 tasks',
        'verify: Detected task failure',
        'overall progress: 1 out of 1 tasks',
        ...Array(5).fill('verify: Waiting 1 seconds to verify that tasks are stable...'),
        'verify: Service ceo_probe converged',
        '',
      ].join('\n'),
    );
  });

  it('stops with an error when the update or the rollback pauses', () => {
    const paused = (state: UpdateStatus['State'], message: string) =>
      follow(
        replicatedStates(
          { ...SPEC_V1, Mode: { Replicated: { Replicas: 1 } } },
          (k) => (k < 2 ? updating() : { State: state, Message: message }),
          [running(99)],
          0,
        ),
      ).tracker.result();
    expect(paused('paused', 'update paused due to failure or early termination of task abc')).toEqual({
      stdout:
        'overall progress: 0 out of 1 tasks\n1/1:  \noverall progress: 0 out of 1 tasks\noverall progress: 0 out of ' +
        '1 tasks\n',
      stderr: 'service update paused: update paused due to failure or early termination of task abc\n',
      exitCode: 1,
    });
    expect(paused('rollback_paused', 'rollback paused due to failure or early termination of task abc').stderr).toBe(
      'service rollback paused: rollback paused due to failure or early termination of task abc\n',
    );
  });

  it('returns at once when the update completed before convergence was seen', () => {
    const { tracker, polls } = follow(
      replicatedStates(
        SPEC_V1,
        (k) => (k < 1 ? updating() : { State: 'completed', Message: 'update completed' }),
        [running(99), running(99)],
        0,
      ),
    );
    expect(polls).toBe(2);
    expect(tracker.result()).toEqual({
      stdout: 'overall progress: 0 out of 2 tasks\n1/2:  \n2/2:  \noverall progress: 0 out of 2 tasks\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('an automatic rollback: the rollback line once, then `rollback: rollback completed` after verify, exit 0', () => {
    const message = 'update rolled back due to failure or early termination of task 8jej8t73el7cgty3t5s4l6gwp';
    const status = (k: number): UpdateStatus =>
      k < 2
        ? updating()
        : k < 4
          ? { State: 'rollback_started', Message: message }
          : { State: 'rollback_completed', Message: 'rollback completed' };
    const { tracker } = follow(
      replicatedStates({ ...SPEC_V1, Mode: { Replicated: { Replicas: 1 } } }, status, [running(5)], 0),
    );
    const lines = tracker.result().stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'overall progress: 0 out of 1 tasks',
      '1/1:  ',
      'overall progress: 0 out of 1 tasks',
      'overall progress: 0 out of 1 tasks',
      `rollback: ${message}`,
      'overall progress: rolling back update: 0 out of 1 tasks',
      'overall progress: rolling back update: 0 out of 1 tasks',
      'overall progress: rolling back update: 0 out of 1 tasks',
    ]);
    expect(lines.slice(-3)).toEqual(['verify: Service ceo_probe converged', 'rollback: rollback completed', '']);
    expect(tracker.result().exitCode).toBe(0);
  });

  it('interrupt prints the Operation continuing lines when not converged', () => {
    const tracker = new ProgressTracker(OPTIONS);
    tracker.poll(replicatedStates(SPEC_V1, updating, [running(99), running(99)], 0)(0));
    tracker.interrupt();
    expect(tracker.result()).toEqual({
      stdout:
        'overall progress: 0 out of 2 tasks\n1/2:  \n2/2:  \noverall progress: 0 out of 2 tasks\nOperation ' +
        'continuing in background.\nUse `docker service ps ceo_probe` to check progress.\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('more than 20 replicas: no per-slot lines', () => {
    const spec = { ...SPEC_V1, Mode: { Replicated: { Replicas: 21 } } };
    const tracker = new ProgressTracker(OPTIONS);
    tracker.poll(replicatedStates(spec, updating, [], 0)(0));
    expect(tracker.result().stdout).toBe('overall progress: 0 out of 21 tasks\noverall progress: 0 out of 21 tasks\n');
  });
});

describe('global service progress', () => {
  const spec: ServiceSpec = { ...SPEC_V1, Mode: { Global: {} } };
  const states = (k: number): ClusterState => {
    const nodes = [
      makeNode(),
      makeNode({ ID: 'n2zzzzzzzzzzzzzzzzzzzzzzz', hostname: 'vm2', ManagerStatus: undefined }),
    ];
    const tasks =
      k < 2
        ? []
        : nodes.map((n, i) =>
            makeTask({
              id: `g${i}`.padEnd(25, 'g'),
              slot: 0,
              image: IMAGE_V1,
              spec,
              createdS: 0,
              desired: 'running',
              nodeId: n.ID,
              stateS: k * 0.2,
              state: i === 1 && k < 4 ? 'rejected' : 'running',
              err: i === 1 && k < 4 ? 'No such image: busybox:nope' : undefined,
            }),
          );
    return makeState(k * 0.2, [makeService(spec, undefined, undefined)], tasks, nodes);
  };

  it('waits for tasks, then counts per node (node-ID lines carry errors)', () => {
    const { tracker } = follow(states, {}, 4);
    expect(tracker.result().stdout).toBe(
      [
        'overall progress: waiting for new tasks',
        'overall progress: waiting for new tasks',
        'overall progress: 0 out of 2 tasks',
        'n2zzzzzzzzzz: No such image: busybox:nope',
        'overall progress: 1 out of 2 tasks',
        'n2zzzzzzzzzz: No such image: busybox:nope',
        'overall progress: 1 out of 2 tasks',
        '',
      ].join('\n'),
    );
    expect(NODE_ID.startsWith('p4ke')).toBe(true);
  });
});

describe('TTY display', () => {
  const states = replicatedStates(
    SPEC_V1,
    updating,
    [running(3), (k) => (k >= 1 ? { desired: 'running', state: k >= 4 ? 'running' : 'preparing' } : null)],
    0,
  );

  it('keeps one line per ID with bars on a terminal wider than 110 columns', () => {
    const { tracker } = follow(states, { tty: true, terminalWidth: 120 });
    expect(tracker.result()).toEqual({
      stdout: [
        'overall progress: 2 out of 2 tasks ',
        `1/2: running   [${'='.repeat(50)}>] `,
        `2/2: running   [${'='.repeat(50)}>] `,
        'verify: Service ceo_probe converged ',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('shows the state without a bar on a narrow terminal, and the bar of a preparing task', () => {
    const narrow = new ProgressTracker({ ...OPTIONS, tty: true, terminalWidth: 80 });
    for (let k = 0; k < 2; k++) narrow.poll(states(k));
    expect(narrow.result().stdout).toBe('overall progress: 0 out of 2 tasks \n1/2: starting  \n2/2: preparing \n');
    const wide = new ProgressTracker({ ...OPTIONS, tty: true, terminalWidth: 111 });
    for (let k = 0; k < 2; k++) wide.poll(states(k));
    expect(wide.result().stdout.split('\n')[2]).toBe(`2/2: preparing [${'='.repeat(33)}>${' '.repeat(17)}] `);
  });
});
