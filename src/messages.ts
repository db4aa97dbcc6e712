// The message catalogue: every string Docker (swarmkit, moby, docker CLI) prints that swarmlab reproduces.

// swarmkit updater / controlapi (UpdateStatus.Message and gRPC errors)
export const MSG_UPDATE_IN_PROGRESS = 'update in progress';
export const MSG_UPDATE_COMPLETED = 'update completed';
export const MSG_ROLLBACK_COMPLETED = 'rollback completed';
export const MSG_MANUAL_ROLLBACK = 'manually requested rollback';
export const msgUpdatePaused = (taskId: string) =>
  `update paused due to failure or early termination of task ${taskId}`;
export const msgUpdateRolledBack = (taskId: string) =>
  `update rolled back due to failure or early termination of task ${taskId}`;
export const msgRollbackPaused = (taskId: string) =>
  `rollback paused due to failure or early termination of task ${taskId}`;

const grpc = (code: string, desc: string) => `rpc error: code = ${code} desc = ${desc}`;
export const errNoPreviousSpec = (serviceId: string) =>
  grpc('FailedPrecondition', `service ${serviceId} does not have a previous spec`);
export const ERR_UPDATE_DELAY_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: update-delay cannot be negative');
export const ERR_UPDATE_MONITOR_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: update-monitor cannot be negative');
export const ERR_UPDATE_RATIO_RANGE = grpc(
  'InvalidArgument',
  'TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1',
);
export const ERR_RESTART_DELAY_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: restart-delay cannot be negative');
export const ERR_RESTART_WINDOW_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: restart-window cannot be negative');
export const ERR_HEALTH_RETRIES_NEGATIVE = grpc(
  'InvalidArgument',
  'ContainerSpec: Retries in HealthConfig cannot be negative',
);
export const ERR_MODE_CHANGE = grpc('Unimplemented', 'service mode change is not allowed');
export const ERR_RENAME = grpc('Unimplemented', 'renaming services is not supported');
export const errNameConflict = (name: string) =>
  grpc('AlreadyExists', `name conflicts with an existing object: service ${name} already exists`);
export const ERR_UPDATE_OUT_OF_SEQUENCE = grpc('Unknown', 'update out of sequence');
/** swarmkit manager/constraint Parse (its operators, in its order). */
export const ERR_CONSTRAINT_OPERATOR = grpc('InvalidArgument', 'constraint expected one operator from ==, !=');
export const errConstraintKey = (key: string) => grpc('InvalidArgument', `key '${key}' is invalid`);
export const errConstraintValue = (value: string) => grpc('InvalidArgument', `value '${value}' is invalid`);
/** swarmkit controlapi validateHealthCheck: Interval, Timeout, StartPeriod below its minimum (1ms). */
export const errHealthTooShort = (field: 'Interval' | 'Timeout' | 'StartPeriod', minimum: string) =>
  grpc('InvalidArgument', `ContainerSpec: ${field} in HealthConfig cannot be less than ${minimum}`);

// moby daemon conversion errors (not gRPC)
export const errUnknownFailureAction = (action: string) => `unrecognized update failure action ${action}`;
export const errUnknownOrder = (order: string) => `unrecognized update order ${order}`;
export const errUnknownRestartCondition = (condition: string) => `invalid RestartCondition: "${condition}"`;
export const errNoSuchService = (name: string) => `service ${name} not found`;
export const errNoSuchNode = (name: string) => `node ${name} not found`;
export const errInvalidAvailability = (availability: string) => `invalid Availability: "${availability}"`;

