// The flag tables of docker service create / update (docker/cli cli/command/service/opts.go, create.go, update.go).
import { errInvalidEnv, errLabelEmptyName, errLabelWhitespace } from '../messages.js';
import {
  validateCpus,
  validateExtraHost,
  validateIpAddress,
  validateMemBytes,
  validatePlacementPref,
  validatePort,
  validateUlimit,
} from './docker-opts.js';
import type { FlagDef, FlagKind } from './flags.js';

/** opts.ValidateEnv (the sandbox has no host environment to read `KEY` values from). */
export function validateEnv(value: string): string {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key === '') throw new Error(errInvalidEnv(value));
  return value;
}

/** opts.ValidateLabel. */
export function validateLabel(value: string): string {
  const eq = value.indexOf('=');
  const key = (eq < 0 ? value : value.slice(0, eq)).replace(/^[ \t]+/, '');
  if (key === '') throw new Error(errLabelEmptyName(value));
  if (/[ \t]/.test(key)) throw new Error(errLabelWhitespace(key));
  return value;
}

const flag = (name: string, kind: FlagKind, extra: Partial<FlagDef> = {}): FlagDef => ({ name, kind, ...extra });
const ignored = (name: string, kind: FlagKind, short?: string): FlagDef => ({
  name,
  kind,
  ignored: true,
  ...(short ? { short } : {}),
});

export const UPDATE_CONFIG_FLAGS = [
  'update-parallelism',
  'update-delay',
  'update-monitor',
  'update-failure-action',
  'update-max-failure-ratio',
  'update-order',
] as const;
export const ROLLBACK_CONFIG_FLAGS = [
  'rollback-parallelism',
  'rollback-delay',
  'rollback-monitor',
  'rollback-failure-action',
  'rollback-max-failure-ratio',
  'rollback-order',
] as const;
export const RESTART_FLAGS = ['restart-condition', 'restart-delay', 'restart-max-attempts', 'restart-window'] as const;
export const HEALTH_FLAGS = [
  'health-cmd',
  'health-interval',
  'health-retries',
  'health-timeout',
  'health-start-period',
  'health-start-interval',
] as const;

function updateStrategyFlags(prefix: 'update' | 'rollback'): FlagDef[] {
  return [
    flag(`${prefix}-parallelism`, 'uint64'),
    flag(`${prefix}-delay`, 'duration'),
    flag(`${prefix}-monitor`, 'duration'),
    flag(`${prefix}-failure-action`, 'string'),
    flag(`${prefix}-max-failure-ratio`, 'float32'),
    flag(`${prefix}-order`, 'string'),
  ];
}

/** addServiceFlags: the flags common to create and update. */
function commonServiceFlags(endpointModeDefault: string): FlagDef[] {
  return [
    flag('detach', 'bool', { short: 'd' }),
    flag('quiet', 'bool', { short: 'q' }),
    ignored('workdir', 'string', 'w'),
    ignored('user', 'string', 'u'),
    ignored('credential-spec', 'string'),
    ignored('hostname', 'string'),
    flag('entrypoint', 'shlex'),
    ignored('cap-add', 'list'),
    ignored('cap-drop', 'list'),
    flag('limit-cpu', 'string', { ignored: true, validate: validateCpus }),
    flag('limit-memory', 'string', { ignored: true, validate: validateMemBytes }),
    flag('reserve-cpu', 'string', { ignored: true, validate: validateCpus }),
    flag('reserve-memory', 'string', { ignored: true, validate: validateMemBytes }),
    ignored('limit-pids', 'int'),
    flag('stop-grace-period', 'duration'),
    flag('replicas', 'uint64'),
    ignored('max-concurrent', 'uint64'),
    flag('replicas-max-per-node', 'uint64'),
    flag('restart-condition', 'string'),
    flag('restart-delay', 'duration'),
    flag('restart-max-attempts', 'uint64'),
    flag('restart-window', 'duration'),
    ...updateStrategyFlags('update'),
    ...updateStrategyFlags('rollback'),
    flag('endpoint-mode', 'string', { defaultValue: endpointModeDefault }),
    flag('with-registry-auth', 'bool'),
    flag('no-resolve-image', 'bool'),
    ignored('log-driver', 'string'),
    ignored('log-opt', 'list'),
    flag('health-cmd', 'string'),
    flag('health-interval', 'positiveDuration'),
    flag('health-timeout', 'positiveDuration'),
    flag('health-retries', 'int'),
    flag('health-start-period', 'positiveDuration'),
    flag('health-start-interval', 'positiveDuration'),
    flag('no-healthcheck', 'bool'),
    ignored('tty', 'bool', 't'),
    ignored('read-only', 'bool'),
    ignored('stop-signal', 'string'),
    flag('isolation', 'string'),
  ];
}

