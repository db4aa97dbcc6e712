// The real-swarm part of the `swarmlab` command line: `run --backend swarm` options, `compare` and `conform`.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../errors.js';
import { runScenarioOnSwarm } from '../real-swarm/backend.js';
import { compareTraces, formatComparison } from '../real-swarm/compare.js';
import { conformScenario, formatPaced, NotComparable } from '../real-swarm/conform.js';
import { SwarmNotStartedError } from '../real-swarm/engine.js';
import type { RunOptions, RunProgress, RunResult } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import { checkTraceValue, eventLinesProblem } from '../trace/validate.js';
import type { Trace } from '../types.js';
import { wholeNumber } from './check-command.js';
import { conformFileSuite } from './conform-junit.js';
import { DEFAULT_MAX_TRIALS, MAX_TRIALS_LIMIT, minimiseConform } from './conform-minimise.js';
import { judgeConformed, labCampaign, MAX_RANDOM_CASES, runConformCampaign } from './conform-random.js';
import { type ComposeEnvIo, readScenarioFile, SCENARIO_FILE } from './files.js';
import { formatNotStarted } from './format.js';
import { readInputFile } from './input-file.js';
import { writeJUnitFile } from './junit-file.js';
import { createProgressLine, SWARM_STARTING } from './progress.js';
import { parseSeed } from './seed-option.js';
import { readTraceText } from './trace-file.js';

export interface SwarmRunFlags {
  backend: 'simulator' | 'swarm';
  host?: string;
  keep: boolean;
}

export interface SwarmCliIo extends ComposeEnvIo {
  out(text: string): void;
  err(text: string): void;
  /** Where `conform` draws its progress line (only when it is a terminal). */
  progressStream?: NodeJS.WriteStream;
}

/** Adds `--backend simulator|swarm`, `--host URL` and `--keep` to the `run` command. */
export function addSwarmRunOptions(run: Command): Command {
  return run
    .addOption(
      new Option('--backend <backend>', 'where the scenario runs').choices(['simulator', 'swarm']).default('simulator'),
    )
    .option('--host <url>', 'Docker daemon of the real swarm (default: DOCKER_HOST, then unix:///var/run/docker.sock)')
    .option('--keep', 'leave the services and images swarmlab created on the swarm', false);
}

/**
 * The runner `run` uses for one scenario: the simulator's runScenario, or the real swarm for `--backend swarm`
 * (`recordFile`: `--out`, events as JSON lines while running, the whole trace at the end).
 */
export function scenarioRunner(
  flags: SwarmRunFlags,
  recordFile?: string,
): ((scenario: Scenario, opts: RunOptions) => RunResult) | null {
  if (flags.backend !== 'swarm') return null;
  return (scenario, opts) => runScenarioOnSwarm(scenario, { ...opts, host: flags.host, keep: flags.keep, recordFile });
}

/**
 * Registers `swarmlab compare A.json B.json` and `swarmlab conform FILE [--host URL] [--keep]` on `program`.
 * Each action prints through `io` and hands its exit status to `setExit` (0 same, 1 different, 2 bad input).
 */
export function registerSwarmCommands(program: Command, io: SwarmCliIo, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description(
      'compare two traces of one scenario (e.g. simulated and real): outcome, tasks per image, phase durations',
    )
    .argument('<a>', 'trace JSON (swarmlab run --json, or the --out of a swarm run)')
    .argument('<b>', 'trace JSON')
    .option('--service <name>', 'service to compare (default: the first one created)')
    .action((a: string, b: string, options: { service?: string }) => {
      setExit(
        guard(io, () => {
          const comparison = compareTraces(readTrace(a), readTrace(b), { service: options.service });
          io.out(formatComparison(comparison, [a, b]));
          return comparison.ok ? 0 : 1;
        }),
      );
    });

  program
    .command('conform')
    .description('run a scenario (or N drawn ones: --random N) on the simulator and on the real swarm, and compare')
    .argument('[file]', 'scenario file (YAML)')
    .option('--host <url>', 'Docker daemon of the real swarm (default: DOCKER_HOST, then unix:///var/run/docker.sock)')
    .option('--keep', 'leave the services and images swarmlab created on the swarm', false)
    .option('--random <n>', `draw N random scenarios instead of FILE (1-${MAX_RANDOM_CASES})`, parseCaseCount)
    .option('--seed <n>', 'with --random: the campaign seed (default 1); the same seed draws the same cases', parseSeed)
    .option(
      '--out <dir>',
      'with --random: write each case (scenario, both traces, verdict) to DIR/SEED-INDEX/; with --minimise: the ' +
        'smallest scenario, its traces and verdict, and the trials',
    )
    .option(
      '--minimise',
      'cut FILE (steps, replicas, flags) down to the smallest scenario that still differs the same way on the swarm',
    )
    .option(
      '--max-trials <n>',
      `with --minimise: at most N cut scenarios run (default ${DEFAULT_MAX_TRIALS}, each 10-60 s)`,
      (text: string) => wholeNumber('--max-trials', text, 1, MAX_TRIALS_LIMIT),
    )
    .option('--junit <file>', 'also write the verdict as JUnit XML (one test case per scenario or drawn case)')
    .option(
      '--lab',
      'with --random: 3-node cases with node loss, drain and pause mid-run (the default on a lab cluster: swarmlab ' +
        'cluster up)',
    )
    .action((file: string | undefined, options: ConformFlags) => {
      setExit(
        guard(io, () => {
          if (options.random !== undefined) return campaign(file, options, io);
          return options.minimise ? minimise(file, options, io) : conformFile(file, options, io);
        }),
      );
    });
}

interface ConformFlags {
  host?: string;
  keep: boolean;
  random?: number;
  seed?: number;
  out?: string;
  junit?: string;
  lab?: boolean;
  minimise?: boolean;
  maxTrials?: number;
}

