// docker stack deploy | rm | services | ps (docker/cli cli/command/stack): compose → specs, create or update each
// service.

import { composeToSpecs } from '../compose/compose.js';
import { DaemonError, InputError } from '../errors.js';
import {
  CLI_DETACH_WARNING,
  cliCreatingNetwork,
  cliCreatingService,
  cliRemovingNetwork,
  cliRemovingService,
  cliStackNothingFound,
  cliUpdatingService,
  DAEMON_ERROR_PREFIX,
  ERR_COMPOSE_FILE_MISSING,
  ERR_SANDBOX_ONE_COMPOSE_FILE,
  errInvalidStackName,
  errOpenNoSuchFile,
  errResolveImageOption,
  errStackCreateService,
  errStackPsNothingFound,
  errStackUpdateService,
} from '../messages.js';
import { renderServiceLs } from '../render/service-ls.js';
import { renderServicePs } from '../render/service-ps.js';
import { isAfterRunning } from '../task-states.js';
import type { ServiceSpec } from '../types.js';
import { CliError, type CommandInfo, type Output, runCommand } from './cobra.js';
import type { CommandContext } from './context.js';
import type { ParsedFlags } from './flags.js';
import { followService } from './follow.js';
import { stackServices } from './resolve.js';
import type { CommandResult } from './result.js';
import { rawFilters } from './service-query.js';
import { quoteGo } from './strconv.js';

const DEPLOY: CommandInfo = {
  path: 'docker stack deploy',
  useLine: 'docker stack deploy [OPTIONS] STACK',
  short: 'Deploy a new stack or update an existing stack',
  args: { exactly: 1 },
  flags: [
    { name: 'compose-file', short: 'c', kind: 'stringSlice' },
    { name: 'with-registry-auth', kind: 'bool' },
    { name: 'prune', kind: 'bool' },
    { name: 'resolve-image', kind: 'string', defaultValue: 'always' },
    { name: 'detach', short: 'd', kind: 'bool', defaultValue: true },
    { name: 'quiet', short: 'q', kind: 'bool' },
  ],
};
const RM: CommandInfo = {
  path: 'docker stack rm',
  useLine: 'docker stack rm [OPTIONS] STACK [STACK...]',
  short: 'Remove one or more stacks',
  args: { atLeast: 1 },
  flags: [{ name: 'detach', short: 'd', kind: 'bool', defaultValue: true }],
};
const SERVICES: CommandInfo = {
  path: 'docker stack services',
  useLine: 'docker stack services [OPTIONS] STACK',
  short: 'List the services in the stack',
  args: { exactly: 1 },
  flags: [
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'format', kind: 'string' },
    { name: 'filter', short: 'f', kind: 'filter' },
  ],
};
const PS: CommandInfo = {
  path: 'docker stack ps',
  useLine: 'docker stack ps [OPTIONS] STACK',
  short: 'List the tasks in the stack',
  args: { exactly: 1 },
  flags: [
    { name: 'no-trunc', kind: 'bool' },
    { name: 'no-resolve', kind: 'bool' },
    { name: 'filter', short: 'f', kind: 'filter' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'format', kind: 'string' },
  ],
};