// task status messages (swarmkit)
export const TASK_MSG: Readonly<Record<string, string>> = Object.freeze({
  new: 'created',
  pending: 'pending task scheduling',
  assigned: 'scheduler assigned task to node',
  assignedGlobal: 'scheduler confirmed task can run on preassigned node',
  accepted: 'accepted',
  preparing: 'preparing',
  ready: 'prepared',
  starting: 'starting',
  running: 'started',
  complete: 'finished',
  shutdown: 'shutdown',
  failed: 'started',
  rejected: 'preparing',
});
export const errNonZeroExit = (code: number) => `task: non-zero exit (${code})`;
export const errUnhealthy = (code: number) => `task: non-zero exit (${code}): dockerexec: unhealthy container`;
export const errNoSuchImage = (image: string) => `No such image: ${image}`;
export const errNoSuitableNode = (explanation: string) => `no suitable node (${explanation})`;
export const nodesNotAvailable = (count: number) =>
  `${count} node${count === 1 ? '' : 's'} not available for new tasks`;
export const constraintsNotSatisfied = (count: number) =>
  `scheduling constraints not satisfied on ${count} node${count === 1 ? '' : 's'}`;
export const MSG_MAX_REPLICAS_EXCEEDED = 'max replicas per node limit exceed';
/** swarmkit manager/scheduler/filter.go HostPortFilter.Explain. */
export const hostPortInUse = (count: number) =>
  `host-mode port already in use on ${count} node${count === 1 ? '' : 's'}`;
/**
 * swarmkit's Pipeline.Explain: each node counts against the first filter it fails (ready, constraints, host ports,
 * max replicas, in that order); the filters that failed are listed from most failures to least (ties keep the filter
 * order).
 */
export function explainUnschedulable(failures: {
  notReady: number;
  constraints: number;
  hostPorts?: number;
  maxReplicas: number;
}): string {
  const entries: [number, string][] = [
    [failures.notReady, nodesNotAvailable(failures.notReady)],
    [failures.constraints, constraintsNotSatisfied(failures.constraints)],
    [failures.hostPorts ?? 0, hostPortInUse(failures.hostPorts ?? 0)],
    [failures.maxReplicas, MSG_MAX_REPLICAS_EXCEEDED],
  ];
  return entries
    .filter(([count]) => count > 0)
    .sort((a, b) => b[0] - a[0])
    .map(([, text]) => text)
    .join('; ');
}
export const MSG_HEARTBEAT_FAILURE = 'heartbeat failure';

// docker CLI
export const ERR_ROLLBACK_COMBINED = 'other flags may not be combined with --rollback';
export const cliServicePaused = (message: string) => `service update paused: ${message}`;
export const cliRollbackPaused = (message: string) => `service rollback paused: ${message}`;
export const cliOverall = (running: number, total: number) => `overall progress: ${running} out of ${total} tasks`;
export const cliOverallRollback = (running: number, total: number) =>
  `overall progress: rolling back update: ${running} out of ${total} tasks`;
export const CLI_WAITING_NEW_TASKS = 'overall progress: waiting for new tasks';
export const cliVerifyWaiting = (seconds: number) =>
  `verify: Waiting ${seconds} seconds to verify that tasks are stable...`;
export const CLI_VERIFY_DETECTED_FAILURE = 'verify: Detected task failure';
export const cliVerifyConverged = (service: string) => `verify: Service ${service} converged`;
export const CLI_OPERATION_CONTINUING = 'Operation continuing in background.';
export const cliUsePs = (service: string) => `Use \`docker service ps ${service}\` to check progress.`;
export const DAEMON_ERROR_PREFIX = 'Error response from daemon: ';
export const errNoSuchServiceCli = (name: string) => `no such service: ${name}`;
// docker CLI views (src/render): formatter, filters, object lookups
export const TEMPLATE_PARSING_ERROR_PREFIX = 'template parsing error: ';
export const errInvalidFilter = (key: string) => `invalid filter '${key}'`;
export const errInvalidDesiredStateFilter = (state: string) => `Invalid desired-state filter: '${state}'`;
export const errNoSuchObjectClient = (object: string, id: string) => `Error: No such ${object}: ${id}`;

