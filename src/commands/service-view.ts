// docker service inspect | ls: flag handling around the renderers (src/render/service-inspect.ts, service-ls.ts).
import { ERR_INSPECT_PRETTY_FORMAT } from '../messages.js';
import { renderServiceInspect } from '../render/service-inspect.js';
import { renderServiceLs } from '../render/service-ls.js';
import { CliError, type CommandInfo, runCommand } from './cobra.js';
import type { CommandContext } from './context.js';
import type { CommandResult } from './result.js';
import { rawFilters } from './service-query.js';

const INSPECT: CommandInfo = {
  path: 'docker service inspect',
  useLine: 'docker service inspect [OPTIONS] SERVICE [SERVICE...]',
  short: 'Display detailed information on one or more services',
  args: { atLeast: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'string' },
    { name: 'pretty', kind: 'bool' },
  ],
};
const LS: CommandInfo = {
  path: 'docker service ls',
  useLine: 'docker service ls [OPTIONS]',
  short: 'List services',
  args: { none: true },
  flags: [
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'format', kind: 'string' },
    { name: 'filter', short: 'f', kind: 'filter' },
  ],
};

function inspect(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(INSPECT, argv, (flags, out) => {
    if (flags.bool('pretty') && flags.string('format') !== '') throw new CliError(ERR_INSPECT_PRETTY_FORMAT);
    const rendered = renderServiceInspect(ctx.engine.state(), flags.args, {
      pretty: flags.bool('pretty'),
      format: flags.string('format'),
    });
    return { stdout: out.stdout + rendered.stdout, stderr: out.stderr + rendered.stderr, exitCode: rendered.exitCode };
  });
}

function ls(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(LS, argv, (flags, out) => {
    const rendered = renderServiceLs(ctx.engine.state(), {
      quiet: flags.bool('quiet'),
      format: flags.string('format'),
      filters: rawFilters(flags),
    });
    return { stdout: out.stdout + rendered.stdout, stderr: out.stderr + rendered.stderr, exitCode: rendered.exitCode };
  });
}

export const SERVICE_VIEWS: Record<string, (ctx: CommandContext, argv: readonly string[]) => CommandResult> = {
  inspect,
  ls,
  list: ls,
};
