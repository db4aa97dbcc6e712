// `docker service inspect`: the Service as the Engine returns it with insertDefaults=true (JSON, --format) and the
// --pretty text.

import type { CommandResult } from '../commands/result.js';
import {
  DEFAULT_RESTART_CONDITION,
  DEFAULT_RESTART_DELAY_MS,
  DEFAULT_STOP_GRACE_PERIOD_MS,
  DEFAULT_UPDATE_CONFIG,
  NS_PER_MS,
} from '../defaults.js';
import {
  DAEMON_ERROR_PREFIX,
  ERR_INSPECT_PRETTY_EXTRA,
  ERR_INSPECT_PRETTY_FORMAT,
  errInspectNoSuchService,
  errServiceAmbiguous,
} from '../messages.js';
import type {
  ClusterState,
  EndpointSpec,
  HealthConfig,
  PortConfig,
  Service,
  ServiceSpec,
  UpdateConfig,
} from '../types.js';
import { inspectWrite } from './formatter.js';
import { GoDuration, GoNil, type GoStruct, GoTime, goFloat, goStruct } from './gojson.js';
import { ageMs, humanDuration } from './humanize.js';

export interface ServiceInspectOptions {
  /** `--format` / `-f` (Go template; `json` = compact array; empty = indented JSON array). */
  format?: string;
  /** `--pretty`. */
  pretty?: boolean;
}

const dur = (nanos: number | undefined) => new GoDuration(nanos ?? 0);
const optionalDur = (nanos: number | undefined) =>
  nanos === undefined ? new GoNil('*time.Duration') : new GoDuration(nanos);
const RESTART_OMIT = ['Condition', '*Delay', '*MaxAttempts', '*Window'];
const orNil = <T>(value: T | undefined, type: string): T | GoNil => (value === undefined ? new GoNil(type) : value);

function updateConfigView(config: UpdateConfig | undefined): GoStruct {
  const c = config ?? DEFAULT_UPDATE_CONFIG;
  return goStruct(
    '*swarm.UpdateConfig',
    {
      Parallelism: c.Parallelism,
      Delay: dur(c.Delay),
      FailureAction: c.FailureAction || 'pause',
      Monitor: dur(c.Monitor),
      MaxFailureRatio: c.MaxFailureRatio,
      Order: c.Order || 'stop-first',
    },
    ['Delay', 'FailureAction', 'Monitor'],
  );
}

function healthView(health: HealthConfig): GoStruct {
  return goStruct(
    '*container.HealthConfig',
    {
      Test: health.Test ?? [],
      Interval: dur(health.Interval),
      Timeout: dur(health.Timeout),
      StartPeriod: dur(health.StartPeriod),
      StartInterval: dur(health.StartInterval),
      Retries: health.Retries ?? 0,
    },
    ['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'],
  );
}

function containerSpecView(container: ServiceSpec['TaskTemplate']['ContainerSpec'], insertDefaults: boolean): GoStruct {
  return goStruct(
    '*swarm.ContainerSpec',
    {
      Image: container.Image,
      Labels: container.Labels ?? {},
      Command: container.Command ?? [],
      Args: container.Args ?? [],
      Env: container.Env ?? [],
      Init: orNil(container.Init, '*bool'),
      StopGracePeriod:
        container.StopGracePeriod === undefined && insertDefaults
          ? dur(DEFAULT_STOP_GRACE_PERIOD_MS * NS_PER_MS)
          : optionalDur(container.StopGracePeriod),
      Healthcheck: container.Healthcheck ? healthView(container.Healthcheck) : new GoNil('*container.HealthConfig'),
      DNSConfig: insertDefaults ? goStruct('*swarm.DNSConfig', {}) : new GoNil('*swarm.DNSConfig'),
      Isolation: container.Isolation || 'default',
    },
    ['Image', 'Labels', 'Command', 'Args', 'Env', '*Init', '*StopGracePeriod', 'Healthcheck', 'DNSConfig', 'Isolation'],
  );
}

