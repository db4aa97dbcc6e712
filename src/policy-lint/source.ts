// What `swarmlab lint` reads: the services of a stack file or the updated service of a scenario, with their lines.
import { composeToSpecs } from '../compose/compose.js';
import type { ComposeEnv } from '../compose/interpolate.js';
import { type Entry, YamlSource, type YNode } from '../compose/yaml-source.js';
import { DEFAULT_SEED } from '../defaults.js';
import { nextImage, policyFromScenario } from '../lab/policy.js';
import type { Scenario } from '../scenario/types.js';
import type { HostPort, LintTarget, Setting } from './types.js';

/** A scenario has `steps:`; anything else is read as a stack (compose) file. */
export function isScenarioText(text: string, file: string): boolean {
  const src = YamlSource.parse(text, file);
  if (src.kind(src.root) !== 'mapping') return false;
  return src.entries(src.root, '').some((entry) => entry.key === 'steps');
}

/** Where each setting of a stack file's service lives: its key path under the service. */
const COMPOSE_PATHS: Record<Setting, string[]> = {
  service: [],
  image: ['image'],
  replicas: ['deploy', 'replicas'],
  healthcheck: ['healthcheck'],
  update_config: ['deploy', 'update_config'],
  'update.parallelism': ['deploy', 'update_config', 'parallelism'],
  'update.delay': ['deploy', 'update_config', 'delay'],
  'update.monitor': ['deploy', 'update_config', 'monitor'],
  'update.failure_action': ['deploy', 'update_config', 'failure_action'],
  'update.max_failure_ratio': ['deploy', 'update_config', 'max_failure_ratio'],
  'update.order': ['deploy', 'update_config', 'order'],
  rollback_config: ['deploy', 'rollback_config'],
  'rollback.parallelism': ['deploy', 'rollback_config', 'parallelism'],
  'rollback.delay': ['deploy', 'rollback_config', 'delay'],
  ports: ['ports'],
};

/** Every service of a stack file (checked by the same converter `docker stack deploy` emulation uses). */
export function composeTargets(
  text: string,
  file: string,
  opts: { nodes: number; stack?: string; env?: ComposeEnv },
): LintTarget[] {
  const stack = opts.stack ?? 'stack';
  const specs = composeToSpecs(text, file, stack, { env: opts.env });
  if (specs.length === 0) return [];
  const src = YamlSource.parse(text, file);
  const services = src.entries(src.root, '').find((entry) => entry.key === 'services')!;
  return src.entries(services.value, 'services').map((service) => {
    const spec = specs.find((s) => s.Name === `${stack}_${service.key}`)!;
    const lineOf = (setting: Setting): number => {
      const path = COMPOSE_PATHS[setting];
      for (let depth = path.length; depth > 0; depth--) {
        const entry = entryAt(src, service, path.slice(0, depth));
        if (entry) return src.at(entry.keyNode).line;
      }
      return src.at(service.keyNode).line;
    };
    const monitor = entryAt(src, service, COMPOSE_PATHS['update.monitor']);
    return {
      file,
      service: service.key,
      spec,
      seed: DEFAULT_SEED,
      policy: spec.Mode.Global
        ? null
        : {
            name: `${stack}-${service.key}`,
            service: spec,
            newImage: nextImage(spec.TaskTemplate.ContainerSpec.Image),
            images: {},
            nodes: opts.nodes,
          },
      hostPorts: hostPorts(src, entryAt(src, service, ['ports'])),
      images: [{ image: spec.TaskTemplate.ContainerSpec.Image, line: lineOf('image') }],
      monitorZeroLine: monitor && isZeroDuration(src.scalar(monitor.value)) ? src.at(monitor.keyNode).line : null,
      lineOf,
    };
  });
}

function entryAt(src: YamlSource, from: Entry, path: string[]): Entry | null {
  let current: Entry = from;
  for (const key of path) {
    if (src.kind(current.value) !== 'mapping') return null;
    const next = src.entries(current.value, current.path).find((entry) => entry.key === key);
    if (!next) return null;
    current = next;
  }
  return current;
}

function isZeroDuration(value: unknown): boolean {
  return value === 0 || (typeof value === 'string' && /^\s*[+-]?0+(\.0*)?([a-zµμ]+)?\s*$/.test(value));
}

