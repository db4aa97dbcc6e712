// Compose files → Engine API ServiceSpecs, the way `docker stack deploy` converts them (docker/cli
// cli/compose/convert).
import { tokenize } from '../commands/tokenize.js';
import { dockerText, inputText, what } from '../input-messages.js';
import {
  ERR_COMPOSE_SERVICES_MAPPING,
  ERR_COMPOSE_TEST_AND_DISABLE,
  ERR_COMPOSE_TOP_LEVEL,
  ERR_REPLICAS_GLOBAL_CREATE,
  errComposeUnknownMode,
  errComposeUnknownRestartPolicy,
} from '../messages.js';
import type { HealthConfig, RestartPolicy, ServiceMode, ServiceSpec, UpdateConfig } from '../types.js';
import type { ComposeEnv } from './interpolate.js';
import { LABEL_STACK_IMAGE, LABEL_STACK_NAMESPACE } from './labels.js';
import { readPorts } from './ports.js';
import { type Entry, YamlSource } from './yaml-source.js';

const TOP_KEYS = ['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs'] as const;
/** Every service key of the compose format: the converted ones plus those accepted and not simulated. */
const CONVERTED_SERVICE_KEYS = [
  'image',
  'deploy',
  'healthcheck',
  'stop_grace_period',
  'environment',
  'labels',
  'command',
  'entrypoint',
  'init',
  'restart',
  'ports',
] as const;
export const IGNORED_SERVICE_KEYS = [
  'annotations',
  'attach',
  'blkio_config',
  'build',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'cgroupns_mode',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'depends_on',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'env_file',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'hostname',
  'ipc',
  'isolation',
  'label_file',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'post_start',
  'pre_stop',
  'privileged',
  'profiles',
  'pull_policy',
  'read_only',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'user',
  'userns_mode',
  'uts',
  'volumes',
  'volumes_from',
  'working_dir',
] as const;
const SERVICE_KEYS: readonly string[] = [...CONVERTED_SERVICE_KEYS, ...IGNORED_SERVICE_KEYS];
const DEPLOY_KEYS = [
  'mode',
  'replicas',
  'labels',
  'update_config',
  'rollback_config',
  'restart_policy',
  'placement',
  'resources',
  'endpoint_mode',
] as const;
const UPDATE_KEYS = ['parallelism', 'delay', 'failure_action', 'monitor', 'max_failure_ratio', 'order'] as const;
const RESTART_KEYS = ['condition', 'delay', 'max_attempts', 'window'] as const;
const PLACEMENT_KEYS = ['constraints', 'preferences', 'max_replicas_per_node'] as const;
const HEALTH_KEYS = ['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'] as const;
const ORDERS = ['start-first', 'stop-first'] as const;
const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * The ServiceSpecs `docker stack deploy -c FILE STACK` sends, sorted by service name. `lineOffset` places a file
 * embedded in a scenario at its real lines; `env` holds the variables `${VAR}` reads (the CLI's environment, none
 * by default). Bad input throws InputError naming the file, the line and the key.
 */
