// `cat FILE...`: prints the scenario's files (a lesson's stack files), as a shell's cat would; nothing else is
// readable.
import { errCatNoFile, errCatNoSuchFile } from '../messages.js';
import type { CommandResult } from './result.js';

/** Concatenates the named files of the scenario; a missing one is reported as cat reports it (exit 1). */
export function runCat(files: Readonly<Record<string, string>>, args: readonly string[]): CommandResult {
  if (args.length === 0) return { stdout: '', stderr: `${errCatNoFile(Object.keys(files))}\n`, exitCode: 1 };
  let stdout = '';
  let stderr = '';
  for (const name of args) {
    const text = Object.hasOwn(files, name) ? files[name] : undefined;
    if (text === undefined) stderr += `${errCatNoSuchFile(name)}\n`;
    else stdout += text;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
