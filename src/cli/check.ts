// `swarmlab check STACK.yml`: a stack service's (or a scenario's) rollout policy against seeded faults; worst cases,
// replay files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parse } from 'yaml';
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import { InputError } from '../errors.js';
import {
  FAULT_WORDS,
  type FaultWord,
  faultWordsHelp,
  faultWordTarget,
  IMAGE_FAULTS,
  type ImageFault,
} from '../faults/registry.js';
import { caseYaml } from '../lab/case.js';
import { type CheckReport, type CheckRun, checkPolicy, parseRequirement, type Requirement } from '../lab/check.js';
import { describeFault } from '../lab/faults.js';
import { policyFromCompose, policyFromScenario } from '../lab/policy.js';
import type { ImageBehaviour, UpdateConfig } from '../types.js';
import { checkSuite } from './check-junit.js';
import { type ComposeEnvIo, readScenarioFile, STACK_FILE } from './files.js';
import { readInputFile } from './input-file.js';
import { writeJUnitFile } from './junit-file.js';
import { refuseInput } from './output-file.js';
import { parseSeed } from './seed-option.js';

export interface CheckRequest {
  kind: 'check';
  file: string;
  options: {
    service?: string;
    runs: number;
    faults: FaultWord[];
    require: Requirement[];
    seed: number;
    nodes: number;
    replayDir: string;
    /** `--junit FILE`: the requirements as JUnit XML too. */
    junit?: string;
  };
}

export const DEFAULT_CHECK_RUNS = 200;
export const DEFAULT_CHECK_FAULTS: FaultWord[] = ['crash', 'unhealthy', 'slow', 'node-down'];
export const DEFAULT_REPLAY_DIR = 'swarmlab-replays';

/** Adds `check` to the program; `done` receives the parsed request. */
export function defineCheckCommand(program: Command, done: (request: CheckRequest) => void): void {
  program
    .command('check')
    .description("run a stack service's update and rollback policy against seeded faults and report the worst cases")
    .argument(
      '<stack-file>',
      'compose file (docker stack deploy -c), or a scenario file: the policy of its first image update',
    )
    .option('--service <name>', 'the service to check (needed when the file has several)')
    .addOption(
      option('--runs <n>', 'number of seeded runs', (t) => wholeNumber('--runs', t, 1, 100_000), DEFAULT_CHECK_RUNS),
    )
    .addOption(
      option(
        '--faults <list>',
        `faults to draw from: ${FAULT_WORDS.join(',')}`,
        parseFaults,
        DEFAULT_CHECK_FAULTS,
        DEFAULT_CHECK_FAULTS.join(','),
      ),
    )
    .addOption(
      option(
        '--require <expr...>',
        'thresholds every run must meet, e.g. min-available>=3 bad-tasks<=2 duration<=2m time-to-detect<=20s (exit 1 ' +
          'when broken)',
        collectRequirement,
        [] as Requirement[],
        'none',
      ),
    )
    .addOption(option('--seed <n>', 'base seed of the runs', parseSeed, 1))
    .addOption(option('--nodes <count>', 'nodes of the simulated swarm', (t) => wholeNumber('--nodes', t, 1, 1000), 3))
    .addOption(
      option('--replay-dir <dir>', "where the worst cases' scenario files are written", (t) => t, DEFAULT_REPLAY_DIR),
    )
    .option('--junit <file>', 'also write the requirements as JUnit XML (one test case per --require)')
    .addHelpText('after', `\nFaults (--faults):\n${faultWordsHelp().join('\n')}`)
    .action((file: string, options: CheckRequest['options']) => done({ kind: 'check', file, options }));
}

/** An option whose default shows as `shown` (commander would print arrays and milliseconds as JSON). */
export function option<T>(
  flags: string,
  description: string,
  parse: (text: string, previous: T) => T,
  value: T,
  shown = String(value),
): Option {
  return new Option(flags, description).argParser(parse).default(value, shown);
}

