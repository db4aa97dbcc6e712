// The daemon's service and node API (moby conversion + swarmkit controlapi): validation, spec history, rollback swap.

import { MAX_SIMULATED_REPLICAS } from '../defaults.js';
import { DaemonError } from '../errors.js';
import { jsonClone } from '../json-clone.js';
import {
  ERR_CONSTRAINT_OPERATOR,
  ERR_HEALTH_RETRIES_NEGATIVE,
  ERR_MODE_CHANGE,
  ERR_RENAME,
  ERR_RESTART_DELAY_NEGATIVE,
  ERR_RESTART_WINDOW_NEGATIVE,
  ERR_UPDATE_DELAY_NEGATIVE,
  ERR_UPDATE_MONITOR_NEGATIVE,
  ERR_UPDATE_RATIO_RANGE,
  errConstraintKey,
  errConstraintValue,
  errHealthTooShort,
  errInvalidAvailability,
  errNameConflict,
  errNoPreviousSpec,
  errNoSuchNode,
  errNoSuchService,
  errSandboxTooManyReplicas,
  errUnknownFailureAction,
  errUnknownOrder,
  errUnknownRestartCondition,
  MSG_MANUAL_ROLLBACK,
} from '../messages.js';
import type { HealthConfig, NodeAvailability, ServiceSpec, UpdateConfig } from '../types.js';
import type { Manager } from './orchestrator/context.js';
import type { Orchestrator } from './orchestrator/orchestrator.js';
import { validateEndpointSpec } from './port-allocator.js';
import type { NodeRecord, ServiceRecord } from './records.js';

const FAILURE_ACTIONS = new Set(['', 'pause', 'continue', 'rollback']);
const ORDERS = new Set(['', 'stop-first', 'start-first']);
const AVAILABILITIES = new Set(['active', 'pause', 'drain']);
const RESTART_CONDITIONS = new Set(['', 'none', 'on-failure', 'any']);
const DNS_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-_]{0,61}[a-zA-Z0-9])?$/;

const grpcInvalid = (desc: string) => `rpc error: code = InvalidArgument desc = ${desc}`;

const ADJECTIVES = [
  'admiring',
  'brave',
  'calm',
  'eager',
  'focused',
  'gallant',
  'happy',
  'jolly',
  'keen',
  'loving',
  'modest',
  'nifty',
  'quirky',
  'serene',
  'tender',
  'vibrant',
];
const SURNAMES = [
  'hopper',
  'lovelace',
  'turing',
  'curie',
  'torvalds',
  'ritchie',
  'thompson',
  'pike',
  'liskov',
  'hamilton',
  'knuth',
  'noether',
  'shannon',
  'wozniak',
];

export class Daemon {
  constructor(
    private readonly m: Manager,
    private readonly orchestrator: Orchestrator,
  ) {}

  createService(input: ServiceSpec): ServiceRecord {
    const spec = normalize(input);
    if (!spec.Name) spec.Name = this.generateName();
    validateSpec(spec);
    // controlapi CreateService checks port conflicts before the store refuses a name in use.
    this.m.ports.checkConflicts(spec, null);
    if (this.findByName(spec.Name)) throw new DaemonError(errNameConflict(spec.Name));
    const now = this.m.now();
    const version = this.m.store.nextVersion();
    const service: ServiceRecord = {
      id: this.m.random.id25(),
      createdMs: now,
      updatedMs: now,
      version,
      spec,
      specVersion: version,
      previousSpec: null,
      previousSpecVersion: null,
      endpointPorts: this.m.ports.allocate(spec, null),
      updateStatus: null,
    };
    this.m.store.addService(service);
    this.orchestrator.serviceCreated(service);
    return service;
  }

