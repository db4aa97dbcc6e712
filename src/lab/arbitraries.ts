// fast-check arbitraries for the policy lab: update/rollback policies, clusters, image behaviours, fault schedules,
// cases.
import fc from 'fast-check';
import {
  CLUSTER_FAULTS,
  crashImage,
  DRAWN_CLUSTER_FAULTS,
  type DrawnClusterFault,
  type FaultEvent,
  flakyImage,
  IMAGE_FAULT_KINDS,
  type ImageFault,
  slowImage,
  unhealthyImage,
} from '../faults/registry.js';
import type { ImageBehaviour, Millis, UpdateConfig } from '../types.js';
import type { RolloutCase } from './case.js';
import { type Policy, policyCase } from './policy.js';
import { replayText } from './property.js';

const SECOND = 1e9;

/** A seed of the simulation (engine randomness: slot order, timing ranges, flaky containers). */
export const seedArb: fc.Arbitrary<number> = fc.integer({ min: 1, max: 0x7fffffff });

/** UpdateConfig as `docker service update --update-*` can set it (parallelism 0 = all at once). */
export function updateConfigArb(
  opts: { maxParallelism?: number; failureActions?: readonly string[] } = {},
): fc.Arbitrary<UpdateConfig> {
  return fc.record({
    Parallelism: fc.integer({ min: 0, max: opts.maxParallelism ?? 4 }),
    Delay: fc.constantFrom(0, 1 * SECOND, 5 * SECOND, 10 * SECOND),
    Monitor: fc.constantFrom(1e6, 2 * SECOND, 5 * SECOND, 10 * SECOND),
    MaxFailureRatio: fc.constantFrom(0, 0.2, 0.25, 0.5, 1),
    FailureAction: fc.constantFrom(...(opts.failureActions ?? ['pause', 'continue', 'rollback'])),
    Order: fc.constantFrom('stop-first', 'start-first'),
  });
}

/** RollbackConfig: the same fields; its failure action is pause or continue (a rollback is never rolled back). */
export const rollbackConfigArb = (opts: { maxParallelism?: number } = {}): fc.Arbitrary<UpdateConfig> =>
  updateConfigArb({ ...opts, failureActions: ['pause', 'continue'] });

/** A swarm: 1 manager and up to `maxNodes - 1` workers, running `replicas` tasks. */
export function clusterArb(
  opts: { minNodes?: number; maxNodes?: number; minReplicas?: number; maxReplicas?: number } = {},
): fc.Arbitrary<{ nodes: number; replicas: number }> {
  return fc.record({
    nodes: fc.integer({ min: opts.minNodes ?? 1, max: opts.maxNodes ?? 5 }),
    replicas: fc.integer({ min: opts.minReplicas ?? 1, max: opts.maxReplicas ?? 8 }),
  });
}

type DrawnImage = { fault: ImageFault; behaviour: ImageBehaviour };

/** Each image fault's draw: one arbitrary per kind of the registry (a new kind is a type error until it has one). */
const IMAGE_FAULT_ARBS: { [K in ImageFault]: fc.Arbitrary<ImageBehaviour> } = {
  healthy: fc.constant({}),
  crash: fc.integer({ min: 0, max: 15_000 }).map(crashImage),
  unhealthy: fc
    .record({ interval: fc.constantFrom(1_000, 2_000, 5_000), retries: fc.integer({ min: 1, max: 3 }) })
    .map(({ interval, retries }) => unhealthyImage(interval, retries)),
  slow: fc.integer({ min: 5_000, max: 30_000 }).map(slowImage),
  flaky: fc.constantFrom(0.2, 0.3, 0.5).map((share) => flakyImage(share)),
};

/** How the new image behaves, limited to `kinds` (default: every kind). */
export function imageBehaviourArb(kinds: readonly ImageFault[] = IMAGE_FAULT_KINDS): fc.Arbitrary<DrawnImage> {
  if (kinds.length === 0) throw new Error('imageBehaviourArb: give at least one kind');
  return fc.oneof(...kinds.map((fault) => IMAGE_FAULT_ARBS[fault].map((behaviour) => ({ fault, behaviour }))));
}

/** The worker nodes a fault may hit (the manager, node-1, is never lost: the simulated control plane lives there). */
export const workerNames = (nodes: number): string[] =>
  Array.from({ length: Math.max(0, nodes - 1) }, (_, i) => `node-${i + 2}`);

const atArb = (horizonMs: Millis) => fc.integer({ min: 0, max: Math.max(0, Math.round(horizonMs)) });

