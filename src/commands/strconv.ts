// Go's strconv as pflag and docker/cli use it: ParseUint/ParseInt (base 0), ParseFloat (bitSize 32), ParseBool, Quote.
import { errStrconvRange, errStrconvSyntax } from '../messages.js';

const MAX_UINT64 = (1n << 64n) - 1n;

/** strconv.Quote: printable runes kept, `"` and `\` escaped, control and non-printable runes as Go escapes. */
export function quoteGo(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A Go *strconv.NumError, with Go's message. */
export class NumError extends Error {
  constructor(
    fn: string,
    num: string,
    readonly kind: 'syntax' | 'range',
  ) {
    super(kind === 'syntax' ? errStrconvSyntax(fn, quoteGo(num)) : errStrconvRange(fn, quoteGo(num)));
  }
}

const lower = (c: string) => c.toLowerCase();

/** strconv underscoreOK: underscores only between digits (a base prefix counts as a digit). */
function underscoreOK(text: string): boolean {
  let s = text;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, 0, 64) — or base 10 when `base10` — exact, as BigInt. */
export function parseUint64(text: string, fn = 'ParseUint', base10 = false): bigint {
  if (text === '') throw new NumError(fn, text, 'syntax');
  let s = text;
  let base = 10n;
  if (!base10 && s[0] === '0') {
    const prefix = s.length >= 3 ? lower(s[1]) : '';
    if (prefix === 'b') base = 2n;
    else if (prefix === 'o') base = 8n;
    else if (prefix === 'x') base = 16n;
    else base = 8n;
    s = s.slice(prefix === 'b' || prefix === 'o' || prefix === 'x' ? 2 : 1);
  }
  const cutoff = MAX_UINT64 / base + 1n;
  let underscores = false;
  let value = 0n;
  for (const c of s) {
    const code = c.charCodeAt(0) | 0x20; // Go lower(): ASCII letters only
    let digit: number;
    if (c === '_' && !base10) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') digit = c.charCodeAt(0) - 48;
    else if (c.length === 1 && code >= 0x61 && code <= 0x7a) digit = code - 0x61 + 10;
    else throw new NumError(fn, text, 'syntax');
    if (BigInt(digit) >= base) throw new NumError(fn, text, 'syntax');
    if (value >= cutoff) throw new NumError(fn, text, 'range');
    const next = value * base + BigInt(digit);
    if (next > MAX_UINT64) throw new NumError(fn, text, 'range');
    value = next;
  }
  if (underscores && !underscoreOK(text)) throw new NumError(fn, text, 'syntax');
  return value;
}

/** strconv.ParseInt(s, 0, 64) — exact, as BigInt. */
export function parseInt64(text: string): bigint {
  const fn = 'ParseInt';
  if (text === '') throw new NumError(fn, text, 'syntax');
  let s = text;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  let magnitude: bigint;
  try {
    magnitude = parseUint64(s, fn);
  } catch (err) {
    if (err instanceof NumError && err.kind === 'range') magnitude = MAX_UINT64;
    else throw new NumError(fn, text, 'syntax');
  }
  const cutoff = 1n << 63n;
  if (!neg && magnitude >= cutoff) throw new NumError(fn, text, 'range');
  if (neg && magnitude > cutoff) throw new NumError(fn, text, 'range');
  return neg ? -magnitude : magnitude;
}

/** strconv.ParseBool. */
export function parseBool(text: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new NumError('ParseBool', text, 'syntax');
}

/** The Go float literal grammar as strconv.readFloat accepts it; returns the value as a float64 or null. */
function readGoFloat(text: string): number | null {
  let i = 0;
  const s = text;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && lower(s[i + 1]) === 'x') {
    hex = true;
    i += 2;
  }
  let mantissa = '';
  let sawDot = false;
  let sawDigits = false;
  let fracDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') continue;
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    const isDec = c >= '0' && c <= '9';
    const isHex = hex && lower(c) >= 'a' && lower(c) <= 'f';
    if (!isDec && !isHex) break;
    sawDigits = true;
    mantissa += c;
    if (sawDot) fracDigits++;
  }
  if (!sawDigits) return null;
  let exponent = 0;
  if (i < s.length && lower(s[i]) === (hex ? 'p' : 'e')) {
    i++;
    if (i >= s.length) return null;
    let expSign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      expSign = -1;
    }
    if (i >= s.length || s[i] < '0' || s[i] > '9') return null;
    let e = 0;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') continue;
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 48);
    }
    exponent = expSign * e;
  } else if (hex) return null;
  if (i !== s.length) return null;
  if (text.includes('_') && !underscoreOK(text.slice(0, i))) return null;
  let value: number;
  if (hex) {
    value = Number(BigInt(`0x${mantissa}`)) * 2 ** (exponent - 4 * fracDigits);
  } else {
    const whole = mantissa.slice(0, mantissa.length - fracDigits) || '0';
    const fraction = mantissa.slice(mantissa.length - fracDigits) || '0';
    value = Number(`${whole}.${fraction}e${exponent}`);
  }
  return negative ? -value : value;
}

/** The shortest decimal that reads back as the same float32 (what Go's 32-bit formatting prints). */
function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const target = Math.fround(value);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(target.toPrecision(precision));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

/** strconv.ParseFloat(s, 32): Go syntax (decimal, hex with p exponent, underscores), NaN/Inf, float32 range. */
export function parseFloat32(text: string): number {
  const fn = 'ParseFloat';
  const special = /^([+-]?)(inf|infinity)$/i.exec(text);
  if (special) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = readGoFloat(text);
  if (value === null) throw new NumError(fn, text, 'syntax');
  const single = Math.fround(value);
  if (!Number.isFinite(single)) throw new NumError(fn, text, 'range');
  return shortestFloat32(single);
}

/** strconv.ParseFloat(s, 64): as parseFloat32, without the float32 rounding. */
export function parseFloat64(text: string): number {
  const special = /^([+-]?)(inf|infinity)$/i.exec(text);
  if (special) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = readGoFloat(text);
  if (value === null) throw new NumError('ParseFloat', text, 'syntax');
  if (!Number.isFinite(value)) throw new NumError('ParseFloat', text, 'range');
  return value;
}