function restartPolicyView(
  restart: ServiceSpec['TaskTemplate']['RestartPolicy'],
  insertDefaults: boolean,
): GoStruct | GoNil {
  if (restart) {
    return goStruct(
      '*swarm.RestartPolicy',
      {
        Condition: restart.Condition || DEFAULT_RESTART_CONDITION,
        Delay: optionalDur(restart.Delay),
        MaxAttempts: restart.MaxAttempts ?? 0,
        Window: optionalDur(restart.Window),
      },
      RESTART_OMIT,
    );
  }
  if (!insertDefaults) return new GoNil('*swarm.RestartPolicy');
  return goStruct(
    '*swarm.RestartPolicy',
    {
      Condition: DEFAULT_RESTART_CONDITION,
      Delay: dur(DEFAULT_RESTART_DELAY_MS * NS_PER_MS),
      MaxAttempts: 0,
      Window: new GoNil('*time.Duration'),
    },
    RESTART_OMIT,
  );
}

function taskSpecView(task: ServiceSpec['TaskTemplate'], insertDefaults: boolean): GoStruct {
  const placement = task.Placement ?? (insertDefaults ? {} : undefined);
  return goStruct(
    'swarm.TaskSpec',
    {
      ContainerSpec: containerSpecView(task.ContainerSpec, insertDefaults),
      Resources: insertDefaults
        ? goStruct('*swarm.ResourceRequirements', {})
        : new GoNil('*swarm.ResourceRequirements'),
      RestartPolicy: restartPolicyView(task.RestartPolicy, insertDefaults),
      Placement: placement
        ? goStruct(
            '*swarm.Placement',
            { Constraints: placement.Constraints ?? [], MaxReplicas: placement.MaxReplicas ?? 0 },
            ['Constraints', 'MaxReplicas'],
          )
        : new GoNil('*swarm.Placement'),
      ForceUpdate: task.ForceUpdate,
      Runtime: task.Runtime || 'container',
    },
    ['ContainerSpec', 'Resources', 'RestartPolicy', 'Placement', 'Runtime'],
  );
}

function serviceModeView(mode: ServiceSpec['Mode']): GoStruct {
  if (mode.Global) return goStruct('swarm.ServiceMode', { Global: goStruct('*swarm.GlobalService', {}) }, ['Global']);
  return goStruct(
    'swarm.ServiceMode',
    {
      Replicated: goStruct('*swarm.ReplicatedService', { Replicas: mode.Replicated?.Replicas ?? 0 }, ['*Replicas']),
    },
    ['Replicated'],
  );
}

/** swarm.PortConfig: every field `omitempty`. */
function portStructs(ports: readonly PortConfig[] | undefined): GoStruct[] {
  return (ports ?? []).map((port) =>
    goStruct(
      'swarm.PortConfig',
      {
        Name: '',
        Protocol: port.Protocol,
        TargetPort: port.TargetPort,
        PublishedPort: port.PublishedPort ?? 0,
        PublishMode: port.PublishMode,
      },
      ['Name', 'Protocol', 'TargetPort', 'PublishedPort', 'PublishMode'],
    ),
  );
}

function endpointSpecStruct(type: string, spec: EndpointSpec): GoStruct {
  return goStruct(type, { Mode: spec.Mode ?? '', Ports: portStructs(spec.Ports) }, ['Mode', 'Ports']);
}

/**
 * swarm.ServiceSpec with swarmkit's InterpolateService defaults (what `GET /services/{id}?insertDefaults=true` shows).
 */
function specView(spec: ServiceSpec, insertDefaults: boolean): GoStruct {
  const config = (c: UpdateConfig | undefined) =>
    c || insertDefaults ? updateConfigView(c) : new GoNil('*swarm.UpdateConfig');
  return goStruct(
    'swarm.ServiceSpec',
    {
      Name: spec.Name,
      Labels: spec.Labels ?? null,
      TaskTemplate: taskSpecView(spec.TaskTemplate, insertDefaults),
      Mode: serviceModeView(spec.Mode),
      UpdateConfig: config(spec.UpdateConfig),
      RollbackConfig: config(spec.RollbackConfig),
      EndpointSpec: spec.EndpointSpec
        ? endpointSpecStruct('*swarm.EndpointSpec', spec.EndpointSpec)
        : new GoNil('*swarm.EndpointSpec'),
    },
    ['Name', 'TaskTemplate', 'Mode', 'UpdateConfig', 'RollbackConfig', 'EndpointSpec'],
  );
}