// Go standard library texts the docker CLI passes through (time.ParseDuration, strconv, pflag)
export const errInvalidDuration = (quoted: string) => `time: invalid duration ${quoted}`;
export const errMissingUnit = (quoted: string) => `time: missing unit in duration ${quoted}`;
export const errUnknownUnit = (quotedUnit: string, quoted: string) =>
  `time: unknown unit ${quotedUnit} in duration ${quoted}`;
export const errStrconvSyntax = (fn: string, quoted: string) => `strconv.${fn}: parsing ${quoted}: invalid syntax`;
export const errStrconvRange = (fn: string, quoted: string) => `strconv.${fn}: parsing ${quoted}: value out of range`;
export const errInvalidFlagArgument = (quotedValue: string, quotedFlag: string, cause: string) =>
  `invalid argument ${quotedValue} for ${quotedFlag} flag: ${cause}`;
export const errUnknownFlag = (name: string) => `unknown flag: --${name}`;
export const errUnknownShorthand = (c: string, shorthands: string) =>
  `unknown shorthand flag: '${c}' in -${shorthands}`;
export const errFlagNeedsArgument = (arg: string) => `flag needs an argument: ${arg}`;
export const errShortFlagNeedsArgument = (c: string, shorthands: string) =>
  `flag needs an argument: '${c}' in -${shorthands}`;
export const errBadFlagSyntax = (arg: string) => `bad flag syntax: ${arg}`;
export const MSG_HELP_SHORTHAND_DEPRECATED = 'Flag shorthand -h has been deprecated, use --help';
export const ERR_SHLEX_EOF = 'EOF found when expecting closing quote';

// docker CLI (v28): usage errors, argument counts, option validators
export const cliUsageError = (message: string, useLine: string, path: string) =>
  `${message}\n\nUsage:  ${useLine}\n\nRun '${path} --help' for more information`;
export const cliRequiresArgs = (path: string, count: number, useLine: string) =>
  `docker: '${path}' requires ${count} argument${count === 1 ? '' : 's'}\n\nUsage:  ${useLine}\n\nRun '${path} ` +
  `--help' for more information`;
export const cliRequiresMinArgs = (path: string, count: number, useLine: string) =>
  `docker: '${path}' requires at least ${count} argument${count === 1 ? '' : 's'}\n\nUsage:  ${useLine}\n\nSee ` +
  `'${path} --help' for more information`;
export const cliAcceptsNoArgs = (path: string, useLine: string) =>
  `docker: '${path}' accepts no arguments\n\nUsage:  ${useLine}\n\nRun '${path} --help' for more information`;
export const cliUnknownSubcommand = (path: string, arg: string, useLine: string) =>
  `docker: unknown command: ${path} ${arg}\n\nUsage:  ${useLine}\n\nRun '${path} --help' for more information`;
export const CLI_VERSION = 'Docker version 28.2.2, build e6534b4';
export const cliUnknownCommand = (arg: string) =>
  `docker: unknown command: docker ${arg}\n\nRun 'docker --help' for more information`;
export const ERR_DURATION_NEGATIVE = 'duration cannot be negative';
export const ERR_FILTER_FORMAT = 'bad format of filter (expected name=value)';
export const errInvalidEnv = (value: string) => `invalid environment variable: ${value}`;
export const errLabelEmptyName = (value: string) => `invalid label '${value}': empty name`;
export const errLabelWhitespace = (key: string) => `label '${key}' contains whitespaces`;
export const ERR_NO_HEALTHCHECK_CONFLICT = '--no-healthcheck conflicts with --health-* options';
export const ERR_REPLICAS_GLOBAL_CREATE = 'replicas can only be used with replicated or replicated-job mode';
export const ERR_MAX_REPLICAS_GLOBAL = 'replicas-max-per-node can only be used with replicated or replicated-job mode';
export const ERR_REPLICAS_GLOBAL_UPDATE = 'replicas can only be used with replicated mode';
export const errUnknownMode = (mode: string) => `Unknown mode: ${mode}, only replicated and global supported`;
export const ERR_SCALE_MODE = 'scale can only be used with replicated or replicated-job mode';
export const errScaleSpecifier = (arg: string, path: string, useLine: string, short: string) =>
  `invalid scale specifier '${arg}'.\nSee '${path} --help'.\n\nUsage:  ${useLine}\n\n${short}`;