  updateService(idOrName: string, input: ServiceSpec, rollback: boolean): ServiceRecord {
    const service = this.service(idOrName);
    if (rollback) {
      if (!service.previousSpec) throw new DaemonError(errNoPreviousSpec(service.id));
      this.m.store.writeSpec(
        service,
        {
          spec: service.previousSpec,
          specVersion: service.previousSpecVersion!,
          previousSpec: service.spec,
          previousSpecVersion: service.specVersion,
          endpointPorts: this.m.ports.allocate(service.previousSpec, service),
        },
        'rollback',
      );
      this.orchestrator.writeStatus(service, { type: 'MANUAL_ROLLBACK' }, MSG_MANUAL_ROLLBACK);
    } else {
      const spec = normalize(input);
      validateSpec(spec);
      if (spec.Name !== service.spec.Name) throw new DaemonError(ERR_RENAME);
      if ((spec.Mode.Global !== undefined) !== (service.spec.Mode.Global !== undefined))
        throw new DaemonError(ERR_MODE_CHANGE);
      this.m.ports.checkConflicts(spec, service.id);
      this.m.store.writeSpec(
        service,
        {
          spec,
          specVersion: this.m.store.nextVersion(),
          previousSpec: service.spec,
          previousSpecVersion: service.specVersion,
          endpointPorts: this.m.ports.allocate(spec, service),
        },
        'update',
      );
      if (service.updateStatus) this.orchestrator.writeStatus(service, { type: 'RESET' }, '');
    }
    this.orchestrator.scheduleReconcile(service);
    return service;
  }

  removeService(idOrName: string): void {
    const service = this.service(idOrName);
    this.orchestrator.serviceRemoved(service);
    this.m.store.removeService(service);
    for (const [, tasks] of this.m.store.slotsOf(service.id)) {
      for (const task of [...tasks]) this.m.store.setTaskDesired(task, 'remove');
    }
  }

  updateNode(idOrName: string, change: { availability?: NodeAvailability }): NodeRecord {
    const node = this.node(idOrName);
    if (change.availability && !AVAILABILITIES.has(change.availability)) {
      throw new DaemonError(errInvalidAvailability(change.availability));
    }
    if (change.availability && change.availability !== node.availability) {
      node.availability = change.availability;
      this.m.store.writeNode(node);
      this.nodeChanged(node);
    }
    return node;
  }

  nodeChanged(node: NodeRecord): void {
    for (const watcher of [...this.m.nodeWatchers]) watcher.nodeChanged(node);
    this.orchestrator.nodeChanged(node);
  }

  service(idOrName: string): ServiceRecord {
    const service = this.m.store.findService(idOrName);
    if (!service) throw new DaemonError(errNoSuchService(idOrName));
    return service;
  }

  node(idOrName: string): NodeRecord {
    const node = this.m.store.findNode(idOrName);
    if (!node) throw new DaemonError(errNoSuchNode(idOrName));
    return node;
  }

  private findByName(name: string): ServiceRecord | undefined {
    for (const service of this.m.store.services.values()) if (service.spec.Name === name) return service;
    return undefined;
  }

  private generateName(): string {
    for (;;) {
      const adjective = ADJECTIVES[this.m.random.int(ADJECTIVES.length)];
      const name = `${adjective}_${SURNAMES[this.m.random.int(SURNAMES.length)]}`;
      if (!this.findByName(name)) return name;
    }
  }
}

/** A deep copy with the API's empty values filled, so stored specs never alias the caller's objects. */
function normalize(input: ServiceSpec): ServiceSpec {
  const spec = jsonClone(input);
  spec.Labels ??= {};
  spec.TaskTemplate.ForceUpdate ??= 0;
  spec.Mode ??= { Replicated: { Replicas: 1 } };
  if (spec.Mode.Replicated && spec.Mode.Replicated.Replicas === undefined) spec.Mode.Replicated.Replicas = 1;
  if (spec.EndpointSpec && !spec.EndpointSpec.Mode) spec.EndpointSpec.Mode = 'vip';
  return spec;
}

