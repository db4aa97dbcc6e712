// fast-check arbitraries for update policies, clusters and the behaviour of the new image.
import fc from 'fast-check';
import type { ImageBehaviour, UpdateConfig } from '../../src/types.js';

export const updatePolicy: fc.Arbitrary<UpdateConfig> = fc.record({
  Parallelism: fc.integer({ min: 0, max: 4 }),
  Delay: fc.constantFrom(0, 1e9, 3e9, 10e9),
  Monitor: fc.constantFrom(1e6, 2e9, 5e9, 10e9),
  MaxFailureRatio: fc.constantFrom(0, 0.2, 0.25, 0.4, 0.5, 1),
  FailureAction: fc.constantFrom('pause', 'continue', 'rollback'),
  Order: fc.constantFrom('stop-first', 'start-first'),
});

export const newImage: fc.Arbitrary<{ name: string; behaviour: ImageBehaviour }> = fc.oneof(
  fc.constant({ name: 'healthy', behaviour: {} }),
  fc.constant({
    name: 'slow-healthy',
    behaviour: { healthcheck: { intervalMs: 1_000, retries: 5, healthyAfterMs: 3_000 } },
  }),
  fc
    .integer({ min: 0, max: 8_000 })
    .map((afterMs) => ({ name: `crash-${afterMs}`, behaviour: { exitCode: 1, exitAfterMs: afterMs } })),
  fc.constant({
    name: 'unhealthy',
    behaviour: { healthcheck: { intervalMs: 1_000, retries: 2, healthyAfterMs: 'never' as const } },
  }),
  fc
    .double({ min: 0.1, max: 0.6, noNaN: true })
    .map((share) => ({ name: `flaky`, behaviour: { exitCode: 1, exitAfterMs: 1_000, failFraction: share } })),
);

export const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  replicas: fc.integer({ min: 1, max: 10 }),
  nodes: fc.integer({ min: 1, max: 4 }),
  policy: updatePolicy,
  image: newImage,
  oldIgnoresSigterm: fc.boolean(),
});