/** docker service create. */
export const CREATE_FLAGS: readonly FlagDef[] = [
  flag('mode', 'string', { defaultValue: 'replicated' }),
  flag('name', 'string'),
  ...commonServiceFlags('vip'),
  flag('label', 'list', { short: 'l', validate: validateLabel }),
  flag('container-label', 'list', { validate: validateLabel }),
  flag('env', 'list', { short: 'e', validate: validateEnv }),
  ignored('env-file', 'list'),
  ignored('mount', 'list'),
  flag('constraint', 'list'),
  flag('placement-pref', 'list', { ignored: true, validate: validatePlacementPref }),
  ignored('network', 'list'),
  ignored('secret', 'list'),
  ignored('config', 'list'),
  flag('publish', 'list', { short: 'p', validate: validatePort }),
  ignored('group', 'list'),
  flag('dns', 'list', { ignored: true, validate: validateIpAddress }),
  ignored('dns-option', 'list'),
  ignored('dns-search', 'list'),
  flag('host', 'list', { ignored: true, validate: validateExtraHost }),
  flag('init', 'bool'),
  ignored('sysctl', 'list'),
  flag('ulimit', 'list', { ignored: true, validate: validateUlimit }),
  ignored('oom-score-adj', 'int'),
  ignored('generic-resource', 'list'),
];

/** docker service update. */
export const UPDATE_FLAGS: readonly FlagDef[] = [
  flag('image', 'string'),
  flag('args', 'shlex'),
  flag('rollback', 'bool'),
  flag('force', 'bool'),
  ...commonServiceFlags(''),
  flag('env-rm', 'list'),
  ignored('group-rm', 'list'),
  flag('label-rm', 'list'),
  flag('container-label-rm', 'list'),
  ignored('mount-rm', 'list'),
  flag('publish-rm', 'list', { validate: validatePort }),
  flag('constraint-rm', 'list'),
  ignored('dns-rm', 'list'),
  ignored('dns-option-rm', 'list'),
  ignored('dns-search-rm', 'list'),
  ignored('host-rm', 'list'),
  flag('label-add', 'list', { validate: validateLabel }),
  flag('container-label-add', 'list', { validate: validateLabel }),
  flag('env-add', 'list', { validate: validateEnv }),
  ignored('secret-rm', 'list'),
  ignored('secret-add', 'list'),
  ignored('config-rm', 'list'),
  ignored('config-add', 'list'),
  ignored('mount-add', 'list'),
  flag('constraint-add', 'list'),
  flag('placement-pref-add', 'list', { ignored: true, validate: validatePlacementPref }),
  ignored('placement-pref-rm', 'list'),
  ignored('network-add', 'list'),
  ignored('network-rm', 'list'),
  flag('publish-add', 'list', { validate: validatePort }),
  ignored('group-add', 'list'),
  flag('dns-add', 'list', { ignored: true, validate: validateIpAddress }),
  ignored('dns-option-add', 'list'),
  ignored('dns-search-add', 'list'),
  flag('host-add', 'list', { ignored: true, validate: validateExtraHost }),
  flag('init', 'bool'),
  ignored('sysctl-add', 'list'),
  ignored('sysctl-rm', 'list'),
  flag('ulimit-add', 'list', { ignored: true, validate: validateUlimit }),
  ignored('ulimit-rm', 'list'),
  ignored('oom-score-adj', 'int'),
  ignored('generic-resource-rm', 'list'),
  ignored('generic-resource-add', 'list'),
];

/** docker service rollback. */
export const ROLLBACK_FLAGS: readonly FlagDef[] = [
  flag('quiet', 'bool', { short: 'q' }),
  flag('detach', 'bool', { short: 'd' }),
];