/** The swarm.Service value docker's inspect marshals and templates run against (insertDefaults=true). */
export function serviceView(service: Service): GoStruct {
  const status = service.UpdateStatus;
  return goStruct(
    'swarm.Service',
    {
      ID: service.ID,
      Version: goStruct('swarm.Version', { Index: service.Version.Index }),
      CreatedAt: new GoTime(service.CreatedAt),
      UpdatedAt: new GoTime(service.UpdatedAt),
      Spec: specView(service.Spec, true),
      PreviousSpec: service.PreviousSpec ? specView(service.PreviousSpec, false) : new GoNil('*swarm.ServiceSpec'),
      Endpoint: goStruct(
        'swarm.Endpoint',
        {
          Spec: endpointSpecStruct('swarm.EndpointSpec', service.Endpoint?.Spec ?? {}),
          Ports: portStructs(service.Endpoint?.Ports),
        },
        ['Spec', 'Ports'],
      ),
      UpdateStatus: status
        ? goStruct(
            '*swarm.UpdateStatus',
            {
              State: status.State,
              StartedAt: status.StartedAt ? new GoTime(status.StartedAt) : new GoNil('*time.Time'),
              CompletedAt: status.CompletedAt ? new GoTime(status.CompletedAt) : new GoNil('*time.Time'),
              Message: status.Message,
            },
            ['State', '*StartedAt', '*CompletedAt', 'Message'],
          )
        : new GoNil('*swarm.UpdateStatus'),
    },
    ['PreviousSpec', 'UpdateStatus'],
  );
}

/** The `--pretty` text of one service (docker/cli serviceInspectPrettyTemplate), without the newline docker appends. */
export function servicePretty(state: ClusterState, service: Service): string {
  const spec = service.Spec;
  const container = spec.TaskTemplate.ContainerSpec;
  const lines: string[] = ['', `ID:\t\t${service.ID}`, `Name:\t\t${spec.Name}`];
  const labels = Object.keys(spec.Labels ?? {}).sort();
  if (labels.length > 0)
    lines.push('Labels:', ...labels.map((k) => ` ${k}${spec.Labels[k] ? `=${spec.Labels[k]}` : ''}`));
  if (spec.Mode.Global) lines.push('Service Mode:\tGlobal');
  else if (spec.Mode.Replicated)
    lines.push('Service Mode:\tReplicated', ` Replicas:\t${spec.Mode.Replicated.Replicas}`);
  else lines.push('Service Mode:');
  const status = service.UpdateStatus;
  if (status?.State) {
    lines.push('UpdateStatus:', ` State:\t\t${status.State}`);
    if (status.StartedAt) lines.push(` Started:\t${humanDuration(ageMs(state, status.StartedAt))} ago`);
    if (status.State === 'completed' && status.CompletedAt)
      lines.push(` Completed:\t${humanDuration(ageMs(state, status.CompletedAt))} ago`);
    lines.push(` Message:\t${status.Message}`);
  }
  lines.push('Placement:');
  const placement = spec.TaskTemplate.Placement;
  if (placement?.Constraints?.length) lines.push(` Constraints:\t[${placement.Constraints.join(' ')}]`);
  if (placement?.MaxReplicas) lines.push(` Max Replicas Per Node:   ${placement.MaxReplicas}`);
  const configBlock = (title: string, orderLine: string, config: UpdateConfig | undefined) => {
    const c = updateConfigView(config);
    const delay = c.Delay as GoDuration;
    const monitor = c.Monitor as GoDuration;
    lines.push(`${title}:`, ` Parallelism:\t${c.Parallelism}`);
    if (delay.nanos > 0) lines.push(` Delay:\t\t${delay.goString()}`);
    lines.push(` On failure:\t${c.FailureAction}`);
    if (monitor.nanos > 0) lines.push(` Monitoring Period: ${monitor.goString()}`);
    lines.push(` Max failure ratio: ${goFloat(c.MaxFailureRatio as number)}`, ` ${orderLine}${c.Order}`);
  };
  configBlock('UpdateConfig', 'Update order:      ', spec.UpdateConfig);
  configBlock('RollbackConfig', 'Rollback order:    ', spec.RollbackConfig);
  lines.push('ContainerSpec:', ` Image:\t\t${container.Image}`);
  if (container.Args?.length) lines.push(` Args:\t\t${container.Args.map((a) => `${a} `).join('')}`);
  if (container.Env?.length) lines.push(` Env:\t\t${container.Env.map((e) => `${e} `).join('')}`);
  if (container.Init !== undefined) lines.push(` Init:\t\t${container.Init}`);
  // swarmkit's defaults give every service a (possibly empty) Resources object, so the header always shows
  lines.push('Resources:', `Endpoint Mode:\t${spec.EndpointSpec?.Mode ?? ''}`);
  const ports = service.Endpoint?.Ports ?? [];
  if (ports.length) {
    lines.push('Ports:');
    for (const port of ports)
      lines.push(
        ` PublishedPort = ${port.PublishedPort ?? 0}`,
        `  Protocol = ${port.Protocol}`,
        `  TargetPort = ${port.TargetPort}`,
        `  PublishMode = ${port.PublishMode}`,
      );
    // the template's `{{- end }} {{ end -}}` leaves one space after the last port
    lines[lines.length - 1] += ' ';
  }
  const health = container.Healthcheck;
  if (health) {
    lines.push(
      ' Healthcheck:',
      `  Interval = ${dur(health.Interval).goString()}`,
      `  Retries = ${health.Retries ?? 0}`,
      `  StartPeriod =\t${dur(health.StartPeriod).goString()}`,
      `  Timeout =\t${dur(health.Timeout).goString()}`,
    );
    // the template's `{{- end }} {{ end -}}` leaves one space after the last test
    if (health.Test?.length)
      lines.push('  Tests:', ...health.Test.map((t, i, all) => `\t Test = ${t}${i === all.length - 1 ? ' ' : ''}`));
  }
  return `${lines.join('\n')}\n`;
}

