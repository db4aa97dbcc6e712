// A sweep grid's values read from text (the CLI's flags, the explorer's form): lists, Go durations, choices, one
// wording in English and French (src/input-messages.ts).
import { NS_PER_MS } from '../defaults.js';
import { parseGoDuration } from '../duration.js';
import { InputError } from '../errors.js';
import { type InputParam, type InputTextKey, inputText } from '../input-messages.js';
import type { Millis } from '../types.js';

/** A value the grid cannot take; the message names the flag or field (`inLang` gives it in the page's language). */
export class GridValueError extends InputError {
  constructor(key: InputTextKey, params: Record<string, InputParam>) {
    super(inputText(key, params));
    this.name = 'GridValueError';
  }
}

const quoted = (text: string) => JSON.stringify(text);

/** A comma-separated list, each item read by `parse`, duplicates dropped. */
export function valueList<T>(name: InputParam, text: string, parse: (word: string) => T): T[] {
  const words = text.split(',').map((w) => w.trim());
  if (words.some((w) => w === '')) throw new GridValueError('grid.emptyItem', { name, got: quoted(text) });
  return [...new Set(words.map(parse))];
}

/** A Go duration, 0 or longer (longer than 0 when `positive`). */
export function gridDuration(name: InputParam, word: string, positive = false): Millis {
  let nanos: number;
  try {
    nanos = parseGoDuration(word);
  } catch (err) {
    // Go's own parse error (`time: invalid duration "banana"`) is kept as Go words it.
    throw new GridValueError('grid.notDuration', { name, got: quoted(word), detail: (err as Error).message });
  }
  if (nanos < 0 || (positive && nanos === 0))
    throw new GridValueError(positive ? 'grid.notPositive' : 'grid.negative', { name, got: word });
  return nanos / NS_PER_MS;
}

/** One of `allowed`, as written. */
export function oneOfValues<T extends string>(name: InputParam, word: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(word))
    throw new GridValueError('grid.notOneOf', { name, choices: allowed.join(', '), got: quoted(word) });
  return word as T;
}
