// What every command handler gets: the engine, the caller's options, and when a following CLI gives up.
import type { Engine } from '../backend.js';
import type { Millis } from '../types.js';

export interface CommandContext {
  engine: Engine;
  opts: ExecuteOptions;
  /** Virtual time at which a following CLI (progress display) stops waiting, as if interrupted. */
  deadlineMs: Millis;
}

export interface ExecuteOptions {
  tty: boolean;
  files: Record<string, string>;
  /** The variables `${VAR}` in a compose file reads (`docker stack deploy`); none when absent (the web page). */
  env?: Readonly<Record<string, string | undefined>>;
  followLimitMs: number;
  terminalWidth?: number;
}