function conformFile(file: string | undefined, options: ConformFlags, io: SwarmCliIo): number {
  if (file === undefined) throw new InvalidArgumentError('conform: give a scenario FILE, or --random N');
  if (options.seed !== undefined || options.out !== undefined || options.lab) {
    throw new InvalidArgumentError('conform: --seed, --out and --lab go with --random N');
  }
  if (options.maxTrials !== undefined) throw new InvalidArgumentError('conform: --max-trials goes with --minimise');
  const scenario = readScenarioFile(file, readInputFile(file, SCENARIO_FILE), io.env);
  const stream = io.progressStream;
  const progress = stream ? createProgressLine(stream, `swarmlab: conform ${file}`, { realTime: true }) : null;
  progress?.say(SWARM_STARTING);
  let conformed: ReturnType<typeof conformScenario>;
  try {
    const onProgress = progress ? (p: RunProgress) => progress.update(p) : undefined;
    conformed = conformScenario(scenario, { host: options.host, keep: options.keep, onProgress });
  } catch (err) {
    if (!(err instanceof NotComparable)) throw err;
    progress?.done();
    io.out(`verdict: ${err.message} (not run on the swarm)\n`);
    if (options.junit !== undefined)
      writeJUnitFile(options.junit, [
        conformFileSuite(file, { name: file, kind: 'not comparable', detail: err.message }),
      ]);
    return 1;
  } finally {
    progress?.done();
  }
  const { comparison, real } = conformed;
  for (const warning of real.warnings) io.err(`swarmlab: warning: ${warning}\n`);
  const verdict =
    formatComparison(comparison, ['simulator', 'swarm']) + (conformed.paced ? formatPaced(conformed.paced) : '');
  io.out(verdict);
  if (options.junit !== undefined)
    writeJUnitFile(options.junit, [
      conformFileSuite(file, { name: file, ...judgeConformed(conformed), text: verdict }),
    ]);
  return comparison.ok ? 0 : 1;
}

/** `conform FILE --minimise`: FILE cut down while it still differs; every cut runs as typed, on both sides. */
function minimise(file: string | undefined, options: ConformFlags, io: SwarmCliIo): number {
  if (file === undefined) throw new InvalidArgumentError('conform: --minimise takes a scenario FILE');
  if (options.seed !== undefined || options.lab) {
    throw new InvalidArgumentError('conform: --seed and --lab go with --random N');
  }
  if (options.keep) throw new InvalidArgumentError('conform: --keep goes with one run, not --minimise');
  if (options.junit !== undefined) throw new InvalidArgumentError('conform: --junit does not go with --minimise');
  const text = readInputFile(file, SCENARIO_FILE);
  const load = (cut: string) => readScenarioFile(file, cut, io.env);
  const maxTrials = options.maxTrials ?? DEFAULT_MAX_TRIALS;
  return minimiseConform({ text, file, load, host: options.host, maxTrials, outDir: options.out }, io);
}

function campaign(file: string | undefined, options: ConformFlags, io: SwarmCliIo): number {
  if (file !== undefined) throw new InvalidArgumentError('conform: give a scenario FILE or --random N, not both');
  if (options.minimise || options.maxTrials !== undefined) {
    throw new InvalidArgumentError('conform: --minimise and --max-trials go with one scenario FILE, not --random');
  }
  if (options.keep) throw new InvalidArgumentError('conform: --keep goes with one scenario FILE, not --random');
  const count = options.random ?? 0;
  const io2 = { ...io, isTty: process.stderr.isTTY === true };
  const { seed = 1, out: outDir, host, junit } = options;
  const lab = labCampaign(host, options.lab === true);
  return runConformCampaign({ count, seed, outDir, host, junit, lab }, io2);
}

function parseCaseCount(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text.trim()) || count < 1 || count > MAX_RANDOM_CASES) {
    throw new InvalidArgumentError(`--random must be a number of cases from 1 to ${MAX_RANDOM_CASES}, such as 20.`);
  }
  return count;
}

function guard(io: SwarmCliIo, fn: () => number): number {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SwarmNotStartedError) {
      io.err(formatNotStarted(err.message));
      return 2;
    }
    io.err(`swarmlab: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof InputError || err instanceof InvalidArgumentError ? 2 : 1;
  }
}

/** One Trace JSON (an array of one, as `swarmlab run --json` of one file, is fine); several traces are refused. */
export function readTrace(file: string, command = 'compare'): Trace {
  let value: unknown;
  const text = readTraceText(file);
  try {
    value = JSON.parse(text);
  } catch (err) {
    const problem =
      eventLinesProblem(text) ??
      secondDocumentProblem(text, command) ??
      `not JSON (${err instanceof Error ? err.message : String(err)})`;
    throw new InputError(`${file}: ${problem}`);
  }
  if (Array.isArray(value) && value.length > 1)
    throw new InputError(
      `${file}: holds ${value.length} traces (swarmlab run --json of several files); ${command} takes one trace per ` +
        'file',
    );
  const checked = checkTraceValue(value);
  if (checked.problem !== undefined) throw new InputError(`${file}: not a swarmlab trace (${checked.problem})`);
  return checked.trace;
}

/** For text that is not one JSON value: whether it is two (or more) JSON documents one after the other. */
function secondDocumentProblem(text: string, command: string): string | null {
  const at = /after JSON at position (\d+)/.exec(jsonError(text))?.[1];
  if (at === undefined || jsonError(text.slice(0, Number(at))) !== '') return null;
  const line = text.slice(0, Number(at)).split('\n').length;
  return `holds more than one JSON document (another begins at line ${line}); ${command} takes one trace per file`;
}

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
