// WaitOnService: follow a service's convergence with the progress display, polling every 200 ms of virtual time.

import type { Engine } from '../backend.js';
import { CLI_POLL_INTERVAL_MS } from '../defaults.js';
import { ProgressTracker } from '../render/progress.js';
import type { Millis } from '../types.js';
import type { CommandResult } from './result.js';

export interface FollowOptions {
  tty: boolean;
  terminalWidth?: number;
  /** -q: wait, but print no progress (errors still go to stderr). */
  quiet: boolean;
  /** Virtual time at which the CLI gives up waiting, as if interrupted (Ctrl-C). */
  deadlineMs: Millis;
}

/**
 * Polls like docker/cli's ServiceProgress: a first poll right away, then one every CLI_POLL_INTERVAL_MS, until the
 * display is done or the deadline passes (then the display is interrupted, as a Ctrl-C would).
 */
export function followService(
  engine: Engine,
  serviceArg: string,
  serviceId: string,
  opts: FollowOptions,
): CommandResult {
  const tracker = new ProgressTracker({ serviceArg, serviceId, tty: opts.tty, terminalWidth: opts.terminalWidth });
  let done = tracker.poll(engine.state());
  while (!done) {
    if (engine.nowMs() + CLI_POLL_INTERVAL_MS > opts.deadlineMs) {
      tracker.interrupt();
      break;
    }
    engine.advanceTo(engine.nowMs() + CLI_POLL_INTERVAL_MS);
    done = tracker.poll(engine.state());
  }
  const result = tracker.result();
  return opts.quiet ? { stdout: '', stderr: result.stderr, exitCode: result.exitCode } : result;
}
