// Random conformance cases: scenario files drawn from a seed (policies, image behaviours, mid-run commands, node
// faults).
import seedrandom from 'seedrandom';

/** One drawn case: its id (`SEED-INDEX`), what it exercises in a few words, and its scenario file text. */
export interface RandomCase {
  id: string;
  summary: string;
  yaml: string;
}

/** The new image's behaviour, by name, as a scenario's `images:` value. */
const BEHAVIOURS: Record<string, string> = {
  healthy: '{}',
  'crash-at-start': '{exit: 1, after: 0s}',
  'crash-after-2s': '{exit: 1, after: 2s}',
  'crash-after-8s': '{exit: 3, after: 8s}',
  exit0: '{exit: 0, after: 1s}',
  unhealthy: '{healthcheck: {interval: 1s, retries: 2, healthy_after: never}}',
  'slow-healthy': '{healthcheck: {interval: 1s, retries: 10, healthy_after: 3s}}',
  'start-period': '{healthcheck: {interval: 1s, retries: 2, start_period: 3s, healthy_after: 2s}}',
  'slow-start': '{start: 3s}',
  'ignores-sigterm': '{ignores_sigterm: true}',
  'ignores-sigterm-exits': '{exit: 0, after: 3s, ignores_sigterm: true}',
  'pull-failure': '{pull: fail}',
};

const MID_RUN = ['none', 'none', 'second-update', 'rollback', 'scale', 'force', 'rm'] as const;
/** The mid-run kinds only a lab case draws: a worker lost (its cable pulled), drained or paused. */
export const LAB_MID_RUNS = ['node-down', 'drain', 'pause'] as const;
/** On a lab cluster: today's commands, and the node ones (each twice as likely, to cover them). */
const LAB_MID_RUN = [...MID_RUN.slice(1), ...LAB_MID_RUNS.flatMap((kind) => [kind, kind])] as const;
type MidRun = (typeof LAB_MID_RUN)[number];

/** The node count a lab case declares (its manager node-1, workers node-2 and node-3). */
export const LAB_CASE_NODES = 3;
/**
 * The lost worker comes back this long after its cable is pulled: past Swarm's latest heartbeat failure (16.5 s after
 * the cut) and the simulator's (15 s), so both saw it Down. Without its return the simulated update could wait until
 * `wait: settled` gave up (1 h): on a task the scheduler gave the node before it was seen Down, that never runs and
 * never reports shut down.
 */
const NODE_DOWN_FOR_S = 20;

/** What a campaign draws from: one-node cases, or lab cases (3 nodes, node faults among the mid-run commands). */
interface Pools {
  rngPrefix: string;
  idPrefix: string;
  replicas: readonly number[];
  midRuns: readonly MidRun[];
}
const ONE_NODE: Pools = { rngPrefix: 'swarmlab-conform', idPrefix: '', replicas: [1, 2, 3, 4], midRuns: MID_RUN };
/** A separate generator stream: case (seed, index) of the one-node campaign is the same with or without labs. */
const LAB: Pools = {
  rngPrefix: 'swarmlab-conform-lab',
  idPrefix: 'lab-',
  replicas: [2, 3, 4, 6],
  midRuns: LAB_MID_RUN,
};

type Draw = <T>(items: readonly T[]) => T;

function updateFlags(draw: Draw, prefix: 'update' | 'rollback'): string[] {
  const flags = [
    `--${prefix}-parallelism ${draw([0, 1, 1, 2, 3])}`,
    `--${prefix}-delay ${draw(['0s', '0s', '1s', '3s'])}`,
    `--${prefix}-monitor ${draw(['1s', '3s', '5s', '10s'])}`,
    `--${prefix}-order ${draw(['stop-first', 'stop-first', 'start-first'])}`,
  ];
  const actions = prefix === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'];
  flags.push(`--${prefix}-failure-action ${draw(actions)}`);
  const ratio = draw([null, null, '0.25', '0.5']);
  if (ratio) flags.push(`--${prefix}-max-failure-ratio ${ratio}`);
  return flags;
}

