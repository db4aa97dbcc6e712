// Service specs from flags, as docker/cli builds them: ToService on create, field-by-field updateService on update.
import { DEFAULT_RESTART_CONDITION, DEFAULT_RESTART_DELAY_MS, DEFAULT_UPDATE_CONFIG, NS_PER_MS } from '../defaults.js';
import {
  ERR_MAX_REPLICAS_GLOBAL,
  ERR_NO_HEALTHCHECK_CONFLICT,
  ERR_REPLICAS_GLOBAL_CREATE,
  ERR_REPLICAS_GLOBAL_UPDATE,
  ERR_SANDBOX_JOBS,
  errJsonUnsupportedValue,
  errUnknownMode,
} from '../messages.js';
import type { HealthConfig, PortConfig, RestartPolicy, ServiceMode, ServiceSpec, UpdateConfig } from '../types.js';
import { CliError } from './cobra.js';
import { parsePortOpt } from './docker-opts.js';
import type { ParsedFlags } from './flags.js';
import { HEALTH_FLAGS, RESTART_FLAGS, ROLLBACK_CONFIG_FLAGS, UPDATE_CONFIG_FLAGS } from './service-flags.js';

/** opts.ConvertKVStringsToMap: `k=v` → k: v, `k` → k: ''. */
function kvToMap(values: readonly string[], into: Record<string, string> = {}): Record<string, string> {
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) into[value] = '';
    else into[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return into;
}

const envKey = (value: string) => (value.includes('=') ? value.slice(0, value.indexOf('=')) : value);

/** serviceOptions.makeEnv: later values replace earlier ones with the same key (identical entries are kept). */
function makeEnv(values: readonly string[]): string[] {
  // The live `KEY=…` entries of a key all equal its latest one, so a different value drops them all (linear time).
  // An entry without `=` is never dropped: it does not start with `KEY=`.
  const env: (string | null)[] = [];
  const live = new Map<string, { value: string; at: number[] }>();
  for (const value of values) {
    const key = envKey(value);
    let entry = live.get(key);
    if (entry && entry.value !== value) {
      for (const at of entry.at) env[at] = null;
      live.delete(key);
      entry = undefined;
    }
    if (value.includes('=')) {
      if (!entry) live.set(key, (entry = { value, at: [] }));
      entry.at.push(env.length);
    }
    env.push(value);
  }
  return env.filter((value): value is string => value !== null);
}

/** swarmkit's defaults as the CLI fills a nil RestartPolicy (defaultRestartPolicy). */
function defaultRestartPolicy(): RestartPolicy {
  return { Condition: DEFAULT_RESTART_CONDITION, Delay: DEFAULT_RESTART_DELAY_MS * NS_PER_MS, MaxAttempts: 0 };
}

function applyRestartFlags(policy: RestartPolicy, flags: ParsedFlags): void {
  if (flags.has('restart-condition')) policy.Condition = flags.string('restart-condition');
  if (flags.has('restart-delay')) policy.Delay = flags.nanos('restart-delay');
  if (flags.has('restart-max-attempts')) policy.MaxAttempts = flags.number('restart-max-attempts');
  if (flags.has('restart-window')) policy.Window = flags.nanos('restart-window');
}

/** updateConfigFromDefaults + the changed `--update-*` / `--rollback-*` flags. */
function applyStrategyFlags(config: UpdateConfig, flags: ParsedFlags, prefix: 'update' | 'rollback'): void {
  if (flags.has(`${prefix}-parallelism`)) config.Parallelism = flags.number(`${prefix}-parallelism`);
  if (flags.has(`${prefix}-delay`)) config.Delay = flags.nanos(`${prefix}-delay`);
  if (flags.has(`${prefix}-monitor`)) config.Monitor = flags.nanos(`${prefix}-monitor`);
  if (flags.has(`${prefix}-failure-action`)) config.FailureAction = flags.string(`${prefix}-failure-action`);
  if (flags.has(`${prefix}-max-failure-ratio`)) config.MaxFailureRatio = flags.number(`${prefix}-max-failure-ratio`);
  if (flags.has(`${prefix}-order`)) config.Order = flags.string(`${prefix}-order`);
}

function strategyFromFlags(flags: ParsedFlags, prefix: 'update' | 'rollback'): UpdateConfig | undefined {
  const names = prefix === 'update' ? UPDATE_CONFIG_FLAGS : ROLLBACK_CONFIG_FLAGS;
  if (!flags.anyChanged(...names)) return undefined;
  const config: UpdateConfig = { ...DEFAULT_UPDATE_CONFIG };
  applyStrategyFlags(config, flags, prefix);
  return config;
}

