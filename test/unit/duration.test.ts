import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../src/duration.js';

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['0s', 0],
    ['10s', 10_000_000_000],
    ['300ms', 300_000_000],
    ['-1.5h', -5_400_000_000_000],
    ['2h45m', 9_900_000_000_000],
    ['1h10m10.5s', 4_210_500_000_000],
    ['1.5s', 1_500_000_000],
    ['.5s', 500_000_000],
    ['5.s', 5_000_000_000],
    ['1ns', 1],
    ['1us', 1_000],
    ['1\u00b5s', 1_000],
    ['1\u03bcs', 1_000],
    ['1.000000001s', 1_000_000_001],
    ['1.0000000001s', 1_000_000_000],
    ['0.3333333333333333333h', 1_200_000_000_000],
    ['9223372036854775807ns', 2 ** 63],
    ['-9223372036854775808ns', -(2 ** 63)],
    ['1m1m', 120_000_000_000],
  ])('%s → %d ns', (text, nanos) => {
    expect(parseGoDuration(text)).toBe(nanos);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['x', 'time: invalid duration "x"'],
    ['-', 'time: invalid duration "-"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-.s', 'time: invalid duration "-.s"'],
    ['1s ', 'time: unknown unit "s " in duration "1s "'],
    ['10', 'time: missing unit in duration "10"'],
    ['1.5', 'time: missing unit in duration "1.5"'],
    ['10x', 'time: unknown unit "x" in duration "10x"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['99999999999999999999s', 'time: invalid duration "99999999999999999999s"'],
    ['1\u00e9', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
    ['1"q', 'time: unknown unit "\\"q" in duration "1\\"q"'],
    ['a\tb', 'time: invalid duration "a\\x09b"'],
  ])("%j fails with Go's message", (text, message) => {
    expect(() => parseGoDuration(text)).toThrowError(new Error(message));
  });
});

describe('formatGoDuration (Go Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1_500, '1.5\u00b5s'],
    [300_000_000, '300ms'],
    [1_000_000, '1ms'],
    [1_234_567, '1.234567ms'],
    [10_000_000_000, '10s'],
    [1_500_000_000, '1.5s'],
    [90_000_000_000, '1m30s'],
    [3_600_000_000_000, '1h0m0s'],
    [4_210_500_000_000, '1h10m10.5s'],
    [-5_400_000_000_000, '-1h30m0s'],
    [-1, '-1ns'],
    [2 ** 63, '2562047h47m16.854775807s'],
  ])('%d ns → %s', (nanos, text) => {
    expect(formatGoDuration(nanos)).toBe(text);
  });

  it('round-trips: parse(format(d)) === d for any int64 nanoseconds within 2^53', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (nanos) => {
        expect(parseGoDuration(formatGoDuration(nanos))).toBe(nanos === 0 ? 0 : nanos);
      }),
    );
  });
});