/** `ports:` entries in the long syntax with `mode: host` and a fixed published port. */
function hostPorts(src: YamlSource, ports: Entry | null): HostPort[] {
  if (!ports || src.kind(ports.value) !== 'list') return [];
  const found: HostPort[] = [];
  for (const item of src.items(ports.value, ports.path)) {
    if (src.kind(item.node) !== 'mapping') continue; // short syntax: ingress mode
    const fields = new Map(src.entries(item.node, item.path).map((f) => [f.key, f.value]));
    const published = Number(src.scalar(fields.get('published') ?? null));
    if (src.scalar(fields.get('mode') ?? null) !== 'host' || !Number.isInteger(published) || published <= 0) continue;
    found.push({ published, target: Number(src.scalar(fields.get('target') ?? null)), line: src.at(item.node).line });
  }
  return found;
}

/** The flags that write each setting in a scenario's docker commands. */
const SCENARIO_FLAGS: Record<Setting, string[]> = {
  service: [],
  image: ['--image'],
  replicas: ['--replicas'],
  healthcheck: ['--health-cmd', '--health-interval', '--health-retries', '--no-healthcheck'],
  update_config: ['--update-'],
  'update.parallelism': ['--update-parallelism'],
  'update.delay': ['--update-delay'],
  'update.monitor': ['--update-monitor'],
  'update.failure_action': ['--update-failure-action'],
  'update.max_failure_ratio': ['--update-max-failure-ratio'],
  'update.order': ['--update-order'],
  rollback_config: ['--rollback-'],
  'rollback.parallelism': ['--rollback-parallelism'],
  'rollback.delay': ['--rollback-delay'],
  ports: ['--publish', '-p'],
};

/** The service a scenario's first image update changes, with the lines of the commands that set each flag. */
export function scenarioTargets(text: string, scenario: Scenario): LintTarget[] {
  const policy = policyFromScenario(scenario);
  const spec = policy.service;
  const name = spec.Name;
  const commands = scenario.steps.flatMap((step) =>
    step.kind === 'command' && (step.text.includes(name) || /\bstack deploy\b/.test(step.text))
      ? [{ text: step.text, line: step.at.line }]
      : [],
  );
  const deploys = commands.filter((c) => /\bstack deploy\b/.test(c.text));
  const update =
    commands.find((c) => /\bservice update\b/.test(c.text) && c.text.includes('--image')) ?? deploys.at(-1);
  const create = commands.find((c) => /\bservice create\b/.test(c.text)) ?? deploys[0];
  const fallback = update?.line ?? create?.line ?? 1;
  const lineOf = (setting: Setting): number => {
    const flags = SCENARIO_FLAGS[setting];
    const written = [...commands].reverse().find((c) => flags.some((flag) => hasFlag(c.text, flag)));
    return written?.line ?? (setting === 'service' ? (create?.line ?? fallback) : fallback);
  };
  const behaviour = scenario.cluster.images[policy.newImage];
  const src = YamlSource.parse(text, scenario.file);
  return [
    {
      file: scenario.file,
      service: name,
      spec,
      seed: scenario.seed,
      policy,
      ...(behaviour
        ? { newImage: { name: policy.newImage, behaviour, afterLine: imageAfterLine(src, policy.newImage) } }
        : {}),
      hostPorts: scenarioHostPorts(commands),
      images: [
        { image: spec.TaskTemplate.ContainerSpec.Image, line: create?.line ?? fallback },
        { image: policy.newImage, line: fallback },
      ],
      monitorZeroLine: spec.UpdateConfig?.Monitor === 0 ? lineOf('update.monitor') : null,
      lineOf,
    },
  ];
}

function hasFlag(text: string, flag: string): boolean {
  const escaped = flag.replace(/[-]/g, '\\-');
  return new RegExp(`(^|\\s)${escaped}${flag.endsWith('-') ? '' : '(=|\\s|$)'}`).test(text);
}

/** `--publish mode=host,published=8080,target=80` (the sandbox accepts it and does not simulate ports). */
function scenarioHostPorts(commands: { text: string; line: number }[]): HostPort[] {
  const found: HostPort[] = [];
  for (const command of commands) {
    for (const match of command.text.matchAll(/(?:--publish|-p)[= ]\s*(\S+)/g)) {
      const fields = new Map(match[1].split(',').map((kv) => kv.split('=') as [string, string]));
      const published = Number(fields.get('published'));
      if (fields.get('mode') === 'host' && Number.isInteger(published) && published > 0)
        found.push({ published, target: Number(fields.get('target')), line: command.line });
    }
  }
  return found;
}

function imageAfterLine(src: YamlSource, image: string): number | null {
  const images = src.entries(src.root, '').find((entry) => entry.key === 'images');
  if (!images || src.kind(images.value) !== 'mapping') return null;
  const entry = src.entries(images.value, 'images').find((e) => e.key === image);
  if (!entry || src.kind(entry.value) !== 'mapping') return null;
  const after = src.entries(entry.value, entry.path).find((e) => e.key === 'after');
  return src.at((after ?? entry).keyNode as YNode).line;
}