export function composeToSpecs(
  text: string,
  file: string,
  stack: string,
  opts: { lineOffset?: number; env?: ComposeEnv } = {},
): ServiceSpec[] {
  const src: YamlSource = YamlSource.parse(text, file, opts.lineOffset ?? 0);
  const root = src.root;
  if (src.kind(root) !== 'mapping') src.fail(root, '', dockerText(ERR_COMPOSE_TOP_LEVEL));
  src.interpolate(opts.env ?? {});
  const top = src.entries(root, '');
  src.checkKeys(top, TOP_KEYS);
  const services = top.find((entry) => entry.key === 'services');
  if (!services) return [];
  if (src.kind(services.value) !== 'mapping')
    src.fail(services.value, '', dockerText(ERR_COMPOSE_SERVICES_MAPPING), services.keyNode);
  const specs = src.entries(services.value, 'services').map((service) => convertService(src, service, stack));
  return specs.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

function convertService(src: YamlSource, service: Entry, stack: string): ServiceSpec {
  if (!SERVICE_NAME.test(service.key)) src.fail(service.keyNode, service.path, inputText('compose.serviceName'));
  const fields = new Map(src.entries(service.value, service.path, what('service')).map((f) => [f.key, f]));
  src.checkKeys([...fields.values()], SERVICE_KEYS);
  const image = fields.get('image');
  if (!image) src.fail(service.value, service.path, inputText('compose.needsImage'), service.keyNode);
  const imageRef = src.string(image.value, image.path, what('image'));
  const deploy = fields.get('deploy');
  const deployFields = new Map(
    deploy && !src.isEmpty(deploy.value) ? src.entries(deploy.value, deploy.path).map((f) => [f.key, f]) : [],
  );
  src.checkKeys([...deployFields.values()], DEPLOY_KEYS);

  const namespace = { [LABEL_STACK_NAMESPACE]: stack };
  const spec: ServiceSpec = {
    Name: `${stack}_${service.key}`,
    Labels: { ...readLabels(src, deployFields.get('labels')), ...namespace, [LABEL_STACK_IMAGE]: imageRef },
    TaskTemplate: {
      ContainerSpec: { Image: imageRef, Labels: { ...readLabels(src, fields.get('labels')), ...namespace } },
      Placement: readPlacement(src, deployFields.get('placement')),
      ForceUpdate: 0,
    },
    Mode: readMode(src, deployFields.get('mode'), deployFields.get('replicas')),
    EndpointSpec: readEndpoint(src, deployFields.get('endpoint_mode')),
  };
  const ports = readPorts(src, fields.get('ports'));
  if (ports.length) spec.EndpointSpec = { ...spec.EndpointSpec, Ports: ports };
  const container = spec.TaskTemplate.ContainerSpec;
  const entrypoint = fields.get('entrypoint');
  if (entrypoint && !src.isEmpty(entrypoint.value)) container.Command = readCommand(src, entrypoint);
  const command = fields.get('command');
  if (command && !src.isEmpty(command.value)) container.Args = readCommand(src, command);
  const environment = fields.get('environment');
  if (environment && !src.isEmpty(environment.value)) container.Env = readEnvironment(src, environment);
  const healthcheck = fields.get('healthcheck');
  if (healthcheck) container.Healthcheck = readHealthcheck(src, healthcheck);
  const grace = fields.get('stop_grace_period');
  if (grace && !src.isEmpty(grace.value)) container.StopGracePeriod = src.durationNanos(grace.value, grace.path);
  const init = fields.get('init');
  if (init && !src.isEmpty(init.value)) container.Init = src.boolean(init.value, init.path);
  const restartPolicy = readRestartPolicy(src, deployFields.get('restart_policy'), fields.get('restart'));
  if (restartPolicy) spec.TaskTemplate.RestartPolicy = restartPolicy;
  const update = deployFields.get('update_config');
  if (update) spec.UpdateConfig = readUpdateConfig(src, update);
  const rollback = deployFields.get('rollback_config');
  if (rollback) spec.RollbackConfig = readUpdateConfig(src, rollback);
  return spec;
}

function readMode(src: YamlSource, mode: Entry | undefined, replicas: Entry | undefined): ServiceMode {
  const name = mode && !src.isEmpty(mode.value) ? src.string(mode.value, mode.path, what('mode')) : 'replicated';
  const count =
    replicas && !src.isEmpty(replicas.value)
      ? src.integer(replicas.value, replicas.path, what('replicas'), 0)
      : undefined;
  if (name === 'replicated') return { Replicated: { Replicas: count ?? 1 } };
  if (name === 'global') {
    if (count !== undefined) src.fail(replicas!.keyNode, replicas!.path, dockerText(ERR_REPLICAS_GLOBAL_CREATE));
    return { Global: {} };
  }
  if (name === 'replicated-job' || name === 'global-job') src.fail(mode!.value, mode!.path, inputText('compose.jobs'));
  return src.fail(mode!.value, mode!.path, dockerText(errComposeUnknownMode(name)));
}

function readUpdateConfig(src: YamlSource, block: Entry): UpdateConfig {
  // docker/cli convertUpdateConfig: parallelism defaults to 1 once the block exists; the rest is left to the daemon.
  const config: UpdateConfig = { Parallelism: 1, MaxFailureRatio: 0 };
  if (src.isEmpty(block.value)) return config;
  const fields = src.entries(block.value, block.path);
  src.checkKeys(fields, UPDATE_KEYS);
  for (const field of fields) {
    switch (field.key) {
      case 'parallelism':
        config.Parallelism = src.integer(field.value, field.path, what('parallelism'), 0);
        break;
      case 'delay':
      case 'monitor': {
        const nanos = src.durationNanos(field.value, field.path, { allowNegative: true });
        if (nanos !== 0) config[field.key === 'delay' ? 'Delay' : 'Monitor'] = nanos;
        break;
      }
      case 'failure_action': {
        const action = src.string(field.value, field.path, what('failureAction'));
        if (action) config.FailureAction = action;
        break;
      }
      case 'max_failure_ratio':
        config.MaxFailureRatio = src.number(field.value, field.path, what('failureRatio'));
        break;
      default:
        config.Order = src.oneOf(field.value, field.path, ORDERS);
    }
  }
  return config;
}

function readRestartPolicy(
  src: YamlSource,
  block: Entry | undefined,
  legacy: Entry | undefined,
): RestartPolicy | undefined {
  if (block) {
    const policy: RestartPolicy = {};
    const fields = src.isEmpty(block.value) ? [] : src.entries(block.value, block.path);
    src.checkKeys(fields, RESTART_KEYS);
    for (const field of fields) {
      if (field.key === 'condition') policy.Condition = src.string(field.value, field.path, what('condition'));
      else if (field.key === 'max_attempts')
        policy.MaxAttempts = src.integer(field.value, field.path, what('attempts'), 0);
      else
        policy[field.key === 'delay' ? 'Delay' : 'Window'] = src.durationNanos(field.value, field.path, {
          allowNegative: true,
        });
    }
    return policy;
  }
  if (!legacy || src.isEmpty(legacy.value)) return undefined;
  // The service-level `restart:` is used only without deploy.restart_policy (docker/cli convertRestartPolicy).
  const text = src.string(legacy.value, legacy.path, what('restart'));
  const [name, count, ...rest] = text.split(':');
  const attempts = count === undefined ? 0 : /^\d+$/.test(count) && rest.length === 0 ? Number(count) : NaN;
  if (Number.isNaN(attempts)) src.fail(legacy.value, legacy.path, dockerText(`invalid restart policy format: ${text}`));
  const maxAttempts = attempts > 0 ? { MaxAttempts: attempts } : {};
  if (name === 'no' || name === '') return undefined;
  if (name === 'always' || name === 'unless-stopped') return { Condition: 'any', ...maxAttempts };
  if (name === 'on-failure') return { Condition: 'on-failure', ...maxAttempts };
  return src.fail(legacy.value, legacy.path, dockerText(errComposeUnknownRestartPolicy(name)));
}

function readHealthcheck(src: YamlSource, block: Entry): HealthConfig | undefined {
  if (src.isEmpty(block.value)) return undefined;
  const fields = src.entries(block.value, block.path);
  src.checkKeys(fields, HEALTH_KEYS);
  const health: HealthConfig = {};
  let disabled = false;
  for (const field of fields) {
    switch (field.key) {
      case 'test':
        health.Test =
          typeof src.scalar(field.value) === 'string'
            ? ['CMD-SHELL', src.string(field.value, field.path)]
            : src.stringList(field.value, field.path, what('healthTest'));
        break;
      case 'disable':
        disabled = src.boolean(field.value, field.path);
        break;
      case 'retries':
        health.Retries = src.integer(field.value, field.path, what('retries0'), 0) || undefined;
        break;
      default: {
        const key = (
          {
            interval: 'Interval',
            timeout: 'Timeout',
            start_period: 'StartPeriod',
            start_interval: 'StartInterval',
          } as const
        )[field.key]!;
        const nanos = src.durationNanos(field.value, field.path);
        if (nanos !== 0) health[key] = nanos;
      }
    }
  }
  if (disabled) {
    if (health.Test?.length) src.fail(block.keyNode, block.path, dockerText(ERR_COMPOSE_TEST_AND_DISABLE));
    return { Test: ['NONE'] };
  }
  if (health.Test?.length === 0) delete health.Test;
  return health;
}

function readPlacement(src: YamlSource, block: Entry | undefined): ServiceSpec['TaskTemplate']['Placement'] {
  const placement: NonNullable<ServiceSpec['TaskTemplate']['Placement']> = {};
  if (!block || src.isEmpty(block.value)) return placement;
  const fields = src.entries(block.value, block.path);
  src.checkKeys(fields, PLACEMENT_KEYS);
  for (const field of fields) {
    if (field.key === 'constraints') {
      const constraints = src.stringList(field.value, field.path, what('constraints'));
      if (constraints.length) placement.Constraints = constraints;
    } else if (field.key === 'max_replicas_per_node') {
      const max = src.integer(field.value, field.path, what('maxReplicas'), 0);
      if (max > 0) placement.MaxReplicas = max;
    } else {
      src.items(field.value, field.path, what('preferences')); // spread preferences are accepted, not simulated
    }
  }
  return placement;
}

function readEndpoint(src: YamlSource, mode: Entry | undefined): ServiceSpec['EndpointSpec'] {
  if (!mode || src.isEmpty(mode.value)) return {};
  const text = src.string(mode.value, mode.path, what('endpointMode')).toLowerCase();
  if (text !== 'vip' && text !== 'dnsrr')
    src.fail(mode.value, mode.path, inputText('oneOf', { choices: 'vip, dnsrr', got: src.describe(mode.value) }));
  return { Mode: text };
}

/** `labels:` as a mapping or a list of `key=value`. */
function readLabels(src: YamlSource, entry: Entry | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!entry || src.isEmpty(entry.value)) return labels;
  if (src.kind(entry.value) === 'scalar') src.failExpected(entry.value, entry.path, what('labels'));
  for (const [key, value] of keyValues(src, entry)) labels[key] = value ?? '';
  return labels;
}

