// What every command handler gets: the engine, the caller's options, and when a following CLI gives up.
import type { Engine } from '../backend.js';
import type { Millis } from '../types.js';
import type { ExecuteOptions } from './execute.js';

export interface CommandContext {
  engine: Engine;
  opts: ExecuteOptions;
  /** Virtual time at which a following CLI (progress display) stops waiting, as if interrupted. */
  deadlineMs: Millis;
}
