// Runs one typed command line: tokenize, dispatch `docker ...` / `swarmlab ...` / `cat FILE`, return what a shell would
// show.

import type { Engine } from '../backend.js';
import {
  CLI_VERSION,
  cliUnknownCommand,
  cliUnknownSubcommand,
  cliUsageError,
  errSandboxCommandNotFound,
  errSandboxNotSimulated,
} from '../messages.js';
import type { CommandContext, ExecuteOptions } from './context.js';
import type { CommandResult } from './result.js';

export type { ExecuteOptions } from './context.js';

import { runCat } from './cat.js';
import { containerLogs } from './container-logs.js';
import { type FlagDef, FlagError, parseFlags } from './flags.js';
import { NODE_COMMANDS } from './node.js';
import { runSandboxCommand } from './sandbox.js';
import { SERVICE_MUTATIONS } from './service-mutate.js';
import { SERVICE_QUERIES } from './service-query.js';
import { SERVICE_VIEWS } from './service-view.js';
import { STACK_COMMANDS } from './stack.js';
import { TokenizeError, tokenize } from './tokenize.js';

type Handler = (ctx: CommandContext, argv: readonly string[]) => CommandResult;

interface Group {
  short: string;
  commands: Record<string, Handler>;
  /** Real docker subcommands the sandbox does not simulate. */
  unsimulated: readonly string[];
}

const GROUPS: Record<string, Group> = {
  service: {
    short: 'Manage Swarm services',
    commands: { ...SERVICE_MUTATIONS, ...SERVICE_QUERIES, ...SERVICE_VIEWS },
    unsimulated: [],
  },
  node: {
    short: 'Manage Swarm nodes',
    commands: NODE_COMMANDS,
    unsimulated: ['demote', 'promote', 'ps', 'rm', 'remove'],
  },
  stack: { short: 'Manage Swarm stacks', commands: STACK_COMMANDS, unsimulated: ['config', 'ls', 'list'] },
};

/** Top-level docker commands that exist but are outside the sandbox. */
const DOCKER_COMMANDS = new Set([
  'attach',
  'build',
  'builder',
  'buildx',
  'checkpoint',
  'commit',
  'compose',
  'config',
  'container',
  'context',
  'cp',
  'create',
  'debug',
  'diff',
  'events',
  'exec',
  'export',
  'history',
  'image',
  'images',
  'import',
  'info',
  'init',
  'inspect',
  'kill',
  'load',
  'login',
  'logout',
  'manifest',
  'network',
  'pause',
  'plugin',
  'port',
  'ps',
  'pull',
  'push',
  'rename',
  'restart',
  'rm',
  'rmi',
  'run',
  'save',
  'search',
  'secret',
  'start',
  'stats',
  'stop',
  'swarm',
  'system',
  'tag',
  'top',
  'trust',
  'unpause',
  'update',
  'version',
  'volume',
  'wait',
]);

/** The docker root flags (cli/flags/options.go); none changes what the sandbox does. */
const ROOT_FLAGS: readonly FlagDef[] = [
  { name: 'config', kind: 'string' },
  { name: 'context', short: 'c', kind: 'string' },
  { name: 'debug', short: 'D', kind: 'bool' },
  { name: 'host', short: 'H', kind: 'list' },
  { name: 'log-level', short: 'l', kind: 'string' },
  { name: 'tls', kind: 'bool' },
  { name: 'tlscacert', kind: 'string' },
  { name: 'tlscert', kind: 'string' },
  { name: 'tlskey', kind: 'string' },
  { name: 'tlsverify', kind: 'bool' },
  { name: 'version', short: 'v', kind: 'bool' },
];

const result = (stdout: string, stderr: string, exitCode: number): CommandResult => ({ stdout, stderr, exitCode });

function groupHelp(name: string, group: Group): string {
  const names = Object.keys(group.commands).sort().join(', ');
  const more = `Run 'docker ${name} COMMAND --help' for more information on a command.`;
  return `\nUsage:  docker ${name} COMMAND\n\n${group.short}\n\nCommands: ${names}\n\n${more}\n`;
}

/** `docker service|node|stack ...`: flags of the group itself, then the subcommand (cobra's Find + NoArgs). */
function runGroup(ctx: CommandContext, name: string, group: Group, argv: readonly string[]): CommandResult {
  const path = `docker ${name}`;
  const sub = argv[0];
  if (sub === undefined) return result('', groupHelp(name, group), 0);
  if (sub.startsWith('-')) {
    try {
      const parsed = parseFlags(argv, []);
      if (parsed.help || parsed.args.length === 0)
        return result(groupHelp(name, group), parsed.notes.map((n) => `${n}\n`).join(''), 0);
      // A lone `-` stays an argument (cobra finds no subcommand in it): recursing on it would never end.
      if (parsed.args[0].startsWith('-')) return result('', `${cliUnknownSubcommand(path, parsed.args[0], path)}\n`, 1);
      return runGroup(ctx, name, group, parsed.args);
    } catch (err) {
      if (err instanceof FlagError) return result('', `${cliUsageError(err.message, path, path)}\n`, 125);
      throw err;
    }
  }
  const handler = Object.hasOwn(group.commands, sub) ? group.commands[sub] : undefined;
  if (handler) return handler(ctx, argv.slice(1));
  if (group.unsimulated.includes(sub)) return result('', `${errSandboxNotSimulated(`${path} ${sub}`)}\n`, 1);
  return result('', `${cliUnknownSubcommand(path, sub, path)}\n`, 1);
}

function runDocker(ctx: CommandContext, argv: readonly string[]): CommandResult {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv, ROOT_FLAGS, { interspersed: false });
  } catch (err) {
    if (err instanceof FlagError)
      return result('', `${cliUsageError(err.message, 'docker [OPTIONS] COMMAND [ARG...]', 'docker')}\n`, 125);
    throw err;
  }
  const [command, ...rest] = parsed.args;
  if (parsed.bool('version')) return result(`${CLI_VERSION}\n`, '', 0);
  if (command === undefined || parsed.help) {
    const usage =
      '\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nSwarm Commands: node, ' +
      'service, stack\n';
    return result(parsed.help ? usage : '', parsed.help ? '' : usage, 0);
  }
  const group = Object.hasOwn(GROUPS, command) ? GROUPS[command] : undefined;
  if (group) return runGroup(ctx, command, group, rest);
  if (command === 'logs') return containerLogs(ctx, rest);
  if (DOCKER_COMMANDS.has(command)) return result('', `${errSandboxNotSimulated(`docker ${command}`)}\n`, 1);
  return result('', `${cliUnknownCommand(command)}\n`, 1);
}

/**
 * Runs one command line against the engine. Records nothing itself (the caller records command and output
 * events). Commands that follow a service's progress let virtual time pass, at most `followLimitMs`.
 */
export function executeCommand(engine: Engine, line: string, opts: ExecuteOptions): CommandResult {
  let words: string[];
  try {
    words = tokenize(line);
  } catch (err) {
    if (err instanceof TokenizeError) return result('', `${err.message}\n`, 2);
    throw err;
  }
  if (words.length === 0) return result('', '', 0);
  const [program, ...args] = words;
  const ctx: CommandContext = { engine, opts, deadlineMs: engine.nowMs() + opts.followLimitMs };
  if (program === 'docker') return runDocker(ctx, args);
  if (program === 'swarmlab') return runSandboxCommand(engine, args, opts.followLimitMs);
  if (program === 'cat') return runCat(opts.files, args);
  return result('', `${errSandboxCommandNotFound(program)}\n`, 127);
}
