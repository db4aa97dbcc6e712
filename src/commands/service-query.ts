// docker service ps | rm | logs: resolve the services as docker/cli does, then print through the renderers.

import { DaemonError } from '../errors.js';
import { DAEMON_ERROR_PREFIX, errNoSuchServiceCli, errNoSuchTaskOrService, errPsMultiplePrefix } from '../messages.js';
import { renderServicePs } from '../render/service-ps.js';
import type { Service, Task } from '../types.js';
import { CliError, type CommandInfo, runCommand } from './cobra.js';
import type { CommandContext } from './context.js';
import type { FlagDef, ParsedFlags } from './flags.js';
import { findService, findTask } from './resolve.js';
import type { CommandResult } from './result.js';

const PS: CommandInfo = {
  path: 'docker service ps',
  useLine: 'docker service ps [OPTIONS] SERVICE [SERVICE...]',
  short: 'List the tasks of one or more services',
  args: { atLeast: 1 },
  flags: [
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'no-trunc', kind: 'bool' },
    { name: 'no-resolve', kind: 'bool' },
    { name: 'format', kind: 'string' },
    { name: 'filter', short: 'f', kind: 'filter' },
  ],
};
const RM: CommandInfo = {
  path: 'docker service rm',
  useLine: 'docker service rm SERVICE [SERVICE...]',
  short: 'Remove one or more services',
  flags: [],
  args: { atLeast: 1 },
};
const LOGS_FLAGS: FlagDef[] = [
  { name: 'no-resolve', kind: 'bool' },
  { name: 'no-trunc', kind: 'bool' },
  { name: 'raw', kind: 'bool' },
  { name: 'no-task-ids', kind: 'bool' },
  { name: 'follow', short: 'f', kind: 'bool', ignored: true },
  { name: 'since', kind: 'string', ignored: true },
  { name: 'timestamps', short: 't', kind: 'bool', ignored: true },
  { name: 'details', kind: 'bool', ignored: true },
  { name: 'tail', short: 'n', kind: 'string', defaultValue: 'all' },
];
const LOGS: CommandInfo = {
  path: 'docker service logs',
  useLine: 'docker service logs [OPTIONS] SERVICE|TASK',
  short: 'Fetch the logs of a service or task',
  flags: LOGS_FLAGS,
  args: { exactly: 1 },
};

/** `-f` values back in their typed `key=value` form (the renderer applies them as the daemon would). */
export const rawFilters = (flags: ParsedFlags, name = 'filter'): string[] =>
  flags.filters(name).map(([k, v]) => `${k}=${v}`);

/** ps createFilter: full ID, then full name, then a unique ID prefix; the rest are "no such service". */
function resolvePsServices(
  services: readonly Service[],
  refs: readonly string[],
): { found: Service[]; notFound: string[] } {
  const found: Service[] = [];
  const notFound: string[] = [];
  for (const ref of refs) {
    const exact = services.find((s) => s.ID === ref) ?? services.find((s) => s.Spec.Name === ref);
    if (exact) {
      found.push(exact);
      continue;
    }
    const prefixed = services.filter((s) => s.ID.startsWith(ref));
    if (prefixed.length > 1) throw new CliError(errPsMultiplePrefix(ref));
    if (prefixed.length === 1) found.push(prefixed[0]);
    else notFound.push(errNoSuchServiceCli(ref));
  }
  return { found, notFound };
}

function ps(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(PS, argv, (flags, out) => {
    const state = ctx.engine.state();
    const { found, notFound } = resolvePsServices(state.services, flags.args);
    if (found.length === 0) throw new CliError(notFound.join('\n'));
    const rendered = renderServicePs(state, found, {
      quiet: flags.bool('quiet'),
      noTrunc: flags.bool('no-trunc'),
      noResolve: flags.bool('no-resolve'),
      format: flags.string('format'),
      filters: rawFilters(flags),
    });
    const stderr =
      out.stderr + rendered.stderr + (rendered.exitCode === 0 && notFound.length > 0 ? `${notFound.join('\n')}\n` : '');
    const exitCode = rendered.exitCode !== 0 ? rendered.exitCode : notFound.length > 0 ? 1 : 0;
    return { stdout: out.stdout + rendered.stdout, stderr, exitCode };
  });
}

function rm(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(RM, argv, (flags, out) => {
    const errors: string[] = [];
    for (const ref of flags.args) {
      try {
        ctx.engine.removeService(findService(ctx.engine.state(), ref).ID);
        out.out(ref);
      } catch (err) {
        if (!(err instanceof DaemonError)) throw err;
        errors.push(DAEMON_ERROR_PREFIX + err.message);
      }
    }
    if (errors.length > 0) throw new CliError(errors.join('\n'));
    return out.result(0);
  });
}

type LogLine = { taskId: string; slot: number; nodeId: string };

/** The `name.slot.taskid@node` prefix of one log line, padded to the widest slot number. */
function logPrefix(ctx: CommandContext, flags: ParsedFlags, service: Service, line: LogLine, width: number): string {
  const noResolve = flags.bool('no-resolve');
  const node = ctx.engine.state().nodes.find((n) => n.ID === line.nodeId);
  const nodeName = noResolve || !node ? line.nodeId : node.Description.Hostname;
  let name = `${noResolve ? service.ID : service.Spec.Name}.${line.slot}`;
  if (!flags.bool('no-task-ids')) name += `.${flags.bool('no-trunc') ? line.taskId : line.taskId.slice(0, 12)}`;
  return `${name}@${nodeName}${' '.repeat(Math.max(0, width - String(line.slot).length))}`;
}

function logs(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(LOGS, argv, (flags, out) => {
    const ref = flags.args[0];
    const state = ctx.engine.state();
    let service: Service | undefined;
    let onlyTask: Task | undefined;
    try {
      service = findService(state, ref);
    } catch (err) {
      if (!(err instanceof DaemonError)) throw err;
      onlyTask = findTask(state, ref) ?? undefined;
      if (!onlyTask) throw new CliError(errNoSuchTaskOrService(ref));
      service = state.services.find((s) => s.ID === onlyTask!.ServiceID);
      if (!service) throw new CliError(errNoSuchTaskOrService(ref));
    }
    const width = onlyTask
      ? String(onlyTask.Slot ?? 0).length
      : String(service.Spec.Mode.Replicated?.Replicas ?? 1).length;
    let lines = ctx.engine.logs(service.ID).filter((line) => !onlyTask || line.taskId === onlyTask.ID);
    const tail = flags.string('tail');
    if (tail !== 'all' && /^\d+$/.test(tail)) {
      const keep = Number(tail);
      const kept = new Map<string, number>();
      lines = [...lines]
        .reverse()
        .filter((line) => {
          const count = kept.get(line.taskId) ?? 0;
          kept.set(line.taskId, count + 1);
          return count < keep;
        })
        .reverse();
    }
    for (const line of lines) {
      if (flags.bool('raw')) out.out(line.line);
      else out.out(`${logPrefix(ctx, flags, service, line, width)}    | ${line.line}`);
    }
    return out.result(0);
  });
}

export const SERVICE_QUERIES: Record<string, (ctx: CommandContext, argv: readonly string[]) => CommandResult> = {
  ps,
  rm,
  remove: rm,
  logs,
};
