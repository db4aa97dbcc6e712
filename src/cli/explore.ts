// `swarmlab explore FILE`: every distinct run of a scenario from its update command on; outcomes, broken requirements, replays.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import { InputError } from '../errors.js';
import { parseRequirement, type Requirement } from '../lab/check.js';
import { DEFAULT_EXPLORE_RUNS, type ExploreReport, explore } from '../lab/explore/explore.js';
import { countProgress, option, wholeNumber } from './check.js';
import { readScenarioFile, SCENARIO_FILE } from './files.js';
import { readInputFile } from './input-file.js';

export interface ExploreRequest {
  kind: 'explore';
  file: string;
  options: { service?: string; maxRuns: number; require: Requirement[]; json: boolean; out?: string };
}

const DEFAULT_EXPLORE_DIR = 'swarmlab-replays';

/** What explore enumerates and how it discretises what is continuous; printed with every report. */
export const EXPLORE_DISCRETISATION =
  'slot orders: every order; flaky exit: both; timing ranges: min, midpoint, max; heartbeat phase: 0, half a period, a period less 1ms; deadlines due at the same instant: every order';

export function defineExploreCommand(program: Command, done: (request: ExploreRequest) => void): void {
  program
    .command('explore')
    .description(
      "enumerate every distinct run of a scenario from its update command on (not seeds: all the engine's choices)",
    )
    .argument('<file>', 'scenario file (YAML)')
    .option('--service <name>', 'the service whose update is judged (default: the one the update command names)')
    .addOption(
      option(
        '--max-runs <n>',
        'stop after this many runs (then the space is not exhausted)',
        (t) => wholeNumber('--max-runs', t, 1, 10_000_000),
        DEFAULT_EXPLORE_RUNS,
      ),
    )
    .addOption(
      option(
        '--require <expr...>',
        'thresholds every run must meet, as for swarmlab check: min-available>=3 bad-tasks<=2 duration<=2m time-to-detect<=20s (exit 1 when broken)',
        collectRequirement,
        [] as Requirement[],
        'none',
      ),
    )
    .option('--json', 'print the report as JSON (replay files inline)', false)
    .option('--out <dir>', `where replay files are written (default without --json: ${DEFAULT_EXPLORE_DIR})`)
    .action((file: string, options: ExploreRequest['options']) => done({ kind: 'explore', file, options }));
}

function collectRequirement(text: string, previous: Requirement[]): Requirement[] {
  try {
    return [...previous, parseRequirement(text)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
}

export interface ExploreIo {
  out(text: string): void;
  err(text: string): void;
  progressStream?: NodeJS.WriteStream;
}

/** Explores, prints the report (text or JSON), writes the replay files; 1 when a requirement is broken. */
export function runExploreCommand(request: ExploreRequest, io: ExploreIo): number {
  const { file, options } = request;
  const text = readInputFile(file, SCENARIO_FILE);
  const scenario = readScenarioFile(file, text);
  const progress = countProgress(io, 'swarmlab explore: run', 100);
  let report: ExploreReport;
  try {
    report = explore(scenario, text, {
      service: options.service,
      maxRuns: options.maxRuns,
      requirements: options.require,
      onRun: (runs) => progress.tick(runs, options.maxRuns),
    });
  } finally {
    progress.done();
  }
  const dir = options.out ?? (options.json ? undefined : DEFAULT_EXPLORE_DIR);
  const base = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  const paths = {
    outcomes: report.outcomes.map(
      (row, i) => dir && writeReplay(join(dir, `${base}-outcome-${i + 1}.yaml`), row.replay),
    ),
    violations: report.violations.map(
      (v, i) => dir && writeReplay(join(dir, `${base}-broken-${i + 1}.yaml`), v.replay),
    ),
  };
  io.out(options.json ? `${JSON.stringify(exploreJson(report), null, 2)}\n` : formatExploreReport(report, file, paths));
  return report.violations.length ? 1 : 0;
}

/** The `--json` shape (see the README, "Exploring every run"). */
export function exploreJson(report: ExploreReport): object {
  return {
    scenario: report.scenario,
    exhausted: report.exhausted,
    runs: report.runs,
    states: report.states,
    outcomes: report.outcomes.map((row) => ({
      update_status: row.outcome.updateStatus === 'none' ? null : row.outcome.updateStatus,
      message: row.outcome.message,
      running_images: row.outcome.runningImages,
      min_available: row.outcome.minAvailable,
      bad_tasks_started: row.outcome.badTasksStarted,
      duration_ms: row.durationMs,
      runs: row.runs,
      replay: row.replay,
    })),
    violations: report.violations.map((v) => ({ requirement: v.requirement.text, replay: v.replay })),
  };
}

function writeReplay(path: string, yaml: string): string {
  try {
    mkdirSync(path.replace(/[\\/][^\\/]*$/, ''), { recursive: true });
    writeFileSync(path, yaml);
  } catch (err) {
    throw new InputError(`--out: cannot write ${path} (${(err as Error).message})`);
  }
  return path;
}

const seconds = (ms: number): string => formatGoDuration(Math.round(ms) * NS_PER_MS);

export function formatExploreReport(
  report: ExploreReport,
  file: string,
  paths: { outcomes: (string | undefined)[]; violations: (string | undefined)[] },
): string {
  const lines: string[] = [];
  const service = report.service === undefined ? 'the first rollout' : `service ${report.service}`;
  lines.push(
    `swarmlab explore ${file}: ${service}; every choice from step ${report.fromStep} on (before it, the scenario's seed decides)`,
  );
  lines.push(`enumerated: ${EXPLORE_DISCRETISATION}`);
  const cut = report.pruned ? `, ${report.pruned} more cut at a state met before` : '';
  const verdict = report.exhausted
    ? 'exhausted: every run was enumerated'
    : 'NOT exhausted: --max-runs stopped the search; other outcomes may exist';
  lines.push(`${report.runs} runs${cut}, ${report.states} distinct states: ${verdict}`);
  lines.push('');
  lines.push('outcomes:');
  report.outcomes.forEach((row, i) => {
    const o = row.outcome;
    const images = Object.entries(o.runningImages).map(([image, n]) => `${image}×${n}`);
    const [shortest, longest] = row.durationMs.map(seconds);
    lines.push(`  ${o.updateStatus}${o.message ? ` "${o.message}"` : ''}`);
    lines.push(
      `      running ${images.join(' ') || 'nothing'}; ${o.minAvailable} available at worst; ${o.badTasksStarted} new-image task(s) started; ${shortest === longest ? shortest : `${shortest} to ${longest}`}${o.finished ? '' : ' (unfinished)'}; ${row.runs} run(s)`,
    );
    if (paths.outcomes[i]) lines.push(`      replay: swarmlab run ${paths.outcomes[i]}`);
  });
  if (report.violations.length || report.requirementsChecked.length) {
    lines.push('');
    lines.push('requirements:');
    for (const requirement of report.requirementsChecked) {
      const i = report.violations.findIndex((v) => v.requirement === requirement);
      if (i < 0) {
        lines.push(`  ok      ${requirement.text} in all ${report.runs} runs`);
        continue;
      }
      lines.push(`  BROKEN  ${requirement.text} in ${report.violations[i].runs} of ${report.runs} runs`);
      if (paths.violations[i]) lines.push(`      replay: swarmlab run ${paths.violations[i]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
