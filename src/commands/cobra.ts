// The cobra command flow docker uses: parse flags (usage error, exit 125), --help, validate args (exit 1), run.

import { DaemonError } from '../errors.js';
import {
  cliAcceptsNoArgs,
  cliRequiresArgs,
  cliRequiresMinArgs,
  cliUsageError,
  DAEMON_ERROR_PREFIX,
  sandboxFlagIgnored,
} from '../messages.js';
import { type FlagDef, FlagError, type ParsedFlags, parseFlags } from './flags.js';
import type { CommandResult } from './result.js';

/** One docker subcommand as cobra knows it. */
export interface CommandInfo {
  /** `docker service update` */
  path: string;
  /** `docker service update [OPTIONS] SERVICE` */
  useLine: string;
  /** Cobra's Short text. */
  short: string;
  flags: readonly FlagDef[];
  /** `docker service create` stops parsing flags at the first positional argument. */
  interspersed?: boolean;
  args: ArgsRule;
}

export type ArgsRule =
  | { exactly: number }
  | { atLeast: number }
  | { none: true }
  | { custom: (info: CommandInfo, args: string[]) => string | null };

/**
 * An error the docker CLI returns from RunE: printed on stderr, exit 1. It carries no stack: only its message is ever
 * shown, and capturing one cost explore 4 % of every run of a lesson whose commands fail on purpose.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    const { stackTraceLimit } = Error;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'CliError';
  }
}

/** Collects what a command prints. */
export class Output {
  stdout = '';
  stderr = '';
  out(line: string): void {
    this.stdout += `${line}\n`;
  }
  err(line: string): void {
    this.stderr += `${line}\n`;
  }
  result(exitCode: number): CommandResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode };
  }
  /** Docker's main(): print the error on stderr, exit with its status (1 unless it carries one). */
  fail(error: unknown): CommandResult {
    if (error instanceof DaemonError) {
      this.err(DAEMON_ERROR_PREFIX + error.message);
      return this.result(1);
    }
    if (error instanceof CliError) {
      if (error.message !== '') this.err(error.message);
      return this.result(error.exitCode);
    }
    throw error;
  }
}

function checkArgs(info: CommandInfo, args: string[]): string | null {
  const rule = info.args;
  if ('exactly' in rule)
    return args.length === rule.exactly ? null : cliRequiresArgs(info.path, rule.exactly, info.useLine);
  if ('atLeast' in rule)
    return args.length >= rule.atLeast ? null : cliRequiresMinArgs(info.path, rule.atLeast, info.useLine);
  if ('none' in rule) return args.length === 0 ? null : cliAcceptsNoArgs(info.path, info.useLine);
  return rule.custom(info, args);
}

/** The Value type names docker's help shows. */
const HELP_TYPE: Partial<Record<FlagDef['kind'], string>> = {
  positiveDuration: 'duration',
  shlex: 'command',
  float32: 'float',
  stringSlice: 'strings',
};

/** `--help`: the usage line, the short text and the flag names (a compact form of cobra's help). */
function helpText(info: CommandInfo): string {
  const lines = [`Usage:  ${info.useLine}`, '', info.short];
  const flags = info.flags.filter((def) => def.name !== 'help');
  if (flags.length > 0) {
    lines.push('', 'Options:');
    for (const def of [...flags].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const kind = def.kind === 'bool' ? '' : ` ${HELP_TYPE[def.kind] ?? def.kind}`;
      lines.push(`  ${def.short ? `-${def.short}, ` : '    '}--${def.name}${kind}`);
    }
  }
  return `\n${lines.join('\n')}\n`;
}

/**
 * Runs one docker subcommand the way cobra does: flag errors print the error, the usage line and a `--help`
 * hint (exit 125); `--help` prints help; wrong argument counts exit 1; `run` errors go through Output.fail.
 */
export function runCommand(
  info: CommandInfo,
  argv: readonly string[],
  run: (flags: ParsedFlags, out: Output) => CommandResult,
): CommandResult {
  const out = new Output();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(argv, info.flags, { interspersed: info.interspersed ?? true });
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    out.err(cliUsageError(err.message, info.useLine, info.path));
    return out.result(125);
  }
  for (const note of flags.notes) out.err(note);
  if (flags.help) {
    out.stdout += helpText(info);
    return out.result(0);
  }
  const argsError = checkArgs(info, flags.args);
  if (argsError !== null) {
    out.err(argsError);
    return out.result(1);
  }
  const ignored = flags.ignoredGiven();
  if (ignored.length > 0) out.err(sandboxFlagIgnored(ignored));
  try {
    return run(flags, out);
  } catch (err) {
    return out.fail(err);
  }
}