export const errScaleReplicas = (service: string, value: string, cause: string) =>
  `${service}: invalid replicas value ${value}: ${cause}`;
export const cliScaled = (service: string, replicas: number) => `${service} scaled to ${replicas}`;
export const errServiceAmbiguous = (ref: string, count: number) =>
  `service ${ref} is ambiguous (${count} matches found)`;
export const errNodeAmbiguous = (ref: string, count: number) => `node ${ref} is ambiguous (${count} matches found)`;
export const errPsMultiplePrefix = (ref: string) => `multiple services found with provided prefix: ${ref}`;
export const errInspectNoSuchService = (ref: string) => `Error: no such service: ${ref}`;
export const ERR_INSPECT_PRETTY_FORMAT = '--format is incompatible with human friendly format';
export const ERR_INSPECT_PRETTY_EXTRA = 'Cannot supply extra formatting options to the pretty template';
export const ERR_NODE_INSPECT_PRETTY_EXTRA = 'cannot supply extra formatting options to the pretty template';
export const errNoSuchTaskOrService = (ref: string) => `no such task or service: ${ref}`;
/**
 * moby errdefs (daemon/container.go GetContainer): `docker logs` of a name or ID the local daemon has no container for.
 */
export const errNoSuchContainer = (ref: string) => `${DAEMON_ERROR_PREFIX}No such container: ${ref}`;
export const CLI_DETACH_WARNING =
  'Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, ' +
  '--detach=false will become the default.';
export const ERR_COMPOSE_FILE_MISSING = 'Specify a Compose file (with --compose-file)';
export const errOpenNoSuchFile = (path: string) => `open ${path}: no such file or directory`;
export const errInvalidStackName = (quoted: string) => `invalid stack name: ${quoted}`;
export const errResolveImageOption = (value: string) => `invalid option ${value} for flag --resolve-image`;
export const cliStackNothingFound = (stack: string) => `Nothing found in stack: ${stack}`;
export const errStackPsNothingFound = (stack: string) => `nothing found in stack: ${stack}`;
export const cliCreatingNetwork = (name: string) => `Creating network ${name}`;
export const cliCreatingService = (name: string) => `Creating service ${name}`;
export const cliUpdatingService = (name: string, id: string) => `Updating service ${name} (id: ${id})`;
export const cliRemovingService = (name: string) => `Removing service ${name}`;
export const cliRemovingNetwork = (name: string) => `Removing network ${name}`;
export const errStackCreateService = (name: string, cause: string) => `failed to create service ${name}: ${cause}`;
export const errStackUpdateService = (name: string, cause: string) => `failed to update service ${name}: ${cause}`;
/** encoding/json refusing a NaN or ±Inf float when the CLI sends the spec (strconv.FormatFloat's spelling). */
export const errJsonUnsupportedValue = (value: number) =>
  `json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`;
/** opts.ParseCPUs (--limit-cpu, --reserve-cpu). */
export const errCpusNotRational = (value: string) => `failed to parse ${value} as a rational number`;
export const ERR_CPUS_TOO_PRECISE = 'value is too precise';
/** go-units RAMInBytes (--limit-memory, --reserve-memory). */
export const errInvalidSize = (value: string) => `invalid size: '${value}'`;
export const errInvalidSuffix = (suffix: string) => `invalid suffix: '${suffix}'`;
/** go-connections nat.ParsePortSpec and docker/cli PortOpt (--publish). */
export const errInvalidContainerPort = (port: string) => `invalid containerPort: ${port}`;
export const errInvalidHostPort = (port: string) => `invalid hostPort: ${port}`;
export const errNoPortSpecified = (raw: string) => `no port specified: ${raw}<empty>`;
export const errInvalidPortIp = (ip: string) => `invalid IP address: ${ip}`;
export const errInvalidPortProto = (proto: string) => `invalid proto: ${proto}`;
export const errInvalidPortRanges = (container: string, host: string) =>
  `invalid ranges specified for container and host Ports: ${container} and ${host}`;
