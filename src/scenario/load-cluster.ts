// The `cluster:` and `images:` blocks of a scenario file: nodes, timing profile, task history, image behaviours.

import type { Entry, YamlSource, YNode } from '../compose/yaml-source.js';
import {
  DEFAULT_HEALTH_INTERVAL_MS,
  DEFAULT_HEALTH_RETRIES,
  DEFAULT_TASK_HISTORY_LIMIT,
  DEFAULT_TIMING,
  defaultNodes,
} from '../defaults.js';
import { IMAGE_FAULT_KINDS, IMAGE_FAULTS, type ImageFault } from '../faults/registry.js';
import { inputText, what } from '../input-messages.js';
import type { ImageBehaviour, NodeAvailability, NodeConfig, NodeRole, Span, TimingProfile } from '../types.js';

export interface ClusterBlock {
  nodes: NodeConfig[];
  timing: TimingProfile;
  taskHistoryLimit: number;
}

const CLUSTER_KEYS = ['nodes', 'timing', 'task_history_limit'] as const;
const NODE_KEYS = ['name', 'role', 'availability', 'labels'] as const;
const ROLES: readonly NodeRole[] = ['manager', 'worker'];
const AVAILABILITIES: readonly NodeAvailability[] = ['active', 'pause', 'drain'];
const SPAN_KEYS = ['min', 'max'] as const;
const IMAGE_KEYS = [
  'exit',
  'after',
  'fail_fraction',
  'healthcheck',
  'start',
  'ignores_sigterm',
  'pull',
  'logs',
  'one_of',
] as const;
const IMAGE_HEALTH_KEYS = ['interval', 'timeout', 'retries', 'start_period', 'healthy_after'] as const;
/** A swarm of more nodes than this is surely a typo, and would only make the simulation slow. */
const MAX_NODES = 1000;

/** `scheduleMs` → `schedule`, `startDispatchMs` → `start_dispatch`: the YAML names of the timing profile. */
const TIMING_KEYS: ReadonlyMap<string, keyof TimingProfile> = new Map(
  (Object.keys(DEFAULT_TIMING) as (keyof TimingProfile)[]).map((field) => [
    field.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    field,
  ]),
);

export function readCluster(src: YamlSource, node: YNode, path: string): ClusterBlock {
  const block: ClusterBlock = {
    nodes: defaultNodes(1),
    timing: { ...DEFAULT_TIMING },
    taskHistoryLimit: DEFAULT_TASK_HISTORY_LIMIT,
  };
  if (src.isEmpty(node)) return block;
  const entries = src.entries(node, path);
  src.checkKeys(entries, CLUSTER_KEYS);
  for (const entry of entries) {
    if (entry.key === 'nodes') block.nodes = readNodes(src, entry);
    else if (entry.key === 'timing') block.timing = readTiming(src, entry);
    else block.taskHistoryLimit = src.integer(entry.value, entry.path, what('taskHistory'));
  }
  return block;
}

function readNodes(src: YamlSource, entry: Entry): NodeConfig[] {
  const countOrList = src.scalar(entry.value);
  if (typeof countOrList === 'number') {
    const count = src.integer(entry.value, entry.path, what('nodeCountOrList'), 1);
    if (count > MAX_NODES)
      src.fail(entry.value, entry.path, inputText('cluster.tooManyNodes', { max: MAX_NODES, count }));
    return defaultNodes(count);
  }
  const items = src.items(entry.value, entry.path, what('nodeList'));
  if (items.length === 0) src.fail(entry.value, entry.path, inputText('cluster.noNode'), entry.keyNode);
  const names = new Set<string>();
  const nodes = items.map((item, index) => {
    const fields = src.entries(item.node, item.path, what('node'));
    src.checkKeys(fields, NODE_KEYS);
    const config: NodeConfig = {
      name: `node-${index + 1}`,
      role: index === 0 ? 'manager' : 'worker',
      availability: 'active',
    };
    for (const field of fields) {
      if (field.key === 'name') config.name = src.string(field.value, field.path, what('hostName'));
      else if (field.key === 'role') config.role = src.oneOf(field.value, field.path, ROLES);
      else if (field.key === 'availability') config.availability = src.oneOf(field.value, field.path, AVAILABILITIES);
      else config.labels = readStringMap(src, field.value, field.path);
    }
    if (!config.name.trim()) src.fail(item.node, item.path, inputText('cluster.emptyNodeName'));
    if (names.has(config.name))
      src.fail(item.node, `${item.path}.name`, inputText('cluster.twoNodesNamed', { name: config.name }));
    names.add(config.name);
    return config;
  });
  if (!nodes.some((n) => n.role === 'manager'))
    src.fail(entry.value, entry.path, inputText('cluster.noManager'), entry.keyNode);
  return nodes;
}

