// `swarmlab sweep`'s command line: the grid's flags parsed into a request. It loads no d3 or fast-check: `sweep`
// itself (sweep.ts, with its chart) is imported only when it runs (lazy-commands.ts).
import { type Command, InvalidArgumentError, type Option } from 'commander';
import { IMAGE_FAULT_KINDS } from '../faults/registry.js';
import type { ImageFault } from '../lab/faults.js';
import { GridValueError, gridDuration, oneOfValues, valueList } from '../lab/grid-values.js';
import { DEFAULT_SWEEP_GRID, type SweepGrid } from '../lab/sweep.js';
import type { FailureAction, UpdateOrder } from '../types.js';
import { option, wholeNumber } from './check-command.js';

export interface SweepRequest {
  kind: 'sweep';
  grid: SweepGrid;
  out?: string;
  strategy: 'swarm' | 'k8s';
}

interface SweepFlags {
  replicas: number;
  nodes: number;
  parallelism: number[];
  delay: number[];
  monitor: number[];
  order: UpdateOrder[];
  failureAction: FailureAction[];
  imageBehaviour: ImageFault;
  seeds: number;
  out?: string;
  strategy: 'swarm' | 'k8s';
}

/** Adds `sweep` to the program; `done` receives the parsed request. */
export function defineSweepCommand(program: Command, done: (request: SweepRequest) => void): void {
  const command = program
    .command('sweep')
    .description('run a grid of update policies and compare duration, lowest availability and bad-task exposure');
  for (const flag of [...clusterOptions(), ...updatePolicyOptions(), ...runOptions()]) command.addOption(flag);
  command
    .option('--out <file>', 'write the chart (SVG) to this file')
    .action((options: SweepFlags) =>
      done({ kind: 'sweep', grid: gridOf(options), out: options.out, strategy: options.strategy }),
    );
}

/** The simulated cluster: how many replicas on how many nodes. */
function clusterOptions(): Option[] {
  const d = DEFAULT_SWEEP_GRID;
  return [
    option('--replicas <n>', 'replicas of the service', (t) => wholeNumber('--replicas', t, 1, 1000), d.replicas),
    option('--nodes <count>', 'nodes of the simulated swarm', (t) => wholeNumber('--nodes', t, 1, 1000), d.nodes),
  ];
}

/** The grid axes: one list of values per update-policy field. */
function updatePolicyOptions(): Option[] {
  const d = DEFAULT_SWEEP_GRID;
  return [
    option(
      '--parallelism <list>',
      'update parallelism values (0 = all at once)',
      (t) => list('--parallelism', t, (w) => wholeNumber('--parallelism', w, 0, 1000)),
      [...d.parallelism],
      d.parallelism.join(','),
    ),
    option(
      '--delay <list>',
      'update delays (Go durations)',
      (t) => list('--delay', t, (w) => duration('--delay', w)),
      [...d.delayMs],
      d.delayMs.map((ms) => `${ms / 1000}s`).join(','),
    ),
    option(
      '--monitor <list>',
      'update monitor periods',
      (t) => list('--monitor', t, (w) => duration('--monitor', w, true)),
      [...d.monitorMs],
      d.monitorMs.map((ms) => `${ms / 1000}s`).join(','),
    ),
    option(
      '--order <list>',
      'update orders',
      (t) => list('--order', t, (w) => oneOf('--order', w, ['stop-first', 'start-first'] as const)),
      [...d.order],
      d.order.join(','),
    ),
    option(
      '--failure-action <list>',
      'failure actions: pause, continue, rollback',
      (t) =>
        list('--failure-action', t, (w) => oneOf('--failure-action', w, ['pause', 'continue', 'rollback'] as const)),
      [...d.failureAction],
      d.failureAction.join(','),
    ),
  ];
}

/** What every policy is run against: the new image's behaviour, the seeds, the rollout model. */
function runOptions(): Option[] {
  const d = DEFAULT_SWEEP_GRID;
  return [
    option(
      '--image-behaviour <kind>',
      `how the new image behaves: ${IMAGE_FAULT_KINDS.join(', ')}`,
      (t) => oneOf('--image-behaviour', t, IMAGE_FAULT_KINDS),
      d.imageBehaviour,
    ),
    option(
      '--seeds <k>',
      'seeds per policy; each measure is the worst of them',
      (t) => wholeNumber('--seeds', t, 1, 1000),
      d.seeds,
    ),
    option(
      '--strategy <model>',
      'swarm, or k8s: the Kubernetes Deployment comparison model (not Swarm)',
      (t) => oneOf('--strategy', t, ['swarm', 'k8s'] as const),
      'swarm',
    ),
  ];
}

function gridOf(options: SweepFlags): SweepGrid {
  return {
    replicas: options.replicas,
    nodes: options.nodes,
    parallelism: options.parallelism,
    delayMs: options.delay,
    monitorMs: options.monitor,
    order: options.order,
    failureAction: options.failureAction,
    imageBehaviour: options.imageBehaviour,
    seeds: options.seeds,
  };
}

/** A grid reader whose refusal commander prints as an invalid flag value. */
function asFlag<A extends unknown[], R>(read: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return read(...args);
    } catch (err) {
      throw err instanceof GridValueError ? new InvalidArgumentError(err.message) : err;
    }
  };
}

const list = asFlag(valueList);
const duration = asFlag(gridDuration);
const oneOf = asFlag(oneOfValues);
