// Random conformance cases: scenario files drawn from a seed (policies, image behaviours, mid-run commands) for conform.
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
type MidRun = (typeof MID_RUN)[number];

type Draw = <T>(items: readonly T[]) => T;

function updateFlags(draw: Draw, prefix: 'update' | 'rollback'): string[] {
  const flags = [
    `--${prefix}-parallelism ${draw([0, 1, 1, 2, 3])}`,
    `--${prefix}-delay ${draw(['0s', '0s', '1s', '3s'])}`,
    `--${prefix}-monitor ${draw(['1s', '3s', '5s', '10s'])}`,
    `--${prefix}-order ${draw(['stop-first', 'stop-first', 'start-first'])}`,
  ];
  flags.push(
    `--${prefix}-failure-action ${draw(prefix === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'])}`,
  );
  const ratio = draw([null, null, '0.25', '0.5']);
  if (ratio) flags.push(`--${prefix}-max-failure-ratio ${ratio}`);
  return flags;
}

/** The steps after the update, for a mid-run command `midRun` issued `afterS` seconds into the update. */
function midRunSteps(midRun: MidRun, name: string, afterS: number, replicas: number): string[] {
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
  }
}

/** Case `index` of campaign `seed`: the same pair always draws the same case, whatever N the campaign has. */
export function randomCase(seed: number, index: number): RandomCase {
  const rng = seedrandom(`swarmlab-conform-${seed}-${index}`);
  const draw: Draw = (items) => items[Math.floor(rng() * items.length)];
  const id = `${seed}-${index}`;
  const name = `swarmlab-rnd-${id}`;
  const replicas = draw([1, 2, 3, 4]);
  const behaviour = draw(Object.keys(BEHAVIOURS));
  const restart = draw(['any', 'on-failure', 'none']);
  const midRun = draw(MID_RUN);
  const afterS = draw([1, 2, 4]);
  const create = [
    `docker service create -d --name ${name} --replicas ${replicas} --restart-condition ${restart}`,
    ...updateFlags(draw, 'update'),
    ...updateFlags(draw, 'rollback'),
    'lab/rnd:v1',
  ].join(' ');
  const steps = [
    create,
    'wait: converged',
    `docker service update -d --image lab/rnd:v2 ${name}`,
    ...midRunSteps(midRun, name, afterS, replicas),
    midRun === 'rm' ? 'wait: 15s' : 'wait: settled',
  ];
  const summary = `${replicas} replica(s), new image ${behaviour}, restart ${restart}, mid-run ${midRun}`;
  const yaml = [
    `name: conform-random-${id}`,
    `description: "swarmlab conform --random, seed ${seed}, case ${index}: ${summary}"`,
    `seed: ${seed * 1000 + index}`,
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

/** Cases 1..count of campaign `seed`. */
export function randomCases(seed: number, count: number): RandomCase[] {
  return Array.from({ length: count }, (_, i) => randomCase(seed, i + 1));
}

/** The behaviours a case may give its new image (for tests and help). */
export const RANDOM_BEHAVIOURS: readonly string[] = Object.keys(BEHAVIOURS);
