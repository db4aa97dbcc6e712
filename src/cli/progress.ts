// A one-line progress display on stderr (virtual time, step) for long runs on a terminal.
import { performance } from 'node:perf_hooks';
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import type { RunProgress } from '../scenario/run.js';

/** Show nothing for runs shorter than this (wall time), and redraw at most this often. */
const SHOW_AFTER_WALL_MS = 1_000;
const REDRAW_EVERY_WALL_MS = 100;
/** Checking the wall clock on every deadline would cost more than the simulation step: look every N calls. */
const CHECK_EVERY_CALLS = 256;

export interface ProgressLine {
  update(progress: RunProgress): void;
  /** Erase the line (before the run's own output is printed). */
  done(): void;
}

/**
 * Wall-clock time only decides whether and when to draw; it never reaches the simulation, whose output stays
 * the same however fast the machine is.
 */
export function createProgressLine(stream: NodeJS.WriteStream, label: string): ProgressLine {
  if (!stream.isTTY) return { update() {}, done() {} };
  const startWallMs = performance.now();
  let lastDrawWallMs = -Infinity;
  let calls = 0;
  let drawn = false;
  return {
    update(progress) {
      if (++calls % CHECK_EVERY_CALLS !== 1) return;
      const wallMs = performance.now();
      if (wallMs - startWallMs < SHOW_AFTER_WALL_MS || wallMs - lastDrawWallMs < REDRAW_EVERY_WALL_MS) return;
      lastDrawWallMs = wallMs;
      drawn = true;
      const virtual = formatGoDuration(Math.floor(progress.nowMs) * NS_PER_MS);
      stream.write(`\r\x1b[2K${label}: t=${virtual}, step ${progress.step}/${progress.steps}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
