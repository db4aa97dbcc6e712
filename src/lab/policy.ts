// Where a policy comes from: a course scenario's first update, or a service of a stack (compose) file.
import { composeToSpecs } from '../compose/compose.js';
import type { ComposeEnv } from '../compose/interpolate.js';
import { InputError } from '../errors.js';
import { loadScenario } from '../scenario/load.js';
import { runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import type { ImageBehaviour, ServiceSpec, TimingProfile } from '../types.js';
import type { RolloutCase } from './case.js';
import type { FaultEvent } from './faults.js';

/** A service and how it rolls out: what the lab varies faults, images and seeds against. */
export interface Policy {
  name: string;
  /** The service as created (old image), with its UpdateConfig, RollbackConfig, healthcheck and restart policy. */
  service: ServiceSpec;
  /** The image the rollout moves to. */
  newImage: string;
  images: Record<string, ImageBehaviour>;
  nodes: number;
  timing?: Partial<TimingProfile>;
}

/**
 * The policy of a scenario's first update: the service spec that update sent (its update and rollback settings) with
 * the image it replaced, on the scenario's cluster. The scenario is run once (with its own seed) to find it.
 */
export function policyFromScenario(scenario: Scenario | string, file = 'scenario.yaml'): Policy {
  const loaded = typeof scenario === 'string' ? loadScenario(scenario, file) : scenario;
  const trace = runScenario(loaded).trace;
  const update = trace.events.find(
    (ev) =>
      ev.type === 'service_spec' &&
      ev.action === 'update' &&
      ev.previousSpec !== null &&
      ev.previousSpec.TaskTemplate.ContainerSpec.Image !== ev.spec.TaskTemplate.ContainerSpec.Image,
  );
  if (update?.type !== 'service_spec' || !update.previousSpec) {
    throw new InputError(`${loaded.file}: the scenario never updates a service's image: no policy to test`);
  }
  const service = structuredClone(update.spec);
  service.TaskTemplate.ContainerSpec.Image = update.previousSpec.TaskTemplate.ContainerSpec.Image;
  return {
    name: loaded.name,
    service,
    newImage: update.spec.TaskTemplate.ContainerSpec.Image,
    images: loaded.cluster.images,
    nodes: loaded.cluster.nodes.length,
    timing: loaded.cluster.timing,
  };
}

/**
 * The policy of one service of a stack file (`docker stack deploy -c FILE STACK` names it STACK_SERVICE). Without
 * `service`, the file must hold exactly one. The rollout moves to `newImage` (default: the image tagged `next`).
 */
export function policyFromCompose(
  text: string,
  file: string,
  opts: { service?: string; stack?: string; nodes?: number; newImage?: string; env?: ComposeEnv } = {},
): Policy {
  const stack = opts.stack ?? 'stack';
  const specs = composeToSpecs(text, file, stack, { env: opts.env });
  if (specs.length === 0) throw new InputError(`${file}: no services: nothing to check`);
  const short = (spec: ServiceSpec) => spec.Name.slice(stack.length + 1);
  let spec: ServiceSpec | undefined;
  if (opts.service === undefined) {
    if (specs.length > 1)
      throw new InputError(
        `${file}: ${specs.length} services (${specs.map(short).join(', ')}): choose one with --service NAME`,
      );
    spec = specs[0];
  } else {
    spec = specs.find((s) => short(s) === opts.service || s.Name === opts.service);
    if (!spec) throw new InputError(`${file}: no service ${opts.service} (services: ${specs.map(short).join(', ')})`);
  }
  if (spec.Mode.Global)
    throw new InputError(`${file}: service ${short(spec)} is global: the lab checks replicated services`);
  const image = spec.TaskTemplate.ContainerSpec.Image;
  return {
    name: `${stack}-${short(spec)}`,
    service: spec,
    newImage: opts.newImage ?? nextImage(image),
    images: {},
    nodes: opts.nodes ?? 3,
  };
}

/** `shop/web:1.0` → `shop/web:next` (`nginx` → `nginx:next`). */
export function nextImage(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const repo = colon > slash ? name.slice(0, colon) : name;
  const next = `${repo}:next`;
  return next === image ? `${repo}:next2` : next;
}

/**
 * A case of `policy`: the new image behaving as `newBehaviour` (default: as the policy's images say), with `faults`.
 */
export function policyCase(
  policy: Policy,
  opts: { seed: number; faults?: FaultEvent[]; newBehaviour?: ImageBehaviour; name?: string },
): RolloutCase {
  return {
    name: opts.name ?? `${policy.name}-${opts.seed}`,
    seed: opts.seed,
    nodes: policy.nodes,
    service: policy.service,
    newImage: policy.newImage,
    images: opts.newBehaviour ? { ...policy.images, [policy.newImage]: opts.newBehaviour } : policy.images,
    faults: opts.faults ?? [],
    ...(policy.timing ? { timing: policy.timing } : {}),
  };
}