/** docker/cli convertEnvironment: `KEY=value`, or `KEY` alone for an unset value, sorted. */
function readEnvironment(src: YamlSource, entry: Entry): string[] {
  if (src.kind(entry.value) === 'scalar') src.failExpected(entry.value, entry.path, what('environment'));
  return [...keyValues(src, entry)].map(([key, value]) => (value === null ? key : `${key}=${value}`)).sort();
}

function keyValues(src: YamlSource, entry: Entry): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (src.kind(entry.value) === 'list') {
    for (const item of src.items(entry.value, entry.path)) {
      const text = src.text(item.node, item.path, what('keyValue'));
      const eq = text.indexOf('=');
      out.set(eq < 0 ? text : text.slice(0, eq), eq < 0 ? null : text.slice(eq + 1));
    }
    return out;
  }
  for (const field of src.entries(entry.value, entry.path))
    out.set(field.key, src.isEmpty(field.value) ? null : src.text(field.value, field.path));
  return out;
}

/** `command:` / `entrypoint:` as a list, or a string split the way a shell would. */
function readCommand(src: YamlSource, entry: Entry): string[] {
  if (typeof src.scalar(entry.value) !== 'string') return src.stringList(entry.value, entry.path, what('command'));
  const text = src.string(entry.value, entry.path);
  try {
    return tokenize(text);
  } catch (err) {
    return src.fail(entry.value, entry.path, dockerText(err instanceof Error ? err.message : String(err)));
  }
}
