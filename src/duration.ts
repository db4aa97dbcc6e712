// Go's time.ParseDuration and Duration.String, bit-for-bit (int64 nanoseconds held exactly as BigInt while parsing).

import { errInvalidDuration, errMissingUnit, errUnknownUnit } from './messages.js';
import type { Nanos } from './types.js';

const TWO_63 = 1n << 63n;

const UNIT_NANOS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // micro sign
  ['\u03bcs', 1_000n], // Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const DOT = 0x2e;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** time/format.go quote(): ASCII printable kept (with `"` and `\` escaped), every other byte as `\xNN`. */
export function quoteGoTime(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}

/** Parses a Go duration string (`300ms`, `-1.5h`, `1h10m10.5s`, `0`) into nanoseconds; throws Go's exact error text. */
export function parseGoDuration(text: string): Nanos {
  const bytes = new TextEncoder().encode(text);
  const invalid = () => new Error(errInvalidDuration(quoteGoTime(text)));
  const n = bytes.length;
  let i = 0;
  let neg = false;
  if (n > 0 && (bytes[0] === 0x2d || bytes[0] === 0x2b)) {
    neg = bytes[0] === 0x2d;
    i = 1;
  }
  if (i === n - 1 && bytes[i] === 0x30) return 0;
  if (i === n) throw invalid();
  let total = 0n;
  while (i < n) {
    if (!(bytes[i] === DOT || isDigit(bytes[i]))) throw invalid();
    // leading integer: overflow is an error
    const intStart = i;
    let whole = 0n;
    while (i < n && isDigit(bytes[i])) {
      if (whole > TWO_63 / 10n) throw invalid();
      whole = whole * 10n + BigInt(bytes[i] - 0x30);
      if (whole > TWO_63) throw invalid();
      i++;
    }
    const pre = i !== intStart;
    // fraction: overflow only stops accumulating precision
    let frac = 0n;
    let scale = 1;
    let post = false;
    if (i < n && bytes[i] === DOT) {
      i++;
      const fracStart = i;
      let overflow = false;
      while (i < n && isDigit(bytes[i])) {
        if (!overflow) {
          if (frac > (TWO_63 - 1n) / 10n) overflow = true;
          else {
            const next = frac * 10n + BigInt(bytes[i] - 0x30);
            if (next > TWO_63) overflow = true;
            else {
              frac = next;
              scale *= 10;
            }
          }
        }
        i++;
      }
      post = i !== fracStart;
    }
    if (!pre && !post) throw invalid();
    const unitStart = i;
    while (i < n && !(bytes[i] === DOT || isDigit(bytes[i]))) i++;
    if (i === unitStart) throw new Error(errMissingUnit(quoteGoTime(text)));
    const unitText = new TextDecoder().decode(bytes.subarray(unitStart, i));
    const unit = UNIT_NANOS.get(unitText);
    if (unit === undefined) throw new Error(errUnknownUnit(quoteGoTime(unitText), quoteGoTime(text)));
    if (whole > TWO_63 / unit) throw invalid();
    let value = whole * unit;
    if (frac > 0n) {
      // Go: uint64(float64(f) * (float64(unit) / scale)), truncated toward zero
      value += BigInt(Math.trunc(Number(frac) * (Number(unit) / scale)));
      if (value > TWO_63) throw invalid();
    }
    total += value;
    if (total > TWO_63) throw invalid();
  }
  if (neg) return total === 0n ? 0 : -Number(total);
  if (total > TWO_63 - 1n) throw invalid();
  return Number(total);
}

/** Go fmtFrac: the fraction of v/10^prec without trailing zeros (and without the point when zero). */
function formatFraction(value: bigint, prec: number): { text: string; rest: bigint } {
  let text = '';
  let printing = false;
  let v = value;
  for (let k = 0; k < prec; k++) {
    const digit = v % 10n;
    printing = printing || digit !== 0n;
    if (printing) text = digit.toString() + text;
    v /= 10n;
  }
  return { text: printing ? `.${text}` : '', rest: v };
}

/** Go's Duration.String: `0s`, `1.5µs`, `300ms`, `1m30s`, `1h0m0s`. */
export function formatGoDuration(nanos: Nanos): string {
  let u = BigInt(Math.trunc(nanos));
  const neg = u < 0n;
  if (neg) u = -u;
  // a JS number near ±2^63 stands for the int64 limit it was rounded from
  if (u > (neg ? TWO_63 : TWO_63 - 1n)) u = neg ? TWO_63 : TWO_63 - 1n;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let unit: string;
    let prec: number;
    if (u < 1_000n) {
      unit = 'ns';
      prec = 0;
    } else if (u < 1_000_000n) {
      unit = '\u00b5s';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    const { text, rest } = formatFraction(u, prec);
    out = rest.toString() + text + unit;
  } else {
    const { text, rest } = formatFraction(u, 9);
    const seconds = rest % 60n;
    const minutes = rest / 60n;
    out = `${seconds.toString() + text}s`;
    if (minutes > 0n) {
      out = `${(minutes % 60n).toString()}m${out}`;
      const hours = minutes / 60n;
      if (hours > 0n) out = `${hours.toString()}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
