#!/usr/bin/env node
// The `swarmlab` binary: `run` scenario files or `exec` commands, print transcripts or traces, map outcomes to exit
// codes.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { quoteWord } from '../commands/tokenize.js';
import { DEFAULT_SEED, defaultClusterConfig, defaultNodes, NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import { InputError } from '../errors.js';
import { SwarmNotStartedError, SwarmRunError } from '../real-swarm/engine.js';
import { type RunOptions, type RunResult, runCommands, runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import type { Trace } from '../types.js';
import { type CliRequest, type OutputOptions, parseCli } from './args.js';
import { runExploreCommand } from './explore.js';
import { runExportCommand } from './export.js';
import { type ComposeEnvIo, composeFileNames, composeFilesOf, readScenarioFile } from './files.js';
import {
  formatFailedWaits,
  formatHeader,
  formatInternalError,
  formatNotStarted,
  formatStoppedEarly,
  formatTranscript,
  formatTruncated,
  formatUnmet,
} from './format.js';
import { lazyCommand, loadLazyCommands, mayNeedLazyCommands } from './lazy-commands.js';
import { runLintCommand } from './lint.js';
import { checkOutputFile } from './output-file.js';
import { createProgressLine, SWARM_STARTING } from './progress.js';
import { runRecordCommand } from './record.js';
import { scenarioRunner } from './swarm-commands.js';
import { formatTraceOutput } from './trace-file.js';
import { violationVerdict } from './violation-verdict.js';
import { runWhatIfCommand } from './whatif.js';

export const EXIT_OK = 0;
export const EXIT_UNMET = 1;
export const EXIT_BAD_INPUT = 2;
/** BSD EX_SOFTWARE: a bug in swarmlab itself. */
export const EXIT_INTERNAL = 70;

export interface MainIo extends ComposeEnvIo {
  out(text: string | Uint8Array): void;
  err(text: string): void;
  stdoutIsTty: boolean;
  columns?: number;
  /** Where the progress line goes (only drawn when it is a terminal). */
  progressStream?: NodeJS.WriteStream;
  /** A command that ends later (`record`) hands its exit status here; main then returns EXIT_OK at once. */
  exitLater?(status: Promise<number>): void;
  /** Registers a Ctrl-C handler; returns its removal. */
  onInterrupt?(stop: () => void): () => void;
}

/** Runs the command line `argv` (without `node swarmlab`) and returns the exit status. */
export function main(argv: readonly string[], io: MainIo = processIo()): number {
  const cliIo = { writeOut: io.out, writeErr: io.err, progressStream: io.progressStream, env: io.env };
  const request = parseCli(argv, cliIo, packageVersion());
  if (request.kind === 'exit') return request.code;
  const replay = { text: replayCommand(request, undefined) };
  try {
    if (request.kind === 'check') return lazyCommand('check')(request, io);
    if (request.kind === 'sweep') {
      if (request.out !== undefined) checkOutputFile(request.out, []); // before the grid runs
      return lazyCommand('sweep')(request, io);
    }
    if (request.kind === 'lint') return runLintCommand(request, io, packageVersion());
    if (request.kind === 'explore') return runExploreCommand(request, io);
    if (request.kind === 'export') return runExportCommand(request, io);
    if (request.kind === 'whatif') return exitNowOrLater(runWhatIfCommand(request, io), io);
    if (request.kind === 'record') return exitNowOrLater(runRecordCommand(request, io), io);
    return request.kind === 'run' ? runFiles(request, io, replay) : execCommands(request, io, replay);
  } catch (err) {
    if (err instanceof SwarmNotStartedError) {
      io.err(formatNotStarted(err.message));
      return EXIT_BAD_INPUT;
    }
    if (err instanceof SwarmRunError) {
      io.err(`swarmlab: ${err.message}\n`);
      return EXIT_UNMET;
    }
    if (err instanceof InputError) {
      io.err(`${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(formatInternalError(message, replay.text));
    if (process.env.SWARMLAB_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return EXIT_INTERNAL;
  }
}

/** A command that ends later (`record`, `whatif --open`) hands its status to `exitLater`; main returns at once. */
function exitNowOrLater(status: number | Promise<number>, io: MainIo): number {
  if (typeof status === 'number') return status;
  if (!io.exitLater) throw new Error('this command needs an asynchronous caller (exitLater)');
  io.exitLater(status);
  return EXIT_OK;
}

function runFiles(request: Extract<CliRequest, { kind: 'run' }>, io: MainIo, replay: { text: string }): number {
  const { files, swarm } = request;
  const scenarios = files.map((file) => readScenarioFile(file, undefined, io.env)); // all checked before any runs
  if (request.options.out !== undefined) checkOutputFile(request.options.out, inputsOf(scenarios));
  // On a real swarm, --out is the recording (JSON lines as the run goes, then the whole trace): the transcript stays on
  // stdout.
  const runOnSwarm = scenarioRunner(swarm, request.options.out);
  const options = runOnSwarm ? { ...request.options, out: undefined } : request.options;
  const run = runOnSwarm ?? runScenario;
  const sink = outputSink(options, io);
  const traces: Trace[] = [];
  let status = EXIT_OK;
  for (const scenario of scenarios) {
    const seed = options.seed ?? scenario.seed;
    replay.text = `swarmlab run ${quoteWord(scenario.file)} --seed ${seed}`;
    const result = runWithProgress(
      runOnSwarm ? `${scenario.file} on the swarm` : scenario.file,
      io,
      (runOptions) => run(scenario, { ...runOptions, seed }),
      options,
      runOnSwarm !== null,
    );
    if (options.json) traces.push(result.trace);
    else
      sink.write(
        (scenarios.length > 1 ? formatHeader(scenario.file, scenario.name, seed) : '') +
          formatTranscript(result.outputs),
      );
    const outcome = reportOutcome(scenario, result, options, io);
    if (outcome !== EXIT_OK && status !== EXIT_BAD_INPUT) status = outcome;
  }
  if (options.json) sink.write(formatTraceOutput(traces, options.traceFormat, options.out !== undefined));
  sink.close();
  return status;
}

function execCommands(request: Extract<CliRequest, { kind: 'exec' }>, io: MainIo, replay: { text: string }): number {
  const { commands, options } = request;
  const cluster = { ...defaultClusterConfig(), nodes: defaultNodes(options.nodes) };
  if (options.out !== undefined) checkOutputFile(options.out, commands.flatMap(composeFileNames));
  const sink = outputSink(options, io);
  replay.text = replayCommand(request, options.seed);
  const result = runWithProgress(
    'exec',
    io,
    (runOptions) =>
      runCommands(commands, {
        ...runOptions,
        seed: options.seed,
        cluster,
        files: composeFilesOf(commands),
        env: io.env,
      }),
    options,
  );
  sink.write(
    options.json
      ? formatTraceOutput([result.trace], options.traceFormat, options.out !== undefined)
      : formatTranscript(result.outputs),
  );
  sink.close();
  if (result.truncated !== undefined) {
    io.err(formatTruncated('exec', result.truncated));
    return EXIT_BAD_INPUT;
  }
  // Like a shell running a script: the status of the last command.
  const lastCommand = result.outputs.filter((output) => output.kind === 'command').at(-1);
  return lastCommand?.exitCode ?? EXIT_OK;
}

/** The files a run reads: each scenario file and the compose files its `compose:` names (relative to it). */
function inputsOf(scenarios: readonly Scenario[]): string[] {
  return scenarios.flatMap((scenario) => [
    scenario.file,
    ...Object.keys(scenario.files).map((name) => (isAbsolute(name) ? name : join(dirname(scenario.file), name))),
  ]);
}

/** `onSwarm`: the run's time is wall time; say what happens before the first step (connecting, building images). */
function runWithProgress(
  label: string,
  io: MainIo,
  run: (opts: RunOptions) => RunResult,
  options: OutputOptions,
  onSwarm = false,
): RunResult {
  const stream = io.progressStream;
  const progress = stream ? createProgressLine(stream, `swarmlab: ${label}`, { realTime: onSwarm }) : null;
  if (onSwarm) progress?.say(SWARM_STARTING);
  const tty = options.tty ?? (options.out === undefined && io.stdoutIsTty);
  try {
    return run({
      untilMs: options.untilMs,
      tty,
      terminalWidth: options.width ?? (tty ? io.columns : undefined) ?? 80,
      onProgress: progress ? (p) => progress.update(p) : undefined,
    });
  } finally {
    progress?.done();
  }
}

/** Prints what the expectations say; the run's exit status (2 when the trace limit stopped it). */
function reportOutcome(scenario: Scenario, result: RunResult, options: OutputOptions, io: MainIo): number {
  if (result.truncated !== undefined) {
    io.err(formatTruncated(scenario.file, result.truncated));
    return EXIT_BAD_INPUT;
  }
  if (!result.finished && scenario.expect) {
    io.err(formatStoppedEarly(scenario.file, formatGoDuration((options.untilMs ?? 0) * NS_PER_MS)));
    return EXIT_OK;
  }
  // A wait that timed out (or named no service) did not reach what it waited for: the run is not a success.
  const failedWaits = result.outputs.filter((output) => output.kind === 'wait' && output.exitCode !== 0);
  if (failedWaits.length > 0) io.err(formatFailedWaits(scenario.file, failedWaits));
  if (result.unmet.length > 0) io.err(formatUnmet(scenario.file, result.unmet));
  // A library property's replay: its verdict, and exit 1 when the violation reproduces.
  const verdict =
    scenario.violation && result.finished ? violationVerdict(scenario.file, scenario.violation, result.trace) : null;
  if (verdict) io.err(verdict.text);
  return result.unmet.length === 0 && failedWaits.length === 0 && !verdict?.reproduced ? EXIT_OK : EXIT_UNMET;
}

interface Sink {
  /** Text, or the bytes of a compact trace. */
  write(text: string | Uint8Array): void;
  close(): void;
}

/** Stdout as the run goes, or the `--out` file written once at the end. */
function outputSink(options: OutputOptions, io: MainIo): Sink {
  if (options.out === undefined) return { write: (text) => io.out(text), close() {} };
  const out = options.out;
  const parts: (string | Uint8Array)[] = [];
  return {
    write: (text) => {
      parts.push(text);
    },
    close: () => {
      try {
        writeFileSync(out, parts.length === 1 ? parts[0] : Buffer.concat(parts.map((part) => Buffer.from(part))));
      } catch (err) {
        throw new InputError(
          `--out ${out}: cannot write the file (${err instanceof Error ? err.message : String(err)})`,
        );
      }
    },
  };
}

function replayCommand(request: CliRequest, seed: number | undefined): string {
  if (request.kind === 'run') return `swarmlab run ${request.files.map(quoteWord).join(' ')}`;
  if (request.kind === 'exec') {
    const nodes = request.options.nodes === 1 ? '' : ` --nodes ${request.options.nodes}`;
    return `swarmlab exec --seed ${seed ?? DEFAULT_SEED}${nodes} ${request.commands.map(quoteWord).join(' ')}`;
  }
  return 'swarmlab';
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function processIo(): MainIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    progressStream: process.stderr,
    exitLater: (status) => {
      void status.then((code) => {
        process.exitCode = code;
      });
    },
    onInterrupt: (stop) => {
      process.once('SIGINT', stop);
      return () => process.off('SIGINT', stop);
    },
    env: process.env,
  };
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const argv = process.argv.slice(2);
  if (mayNeedLazyCommands(argv)) await loadLazyCommands();
  process.exitCode = main(argv);
}
