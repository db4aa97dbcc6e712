// A sweep grid's values read from text (the CLI's flags, the explorer's form): lists, Go durations, choices, one
// wording.
import { NS_PER_MS } from '../defaults.js';
import { parseGoDuration } from '../duration.js';
import type { Millis } from '../types.js';

/** A value the grid cannot take; the message names the flag or field. */
export class GridValueError extends Error {}

/** A comma-separated list, each item read by `parse`, duplicates dropped. */
export function valueList<T>(name: string, text: string, parse: (word: string) => T): T[] {
  const words = text.split(',').map((w) => w.trim());
  if (words.some((w) => w === ''))
    throw new GridValueError(`${name} takes a comma-separated list without empty items; got ${JSON.stringify(text)}.`);
  return [...new Set(words.map(parse))];
}

/** A Go duration, 0 or longer (longer than 0 when `positive`). */
export function gridDuration(name: string, word: string, positive = false): Millis {
  let nanos: number;
  try {
    nanos = parseGoDuration(word);
  } catch (err) {
    throw new GridValueError(
      `${name}: ${JSON.stringify(word)} is not a Go duration such as 5s (${(err as Error).message}).`,
    );
  }
  if (nanos < 0 || (positive && nanos === 0))
    throw new GridValueError(`${name}: ${word} must be ${positive ? 'longer than 0' : '0 or longer'}.`);
  return nanos / NS_PER_MS;
}

/** One of `allowed`, as written. */
export function oneOfValues<T extends string>(name: string, word: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(word))
    throw new GridValueError(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(word)}.`);
  return word as T;
}