export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}.`);
  return value;
}

function parseFaults(text: string): FaultWord[] {
  const words = text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const unknown = words.filter((w) => !(FAULT_WORDS as readonly string[]).includes(w));
  if (unknown.length || words.length === 0)
    throw new InvalidArgumentError(
      `--faults takes a comma-separated list of ${FAULT_WORDS.join(', ')}; got ${JSON.stringify(text)}.`,
    );
  return [...new Set(words)] as FaultWord[];
}

function collectRequirement(text: string, previous: Requirement[]): Requirement[] {
  try {
    return [...previous, parseRequirement(text)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
}

export interface CheckIo extends ComposeEnvIo {
  out(text: string): void;
  err(text: string): void;
  /** Where `run i/N` is drawn, when it is a terminal. */
  progressStream?: NodeJS.WriteStream;
}

/** `label: i/N` redrawn on a terminal's stderr (every `every` calls), erased at the end. */
export function countProgress(
  io: CheckIo,
  label: string,
  every: number,
): { tick(done: number, total: number): void; done(): void } {
  const stream = io.progressStream?.isTTY ? io.progressStream : undefined;
  let drawn = false;
  return {
    tick(done, total) {
      if (!stream || (done % every !== 0 && done !== total)) return;
      stream.write(`\r\x1b[2K${label}: ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) stream!.write('\r\x1b[2K');
    },
  };
}

/** Runs the check, prints the report, writes the replay files; 1 when a requirement is broken. */
export function runCheckCommand(request: CheckRequest, io: CheckIo): number {
  const { file, options } = request;
  const text = readInputFile(file, STACK_FILE);
  // A scenario file (it has steps:) gives the policy of its first image update; anything else is a stack file.
  const policy = isScenario(text)
    ? policyFromScenario(readScenarioFile(file, text, io.env))
    : policyFromCompose(text, file, { service: options.service, nodes: options.nodes, env: io.env });
  const clusterFaults = options.faults.filter((f) => faultWordTarget(f) === 'node');
  if (clusterFaults.length && options.nodes < 2)
    io.err(`swarmlab check: ${clusterFaults.join(', ')} needs at least 2 nodes (--nodes); left out\n`);
  const progress = countProgress(io, 'swarmlab check: run', 10);
  let report: ReturnType<typeof checkPolicy>;
  try {
    report = checkPolicy(policy, {
      runs: options.runs,
      seed: options.seed,
      faults: options.faults,
      requirements: options.require,
      onRun: progress.tick,
    });
  } finally {
    progress.done();
  }
  const replays = new Map<number, string>();
  const replayOf = (run: CheckRun): string => {
    let path = replays.get(run.seed);
    if (!path) {
      path = join(options.replayDir, `${policy.name}-${run.seed}.yaml`);
      refuseInput(path, [file], '--replay-dir');
      writeReplay(path, caseYaml(run.rolloutCase));
      replays.set(run.seed, path);
    }
    return path;
  };
  io.out(formatCheckReport(report, file, options, replayOf));
  if (options.junit !== undefined)
    writeJUnitFile(options.junit, [checkSuite(report, file, options.seed, (run) => describeRun(run, replayOf))]);
  return report.requirements.some((r) => r.broken) ? 1 : 0;
}

function isScenario(text: string): boolean {
  try {
    const doc: unknown = parse(text);
    return typeof doc === 'object' && doc !== null && 'steps' in doc;
  } catch {
    return false; // the compose reader reports the syntax error with its line
  }
}

function writeReplay(path: string, yaml: string): void {
  try {
    mkdirSync(path.replace(/[\\/][^\\/]*$/, ''), { recursive: true });
    writeFileSync(path, yaml);
  } catch (err) {
    throw new InputError(`--replay-dir: cannot write ${path} (${(err as Error).message})`);
  }
}

const seconds = (ms: number): string => formatGoDuration(Math.round(ms) * NS_PER_MS);

