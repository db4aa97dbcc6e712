// `swarmlab export TRACE.json|SCENARIO.yaml --to perfetto|docker-events|junit`: a trace in other tools' formats.
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { formatDockerEvents } from '../export/docker-events.js';
import { toJUnit } from '../export/junit.js';
import { formatPerfetto } from '../export/perfetto.js';
import { scenarioSuite } from '../export/scenario-junit.js';
import { runScenario } from '../scenario/run.js';
import { checkTraceValue, eventLinesProblem } from '../trace/validate.js';
import type { Trace } from '../types.js';
import { type ComposeEnvIo, EXPORT_FILE, readScenarioFile, SCENARIO_FILE } from './files.js';
import { InputFileError, readInputBytes, readInputFile } from './input-file.js';
import { parseSeed } from './seed-option.js';
import { isGzip, readTraceText } from './trace-file.js';

export const EXPORT_FORMATS = ['perfetto', 'docker-events', 'junit'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  kind: 'export';
  file: string;
  options: { to: ExportFormat; seed?: number; out?: string };
}

export interface ExportIo extends ComposeEnvIo {
  out(text: string): void;
  err(text: string): void;
}

/** Adds `export` to the program; `done` receives the parsed request. */
export function defineExportCommand(program: Command, done: (request: ExportRequest) => void): void {
  program
    .command('export')
    .description('write a trace (or a scenario, simulated first) for other tools: Perfetto, docker events, JUnit')
    .argument('<file>', 'trace JSON (swarmlab run --json) or scenario file (YAML)')
    .addOption(
      new Option(
        '--to <format>',
        'perfetto (Chrome trace JSON for ui.perfetto.dev), docker-events (docker events --format json lines), junit ' +
          "(a scenario's expectations as JUnit XML)",
      )
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--seed <n>', "seed of the simulated run (a scenario only; default: the scenario's seed)", parseSeed)
    .option('--out <file>', 'write the export to this file instead of stdout')
    .action((file: string, options: ExportRequest['options']) => done({ kind: 'export', file, options }));
}

/** Reads or simulates, converts, writes; 0, or an InputError for the caller's exit status 2. */
export function runExportCommand(request: ExportRequest, io: ExportIo): number {
  const { file, options } = request;
  const bytes = readExportInput(file);
  const firstChar = bytes.toString('utf8', 0, 4096).trimStart()[0];
  const isTrace = file.endsWith('.json') || isGzip(bytes) || firstChar === '{' || firstChar === '[';
  let output: string;
  if (isTrace) {
    if (options.seed !== undefined)
      throw new InputError(
        `swarmlab export: --seed applies to a scenario file; ${file} is a trace (its seed is fixed)`,
      );
    if (options.to === 'junit')
      throw new InputError(
        `swarmlab export: --to junit needs a scenario file (its expect: block); ${file} is a trace (for a policy ` +
          'check: swarmlab check FILE --junit OUT.xml)',
      );
    output = convert(readTrace(file, readTraceText(file)), options.to);
  } else {
    const scenario = readScenarioFile(file, readInputFile(file, SCENARIO_FILE), io.env);
    const seed = options.seed ?? scenario.seed;
    const result = runScenario(scenario, { seed });
    output =
      options.to === 'junit'
        ? toJUnit([scenarioSuite(scenario, result.trace, result.finished)])
        : convert(result.trace, options.to);
  }
  if (options.out === undefined) io.out(output);
  else writeOut(options.out, output);
  return 0;
}

function convert(trace: Trace, to: Exclude<ExportFormat, 'junit'>): string {
  return to === 'perfetto' ? formatPerfetto(trace) : formatDockerEvents(trace);
}

/** The file's bytes (a trace may be gzipped: the compact format), within the export size limit. */
function readExportInput(file: string): Buffer {
  try {
    return readInputBytes(file, EXPORT_FILE);
  } catch (err) {
    if (err instanceof InputFileError)
      throw new InputError(`${file}: cannot read the ${EXPORT_FILE.what} (${err.reason})`);
    throw err;
  }
}

function readTrace(file: string, text: string): Trace {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: ${eventLinesProblem(text) ?? `not JSON (${(err as Error).message})`}`);
  }
  if (Array.isArray(value) && value.length > 1)
    throw new InputError(
      `${file}: holds ${value.length} traces (swarmlab run --json of several files); export takes one trace per file`,
    );
  const checked = checkTraceValue(value);
  if (checked.problem !== undefined) throw new InputError(`${file}: not a swarmlab trace (${checked.problem})`);
  return checked.trace;
}

function writeOut(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(`--out ${path}: cannot write the file (${(err as Error).message})`);
  }
}
