// fast-check arbitraries for the policy lab: update/rollback policies, clusters, image behaviours, fault schedules, cases.
import fc from 'fast-check';
import type { ImageBehaviour, Millis, UpdateConfig } from '../types.js';
import type { RolloutCase } from './case.js';
import { crashImage, type FaultEvent, flakyImage, type ImageFault, slowImage, unhealthyImage } from './faults.js';
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

/** How the new image behaves, limited to `kinds` (default: every kind). */
export function imageBehaviourArb(
  kinds: readonly ImageFault[] = ['healthy', 'crash', 'unhealthy', 'slow', 'flaky'],
): fc.Arbitrary<{ fault: ImageFault; behaviour: ImageBehaviour }> {
  const one = (kind: ImageFault): fc.Arbitrary<{ fault: ImageFault; behaviour: ImageBehaviour }> => {
    switch (kind) {
      case 'healthy':
        return fc.constant({ fault: kind, behaviour: {} });
      case 'crash':
        return fc.integer({ min: 0, max: 15_000 }).map((afterMs) => ({ fault: kind, behaviour: crashImage(afterMs) }));
      case 'unhealthy':
        return fc
          .record({ interval: fc.constantFrom(1_000, 2_000, 5_000), retries: fc.integer({ min: 1, max: 3 }) })
          .map(({ interval, retries }) => ({ fault: kind, behaviour: unhealthyImage(interval, retries) }));
      case 'slow':
        return fc
          .integer({ min: 5_000, max: 30_000 })
          .map((startMs) => ({ fault: kind, behaviour: slowImage(startMs) }));
      default:
        return fc.constantFrom(0.2, 0.3, 0.5).map((share) => ({ fault: kind, behaviour: flakyImage(share) }));
    }
  };
  if (kinds.length === 0) throw new Error('imageBehaviourArb: give at least one kind');
  return fc.oneof(...kinds.map(one));
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

/** A schedule of at most one fault of each of `kinds` (node-down, drain, kill), each possibly absent. */
export function faultScheduleArb(opts: {
  nodes: number;
  replicas: number;
  horizonMs: Millis;
  kinds?: readonly ('node-down' | 'drain' | 'kill')[];
}): fc.Arbitrary<FaultEvent[]> {
  const kinds = (opts.kinds ?? ['node-down', 'drain', 'kill']).filter((k) => k === 'kill' || opts.nodes >= 2);
  const parts = kinds.map((kind) =>
    fc.option(
      kind === 'node-down'
        ? nodeLossArb(opts.nodes, opts.horizonMs, { comesBack: true })
        : kind === 'drain'
          ? drainArb(opts.nodes, opts.horizonMs)
          : containerKillArb(opts.replicas, opts.horizonMs),
      { nil: undefined, freq: 2 },
    ),
  );
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
    image?: fc.Arbitrary<{ fault: ImageFault; behaviour: ImageBehaviour }>;
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
