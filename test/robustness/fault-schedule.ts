// Random fault schedules (node loss, drains, kills, updates and rollbacks mid-update) as replayable scenario files.
import fc from 'fast-check';

export interface Setup {
  seed: number;
  nodes: number;
  mode: 'replicated' | 'global';
  replicas: number;
  parallelism: number;
  delay: string;
  monitor: string;
  failureAction: 'pause' | 'continue' | 'rollback';
  order: 'stop-first' | 'start-first';
  /** The image the service is created with (all healthy; slow or health-checked ones stay `starting` for a while). */
  image: string;
}

/** One step of a schedule: time passing, or something a user (or the sandbox's fault verbs) does. */
export type Action =
  | { kind: 'wait'; ms: number }
  | { kind: 'node-down' | 'node-up' | 'drain' | 'pause-node' | 'activate'; node: number }
  | { kind: 'kill'; task: number }
  | { kind: 'update'; image: string }
  | { kind: 'rollback' }
  | { kind: 'resume' | 'force' }
  | { kind: 'scale'; replicas: number };

/** How each image behaves (the scenario's `images:`); an image not listed is healthy. */
export const IMAGES_YAML = `images:
  app:v1: {ignores_sigterm: true}
  app:bad: {exit: 1, after: 2s}
  app:crash0: {exit: 1, after: 0s}
  app:unhealthy: {healthcheck: {interval: 1s, retries: 2, healthy_after: never}}
  app:slow: {start: 8s}
  app:hc: {healthcheck: {interval: 1s, retries: 3, healthy_after: 3s}}
  app:missing: {pull: fail}`;
export const HEALTHY_IMAGES = new Set(['app:v1', 'app:v2', 'app:v3', 'app:slow', 'app:hc', 'app:healed']);

export const setup: fc.Arbitrary<Setup> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  nodes: fc.integer({ min: 1, max: 4 }),
  mode: fc.constantFrom('replicated', 'replicated', 'global'),
  replicas: fc.integer({ min: 1, max: 6 }),
  parallelism: fc.integer({ min: 0, max: 3 }),
  delay: fc.constantFrom('0s', '1s', '5s'),
  monitor: fc.constantFrom('1s', '5s', '10s'),
  failureAction: fc.constantFrom('pause', 'continue', 'rollback'),
  order: fc.constantFrom('stop-first', 'start-first'),
  image: fc.constantFrom('app:v1', 'app:v1', 'app:slow', 'app:hc'),
});

const node = fc.integer({ min: 1, max: 4 });
export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 25_000 }).map((ms): Action => ({ kind: 'wait', ms })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('node-down', 'node-up', 'drain', 'pause-node', 'activate') as fc.Arbitrary<'node-down'>,
        node,
      )
      .map(([kind, n]): Action => ({ kind, node: n })),
  },
  { weight: 2, arbitrary: fc.nat(20).map((task): Action => ({ kind: 'kill', task })) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        'app:v2',
        'app:v3',
        'app:bad',
        'app:crash0',
        'app:unhealthy',
        'app:slow',
        'app:hc',
        'app:missing',
        'app:v1',
      )
      .map((image): Action => ({ kind: 'update', image })),
  },
  { weight: 2, arbitrary: fc.constant<Action>({ kind: 'rollback' }) },
  { weight: 1, arbitrary: fc.constantFrom<Action>({ kind: 'resume' }, { kind: 'force' }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }).map((replicas): Action => ({ kind: 'scale', replicas })) },
);

export const schedule = fc.record({ setup, actions: fc.array(action, { minLength: 1, maxLength: 10 }) });

export function createCommand(s: Setup): string {
  const mode = s.mode === 'global' ? '--mode global' : `--replicas ${s.replicas}`;
  const policy = (prefix: string) => {
    // `--rollback-failure-action` takes pause or continue only: a drawn rollback becomes pause there.
    const failureAction = prefix === 'rollback' && s.failureAction === 'rollback' ? 'pause' : s.failureAction;
    return (
      `--${prefix}-parallelism ${s.parallelism} --${prefix}-delay ${s.delay} --${prefix}-monitor ${s.monitor} ` +
      `--${prefix}-failure-action ${failureAction} --${prefix}-order ${s.order}`
    );
  };
  return `docker service create -d --name web ${mode} ${policy('update')} ${policy('rollback')} ${s.image}`;
}

/** The heal: every node back and active, then a healthy image. */
export function healCommands(s: Setup): string[] {
  const nodes = Array.from({ length: s.nodes }, (_, i) => `node-${i + 1}`);
  return [
    ...nodes.map((n) => `swarmlab fault node-up ${n}`),
    ...nodes.map((n) => `docker node update --availability active ${n}`),
    'docker service update -d --image app:healed web',
  ];
}

/** The command an action becomes; `runningTaskIds` resolves `kill` (null: nothing to kill, the action is skipped). */
export function commandFor(
  a: Exclude<Action, { kind: 'wait' }>,
  s: Setup,
  runningTaskIds: readonly string[],
): string | null {
  const nodeName = 'node' in a ? `node-${((a.node - 1) % s.nodes) + 1}` : '';
  switch (a.kind) {
    case 'node-down':
      // The manager (node-1) cannot be taken down (the sandbox refuses): a loss falls on a worker, if there is one.
      return s.nodes > 1 ? `swarmlab fault node-down node-${((a.node - 1) % (s.nodes - 1)) + 2}` : null;
    case 'node-up':
      return `swarmlab fault node-up ${nodeName}`;
    case 'drain':
      return `docker node update --availability drain ${nodeName}`;
    case 'pause-node':
      return `docker node update --availability pause ${nodeName}`;
    case 'activate':
      return `docker node update --availability active ${nodeName}`;
    case 'kill':
      return runningTaskIds.length ? `swarmlab fault kill ${runningTaskIds[a.task % runningTaskIds.length]}` : null;
    case 'update':
      return `docker service update -d --image ${a.image} web`;
    case 'rollback':
      return 'docker service rollback -d web';
    case 'resume':
      return 'docker service update -d web';
    case 'force':
      return 'docker service update -d --force web';
    case 'scale':
      return s.mode === 'replicated' ? `docker service scale -d web=${a.replicas}` : null;
  }
}

/** A scenario file that replays a run step by step (`swarmlab run FILE`). */
export function scenarioYaml(s: Setup, steps: readonly string[]): string {
  const lines = [
    'name: fault-replay',
    `seed: ${s.seed}`,
    `cluster: {nodes: ${s.nodes}}`,
    IMAGES_YAML,
    'steps:',
    ...steps.map((step) => (step.startsWith('wait: ') ? `  - ${step}` : `  - ${JSON.stringify(step)}`)),
  ];
  return `${lines.join('\n')}\n`;
}