/** Drops the zero fields Go's JSON encoding omits from a HealthConfig. */
function compactHealth(health: HealthConfig): HealthConfig {
  const out: HealthConfig = {};
  if (health.Test && health.Test.length > 0) out.Test = health.Test;
  if (health.Interval) out.Interval = health.Interval;
  if (health.Timeout) out.Timeout = health.Timeout;
  if (health.StartPeriod) out.StartPeriod = health.StartPeriod;
  if (health.StartInterval) out.StartInterval = health.StartInterval;
  if (health.Retries) out.Retries = health.Retries;
  return out;
}

/** healthCheckOptions.toHealthConfig (create). */
function healthFromCreateFlags(flags: ParsedFlags): HealthConfig | undefined {
  const cmd = flags.string('health-cmd');
  const retries = flags.number('health-retries');
  const haveSettings =
    cmd !== '' ||
    retries !== 0 ||
    flags.anyChanged('health-interval', 'health-timeout', 'health-start-period', 'health-start-interval');
  if (flags.bool('no-healthcheck')) {
    if (haveSettings) throw new CliError(ERR_NO_HEALTHCHECK_CONFLICT);
    return { Test: ['NONE'] };
  }
  if (!haveSettings) return undefined;
  return compactHealth({
    ...(cmd !== '' ? { Test: ['CMD-SHELL', cmd] } : {}),
    Interval: flags.nanos('health-interval'),
    Timeout: flags.nanos('health-timeout'),
    Retries: retries,
    StartPeriod: flags.nanos('health-start-period'),
    StartInterval: flags.nanos('health-start-interval'),
  });
}

/** serviceOptions.ToServiceMode. */
function modeFromCreateFlags(flags: ParsedFlags): ServiceMode {
  const mode = flags.string('mode');
  switch (mode) {
    case 'global':
      if (flags.has('replicas')) throw new CliError(ERR_REPLICAS_GLOBAL_CREATE);
      if (flags.number('replicas-max-per-node') > 0) throw new CliError(ERR_MAX_REPLICAS_GLOBAL);
      return { Global: {} };
    case 'replicated':
      // an unset --replicas is nil in the request; the daemon stores its default, 1
      return { Replicated: { Replicas: flags.has('replicas') ? flags.number('replicas') : 1 } };
    case 'replicated-job':
    case 'global-job':
      throw new CliError(ERR_SANDBOX_JOBS);
    default:
      throw new CliError(errUnknownMode(mode));
  }
}

/**
 * The client's json.Marshal of the request: strconv.ParseFloat takes NaN and Inf for the failure ratios, and
 * encoding/json then refuses them (UpdateConfig is encoded before RollbackConfig).
 */
function assertJsonEncodable(spec: ServiceSpec): ServiceSpec {
  for (const config of [spec.UpdateConfig, spec.RollbackConfig]) {
    const ratio = config?.MaxFailureRatio;
    if (ratio !== undefined && !Number.isFinite(ratio)) throw new CliError(errJsonUnsupportedValue(ratio));
  }
  return spec;
}

/** `docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]`: the spec the CLI sends. */
export function buildCreateSpec(flags: ParsedFlags, image: string, args: readonly string[]): ServiceSpec {
  return assertJsonEncodable(createSpecFromFlags(flags, image, args));
}