export const errInvalidPortField = (field: string) => `invalid field: ${field}`;
export const errInvalidPortFieldKey = (key: string) => `invalid field key: ${key}`;
export const errInvalidPortProtocol = (value: string) => `invalid protocol value '${value}'`;
export const errInvalidPublishMode = (value: string) =>
  `invalid publish mode value (${value}): must be either 'ingress' or 'host'`;
export const ERR_PORT_TARGET_MISSING = "missing mandatory field 'target'";
/** swarmkit manager/controlapi/service.go checkPortConflicts and validateEndpointSpec (gRPC InvalidArgument). */
export const errIngressPortInUse = (port: number, service: string, id: string) =>
  `rpc error: code = InvalidArgument desc = port '${port}' is already in use by service '${service}' (${id}) as an ` +
  'ingress port';
export const errHostPortInUseByIngress = (port: number, service: string, id: string) =>
  `rpc error: code = InvalidArgument desc = port '${port}' is already in use by service '${service}' (${id}) as a ` +
  'host-published port';
export const ERR_DUPLICATE_PUBLISHED_PORTS =
  'rpc error: code = InvalidArgument desc = EndpointSpec: duplicate published ports provided';
export const ERR_INGRESS_WITH_DNSRR =
  "rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr " +
  'mode';
/** opts.ValidateIPAddress, opts.ValidateExtraHost, placementPrefOpts. */
export const errIpNotFormatted = (value: string) => `IP address is not correctly formatted: ${value}`;
export const errBadAddHost = (quoted: string) => `bad format for add-host: ${quoted}`;
export const errAddHostIp = (quoted: string) => `invalid IP address in add-host: ${quoted}`;
export const ERR_PLACEMENT_PREF_FORMAT = 'placement preference must be of the format "<strategy>=<arg>"';
export const errPlacementPrefStrategy = (strategy: string) =>
  `unsupported placement preference ${strategy} (only spread is supported)`;
/** go-units ParseUlimit (--ulimit). */
export const errUlimitArgument = (value: string) => `invalid ulimit argument: ${value}`;
export const errUlimitType = (name: string) => `invalid ulimit type: ${name}`;
export const errUlimitTooManyValues = (limits: string) =>
  `too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``;
export const errUlimitSoftAboveHard = (soft: string, hard: string) =>
  `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`;

// swarmlab's own texts (the sandbox, not Docker)
export const errUnterminatedQuote = (quote: string) =>
  `swarmlab: syntax error: unterminated quoted string (missing closing ${quote})`;
export const errSandboxCommandNotFound = (name: string) => `swarmlab: ${name}: command not found`;
/** GNU coreutils cat's message for a file it cannot open (the sandbox's `cat` reads the scenario's files only). */
export const errCatNoSuchFile = (file: string) => `cat: ${file}: No such file or directory`;
export const errCatNoFile = (files: string[]) =>
  `swarmlab: cat reads this scenario's files: cat FILE (files: ${files.length ? files.join(', ') : 'none'})`;
export const errSandboxNotSimulated = (command: string) =>
  `swarmlab: '${command}' is not simulated here (available: docker service, docker node, docker stack, swarmlab)`;
export const sandboxFlagIgnored = (flags: string[]) => `swarmlab: ${flags.join(', ')} not simulated; ignored`;
export const errSwarmUnsentFlags = (flags: readonly string[]) =>
  `${flags.join(', ')} ${flags.length === 1 ? 'is' : 'are'} not simulated and swarmlab does not ` +
  `send ${flags.length === 1 ? 'it' : 'them'} to a swarm: the scenario is not run there (it would run something ` +
  'other than what is typed)';