/** validateStackName: not empty once quotes and whitespace are trimmed. */
function validateStackName(name: string): void {
  if (name.replace(/^[\s"']+|[\s"']+$/g, '') === '') throw new CliError(errInvalidStackName(quoteGo(name)));
}

function loadCompose(ctx: CommandContext, flags: ParsedFlags, stack: string): ServiceSpec[] {
  const files = flags.list('compose-file');
  if (files.length === 0) throw new CliError(ERR_COMPOSE_FILE_MISSING);
  if (files.length > 1) throw new CliError(ERR_SANDBOX_ONE_COMPOSE_FILE);
  const text = ctx.opts.files[files[0]];
  if (text === undefined) throw new CliError(errOpenNoSuchFile(files[0]));
  try {
    return composeToSpecs(text, files[0], stack, { env: ctx.opts.env ?? {} });
  } catch (err) {
    if (err instanceof InputError) throw new CliError(err.message);
    throw err;
  }
}

const daemonText = (err: unknown): string => {
  if (err instanceof DaemonError) return DAEMON_ERROR_PREFIX + err.message;
  throw err;
};

/** Removes services in name order, printing docker's lines; true when one failed. */
function removeServices(ctx: CommandContext, out: Output, services: { ID: string; Spec: { Name: string } }[]): boolean {
  let failed = false;
  for (const service of [...services].sort((a, b) =>
    a.Spec.Name < b.Spec.Name ? -1 : a.Spec.Name > b.Spec.Name ? 1 : 0,
  )) {
    out.out(cliRemovingService(service.Spec.Name));
    try {
      ctx.engine.removeService(service.ID);
    } catch (err) {
      failed = true;
      out.stderr += `Failed to remove service ${service.ID}: ${daemonText(err)}`;
    }
  }
  return failed;
}

function deploy(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(DEPLOY, argv, (flags, out) => {
    const stack = flags.args[0];
    validateStackName(stack);
    const specs = loadCompose(ctx, flags, stack);
    const resolveImage = flags.string('resolve-image');
    if (!['always', 'changed', 'never'].includes(resolveImage)) throw new CliError(errResolveImageOption(resolveImage));
    if (flags.bool('detach') && !flags.has('detach')) out.err(CLI_DETACH_WARNING);
    const existing = stackServices(ctx.engine.state(), stack);
    if (flags.bool('prune'))
      removeServices(
        ctx,
        out,
        existing.filter((s) => !specs.some((spec) => spec.Name === s.Spec.Name)),
      );
    // swarmlab has no networks: the stack's default network is "created" when the stack has no service yet
    if (existing.length === 0 && specs.length > 0) out.out(cliCreatingNetwork(`${stack}_default`));
    const ids: string[] = [];
    for (const spec of specs) {
      const current = existing.find((s) => s.Spec.Name === spec.Name);
      if (current) {
        out.out(cliUpdatingService(spec.Name, current.ID));
        spec.TaskTemplate.ForceUpdate = current.Spec.TaskTemplate.ForceUpdate;
        try {
          ctx.engine.updateService(current.ID, spec);
        } catch (err) {
          throw new CliError(errStackUpdateService(spec.Name, daemonText(err)));
        }
        ids.push(current.ID);
      } else {
        out.out(cliCreatingService(spec.Name));
        try {
          ids.push(ctx.engine.createService(spec).ID);
        } catch (err) {
          throw new CliError(errStackCreateService(spec.Name, daemonText(err)));
        }
      }
    }
    if (flags.bool('detach')) return out.result(0);
    const errors: string[] = [];
    let { stdout, stderr } = out;
    for (const id of ids) {
      const { tty, terminalWidth } = ctx.opts;
      const follow = followService(ctx.engine, id, id, {
        tty,
        terminalWidth,
        quiet: flags.bool('quiet'),
        deadlineMs: ctx.deadlineMs,
      });
      stdout += follow.stdout;
      if (follow.exitCode !== 0) errors.push(`${id}: ${follow.stderr.replace(/\n$/, '')}`);
      else stderr += follow.stderr;
    }
    if (errors.length > 0) stderr += `${errors.join('\n')}\n`;
    return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
  });
}

function rm(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(RM, argv, (flags, out) => {
    for (const stack of flags.args) validateStackName(stack);
    const errors: string[] = [];
    for (const stack of flags.args) {
      const services = stackServices(ctx.engine.state(), stack);
      if (services.length === 0) {
        out.err(cliStackNothingFound(stack));
        continue;
      }
      const failed = removeServices(ctx, out, services);
      out.out(cliRemovingNetwork(`${stack}_default`));
      if (failed) {
        errors.push(`failed to remove some resources from stack: ${stack}`);
        continue;
      }
      if (!flags.bool('detach')) {
        // waitOnTasks: until every task of the stack reached a terminal state
        const ids = new Set(services.map((s) => s.ID));
        const settled = () =>
          ctx.engine.state().tasks.every((t) => !ids.has(t.ServiceID) || isAfterRunning(t.Status.State));
        ctx.engine.runUntil(settled, Math.max(0, ctx.deadlineMs - ctx.engine.nowMs()));
      }
    }
    if (errors.length > 0) throw new CliError(errors.join('\n'));
    return out.result(0);
  });
}

function services(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(SERVICES, argv, (flags, out) => {
    const stack = flags.args[0];
    validateStackName(stack);
    const state = ctx.engine.state();
    const found = stackServices(state, stack);
    if (found.length === 0) {
      out.err(cliStackNothingFound(stack));
      return out.result(0);
    }
    const rendered = renderServiceLs(
      { ...state, services: found },
      {
        quiet: flags.bool('quiet'),
        format: flags.string('format'),
        filters: rawFilters(flags),
      },
    );
    return { stdout: out.stdout + rendered.stdout, stderr: out.stderr + rendered.stderr, exitCode: rendered.exitCode };
  });
}

function ps(ctx: CommandContext, argv: readonly string[]): CommandResult {
  return runCommand(PS, argv, (flags, out) => {
    const stack = flags.args[0];
    validateStackName(stack);
    const state = ctx.engine.state();
    const found = stackServices(state, stack);
    if (!state.tasks.some((t) => found.some((s) => s.ID === t.ServiceID)))
      throw new CliError(errStackPsNothingFound(stack));
    const rendered = renderServicePs(state, found, {
      quiet: flags.bool('quiet'),
      noTrunc: flags.bool('no-trunc'),
      noResolve: flags.bool('no-resolve'),
      format: flags.string('format'),
      filters: rawFilters(flags),
    });
    return { stdout: out.stdout + rendered.stdout, stderr: out.stderr + rendered.stderr, exitCode: rendered.exitCode };
  });
}

export const STACK_COMMANDS: Record<string, (ctx: CommandContext, argv: readonly string[]) => CommandResult> = {
  deploy,
  up: deploy,
  rm,
  remove: rm,
  down: rm,
  services,
  ps,
};