function createSpecFromFlags(flags: ParsedFlags, image: string, args: readonly string[]): ServiceSpec {
  const env = makeEnv(flags.list('env'));
  const healthcheck = healthFromCreateFlags(flags);
  const mode = modeFromCreateFlags(flags);
  const containerLabels = kvToMap(flags.list('container-label'));
  const constraints = flags.list('constraint');
  const maxReplicas = flags.number('replicas-max-per-node');
  const restart = flags.anyChanged(...RESTART_FLAGS) ? defaultRestartPolicy() : undefined;
  if (restart) applyRestartFlags(restart, flags);
  const updateConfig = strategyFromFlags(flags, 'update');
  const rollbackConfig = strategyFromFlags(flags, 'rollback');
  return {
    Name: flags.string('name'),
    Labels: kvToMap(flags.list('label')),
    TaskTemplate: {
      ContainerSpec: {
        Image: image,
        ...(Object.keys(containerLabels).length > 0 ? { Labels: containerLabels } : {}),
        ...(flags.has('entrypoint') && flags.list('entrypoint').length > 0
          ? { Command: [...flags.list('entrypoint')] }
          : {}),
        ...(args.length > 0 ? { Args: [...args] } : {}),
        ...(env.length > 0 ? { Env: env } : {}),
        ...(healthcheck ? { Healthcheck: healthcheck } : {}),
        ...(flags.has('stop-grace-period') ? { StopGracePeriod: flags.nanos('stop-grace-period') } : {}),
        Init: flags.bool('init'),
        ...(flags.string('isolation') !== '' ? { Isolation: flags.string('isolation') } : {}),
      },
      ...(restart ? { RestartPolicy: restart } : {}),
      Placement: {
        ...(constraints.length > 0 ? { Constraints: [...constraints] } : {}),
        ...(maxReplicas > 0 ? { MaxReplicas: maxReplicas } : {}),
      },
      ForceUpdate: 0,
    },
    Mode: mode,
    ...(updateConfig ? { UpdateConfig: updateConfig } : {}),
    ...(rollbackConfig ? { RollbackConfig: rollbackConfig } : {}),
    EndpointSpec: {
      Mode: flags.string('endpoint-mode').toLowerCase() as 'vip' | 'dnsrr',
      ...(flags.has('publish') ? { Ports: flags.list('publish').flatMap(parsePortOpt) } : {}),
    },
  };
}

/** docker/cli portConfigToString: the sort key of updatePorts (`published:target/protocol/mode`). */
const portKey = (port: PortConfig) =>
  `${port.PublishedPort ?? 0}:${port.TargetPort}/${port.Protocol}/${port.PublishMode}`;

/**
 * docker/cli updatePorts: the current ports (first of each key), minus those `--publish-rm` names (same target,
 * protocol and mode), plus the `--publish-add` ports not already there, sorted by their key as strings.
 */
function updatePorts(current: readonly PortConfig[], flags: ParsedFlags): PortConfig[] {
  const set = new Map<string, PortConfig>();
  for (const port of current) if (!set.has(portKey(port))) set.set(portKey(port), port);
  const remove = flags.has('publish-rm') ? flags.list('publish-rm').flatMap(parsePortOpt) : [];
  const ports = [...set.values()].filter(
    (port) =>
      !remove.some(
        (rm) =>
          rm.Protocol === port.Protocol && rm.TargetPort === port.TargetPort && rm.PublishMode === port.PublishMode,
      ),
  );
  for (const port of flags.has('publish-add') ? flags.list('publish-add').flatMap(parsePortOpt) : [])
    if (!set.has(portKey(port))) ports.push(port);
  return ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
}

/** updateLabels / updateContainerLabels: remove `--x-rm` keys, then add `--x-add` pairs. */
function updateLabelMap(current: Record<string, string> | undefined, flags: ParsedFlags, add: string, rm: string) {
  const labels = current;
  if (labels && flags.has(rm)) for (const key of flags.list(rm)) delete labels[key];
  if (!flags.has(add)) return labels;
  return kvToMap(flags.list(add), labels ?? {});
}

/** updateEnvironment: remove `--env-rm` keys; `--env-add` replaces same-key entries (new keys appended). */
function updateEnv(current: string[] | undefined, flags: ParsedFlags): string[] | undefined {
  const remove = new Set(flags.has('env-rm') ? flags.list('env-rm') : []);
  const env = (current ?? []).filter((value) => !remove.has(envKey(value)));
  if (flags.has('env-add')) {
    const firstByKey = new Map<string, number>();
    env.forEach((existing, at) => {
      if (!firstByKey.has(envKey(existing))) firstByKey.set(envKey(existing), at);
    });
    for (const value of flags.list('env-add')) {
      const at = firstByKey.get(envKey(value));
      if (at !== undefined) env[at] = value;
      else {
        firstByKey.set(envKey(value), env.length);
        env.push(value);
      }
    }
  }
  return env.length > 0 ? env : undefined;
}