/** moby's conversion errors first (plain text), then swarmkit's validateServiceSpec (gRPC InvalidArgument). */
export function validateSpec(spec: ServiceSpec): void {
  for (const config of [spec.UpdateConfig, spec.RollbackConfig]) {
    if (!config) continue;
    if (!FAILURE_ACTIONS.has(String(config.FailureAction ?? '')))
      throw new DaemonError(errUnknownFailureAction(String(config.FailureAction)));
    if (!ORDERS.has(String(config.Order ?? ''))) throw new DaemonError(errUnknownOrder(String(config.Order)));
  }
  const restart = spec.TaskTemplate.RestartPolicy;
  if (restart && !RESTART_CONDITIONS.has(String(restart.Condition ?? ''))) {
    throw new DaemonError(errUnknownRestartCondition(String(restart.Condition)));
  }
  if (!DNS_LABEL.test(spec.Name)) throw new DaemonError(grpcInvalid('name must be valid as a DNS name component'));
  const image = spec.TaskTemplate.ContainerSpec?.Image;
  if (!image) throw new DaemonError(grpcInvalid('ContainerSpec: image reference must be provided'));
  if (!isImageReference(image))
    throw new DaemonError(grpcInvalid(`ContainerSpec: ${JSON.stringify(image)} is not a valid repository/tag`));
  if (restart?.Delay !== undefined && restart.Delay < 0) throw new DaemonError(ERR_RESTART_DELAY_NEGATIVE);
  if (restart?.Window !== undefined && restart.Window < 0) throw new DaemonError(ERR_RESTART_WINDOW_NEGATIVE);
  validateConstraints(spec.TaskTemplate.Placement?.Constraints ?? []);
  validateHealthCheck(spec.TaskTemplate.ContainerSpec.Healthcheck);
  validateUpdateConfig(spec.UpdateConfig);
  validateEndpointSpec(spec);
  // After Docker's own checks, so Docker's message wins when a spec has both problems.
  if ((spec.Mode.Replicated?.Replicas ?? 0) > MAX_SIMULATED_REPLICAS)
    throw new DaemonError(errSandboxTooManyReplicas(MAX_SIMULATED_REPLICAS));
}

// swarmkit manager/constraint: `key op value`, the first operator found wins; key and value patterns.
const CONSTRAINT_OPERATORS = ['==', '!='];
const CONSTRAINT_KEY = /^[a-z_][a-z0-9\-_.]+$/i;
const CONSTRAINT_VALUE = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

function validateConstraints(constraints: readonly string[]): void {
  for (const constraint of constraints) {
    const op = CONSTRAINT_OPERATORS.find((candidate) => constraint.includes(candidate));
    if (op === undefined) throw new DaemonError(ERR_CONSTRAINT_OPERATOR);
    const at = constraint.indexOf(op);
    const key = constraint.slice(0, at).trim();
    if (!CONSTRAINT_KEY.test(key)) throw new DaemonError(errConstraintKey(key));
    const value = constraint.slice(at + op.length).trim();
    if (!CONSTRAINT_VALUE.test(value)) throw new DaemonError(errConstraintValue(value));
  }
}

/** swarmkit's minimumDuration for health check durations (0 means "the default"). */
const HEALTH_MINIMUM_NANOS = 1_000_000;
const HEALTH_MINIMUM_TEXT = '1ms';

/** controlapi validateHealthCheck: Interval, Timeout, StartPeriod, then Retries. */
function validateHealthCheck(health: HealthConfig | undefined): void {
  if (!health) return;
  for (const field of ['Interval', 'Timeout', 'StartPeriod'] as const) {
    const nanos = health[field] ?? 0;
    if (nanos !== 0 && nanos < HEALTH_MINIMUM_NANOS)
      throw new DaemonError(errHealthTooShort(field, HEALTH_MINIMUM_TEXT));
  }
  if (health.Retries !== undefined && health.Retries < 0) throw new DaemonError(ERR_HEALTH_RETRIES_NEGATIVE);
}

/** Only Spec.Update is validated by swarmkit; Spec.Rollback is not (a negative rollback delay is accepted). */
function validateUpdateConfig(config: UpdateConfig | undefined): void {
  if (!config) return;
  if ((config.Delay ?? 0) < 0) throw new DaemonError(ERR_UPDATE_DELAY_NEGATIVE);
  if ((config.Monitor ?? 0) < 0) throw new DaemonError(ERR_UPDATE_MONITOR_NEGATIVE);
  const ratio = config.MaxFailureRatio ?? 0;
  if (ratio < 0 || ratio > 1) throw new DaemonError(ERR_UPDATE_RATIO_RANGE);
}

// distribution/reference grammar: [domain[:port]/]path[:tag][@digest], path components lower-case.
const DOMAIN =
  '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])' +
  '(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::[\\w][\\w.-]{0,127})?` +
    '(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$',
);

export function isImageReference(image: string): boolean {
  const match = REFERENCE.exec(image);
  return match !== null && match[1].length <= 255;
}
