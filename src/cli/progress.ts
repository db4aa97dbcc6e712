// A one-line progress display on stderr (virtual time, step; a real swarm's phases) for long runs on a terminal.
import { performance } from 'node:perf_hooks';
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import type { RunProgress } from '../scenario/run.js';

/** What a swarm run does before its first step (the ~20 s of a first run are mostly image builds). */
export const SWARM_STARTING = "connecting to the Docker daemon, building the run's images";

/** Show nothing for runs shorter than this (wall time), and redraw at most this often. */
const SHOW_AFTER_WALL_MS = 1_000;
const REDRAW_EVERY_WALL_MS = 100;
/** Checking the wall clock on every deadline would cost more than the simulation step: look every N calls. */
const CHECK_EVERY_CALLS = 256;

export interface ProgressLine {
  update(progress: RunProgress): void;
  /** Draw `label: text` at once (a phase with no virtual time yet: connecting, building images). */
  say(text: string): void;
  /** Erase the line (before the run's own output is printed). */
  done(): void;
}

/**
 * Wall-clock time only decides whether and when to draw; it never reaches the simulation, whose output stays
 * the same however fast the machine is.
 */
export function createProgressLine(
  stream: NodeJS.WriteStream,
  label: string,
  opts: { realTime?: boolean } = {},
): ProgressLine {
  if (!stream.isTTY) return { update() {}, say() {}, done() {} };
  const startWallMs = performance.now();
  // On a real swarm every call is a poll of the daemon (time is wall time): look at each one, draw from the start.
  const checkEvery = opts.realTime ? 1 : CHECK_EVERY_CALLS;
  const showAfterMs = opts.realTime ? 0 : SHOW_AFTER_WALL_MS;
  let lastDrawWallMs = -Infinity;
  let calls = 0;
  let drawn = false;
  const draw = (text: string) => {
    drawn = true;
    stream.write(`\r\x1b[2K${label}: ${text}`);
  };
  return {
    update(progress) {
      if (calls++ % checkEvery !== 0) return;
      const wallMs = performance.now();
      if (wallMs - startWallMs < showAfterMs || wallMs - lastDrawWallMs < REDRAW_EVERY_WALL_MS) return;
      lastDrawWallMs = wallMs;
      const virtual = formatGoDuration(Math.floor(progress.nowMs) * NS_PER_MS);
      draw(`t=${virtual}, step ${progress.step}/${progress.steps}`);
    },
    say(text) {
      lastDrawWallMs = performance.now();
      draw(text);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
