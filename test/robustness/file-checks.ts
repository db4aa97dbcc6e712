// Shared checks for bad input files: only InputError escapes, and it names the file and a line that exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { INPUT_TEXTS, type InputText } from '../../src/input-messages.js';
import { leakIn } from './clear-message.js';

/**
 * Every scenario file under scenarios/ (all folders but stacks/, whose stack files are for `swarmlab lint`), as text.
 */
export function scenarioSources(): { file: string; text: string }[] {
  return readdirSync('scenarios', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file) && !file.startsWith('stacks/'))
    .sort()
    .map((file) => ({ file: join('scenarios', file), text: readFileSync(join('scenarios', file), 'utf8') }));
}

/**
 * Runs `load`; returns null when it succeeds or throws a clear InputError (`file:line: message`, the line inside the
 * text, no JS internals), else a description of what went wrong. `bilingual`: a loader's error, also said in French
 * (src/input-messages.ts) with the same `file:line`, its parameters filled.
 */
export function inputErrorProblem(load: () => unknown, file: string, text: string, bilingual = false): string | null {
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
    return bilingual ? frenchProblem(err, `${file}:${line}: `, text) : null;
  }
}

/** What is wrong with a loader error's French text, or null. */
function frenchProblem(err: InputError, prefix: string, text: string): string | null {
  if (!err.text) return `no French text (not a keyed loader error): ${err.message}`;
  if (err.inLang('en') !== err.message) return `its English differs from the CLI's message: ${err.inLang('en')}`;
  const french = err.inLang('fr');
  if (!french.startsWith(prefix)) return `French text without "${prefix}": ${french}`;
  // Judged on the templates, not the text: a value typed in the file may itself read `{0}`.
  const unfilled = unfilledParams(err.text);
  if (unfilled.length) return `French text with a parameter left unfilled (${unfilled.join(', ')}): ${french}`;
  const leak = leakIn(french.slice(prefix.length), text);
  return leak ? `French text leaks ${JSON.stringify(leak)}: ${french}` : null;
}

/** The `{name}` parameters of a text's templates, nested texts included, that it gives no value for. */
function unfilledParams(text: InputText): string[] {
  const names = (['en', 'fr'] as const).flatMap((lang) =>
    [...INPUT_TEXTS[lang][text.key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
  );
  const nested = Object.values(text.params ?? {}).flatMap((value) =>
    typeof value === 'object' ? unfilledParams(value) : [],
  );
  return [...new Set([...names.filter((name) => text.params?.[name] === undefined), ...nested])];
}
