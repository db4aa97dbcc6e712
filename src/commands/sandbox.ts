// The sandbox's own verbs: `swarmlab fault node-down|node-up|kill ...` and `swarmlab wait converged|settled|DURATION`.

import type { Engine } from '../backend.js';
import { DEFAULT_WAIT_LIMIT_MS, NS_PER_MS, SETTLE_QUIET_MS } from '../defaults.js';
import { formatGoDuration, parseGoDuration } from '../duration.js';
import { DaemonError } from '../errors.js';
import { CLUSTER_FAULTS, SANDBOX_FAULT_VERBS, type SandboxFaultVerb, sandboxFaultUsage } from '../faults/registry.js';
import {
  errSandboxNoRunningTask,
  errSandboxWaitTimeout,
  errWaitTooLong,
  SANDBOX_WAIT_USAGE,
  sandboxWaited,
} from '../messages.js';
import type { Millis } from '../types.js';
import { Output } from './cobra.js';
import { FlagError, parseFlags } from './flags.js';
import { findService } from './resolve.js';
import type { CommandResult } from './result.js';

/** `swarmlab help`: one line per fault verb of the registry, then wait. */
export const SANDBOX_USAGE = ['Usage:', ...SANDBOX_FAULT_VERBS.map(sandboxFaultUsage), SANDBOX_WAIT_USAGE]
  .map((line, i) => (i === 0 ? line : `  ${line}`))
  .join('\n');

/** A sandbox verb that cannot do what was asked (printed as `swarmlab: <message>`, exit 1). */
class SandboxError extends Error {}

const usageError = (message: string): CommandResult => ({
  stdout: '',
  stderr: `swarmlab: ${message}\n\n${SANDBOX_USAGE}\n`,
  exitCode: 2,
});

/** `web.2` → the running task of slot 2 of service web; anything else is a task ID prefix. */
function resolveTaskTarget(engine: Engine, ref: string): string {
  const dot = ref.lastIndexOf('.');
  if (dot <= 0 || !/^\d+$/.test(ref.slice(dot + 1))) return ref;
  const state = engine.state();
  const service = findService(state, ref.slice(0, dot));
  const slot = Number(ref.slice(dot + 1));
  const running = state.tasks.find(
    (t) => t.ServiceID === service.ID && t.Slot === slot && t.Status.State === 'running',
  );
  if (!running) throw new SandboxError(errSandboxNoRunningTask(ref));
  return running.ID;
}

const isSandboxVerb = (word: string | undefined): word is SandboxFaultVerb =>
  (SANDBOX_FAULT_VERBS as readonly (string | undefined)[]).includes(word);

/** `swarmlab fault VERB TARGET [--exit-code N]`: the registry's verb, its flags, its backend call. */
function fault(engine: Engine, args: readonly string[]): CommandResult {
  const [verb, ...rest] = args;
  const spec = isSandboxVerb(verb) ? CLUSTER_FAULTS[verb] : undefined;
  const flags = (spec?.sandbox.flags ?? []).map((name) => ({ name, kind: 'int' as const }));
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(rest, flags);
  } catch (err) {
    if (err instanceof FlagError) return usageError(err.message);
    throw err;
  }
  if (parsed.args.length !== 1 || !spec) return usageError(`fault ${args.join(' ')}`.trim());
  const target = spec.target === 'task' ? resolveTaskTarget(engine, parsed.args[0]) : parsed.args[0];
  spec.sandbox.apply(engine, target, { exitCode: parsed.has('exit-code') ? parsed.number('exit-code') : undefined });
  return { stdout: '', stderr: '', exitCode: 0 };
}

function wait(engine: Engine, args: readonly string[], limitMs: Millis): CommandResult {
  const [what, service, ...extra] = args;
  if (!what || extra.length > 0) return usageError(`wait ${args.join(' ')}`.trim());
  const out = new Output();
  const startMs = engine.nowMs();
  const waited = () => formatGoDuration((engine.nowMs() - startMs) * NS_PER_MS);
  if (what === 'converged' || what === 'settled') {
    if (service !== undefined) findService(engine.state(), service);
    const done =
      what === 'converged'
        ? engine.runUntil(() => engine.isConverged(service), limitMs)
        : engine.runUntil(() => engine.isSettled(SETTLE_QUIET_MS), limitMs);
    if (!done) {
      out.err(errSandboxWaitTimeout(what, waited()));
      return out.result(1);
    }
    out.out(sandboxWaited(what, waited()));
    return out.result(0);
  }
  let nanos: number;
  try {
    nanos = parseGoDuration(what);
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (service !== undefined) return usageError(`wait ${args.join(' ')}`);
  if (nanos / NS_PER_MS > DEFAULT_WAIT_LIMIT_MS) {
    // A bad value, as `wait soon` is (exit 2), but the usage text would not help.
    return {
      stdout: '',
      stderr: `swarmlab wait: ${errWaitTooLong(what, formatGoDuration(DEFAULT_WAIT_LIMIT_MS * NS_PER_MS))}\n`,
      exitCode: 2,
    };
  }
  engine.advanceTo(startMs + Math.max(0, nanos) / NS_PER_MS);
  return out.result(0);
}

/**
 * `swarmlab ...`: errors from the engine (unknown node, no such task) print as `swarmlab: <message>`, exit 1.
 * `wait converged|settled` gives up after `limitMs` of virtual time (at most DEFAULT_WAIT_LIMIT_MS).
 */
export function runSandboxCommand(
  engine: Engine,
  args: readonly string[],
  limitMs: Millis = DEFAULT_WAIT_LIMIT_MS,
): CommandResult {
  const [group, ...rest] = args;
  try {
    if (group === 'fault') return fault(engine, rest);
    if (group === 'wait') return wait(engine, rest, Math.min(limitMs, DEFAULT_WAIT_LIMIT_MS));
  } catch (err) {
    if (err instanceof DaemonError || err instanceof SandboxError) {
      return { stdout: '', stderr: `swarmlab: ${err.message.replace(/^swarmlab: /, '')}\n`, exitCode: 1 };
    }
    throw err;
  }
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    return { stdout: `${SANDBOX_USAGE}\n`, stderr: '', exitCode: 0 };
  }
  return usageError(`unknown command: ${group}`);
}