function readTiming(src: YamlSource, entry: Entry): TimingProfile {
  const timing: TimingProfile = { ...DEFAULT_TIMING };
  const fields = src.entries(entry.value, entry.path);
  src.checkKeys(fields, [...TIMING_KEYS.keys()]);
  for (const field of fields) timing[TIMING_KEYS.get(field.key)!] = readSpan(src, field.value, field.path);
  return timing;
}

/** A Go duration, or `{min, max}` for a seeded uniform draw. */
function readSpan(src: YamlSource, node: YNode, path: string): Span {
  if (src.scalar(node) !== undefined) return src.durationMs(node, path);
  const fields = src.entries(node, path, what('span'));
  src.checkKeys(fields, SPAN_KEYS);
  const min = fields.find((f) => f.key === 'min');
  const max = fields.find((f) => f.key === 'max');
  if (!min || !max) src.fail(node, path, inputText('range.minAndMax'));
  const minMs = src.durationMs(min.value, min.path);
  const maxMs = src.durationMs(max.value, max.path);
  if (maxMs < minMs) src.fail(max.value, max.path, inputText('range.maxBelowMin'));
  return { minMs, maxMs };
}

export function readImages(src: YamlSource, node: YNode, path: string): Record<string, ImageBehaviour> {
  const images: Record<string, ImageBehaviour> = {};
  if (src.isEmpty(node)) return images;
  for (const entry of src.entries(node, path, what('images'))) {
    if (!entry.key.trim() || /\s/.test(entry.key)) src.fail(entry.keyNode, entry.path, inputText('image.badReference'));
    images[entry.key] = readImage(src, entry.value, entry.path, true);
  }
  return images;
}

/** One image's behaviour; at the top level it may instead be `one_of: [...]`, drawn per new task (see readOneOf). */
function readImage(src: YamlSource, node: YNode, path: string, topLevel: boolean): ImageBehaviour {
  const behaviour: ImageBehaviour = {};
  if (src.isEmpty(node)) return behaviour;
  const fields = src.entries(node, path, what(topLevel ? 'topBehaviour' : 'behaviour'));
  const oneOf = fields.find((f) => f.key === 'one_of');
  if (oneOf && !topLevel) src.fail(oneOf.keyNode, oneOf.path, inputText('image.nestedOneOf'));
  src.checkKeys(fields, IMAGE_KEYS);
  if (oneOf) {
    const other = fields.find((f) => f.key !== 'one_of');
    if (other) src.fail(other.keyNode, other.path, inputText('image.besideOneOf'));
    return { oneOf: readOneOf(src, oneOf) };
  }
  for (const field of fields) {
    switch (field.key) {
      case 'exit':
        behaviour.exitCode = src.integer(field.value, field.path, what('exitCode'), 0);
        if (behaviour.exitCode > 255)
          src.fail(field.value, field.path, inputText('image.exitCodeRange', { code: behaviour.exitCode }));
        break;
      case 'after':
        behaviour.exitAfterMs = src.durationMs(field.value, field.path);
        break;
      case 'fail_fraction': {
        const fraction = src.number(field.value, field.path, what('fraction'));
        if (fraction < 0 || fraction > 1)
          src.fail(field.value, field.path, inputText('expected', { what: what('fraction'), got: fraction }));
        behaviour.failFraction = fraction;
        break;
      }
      case 'healthcheck':
        behaviour.healthcheck = readImageHealthcheck(src, field);
        break;
      case 'start':
        behaviour.startMs = src.durationMs(field.value, field.path);
        break;
      case 'ignores_sigterm':
        behaviour.ignoresSigterm = src.boolean(field.value, field.path);
        break;
      case 'pull':
        behaviour.pull = src.oneOf(field.value, field.path, ['ok', 'fail'] as const);
        break;
      default:
        behaviour.logs =
          typeof src.scalar(field.value) === 'string'
            ? [src.string(field.value, field.path)]
            : src.stringList(field.value, field.path, what('logLines'));
    }
  }
  for (const needsExit of ['after', 'fail_fraction']) {
    const field = fields.find((f) => f.key === needsExit);
    if (field && behaviour.exitCode === undefined)
      src.fail(field.keyNode, field.path, inputText('image.needsExit', { key: needsExit }));
  }
  return behaviour;
}

