// What a clear user-facing message is: no stack trace, no JS internals leaking ("undefined", "[object Object]",
// TypeError).
import type { CommandResult } from '../../src/commands/result.js';

const LEAKS: readonly RegExp[] = [
  /\bundefined\b/,
  /\[object \w+\]/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/,
  /^\s+at .+\(.*:\d+:\d+\)$/m,
  /\bnull\b/,
  /\bNaN\b/,
  /is not a function/,
  /Cannot read propert/,
  /Maximum call stack/,
];

/** The first JS leak found in `text` that the input itself did not contain (an echoed argument is fine). */
export function leakIn(text: string, input: string): string | null {
  for (const pattern of LEAKS) {
    const match = pattern.exec(text);
    if (match && !input.includes(match[0].trim())) return match[0];
  }
  return null;
}

const PFLAG_CAUSES = [
  'unknown flag: ',
  'unknown shorthand flag: ',
  'flag needs an argument: ',
  'bad flag syntax: ',
  'invalid argument ',
];

/**
 * Docker's conventions for a command's result: 125 is a flag error in pflag's words followed by the usage lines,
 * a daemon error exits 1, a failure prints something on stderr. Returns what is wrong, or null.
 */
export function dockerResultProblem(line: string, result: CommandResult): string | null {
  const { stdout, stderr, exitCode } = result;
  if (![0, 1, 2, 125, 127].includes(exitCode)) return `unexpected exit code ${exitCode}`;
  const leak = leakIn(stdout + stderr, line);
  if (leak) return `leaks ${JSON.stringify(leak)}`;
  if (exitCode !== 0 && stderr.trim() === '') return `exit ${exitCode} with nothing on stderr`;
  if (exitCode === 125) {
    if (!PFLAG_CAUSES.some((cause) => stderr.startsWith(cause)))
      return `exit 125 without a pflag message: ${JSON.stringify(stderr.split('\n')[0])}`;
    if (!/\n\nUsage: {2}(docker|swarmlab) .*\n\nRun '.+ --help' for more information\n$/.test(stderr))
      return 'exit 125 without the usage lines';
  }
  if (stderr.includes('Error response from daemon: ') && exitCode !== 1) return `daemon error with exit ${exitCode}`;
  return null;
}
