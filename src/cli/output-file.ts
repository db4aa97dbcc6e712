// `--out FILE` checked before anything runs: never one of the inputs, and a place that can be written.
import { accessSync, constants, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Throws an InputError when `out` is one of `inputs` (the same file, by any path or link) or cannot be written:
 * its directory missing or read-only, or `out` itself a directory or read-only.
 */
export function checkOutputFile(out: string, inputs: readonly string[], flag = '--out'): void {
  refuseInput(out, inputs, flag);
  const outStats = statOrNull(out);
  if (outStats) {
    if (outStats.isDirectory()) throw new InputError(`${flag} ${out}: cannot write the file (it is a directory)`);
    if (!writable(out)) throw new InputError(`${flag} ${out}: cannot write the file (permission denied)`);
    return;
  }
  const dir = dirname(resolve(out));
  const dirStats = statOrNull(dir);
  if (!dirStats?.isDirectory())
    throw new InputError(`${flag} ${out}: cannot write the file (no such directory: ${dirname(out)})`);
  if (!writable(dir))
    throw new InputError(`${flag} ${out}: cannot write the file (permission denied in ${dirname(out)})`);
}

/** Throws an InputError when `out` is one of `inputs` (the same file, by any path or hard link). */
export function refuseInput(out: string, inputs: readonly string[], flag: string): void {
  const outStats = statOrNull(out);
  if (!outStats) return;
  const input = inputs.find((file) => {
    const stats = statOrNull(file);
    return stats !== null && stats.dev === outStats.dev && stats.ino === outStats.ino;
  });
  if (input !== undefined)
    throw new InputError(
      `${flag} ${out}: it is the input file ${input}; swarmlab does not write over its inputs (choose another file)`,
    );
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
