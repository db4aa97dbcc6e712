// Fuzzing parseGoDuration against a reference model of Go's time.ParseDuration: same value or the same error text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../src/duration.js';
import { goParseDuration } from './go-duration-model.js';

const digits = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map(String),
  fc.bigInt({ min: 0n, max: 1n << 66n }).map(String),
  fc.constantFrom('', '0', '00', '9223372036854775807', '9223372036854775808', '18446744073709551616', '1'.repeat(30)),
);
const fraction = fc.oneof(
  fc.constant(''),
  fc.constant('.'),
  digits.map((d) => `.${d}`),
  fc.constantFrom('.5', '.000000001', '.9999999999999999999999'),
);
const unit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', 'd', 'S', 'H', 'sec', 'mss', 'µ', 'ü', '\u0000', ' ', '"', '\\', '🐳', 'e', 'x'),
  },
);
const component = fc.tuple(digits, fraction, unit).map(([d, f, u]) => d + f + u);

/** Strings close to Go durations: a sign, components, then maybe a character inserted or deleted. */
const nearDuration: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '-', '+', '--', '+-'),
    fc.array(component, { minLength: 0, maxLength: 4 }),
    fc.option(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 2, unit: 'binary' }), fc.boolean()), { freq: 4 }),
  )
  .map(([sign, parts, edit]) => {
    let text = sign + parts.join('');
    if (edit) {
      const at = edit[0] % (text.length + 1);
      text = edit[2] ? text.slice(0, at) + edit[1] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }
    return text;
  });

function check(text: string): void {
  const model = goParseDuration(text);
  let actual: number | string;
  try {
    actual = parseGoDuration(text);
  } catch (err) {
    actual = `error: ${(err as Error).message}`;
  }
  if (model.ok) expect(actual, JSON.stringify(text)).toBe(Number(model.nanos) + 0);
  else expect(actual, JSON.stringify(text)).toBe(`error: ${model.error}`);
}

describe('Go duration parser vs a model of time.ParseDuration (fast-check; the seed is printed on failure)', () => {
  it('agrees on 10,000 near-valid durations', () => {
    fc.assert(
      fc.property(nearDuration, (text) => check(text)),
      { numRuns: 10_000 },
    );
  });

  it('agrees on 10,000 arbitrary strings (any unicode, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16, unit: 'binary' }), (text) => check(text)),
      { numRuns: 10_000 },
    );
  });

  it('formats every parsed duration back to text that parses to the same value (Duration.String round trip)', () => {
    fc.assert(
      fc.property(nearDuration, (text) => {
        const model = goParseDuration(text);
        if (!model.ok || model.nanos > 9_007_199_254_740_991n || model.nanos < -9_007_199_254_740_991n) return;
        expect(parseGoDuration(formatGoDuration(Number(model.nanos)))).toBe(Number(model.nanos) + 0);
      }),
      { numRuns: 10_000 },
    );
  });

  it("the model agrees with Go on the fact sheet's examples", () => {
    expect(goParseDuration('1m30s')).toEqual({ ok: true, nanos: 90_000_000_000n });
    expect(goParseDuration('-1.5h')).toEqual({ ok: true, nanos: -5_400_000_000_000n });
    expect(goParseDuration('x')).toEqual({ ok: false, error: 'time: invalid duration "x"' });
    expect(goParseDuration('10')).toEqual({ ok: false, error: 'time: missing unit in duration "10"' });
    expect(goParseDuration('1d')).toEqual({ ok: false, error: 'time: unknown unit "d" in duration "1d"' });
    expect(goParseDuration('1µ')).toEqual({
      ok: false,
      error: 'time: unknown unit "\\xc2\\xb5" in duration "1\\xc2\\xb5"',
    });
    expect(goParseDuration('-9223372036854775808ns')).toEqual({ ok: true, nanos: -(1n << 63n) });
    expect(goParseDuration('9223372036854775808ns')).toEqual({
      ok: false,
      error: 'time: invalid duration "9223372036854775808ns"',
    });
  });
});
