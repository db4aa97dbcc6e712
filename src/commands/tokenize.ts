// Shell-like word splitting of a typed command line: quotes, backslash escapes, line continuations, # comments.
import { errUnterminatedQuote } from '../messages.js';

/** A typed line the shell could not split (an unterminated quote). */
export class TokenizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenizeError';
  }
}

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Splits a command line the way a POSIX shell does (without expansions or redirections):
 * `'…'` is literal, `"…"` keeps `\"`, `\\`, `\$`, `` \` `` escapes, an unquoted backslash escapes the next
 * character, backslash-newline joins lines, and `#` at the start of a word starts a comment.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (isBlank(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) {
        word += '\\';
        inWord = true;
        i++;
      } else if (next === '\n') {
        i += 2;
      } else if (next === '\r' && line[i + 2] === '\n') {
        i += 3;
      } else {
        word += next;
        inWord = true;
        i += 2;
      }
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new TokenizeError(errUnterminatedQuote("'"));
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) throw new TokenizeError(errUnterminatedQuote('"'));
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** One word as a shell reads it back (the inverse of `tokenize` for that word): bare when it can be, else quoted. */
export function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