/** moby's lookup for `GET /services/{ref}`: full ID, exact name, then a unique ID prefix; the CLI's not-found text. */
function lookupService(state: ClusterState, ref: string): Service | string {
  const byId = state.services.find((s) => s.ID === ref);
  if (byId) return byId;
  const byName = state.services.filter((s) => s.Spec.Name === ref);
  const matches = byName.length > 0 ? byName : state.services.filter((s) => s.ID.startsWith(ref));
  if (matches.length === 1) return matches[0];
  return matches.length === 0
    ? errInspectNoSuchService(ref)
    : DAEMON_ERROR_PREFIX + errServiceAmbiguous(ref, matches.length);
}

/** `docker service inspect [--pretty | --format F] SERVICE...`. */
export function renderServiceInspect(
  state: ClusterState,
  refs: readonly string[],
  options: ServiceInspectOptions = {},
): CommandResult {
  if (options.pretty && options.format) return { stdout: '', stderr: `${ERR_INSPECT_PRETTY_FORMAT}\n`, exitCode: 1 };
  const format = options.pretty ? 'pretty' : options.format || '';
  if (format.startsWith('pretty') && format !== 'pretty')
    return { stdout: '', stderr: `${ERR_INSPECT_PRETTY_EXTRA}\n`, exitCode: 1 };
  const errors: string[] = [];
  const services: Service[] = [];
  for (const ref of refs) {
    const found = lookupService(state, ref);
    if (typeof found === 'string') errors.push(found);
    else services.push(found);
  }
  if (format === 'pretty') {
    // the pretty writer stops at the first lookup error, before anything is flushed
    if (errors.length > 0) return { stdout: '', stderr: `${errors[0]}\n`, exitCode: 1 };
    return { stdout: services.map((s) => `${servicePretty(state, s)}\n`).join(''), stderr: '', exitCode: 0 };
  }
  return inspectWrite(
    services.map(serviceView),
    errors,
    format.startsWith('raw') ? format.slice('raw'.length) : format,
  );
}
