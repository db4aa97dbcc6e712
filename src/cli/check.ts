// `swarmlab check STACK.yml`: a stack service's (or a scenario's) rollout policy against seeded faults; worst cases,
// replay files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import { InputError } from '../errors.js';
import { faultWordTarget, IMAGE_FAULTS, type ImageFault } from '../faults/registry.js';
import { caseYaml } from '../lab/case.js';
import { type CheckReport, type CheckRun, checkPolicy } from '../lab/check.js';
import { describeFault } from '../lab/faults.js';
import { policyFromCompose, policyFromScenario } from '../lab/policy.js';
import type { ImageBehaviour, UpdateConfig } from '../types.js';
import { type CheckIo, type CheckRequest, countProgress } from './check-command.js';
import { checkSuite } from './check-junit.js';
import { readScenarioFile, STACK_FILE } from './files.js';
import { readInputFile } from './input-file.js';
import { writeJUnitFile } from './junit-file.js';
import { refuseInput } from './output-file.js';

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
