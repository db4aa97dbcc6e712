// Shared checks for bad input files: only InputError escapes, and it names the file and a line that exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { leakIn } from './clear-message.js';

/** Every scenario file under scenarios/ (all folders), as text. */
export function scenarioSources(): { file: string; text: string }[] {
  return readdirSync('scenarios', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => ({ file: join('scenarios', file), text: readFileSync(join('scenarios', file), 'utf8') }));
}

/**
 * Runs `load`; returns null when it succeeds or throws a clear InputError (`file:line: message`, the line inside the
 * text, no JS internals), else a description of what went wrong.
 */
export function inputErrorProblem(load: () => unknown, file: string, text: string): string | null {
  try {
    load();
    return null;
  } catch (err) {
    if (!(err instanceof InputError)) return `threw ${err instanceof Error ? err.stack : String(err)}`;
    const match = /^(.*?):(\d+): (.+)$/s.exec(err.message);
    if (!match || match[1] !== file) return `InputError without "${file}:LINE: ": ${JSON.stringify(err.message)}`;
    const line = Number(match[2]);
    const lastLine = text.split('\n').length + 1;
    if (line < 1 || line > lastLine) return `line ${line} is outside the file (1..${lastLine}): ${err.message}`;
    if (err.at && (err.at.file !== file || err.at.line !== line))
      return `InputError.at disagrees with its message: ${err.message}`;
    const leak = leakIn(match[3], text);
    if (leak) return `leaks ${JSON.stringify(leak)}: ${err.message}`;
    if (match[3].trim() === '' || match[3].startsWith(':')) return `no key or message: ${err.message}`;
    return null;
  }
}
