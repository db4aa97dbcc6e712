// docker node ls | update | inspect (docker/cli cli/command/node).
import { renderNodeInspect, renderNodeLs } from '../render/node-ls.js';
import type { NodeAvailability } from '../types.js';
import { type CommandInfo, runCommand } from './cobra.js';
import type { CommandContext } from './context.js';
import { findNode } from './resolve.js';
import type { CommandResult } from './result.js';
import { rawFilters } from './service-query.js';

const LS: CommandInfo = {
  path: 'docker node ls',
  useLine: 'docker node ls [OPTIONS]',
  short: 'List nodes in the swarm',
  args: { none: true },
  flags: [
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'format', kind: 'string' },
    { name: 'filter', short: 'f', kind: 'filter' },
  ],
};
const INSPECT: CommandInfo = {
  path: 'docker node inspect',
  useLine: 'docker node inspect [OPTIONS] self|NODE [NODE...]',
  short: 'Display detailed information on one or more nodes',
  args: { atLeast: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'string' },
    { name: 'pretty', kind: 'bool' },
  ],
};

const UPDATE: CommandInfo = {
  path: 'docker node update',
  useLine: 'docker node update [OPTIONS] NODE',
  short: 'Update a node',
  args: { exactly: 1 },
  flags: [
    { name: 'role', kind: 'string', ignored: true },
    { name: 'availability', kind: 'string' },
    { name: 'label-add', kind: 'list', ignored: true },
    { name: 'label-rm', kind: 'list', ignored: true },
  ],
};

/** The daemon validates the availability value (`invalid Availability: "x"`); the CLI passes it through. */
function update(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(UPDATE, argv, (flags, out) => {
    const ref = flags.args[0];
    const node = findNode(ctx.engine.state(), ref);
    const change = flags.has('availability') ? { availability: flags.string('availability') as NodeAvailability } : {};
    ctx.engine.updateNode(node.ID, change);
    out.out(ref);
    return out.result(0);
  });
}

function ls(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(LS, argv, (flags, out) => {
    const rendered = renderNodeLs(ctx.engine.state(), {
      quiet: flags.bool('quiet'),
      format: flags.string('format'),
      filters: rawFilters(flags),
    });
    return { stdout: out.stdout + rendered.stdout, stderr: out.stderr + rendered.stderr, exitCode: rendered.exitCode };
  });
}

/** node inspect has no --pretty/--format conflict check: --pretty wins (runInspect sets format = "pretty"). */
function inspect(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(INSPECT, argv, (flags, out) => {
    const rendered = renderNodeInspect(ctx.engine.state(), flags.args, {
      pretty: flags.bool('pretty'),
      format: flags.string('format'),
    });
    return { stdout: out.stdout + rendered.stdout, stderr: out.stderr + rendered.stderr, exitCode: rendered.exitCode };
  });
}

export const NODE_COMMANDS: Record<string, (ctx: CommandContext, argv: readonly string[]) => CommandResult> = {
  ls,
  list: ls,
  update,
  inspect,
};