/** One worker lost at t ∈ [0, horizon]; with `comesBack`, maybe back 5–60 s later. Needs at least 2 nodes. */
export function nodeLossArb(
  nodes: number,
  horizonMs: Millis,
  opts: { comesBack?: boolean } = {},
): fc.Arbitrary<FaultEvent[]> {
  const workers = workerNames(nodes);
  if (workers.length === 0) throw new Error('nodeLossArb: a node loss needs a swarm of at least 2 nodes');
  const back = opts.comesBack
    ? fc.option(fc.integer({ min: 5_000, max: 60_000 }), { nil: undefined })
    : fc.constant(undefined);
  return fc
    .record({ node: fc.constantFrom(...workers), atMs: atArb(horizonMs), backAfterMs: back })
    .map(({ node, atMs, backAfterMs }) => {
      const lost: FaultEvent[] = [{ atMs, kind: 'node-down', node }];
      if (backAfterMs !== undefined) lost.push({ atMs: atMs + backAfterMs, kind: 'node-up', node });
      return lost;
    });
}

/** One worker drained at t ∈ [0, horizon]. */
export function drainArb(nodes: number, horizonMs: Millis): fc.Arbitrary<FaultEvent[]> {
  const workers = workerNames(nodes);
  if (workers.length === 0) throw new Error('drainArb: draining needs a swarm of at least 2 nodes');
  return fc
    .record({ node: fc.constantFrom(...workers), atMs: atArb(horizonMs) })
    .map(({ node, atMs }) => [{ atMs, kind: 'drain' as const, node }]);
}

/** The running container of one slot killed (exit 137) at t ∈ [0, horizon]. */
export function containerKillArb(replicas: number, horizonMs: Millis): fc.Arbitrary<FaultEvent[]> {
  return fc
    .record({ slot: fc.integer({ min: 1, max: Math.max(1, replicas) }), atMs: atArb(horizonMs) })
    .map(({ slot, atMs }) => [{ atMs, kind: 'kill' as const, slot }]);
}

interface ScheduleShape {
  nodes: number;
  replicas: number;
  horizonMs: Millis;
}

/** Each drawn cluster fault's schedule: one arbitrary per kind of the registry (node-down may come back up). */
const CLUSTER_FAULT_ARBS: { [K in DrawnClusterFault]: (shape: ScheduleShape) => fc.Arbitrary<FaultEvent[]> } = {
  'node-down': (shape) => nodeLossArb(shape.nodes, shape.horizonMs, { comesBack: true }),
  drain: (shape) => drainArb(shape.nodes, shape.horizonMs),
  kill: (shape) => containerKillArb(shape.replicas, shape.horizonMs),
};

/** A schedule of at most one fault of each of `kinds` (default: every drawn kind), each possibly absent. */
export function faultScheduleArb(
  opts: ScheduleShape & { kinds?: readonly DrawnClusterFault[] },
): fc.Arbitrary<FaultEvent[]> {
  // Node faults need a worker to hit (the manager is never lost).
  const kinds = (opts.kinds ?? DRAWN_CLUSTER_FAULTS).filter(
    (kind) => CLUSTER_FAULTS[kind].target !== 'node' || opts.nodes >= 2,
  );
  const parts = kinds.map((kind) => fc.option(CLUSTER_FAULT_ARBS[kind](opts), { nil: undefined, freq: 2 }));
  return fc.tuple(...parts).map((lists) => lists.flatMap((list) => list ?? []).sort((a, b) => a.atMs - b.atMs));
}

/**
 * Cases of one policy: every seed, the new image behaving as `image` draws, and the faults `faults` draws
 * (default: none). `fc.property(policyCaseArb(p, {faults: nodeLossArb(3, 30_000)}), ...)` reads "for every seed and
 * every single node loss in the first 30 s".
 */
export function policyCaseArb(
  policy: Policy,
  opts: {
    faults?: fc.Arbitrary<FaultEvent[]>;
    image?: fc.Arbitrary<DrawnImage>;
  } = {},
): fc.Arbitrary<RolloutCase> {
  const image = opts.image ?? fc.constant(undefined);
  return fc
    .record({ seed: seedArb, faults: opts.faults ?? fc.constant<FaultEvent[]>([]), image })
    .map(({ seed, faults, image: drawn }) =>
      printsItsReplay(policyCase(policy, { seed, faults, newBehaviour: drawn?.behaviour })),
    );
}

/** fast-check prints a counter-example with this: its seed, faults and the scenario file that replays it. */
export function printsItsReplay(c: RolloutCase): RolloutCase {
  Object.defineProperty(c, fc.toStringMethod, { value: () => replayText(c), enumerable: false });
  return c;
}
