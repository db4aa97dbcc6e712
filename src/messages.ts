// The message catalogue: every string Docker (swarmkit, moby, docker CLI) prints that swarmlab reproduces.

// swarmkit updater / controlapi (UpdateStatus.Message and gRPC errors)
export const MSG_UPDATE_IN_PROGRESS = 'update in progress';
export const MSG_UPDATE_COMPLETED = 'update completed';
export const MSG_ROLLBACK_COMPLETED = 'rollback completed';
export const MSG_MANUAL_ROLLBACK = 'manually requested rollback';
export const msgUpdatePaused = (taskId: string) => `update paused due to failure or early termination of task ${taskId}`;
export const msgUpdateRolledBack = (taskId: string) => `update rolled back due to failure or early termination of task ${taskId}`;
export const msgRollbackPaused = (taskId: string) => `rollback paused due to failure or early termination of task ${taskId}`;

const grpc = (code: string, desc: string) => `rpc error: code = ${code} desc = ${desc}`;
export const errNoPreviousSpec = (serviceId: string) => grpc('FailedPrecondition', `service ${serviceId} does not have a previous spec`);
export const ERR_UPDATE_DELAY_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: update-delay cannot be negative');
export const ERR_UPDATE_MONITOR_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: update-monitor cannot be negative');
export const ERR_UPDATE_RATIO_RANGE = grpc('InvalidArgument', 'TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1');
export const ERR_RESTART_DELAY_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: restart-delay cannot be negative');
export const ERR_RESTART_WINDOW_NEGATIVE = grpc('InvalidArgument', 'TaskSpec: restart-window cannot be negative');
export const ERR_HEALTH_RETRIES_NEGATIVE = grpc('InvalidArgument', 'ContainerSpec: Retries in HealthConfig cannot be negative');
export const ERR_MODE_CHANGE = grpc('Unimplemented', 'service mode change is not allowed');
export const ERR_RENAME = grpc('Unimplemented', 'renaming services is not supported');
export const errNameConflict = (name: string) => grpc('AlreadyExists', `service ${name} already exists`);
export const ERR_UPDATE_OUT_OF_SEQUENCE = grpc('Unknown', 'update out of sequence');

// moby daemon conversion errors (not gRPC)
export const errUnknownFailureAction = (action: string) => `unrecognized update failure action ${action}`;
export const errUnknownOrder = (order: string) => `unrecognized update order ${order}`;
export const errUnknownRestartCondition = (condition: string) => `invalid RestartCondition: "${condition}"`;
export const errNoSuchService = (name: string) => `service ${name} not found`;
export const errNoSuchNode = (name: string) => `node ${name} not found`;

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
export const nodesNotAvailable = (count: number) => `${count} node${count === 1 ? '' : 's'} not available for new tasks`;
export const MSG_HEARTBEAT_FAILURE = 'heartbeat failure';

// docker CLI
export const ERR_ROLLBACK_COMBINED = 'other flags may not be combined with --rollback';
export const cliServicePaused = (message: string) => `service update paused: ${message}`;
export const cliRollbackPaused = (message: string) => `service rollback paused: ${message}`;
export const cliOverall = (running: number, total: number) => `overall progress: ${running} out of ${total} tasks`;
export const cliOverallRollback = (running: number, total: number) => `overall progress: rolling back update: ${running} out of ${total} tasks`;
export const CLI_WAITING_NEW_TASKS = 'overall progress: waiting for new tasks';
export const cliVerifyWaiting = (seconds: number) => `verify: Waiting ${seconds} seconds to verify that tasks are stable...`;
export const CLI_VERIFY_DETECTED_FAILURE = 'verify: Detected task failure';
export const cliVerifyConverged = (service: string) => `verify: Service ${service} converged`;
export const CLI_OPERATION_CONTINUING = 'Operation continuing in background.';
export const cliUsePs = (service: string) => `Use \`docker service ps ${service}\` to check progress.`;
export const DAEMON_ERROR_PREFIX = 'Error response from daemon: ';
export const errNoSuchServiceCli = (name: string) => `no such service: ${name}`;