export function formatCheckReport(
  report: CheckReport,
  file: string,
  options: CheckRequest['options'],
  replayOf: (run: CheckRun) => string,
): string {
  const { policy, runs } = report;
  const replicas = policy.service.Mode.Replicated?.Replicas ?? 1;
  const lines: string[] = [];
  lines.push(`swarmlab check ${file}: service ${policy.service.Name} (${replicas} replicas on ${policy.nodes} nodes)`);
  lines.push(`  update:   ${describeConfig(policy.service.UpdateConfig)}`);
  lines.push(`  rollback: ${describeConfig(policy.service.RollbackConfig)}`);
  lines.push(
    `${runs.length} runs from seed ${options.seed}; faults: ${options.faults.join(', ')}; fault times within the ` +
      `first ${seconds(report.horizonMs)} of the rollout`,
  );
  lines.push('');
  lines.push('outcomes:');
  for (const [outcome, count] of report.outcomes)
    lines.push(
      `  ${outcome.padEnd(20)}${String(count).padStart(6)}  ${((100 * count) / runs.length).toFixed(1).padStart(5)}%`,
    );
  if (report.outcomes.some(([outcome]) => outcome === 'unfinished')) {
    lines.push(
      "  (unfinished: no final UpdateStatus within an hour of virtual time; Swarm's updater has no timeout, and a " +
        'new task',
    );
    lines.push('   that never starts, e.g. assigned to a node that was lost, blocks its worker)');
  }
  lines.push('');
  lines.push('worst cases:');
  const worst: [string, CheckRun, string][] = [
    [
      'longest rollout',
      report.worst.duration,
      report.worst.duration.finished
        ? seconds(report.worst.duration.durationMs)
        : `unfinished after ${seconds(report.worst.duration.durationMs)}`,
    ],
    [
      'lowest availability',
      report.worst.availability,
      `${report.worst.availability.minAvailable} of ${replicas} serving`,
    ],
    ['most bad tasks', report.worst.badTasks, `${report.worst.badTasks.badTasks} new-image task(s) started`],
  ];
  for (const [label, run, value] of worst) {
    lines.push(`  ${label.padEnd(20)} ${value}`);
    lines.push(...describeRun(run, replayOf));
  }
  if (report.requirements.length) {
    lines.push('');
    lines.push('requirements:');
    for (const result of report.requirements) {
      if (!result.broken) {
        lines.push(`  ok      ${result.requirement.text} in all ${runs.length} runs`);
        continue;
      }
      lines.push(`  BROKEN  ${result.requirement.text} in ${result.brokenRuns} of ${runs.length} runs; furthest off:`);
      lines.push(...describeRun(result.broken, replayOf));
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeRun(run: CheckRun, replayOf: (run: CheckRun) => string): string[] {
  const image = describeImage(run.imageFault, run.rolloutCase.images[run.rolloutCase.newImage] ?? {});
  const faults = run.faults.length ? run.faults.map(describeFault).join(', ') : 'no cluster fault';
  const detect = run.timeToDetectMs === null ? '' : `, failure counted at ${seconds(run.timeToDetectMs)}`;
  return [
    `      seed ${run.seed}: ${image}; ${faults} → ${run.outcome} ` +
      `after ${seconds(run.durationMs)}, ${run.minAvailable} serving at worst, ${run.badTasks} bad task(s)${detect}`,
    `      replay: swarmlab run ${replayOf(run)}`,
  ];
}

/** A drawn image behaviour in a few words: `new image crashes 2s after start`. */
export const describeImage = (fault: ImageFault, b: ImageBehaviour): string => IMAGE_FAULTS[fault].describe(b);

function describeConfig(config: UpdateConfig | undefined): string {
  if (!config) return 'Swarm defaults (parallelism 1, delay 0s, monitor 5s, failure action pause, order stop-first)';
  const monitor = config.Monitor ? formatGoDuration(config.Monitor) : '5s';
  return (
    `parallelism ${config.Parallelism}, delay ${formatGoDuration(config.Delay ?? 0)}, monitor ${monitor}, failure ` +
    `action ${config.FailureAction || 'pause'}` +
    `, max failure ratio ${config.MaxFailureRatio}, order ${config.Order || 'stop-first'}`
  );
}