/**
 * `one_of: [healthy, {exit: 1, after: 2s}, unhealthy, {start: 20s}]`: each new task of the image takes one of these
 * behaviours (a seeded draw in `swarmlab run`, a choice in `swarmlab explore`). A word is an image fault of the
 * registry with its default behaviour; a mapping is a behaviour as an image's own.
 */
function readOneOf(src: YamlSource, entry: Entry): ImageBehaviour[] {
  const words = IMAGE_FAULT_KINDS.join(', ');
  const items = src.items(entry.value, entry.path, what('behaviours', { words }));
  if (items.length === 0) src.fail(entry.value, entry.path, inputText('image.noBehaviour', { words }));
  return items.map((item) => {
    const kind = src.kind(item.node);
    if (kind === 'mapping') return readImage(src, item.node, item.path, false);
    if (kind !== 'scalar' || typeof src.scalar(item.node) !== 'string')
      src.fail(item.node, item.path, inputText('image.badOneOfItem', { words, got: src.describe(item.node) }));
    const word = src.oneOf(item.node, item.path, IMAGE_FAULT_KINDS) as ImageFault;
    return IMAGE_FAULTS[word].behaviour();
  });
}

function readImageHealthcheck(src: YamlSource, entry: Entry): NonNullable<ImageBehaviour['healthcheck']> {
  const health: NonNullable<ImageBehaviour['healthcheck']> = {
    intervalMs: DEFAULT_HEALTH_INTERVAL_MS,
    retries: DEFAULT_HEALTH_RETRIES,
    healthyAfterMs: 0,
  };
  const fields = src.entries(entry.value, entry.path, what('imageHealthcheck'));
  src.checkKeys(fields, IMAGE_HEALTH_KEYS);
  for (const field of fields) {
    if (field.key === 'interval') health.intervalMs = positiveDuration(src, field);
    else if (field.key === 'timeout') health.timeoutMs = positiveDuration(src, field);
    else if (field.key === 'retries') health.retries = src.integer(field.value, field.path, what('retries1'), 1);
    else if (field.key === 'start_period') health.startPeriodMs = src.durationMs(field.value, field.path);
    else
      health.healthyAfterMs =
        src.scalar(field.value) === 'never' ? 'never' : src.durationMs(field.value, field.path, 'never');
  }
  return health;
}

function positiveDuration(src: YamlSource, field: Entry): number {
  const ms = src.durationMs(field.value, field.path);
  if (ms <= 0) src.fail(field.value, field.path, inputText('duration.positive', { got: src.describe(field.value) }));
  return ms;
}

export function readStringMap(src: YamlSource, node: YNode, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of src.entries(node, path))
    out[entry.key] = src.isEmpty(entry.value) ? '' : src.text(entry.value, entry.path);
  return out;
}