/** updateHealthcheck (update). */
function updateHealth(current: HealthConfig | undefined, flags: ParsedFlags): HealthConfig | undefined {
  if (!flags.anyChanged('no-healthcheck', ...HEALTH_FLAGS)) return current;
  const health: HealthConfig = { ...(current ?? {}) };
  if (flags.bool('no-healthcheck')) {
    if (!flags.anyChanged(...HEALTH_FLAGS)) return { Test: ['NONE'] };
    throw new CliError(ERR_NO_HEALTHCHECK_CONFLICT);
  }
  if (health.Test?.[0] === 'NONE') delete health.Test;
  if (flags.has('health-interval')) health.Interval = flags.nanos('health-interval');
  if (flags.has('health-timeout')) health.Timeout = flags.nanos('health-timeout');
  if (flags.has('health-start-period')) health.StartPeriod = flags.nanos('health-start-period');
  if (flags.has('health-start-interval')) health.StartInterval = flags.nanos('health-start-interval');
  if (flags.has('health-retries')) health.Retries = flags.number('health-retries');
  if (flags.has('health-cmd')) {
    const cmd = flags.string('health-cmd');
    if (cmd !== '') health.Test = ['CMD-SHELL', cmd];
    else delete health.Test;
  }
  return compactHealth(health);
}

/** `docker service update`: edits `spec` in place, field by field, in docker/cli's order (and with its errors). */
export function applyServiceUpdate(spec: ServiceSpec, flags: ParsedFlags): void {
  const task = spec.TaskTemplate;
  const container = task.ContainerSpec;
  spec.Labels = updateLabelMap(spec.Labels, flags, 'label-add', 'label-rm') ?? {};
  const containerLabels = updateLabelMap(container.Labels, flags, 'container-label-add', 'container-label-rm');
  if (containerLabels) container.Labels = containerLabels;
  if (flags.has('image')) container.Image = flags.string('image');
  if (flags.has('args')) container.Args = [...flags.list('args')];
  if (flags.has('entrypoint')) container.Command = [...flags.list('entrypoint')];
  const env = updateEnv(container.Env, flags);
  if (env) container.Env = env;
  else delete container.Env;
  if (flags.has('init')) container.Init = flags.bool('init');
  if (flags.has('isolation')) container.Isolation = flags.string('isolation');
  if (flags.has('stop-grace-period')) container.StopGracePeriod = flags.nanos('stop-grace-period');
  if (flags.anyChanged(...RESTART_FLAGS)) {
    task.RestartPolicy ??= defaultRestartPolicy();
    applyRestartFlags(task.RestartPolicy, flags);
  }
  if (flags.anyChanged('constraint-add', 'constraint-rm')) {
    const placement = (task.Placement ??= {});
    const remove = new Set(flags.has('constraint-rm') ? flags.list('constraint-rm') : []);
    const constraints = [
      ...(placement.Constraints ?? []),
      ...(flags.has('constraint-add') ? flags.list('constraint-add') : []),
    ]
      .filter((c) => !remove.has(c))
      .sort();
    if (constraints.length > 0) placement.Constraints = constraints;
    else delete placement.Constraints;
  }
  if (flags.has('replicas')) {
    if (!spec.Mode.Replicated) throw new CliError(ERR_REPLICAS_GLOBAL_UPDATE);
    spec.Mode.Replicated.Replicas = flags.number('replicas');
  }
  if (flags.has('replicas-max-per-node')) (task.Placement ??= {}).MaxReplicas = flags.number('replicas-max-per-node');
  if (flags.anyChanged(...UPDATE_CONFIG_FLAGS)) {
    spec.UpdateConfig ??= { ...DEFAULT_UPDATE_CONFIG };
    applyStrategyFlags(spec.UpdateConfig, flags, 'update');
  }
  if (flags.anyChanged(...ROLLBACK_CONFIG_FLAGS)) {
    spec.RollbackConfig ??= { ...DEFAULT_UPDATE_CONFIG };
    applyStrategyFlags(spec.RollbackConfig, flags, 'rollback');
  }
  if (flags.has('endpoint-mode')) (spec.EndpointSpec ??= {}).Mode = flags.string('endpoint-mode') as 'vip' | 'dnsrr';
  if (flags.anyChanged('publish-add', 'publish-rm')) {
    const endpoint = (spec.EndpointSpec ??= {});
    const ports = updatePorts(endpoint.Ports ?? [], flags);
    if (ports.length) endpoint.Ports = ports;
    else delete endpoint.Ports;
  }
  if (flags.bool('force')) task.ForceUpdate += 1;
  const health = updateHealth(container.Healthcheck, flags);
  if (health) container.Healthcheck = health;
  assertJsonEncodable(spec);
}