/** The steps after the update, for a mid-run command `midRun` issued `afterS` seconds into the update. */
function midRunSteps(midRun: MidRun, name: string, afterS: number, replicas: number, worker: string): string[] {
  const wait = `wait: ${afterS}s`;
  switch (midRun) {
    case 'none':
      return [];
    case 'second-update':
      return [wait, `docker service update -d --image lab/rnd:v3 ${name}`];
    case 'rollback':
      return [wait, `docker service rollback -d ${name}`];
    case 'scale':
      return [wait, `docker service scale -d ${name}=${replicas + 1}`];
    case 'force':
      return [wait, `docker service update -d --force ${name}`];
    case 'rm':
      return [wait, `docker service rm ${name}`];
    case 'node-down':
      return [
        wait,
        `swarmlab fault node-down ${worker}`,
        `wait: ${NODE_DOWN_FOR_S}s`,
        `swarmlab fault node-up ${worker}`,
      ];
    case 'drain':
    case 'pause':
      return [wait, `docker node update --availability ${midRun} ${worker}`];
  }
}

/** Case `index` of campaign `seed`: the same pair always draws the same case, whatever N the campaign has. */
export function randomCase(seed: number, index: number): RandomCase {
  return drawCase(ONE_NODE, seed, index);
}

/** Case `index` of lab campaign `seed` (3 nodes; node loss, drain and pause mid-run), from its own generator stream. */
export function labRandomCase(seed: number, index: number): RandomCase {
  return drawCase(LAB, seed, index);
}

function drawCase(pools: Pools, seed: number, index: number): RandomCase {
  const lab = pools === LAB;
  const rng = seedrandom(`${pools.rngPrefix}-${seed}-${index}`);
  const draw: Draw = (items) => items[Math.floor(rng() * items.length)];
  const id = `${pools.idPrefix}${seed}-${index}`;
  const name = `swarmlab-rnd-${id}`;
  const replicas = draw(pools.replicas);
  const behaviour = draw(Object.keys(BEHAVIOURS));
  const restart = draw(['any', 'on-failure', 'none']);
  const midRun = draw(pools.midRuns);
  const afterS = draw([1, 2, 4]);
  const create = [
    `docker service create -d --name ${name} --replicas ${replicas} --restart-condition ${restart}`,
    ...updateFlags(draw, 'update'),
    ...updateFlags(draw, 'rollback'),
    'lab/rnd:v1',
  ].join(' ');
  // Drawn last, and only for a lab case: the one-node draws above stay those of every earlier campaign.
  const worker = lab ? draw(['node-2', 'node-3']) : '';
  const steps = [
    create,
    'wait: converged',
    `docker service update -d --image lab/rnd:v2 ${name}`,
    ...midRunSteps(midRun, name, afterS, replicas, worker),
    midRun === 'rm' ? 'wait: 15s' : 'wait: settled',
  ];
  const onNode = (LAB_MID_RUNS as readonly string[]).includes(midRun) ? ` ${worker}` : '';
  const summary =
    `${lab ? `${LAB_CASE_NODES} nodes, ` : ''}${replicas} replica(s), new image ${behaviour}, ` +
    `restart ${restart}, mid-run ${midRun}${onNode}`;
  const yaml = [
    `name: conform-random-${id}`,
    `description: "swarmlab conform --random${lab ? ' --lab' : ''}, seed ${seed}, case ${index}: ${summary}"`,
    `seed: ${seed * 1000 + index}`,
    ...(lab ? ['cluster:', `  nodes: ${LAB_CASE_NODES}`] : []),
    'images:',
    '  lab/rnd:v1: {}',
    `  lab/rnd:v2: ${BEHAVIOURS[behaviour]}`,
    '  lab/rnd:v3: {}',
    'steps:',
    ...steps.map((step) => `  - ${step}`),
    ...(midRun === 'rm' ? [] : ['expect:', `  service: ${name}`]),
    '',
  ].join('\n');
  return { id, summary, yaml };
}

/** Cases 1..count of campaign `seed` (one-node, or lab cases with `lab`). */
export function randomCases(seed: number, count: number, lab = false): RandomCase[] {
  return Array.from({ length: count }, (_, i) => (lab ? labRandomCase : randomCase)(seed, i + 1));
}

/** The behaviours a case may give its new image (for tests and help). */
export const RANDOM_BEHAVIOURS: readonly string[] = Object.keys(BEHAVIOURS);