export const ERR_SANDBOX_JOBS = 'swarmlab: job services (replicated-job, global-job) are not simulated';
export const ERR_SANDBOX_ONE_COMPOSE_FILE = 'swarmlab: only one compose file per deploy is supported';
export const errSandboxTooManyReplicas = (limit: number) =>
  `swarmlab: at most ${limit} replicas per service are simulated`;
// swarmlab's fault injection (FaultApi), the same from the simulator and the real-Swarm backend
export const errFaultTaskAmbiguous = (prefix: string) => `task ${prefix} is ambiguous`;
export const errFaultNoSuchTask = (prefix: string) => `no such task: ${prefix}`;
export const errFaultNoRunningContainer = (taskId: string) => `task ${taskId} has no running container`;
export const errFaultKillNotSignal = (exitCode: number) =>
  `a real container can only be killed by a signal: exit code ${exitCode} is not 128+N`;
export const ERR_FAULT_NODE_LOSS_NEEDS_LAB =
  'node loss needs a swarmlab lab cluster (swarmlab cluster up --nodes 3): on any other real swarm it stays ' +
  'simulated-only (run without --backend swarm)';
/** The simulator's leader, like the lab cluster's manager, is what every command goes through. */
export const errFaultLeaderDown = (node: string) =>
  `${node} is the swarm's manager (the leader): swarmlab drives the swarm through it, so it cannot be taken down; ` +
  'take down another node';
export const errFaultNodeNotBack = (node: string, seconds: number) =>
  `${node} did not come back within ${seconds} s of its link going up`;
/** The wait line of the sandbox's usage; the fault lines come from the fault registry (src/commands/sandbox.ts). */
export const SANDBOX_WAIT_USAGE = 'swarmlab wait converged|settled|DURATION [SERVICE]';
export const errSandboxNoRunningTask = (ref: string) => `swarmlab: no running task for ${ref}`;
export const errSandboxWaitTimeout = (what: string, waited: string) => `swarmlab: not ${what} after ${waited}`;
export const sandboxWaited = (what: string, waited: string) => `${what} after ${waited}`;
export const errScenarioWaitTimeout = (what: string, limit: string) =>
  `swarmlab: wait ${what} timed out after ${limit}`;
/** A run whose trace reached the runner's event limit: the run stops, the trace so far is kept. */
export const errTraceTruncated = (limit: string, at: string) =>
  `swarmlab: trace truncated after ${limit} events (the limit of a run), at ${at} of virtual time: the run stops here`;
/** A `wait DURATION` beyond the sandbox's limit (a crash loop's trace grows with every virtual minute waited). */
export const errWaitTooLong = (duration: string, limit: string) =>
  `${duration} is longer than the limit of ${limit} of virtual time`;
// docker/cli compose conversion (docker stack deploy)
export const ERR_COMPOSE_TEST_AND_DISABLE = "test and disable can't be set at the same time";
export const errComposeUnknownMode = (mode: string) => `unknown mode: ${mode}`;
/** cli/compose/loader ParseYAML, and the schema's type error for `services:` that is not a mapping. */
export const ERR_COMPOSE_TOP_LEVEL = 'Top-level object must be a mapping';
export const ERR_COMPOSE_SERVICES_MAPPING = 'services must be a mapping';
/** cli/compose/interpolation: a bad `$` template or a missing `${VAR:?message}` / `${VAR?message}`. */
export const errComposeInterpolation = (path: string, quotedTemplate: string) =>
  `invalid interpolation format for ${path}: ${quotedTemplate}. You may need to escape any $ with another $.`;
export const errComposeRequiredVariable = (name: string, message: string) =>
  `required variable ${name} is missing a value: ${message}`;
export const errComposeUnknownRestartPolicy = (name: string) =>
  `invalid restart policy: unknown policy '${name}' (must be one of 'no', 'always', 'on-failure', or 'unless-stopped')`;
