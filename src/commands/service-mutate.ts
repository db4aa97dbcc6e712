// docker service create | update | rollback | scale: build the spec, call the daemon, then follow the progress.

import { DaemonError } from '../errors.js';
import { jsonClone } from '../json-clone.js';
import {
  cliRequiresMinArgs,
  cliScaled,
  DAEMON_ERROR_PREFIX,
  ERR_ROLLBACK_COMBINED,
  ERR_SCALE_MODE,
  errScaleReplicas,
  errScaleSpecifier,
} from '../messages.js';
import type { ServiceSpec } from '../types.js';
import { CliError, type CommandInfo, type Output, runCommand } from './cobra.js';
import type { CommandContext } from './context.js';
import type { ParsedFlags } from './flags.js';
import { followService } from './follow.js';
import { findService } from './resolve.js';
import type { CommandResult } from './result.js';
import { CREATE_FLAGS, ROLLBACK_FLAGS, UPDATE_FLAGS } from './service-flags.js';
import { applyServiceUpdate, buildCreateSpec } from './service-spec.js';
import { NumError, parseUint64 } from './strconv.js';

const CREATE: CommandInfo = {
  path: 'docker service create',
  useLine: 'docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  flags: CREATE_FLAGS,
  interspersed: false,
  args: { atLeast: 1 },
};
const UPDATE: CommandInfo = {
  path: 'docker service update',
  useLine: 'docker service update [OPTIONS] SERVICE',
  short: 'Update a service',
  flags: UPDATE_FLAGS,
  args: { exactly: 1 },
};
const ROLLBACK: CommandInfo = {
  path: 'docker service rollback',
  useLine: 'docker service rollback [OPTIONS] SERVICE',
  short: "Revert changes to a service's configuration",
  flags: ROLLBACK_FLAGS,
  args: { exactly: 1 },
};
const SCALE: CommandInfo = {
  path: 'docker service scale',
  useLine: 'docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]',
  short: 'Scale one or multiple replicated services',
  flags: [{ name: 'detach', short: 'd', kind: 'bool' }],
  args: {
    custom: (info, args) => {
      if (args.length === 0) return cliRequiresMinArgs(info.path, 1, info.useLine);
      const bad = args.find((arg) => {
        const eq = arg.indexOf('=');
        return eq <= 0 || eq === arg.length - 1;
      });
      return bad === undefined ? null : errScaleSpecifier(bad, info.path, info.useLine, info.short);
    },
  },
};

/** Prints the follow display after what the command printed itself. */
function withFollow(
  ctx: CommandContext,
  out: Output,
  flags: ParsedFlags,
  serviceArg: string,
  serviceId: string,
): CommandResult {
  if (flags.bool('detach')) return out.result(0);
  const { tty, terminalWidth } = ctx.opts;
  const follow = followService(ctx.engine, serviceArg, serviceId, {
    tty,
    terminalWidth,
    quiet: flags.bool('quiet'),
    deadlineMs: ctx.deadlineMs,
  });
  return { stdout: out.stdout + follow.stdout, stderr: out.stderr + follow.stderr, exitCode: follow.exitCode };
}

function create(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(CREATE, argv, (flags, out) => {
    const spec = buildCreateSpec(flags, flags.args[0], flags.args.slice(1));
    const service = ctx.engine.createService(spec);
    out.out(service.ID);
    return withFollow(ctx, out, flags, service.ID, service.ID);
  });
}

function update(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(UPDATE, argv, (flags, out) => {
    const ref = flags.args[0];
    const service = findService(ctx.engine.state(), ref);
    const rollback = flags.bool('rollback');
    if (rollback && [...flags.changed].some((name) => !['rollback', 'detach', 'quiet'].includes(name))) {
      throw new CliError(ERR_ROLLBACK_COMBINED);
    }
    const spec: ServiceSpec = jsonClone(service.Spec);
    applyServiceUpdate(spec, flags);
    ctx.engine.updateService(service.ID, spec, rollback ? { rollback: true } : undefined);
    out.out(ref);
    return withFollow(ctx, out, flags, ref, service.ID);
  });
}

function rollback(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(ROLLBACK, argv, (flags, out) => {
    const ref = flags.args[0];
    const service = findService(ctx.engine.state(), ref);
    ctx.engine.updateService(service.ID, jsonClone(service.Spec), { rollback: true });
    out.out(ref);
    return withFollow(ctx, out, flags, ref, service.ID);
  });
}

const errorText = (err: unknown): string => {
  if (err instanceof DaemonError) return DAEMON_ERROR_PREFIX + err.message;
  if (err instanceof CliError || err instanceof NumError) return err.message;
  throw err;
};

function scale(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(SCALE, argv, (flags, out) => {
    const errors: string[] = [];
    const scaled: { ref: string; id: string }[] = [];
    for (const arg of flags.args) {
      const eq = arg.indexOf('=');
      const ref = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      let replicas: number;
      try {
        replicas = Number(parseUint64(value, 'ParseUint', true));
      } catch (err) {
        errors.push(errScaleReplicas(ref, value, errorText(err)));
        continue;
      }
      try {
        const service = findService(ctx.engine.state(), ref);
        if (!service.Spec.Mode.Replicated) throw new CliError(ERR_SCALE_MODE);
        const spec = jsonClone(service.Spec);
        spec.Mode.Replicated!.Replicas = replicas;
        ctx.engine.updateService(service.ID, spec);
        out.out(cliScaled(ref, replicas));
        scaled.push({ ref, id: service.ID });
      } catch (err) {
        errors.push(`${ref}: ${errorText(err)}`);
      }
    }
    let stdout = out.stdout;
    let stderr = out.stderr;
    if (!flags.bool('detach')) {
      for (const { ref, id } of scaled) {
        const { tty, terminalWidth } = ctx.opts;
        const follow = followService(ctx.engine, ref, id, {
          tty,
          terminalWidth,
          quiet: false,
          deadlineMs: ctx.deadlineMs,
        });
        stdout += follow.stdout;
        if (follow.exitCode !== 0) errors.push(`${ref}: ${follow.stderr.replace(/\n$/, '')}`);
        else stderr += follow.stderr;
      }
    }
    if (errors.length > 0) stderr += `${errors.join('\n')}\n`;
    return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
  });
}

export const SERVICE_MUTATIONS: Record<string, (ctx: CommandContext, argv: readonly string[]) => CommandResult> = {
  create,
  update,
  rollback,
  scale,
};
