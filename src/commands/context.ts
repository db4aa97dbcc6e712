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
  followLimitMs: number;
  terminalWidth?: number;
}
