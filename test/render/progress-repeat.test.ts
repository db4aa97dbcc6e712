// A poll handed the same state objects as the last one (the simulator's state() while nothing was written) prints
// exactly what a poll of an equal, freshly built state prints.
import { describe, expect, it } from 'vitest';
import { type ProgressOptions, ProgressTracker } from '../../src/render/progress.js';
import type { ClusterState, ServiceSpec, TaskState, UpdateStatus } from '../../src/types.js';
import { makeNode, makeService, makeState, makeTask, SERVICE_ID, SPEC_V1, SPEC_V2 } from './fixtures.js';

type Phase = {
  status: UpdateStatus | undefined;
  slots: ({ desired: TaskState; state: TaskState; err?: string } | null)[];
};

const updating: UpdateStatus = { State: 'updating', Message: 'update in progress' };
const rollingBack: UpdateStatus = { State: 'rollback_started', Message: 'update rolled back due to failure' };
const up = { desired: 'running', state: 'running' } as const;
const starting = { desired: 'running', state: 'starting' } as const;
const failed = { desired: 'running', state: 'failed', err: 'task: non-zero exit (1)' } as const;

/**
 * An update of the fixtures' 2 replicas that converges (the verify countdown then runs on an unchanged state), with a
 * failure on the way.
 */
const UPDATE: Phase[] = [
  { status: updating, slots: [null, null] },
  { status: updating, slots: [starting, null] },
  { status: updating, slots: [up, starting] },
  { status: updating, slots: [up, failed] },
  { status: updating, slots: [up, up] },
];
/** A rollback: the overall line's wording changes with the status, the task rows do not. */
const ROLLBACK: Phase[] = [
  { status: updating, slots: [up, null] },
  { status: rollingBack, slots: [up, starting] },
  { status: rollingBack, slots: [up, up] },
];

/** Phase `p`'s state, built afresh; times depend on the phase only, as a record not written keeps its times. */
function phaseState(spec: ServiceSpec, phases: Phase[], p: number): ClusterState {
  const phase = phases[Math.min(p, phases.length - 1)];
  const tasks = phase.slots.flatMap((slot, i) =>
    slot
      ? [
          makeTask({
            id: `slot${i + 1}`.padEnd(25, 'x'),
            slot: spec.Mode.Global ? 0 : i + 1,
            nodeId: spec.Mode.Global ? `node${i}`.padEnd(25, 'n') : undefined,
            image: spec.TaskTemplate.ContainerSpec.Image,
            spec,
            createdS: 10,
            stateS: 10 + p,
            ...slot,
          }),
        ]
      : [],
  );
  const nodes = spec.Mode.Global
    ? phase.slots.map((_, i) => makeNode({ ID: `node${i}`.padEnd(25, 'n'), hostname: `vm${i}` }))
    : [makeNode()];
  return makeState(10 + p, [makeService(spec, SPEC_V1, phase.status)], tasks, nodes);
}

/** Polls 200 ms apart, each phase lasting `pollsPerPhase` polls; `shared`: one phase's polls get the same objects. */
function follow(spec: ServiceSpec, phases: Phase[], options: Partial<ProgressOptions>, shared: boolean) {
  const tracker = new ProgressTracker({ serviceArg: 'web', serviceId: SERVICE_ID, tty: false, ...options });
  const pollsPerPhase = 4;
  const built = new Map<number, ClusterState>();
  let polls = 0;
  for (; polls < 80; polls++) {
    const p = Math.floor(polls / pollsPerPhase);
    const state = shared
      ? (built.get(p) ?? built.set(p, phaseState(spec, phases, p)).get(p)!)
      : phaseState(spec, phases, p);
    if (tracker.poll({ ...state, nowMs: 10_000 + polls * 200 })) break;
  }
  return { ...tracker.result(), polls };
}

const GLOBAL: ServiceSpec = { ...SPEC_V2, Mode: { Global: {} } };

describe('progress polled with the same state objects again', () => {
  const cases = [
    ['replicated update', SPEC_V2, UPDATE],
    ['replicated rollback', SPEC_V2, ROLLBACK],
    ['global update', GLOBAL, UPDATE],
  ] as const;
  for (const [name, spec, phases] of cases) {
    for (const options of [{ tty: false }, { tty: true }, { tty: true, terminalWidth: 120 }]) {
      it(`${name}, ${JSON.stringify(options)}: prints what equal fresh states print`, () => {
        const fresh = follow(spec, phases, options, false);
        const shared = follow(spec, phases, options, true);
        expect(shared).toEqual(fresh);
        // The display ran to its end: it converged and verified (the countdown's lines are there).
        expect(fresh.exitCode).toBe(0);
        expect(fresh.stdout).toContain('verify: Service web converged');
      });
    }
  }

  it('non-TTY: an unchanged state is printed again at every poll, as docker prints it', () => {
    const { stdout } = follow(SPEC_V2, UPDATE, { tty: false }, true);
    const overall = stdout.split('\n').filter((line) => line === 'overall progress: 1 out of 2 tasks');
    // Phases 2 and 3 have one task running: their four polls each print the line.
    expect(overall.length).toBe(8);
  });
});
