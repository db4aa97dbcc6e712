// A reference model of Go's time.ParseDuration (go/src/time/format.go), written independently of src/duration.ts.
// It works on the UTF-8 bytes like Go does; the result is a BigInt (int64 nanoseconds) or Go's exact error text.

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const LIMIT = 1n << 63n;

/** Go's time.quote: printable ASCII kept (`"` and `\` escaped), every byte of anything else as \xNN. */
function goQuote(bytes: Uint8Array): string {
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b >= 0x80 || b < 0x20) {
      // one rune: its UTF-8 length (an invalid byte is a rune of width 1)
      const width = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc0 && b < 0xe0 ? 2 : 1;
      for (let j = 0; j < width && i + j < bytes.length; j++) out += `\\x${bytes[i + j].toString(16).padStart(2, '0')}`;
      i += width;
    } else {
      if (b === 0x22 || b === 0x5c) out += '\\';
      out += String.fromCharCode(b);
      i++;
    }
  }
  return `${out}"`;
}

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

export type GoDurationResult = { ok: true; nanos: bigint } | { ok: false; error: string };

export function goParseDuration(text: string): GoDurationResult {
  const orig = new TextEncoder().encode(text);
  const invalid = (): GoDurationResult => ({ ok: false, error: `time: invalid duration ${goQuote(orig)}` });
  let s = orig;
  let neg = false;
  if (s.length > 0 && (s[0] === 0x2d || s[0] === 0x2b)) {
    neg = s[0] === 0x2d;
    s = s.subarray(1);
  }
  if (s.length === 1 && s[0] === 0x30) return { ok: true, nanos: 0n };
  if (s.length === 0) return invalid();
  let d = 0n;
  while (s.length > 0) {
    if (!(s[0] === 0x2e || isDigit(s[0]))) return invalid();
    // leadingInt
    let v = 0n;
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > LIMIT / 10n) return invalid();
      v = v * 10n + BigInt(s[i] - 0x30);
      if (v > LIMIT) return invalid();
    }
    const pre = i > 0;
    s = s.subarray(i);
    // leadingFraction
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s.length > 0 && s[0] === 0x2e) {
      s = s.subarray(1);
      let overflow = false;
      let j = 0;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (LIMIT - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s[j] - 0x30);
        if (y > LIMIT) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.subarray(j);
    }
    if (!pre && !post) return invalid();
    let u = 0;
    while (u < s.length && !(s[u] === 0x2e || isDigit(s[u]))) u++;
    if (u === 0) return { ok: false, error: `time: missing unit in duration ${goQuote(orig)}` };
    const unitBytes = s.subarray(0, u);
    s = s.subarray(u);
    const unitName = new TextDecoder('utf-8', { fatal: false }).decode(unitBytes);
    const unit = Object.hasOwn(UNITS, unitName) ? UNITS[unitName] : undefined;
    if (unit === undefined)
      return { ok: false, error: `time: unknown unit ${goQuote(unitBytes)} in duration ${goQuote(orig)}` };
    if (v > LIMIT / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      // float64(f) * (float64(unit) / scale), converted to uint64 (truncation)
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return invalid();
    }
    d += v;
    if (d > LIMIT) return invalid();
  }
  if (neg) return { ok: true, nanos: -d };
  if (d > LIMIT - 1n) return invalid();
  return { ok: true, nanos: d };
}
