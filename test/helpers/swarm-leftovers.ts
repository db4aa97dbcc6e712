// vitest global setup of the real-swarm tests: services an earlier, killed test run left on the swarm are removed in
// CI (the daemon is the CI's own) and named with their remove command elsewhere (a developer's --keep runs stay).
import { resolveEndpoint } from '../../src/real-swarm/host.js';
import { DockerClient } from '../../src/real-swarm/http.js';
import { OWNED_LABEL, RUN_LABEL } from '../../src/real-swarm/images.js';
import type { Service } from '../../src/types.js';

const LOOKUP_TIMEOUT_MS = 10_000;

/** Services swarmlab created (its own label) that are still on the swarm, or [] when no daemon answers. */
async function leftoverServices(client: DockerClient): Promise<Service[]> {
  try {
    await client.negotiate();
    const filters = encodeURIComponent(JSON.stringify({ label: [`${OWNED_LABEL}=true`] }));
    return (await client.json('GET', `/services?filters=${filters}`)) as Service[];
  } catch {
    return []; // no usable swarm: the tests say so themselves
  }
}

export default async function setup(): Promise<void> {
  const client = new DockerClient(resolveEndpoint(undefined), LOOKUP_TIMEOUT_MS);
  const leftovers = await leftoverServices(client);
  if (leftovers.length === 0) return;
  const inCi = process.env.CI === 'true' || process.env.CI === '1';
  for (const service of leftovers) {
    const name = service.Spec.Name;
    const run = service.Spec.Labels?.[RUN_LABEL] ?? '?';
    if (!inCi) {
      console.warn(
        `swarm tests: ${name} (run ${run}) is left on the swarm; remove it first: docker service rm ${name}`,
      );
      continue;
    }
    await client.json('DELETE', `/services/${service.ID}`);
    console.warn(`swarm tests: removed ${name}, left by the killed run ${run}`);
  }
}
