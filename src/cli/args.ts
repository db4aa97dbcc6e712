// The `swarmlab` command line: subcommands, options and their validation (commander), as plain data for main.ts.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { NS_PER_MS } from '../defaults.js';
import { parseGoDuration } from '../duration.js';
import { type CheckRequest, defineCheckCommand } from './check-command.js';
import { registerClusterCommands } from './cluster.js';
import { defineExploreCommand, type ExploreRequest } from './explore.js';
import { defineExportCommand, type ExportRequest } from './export.js';
import type { ComposeEnvIo } from './files.js';
import { defineLintCommand, type LintRequest } from './lint.js';
import { defineRecordCommand, type RecordRequest } from './record.js';
import { parseSeed } from './seed-option.js';
import { addSwarmRunOptions, registerSwarmCommands, type SwarmRunFlags } from './swarm-commands.js';
import { defineSweepCommand, type SweepRequest } from './sweep-command.js';
import { TRACE_FORMAT_CHOICES, type TraceFormatChoice } from './trace-file.js';
import { defineWhatIfCommand, type WhatIfRequest } from './whatif.js';

export interface OutputOptions {
  seed?: number;
  json: boolean;
  untilMs?: number;
  out?: string;
  /** undefined: like docker, a terminal when stdout is one. */
  tty?: boolean;
  width?: number;
  /** How `--json` writes traces (src/cli/trace-file.ts): `auto` is compact for a large trace written to a file. */
  traceFormat: TraceFormatChoice;
}

export type CliRequest =
  | { kind: 'run'; files: string[]; options: OutputOptions; swarm: SwarmRunFlags }
  | { kind: 'exec'; commands: string[]; options: OutputOptions & { nodes: number } }
  | CheckRequest
  | SweepRequest
  | LintRequest
  | ExploreRequest
  | ExportRequest
  | RecordRequest
  | WhatIfRequest
  /** Help, version or a usage error was already printed: exit with this code. */
  | { kind: 'exit'; code: number };

/** Exit status of a usage error (a bad option or argument), like a bad file. */
export const EXIT_USAGE = 2;

export interface CliIo extends ComposeEnvIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Where `conform` draws its progress line (only when it is a terminal). */
  progressStream?: NodeJS.WriteStream;
}

export function parseCli(argv: readonly string[], io: CliIo, version: string): CliRequest {
  if (argv[0] === 'fault' || argv[0] === 'wait') {
    io.writeErr(sandboxVerbOutsideExec(argv));
    return { kind: 'exit', code: EXIT_USAGE };
  }
  let request: CliRequest | null = null;
  const program = new Command('swarmlab')
    .description('Docker Swarm rolling updates and rollbacks, simulated in virtual time')
    .version(version)
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr })
    .exitOverride()
    .showHelpAfterError('(run swarmlab --help for usage)');

  addSwarmRunOptions(withOutputOptions(program.command('run')))
    .description('run scenario files and print what a terminal would show for each step')
    .argument('<file...>', 'scenario files (YAML)')
    .action((files: string[], options: CommanderOptions & SwarmRunFlags) => {
      request = {
        kind: 'run',
        files,
        options: outputOptions(options),
        swarm: { backend: options.backend, host: options.host, keep: options.keep },
      };
    });

  withOutputOptions(program.command('exec'))
    .description('run commands on a fresh simulated swarm ("wait: converged", "wait: settled", "wait: 30s" wait)')
    .argument('<command...>', 'commands, one per argument, e.g. "docker service create --name web nginx"')
    .option('--nodes <count>', 'number of nodes (node-1 is the manager)', parseNodeCount, 1)
    .action((commands: string[], options: CommanderOptions & { nodes: number }) => {
      request = { kind: 'exec', commands, options: { ...outputOptions(options), nodes: options.nodes } };
    });

  defineCheckCommand(program, (r) => {
    request = r;
  });
  defineSweepCommand(program, (r) => {
    request = r;
  });
  defineLintCommand(program, (r) => {
    request = r;
  });
  defineExploreCommand(program, (r) => {
    request = r;
  });
  defineExportCommand(program, (r) => {
    request = r;
  });
  defineRecordCommand(program, (r) => {
    request = r;
  });
  defineWhatIfCommand(program, (r) => {
    request = r;
  });
  const swarmIo = { out: io.writeOut, err: io.writeErr, progressStream: io.progressStream, env: io.env };
  registerSwarmCommands(program, swarmIo, (code) => {
    request = { kind: 'exit', code };
  });
  registerClusterCommands(program, { out: io.writeOut, err: io.writeErr }, (code) => {
    request = { kind: 'exit', code };
  });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return { kind: 'exit', code: err.exitCode === 0 ? 0 : EXIT_USAGE };
    throw err;
  }
  return request ?? { kind: 'exit', code: 0 };
}

/** The options as commander names them (after the parsers below). */
interface CommanderOptions {
  seed?: number;
  json: boolean;
  until?: number;
  out?: string;
  tty?: boolean;
  width?: number;
  traceFormat: TraceFormatChoice;
}

function outputOptions(options: CommanderOptions): OutputOptions {
  const { seed, json, until, out, tty, width, traceFormat } = options;
  return { seed, json, untilMs: until, out, tty, width, traceFormat };
}

function withOutputOptions(command: Command): Command {
  return command
    .option('--seed <n>', "seed of the run (default: the scenario's seed)", parseSeed)
    .option('--json', 'print the trace as JSON instead of the terminal transcript', false)
    .option('--until <duration>', 'stop at this virtual time (a Go duration such as 90s or 5m)', parseUntil)
    .option('--out <file>', 'write the output to this file instead of stdout')
    .option('--tty', 'commands print as on a terminal (default: when stdout is one)')
    .option('--no-tty', 'commands print as into a pipe')
    .option('--width <columns>', "terminal width commands see (default: the terminal's, or 80)", parseWidth)
    .addOption(
      new Option(
        '--trace-format <format>',
        'how --json writes the trace: json, compact (gzipped columns, docs/trace-format.md), or auto (compact for a ' +
          'trace of over 100,000 events written with --out)',
      )
        .choices(TRACE_FORMAT_CHOICES)
        .default('auto'),
    );
}

export function parseUntil(text: string): number {
  let nanos: number;
  try {
    nanos = parseGoDuration(text.trim());
  } catch (err) {
    throw new InvalidArgumentError(
      `--until must be a Go duration such as 90s or 5m (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
  if (nanos < 0) throw new InvalidArgumentError('--until cannot be negative.');
  return nanos / NS_PER_MS;
}

function parseWidth(text: string): number {
  const width = Number(text);
  if (!/^\d+$/.test(text.trim()) || width < 20 || width > 1000)
    throw new InvalidArgumentError('--width must be a number of columns (20 to 1000).');
  return width;
}

function parseNodeCount(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text.trim()) || count < 1 || count > 1000)
    throw new InvalidArgumentError('--nodes must be a number of nodes (1 to 1000).');
  return count;
}

/**
 * `swarmlab fault …` / `swarmlab wait …` typed in a shell: they act on a simulated cluster, inside exec or a scenario.
 */
function sandboxVerbOutsideExec(argv: readonly string[]): string {
  const line = ['swarmlab', ...argv].join(' ');
  return (
    `error: '${argv[0]}' is a sandbox verb: it acts on a simulated cluster, so it is typed where docker commands ` +
    'are, ' +
    `in the page, in a scenario's steps or in swarmlab exec (swarmlab exec 'docker service create -d --name web ` +
    `nginx' ` +
    `'${line.replace(/'/g, `'\\''`)}')\n`
  );
}
