import { describe, expect, it } from 'vitest';
import { parseBool, parseFloat32, parseInt64, parseUint64, quoteGo } from '../../src/commands/strconv.js';

describe('strconv.ParseUint(s, 0, 64)', () => {
  it.each([
    ['0', 0n],
    ['7', 7n],
    ['010', 8n],
    ['0x10', 16n],
    ['0X1f', 31n],
    ['0b101', 5n],
    ['0o17', 15n],
    ['1_000', 1000n],
    ['0x_10', 16n],
    ['18446744073709551615', 18446744073709551615n],
  ])('%s → %d', (text, value) => {
    expect(parseUint64(text)).toBe(value);
  });

  it.each([
    ['-1', 'strconv.ParseUint: parsing "-1": invalid syntax'],
    ['', 'strconv.ParseUint: parsing "": invalid syntax'],
    ['abc', 'strconv.ParseUint: parsing "abc": invalid syntax'],
    ['08', 'strconv.ParseUint: parsing "08": invalid syntax'],
    ['0x', 'strconv.ParseUint: parsing "0x": invalid syntax'],
    ['1__0', 'strconv.ParseUint: parsing "1__0": invalid syntax'],
    ['_1', 'strconv.ParseUint: parsing "_1": invalid syntax'],
    ['1.5', 'strconv.ParseUint: parsing "1.5": invalid syntax'],
    ['18446744073709551616', 'strconv.ParseUint: parsing "18446744073709551616": value out of range'],
    ['99999999999999999999', 'strconv.ParseUint: parsing "99999999999999999999": value out of range'],
  ])('%j fails: %s', (text, message) => {
    expect(() => parseUint64(text)).toThrowError(message);
  });

  it('base 10 (docker service scale) rejects prefixes and underscores', () => {
    expect(parseUint64('010', 'ParseUint', true)).toBe(10n);
    expect(() => parseUint64('0x10', 'ParseUint', true)).toThrowError(
      'strconv.ParseUint: parsing "0x10": invalid syntax',
    );
    expect(() => parseUint64('1_0', 'ParseUint', true)).toThrowError(
      'strconv.ParseUint: parsing "1_0": invalid syntax',
    );
  });
});

describe('strconv.ParseInt(s, 0, 64)', () => {
  it('accepts signs and prefixes', () => {
    expect(parseInt64('-3')).toBe(-3n);
    expect(parseInt64('+0x10')).toBe(16n);
    expect(parseInt64('-9223372036854775808')).toBe(-9223372036854775808n);
  });
  it('reports Go errors with the signed text', () => {
    expect(() => parseInt64('x')).toThrowError('strconv.ParseInt: parsing "x": invalid syntax');
    expect(() => parseInt64('-')).toThrowError('strconv.ParseInt: parsing "-": invalid syntax');
    expect(() => parseInt64('9223372036854775808')).toThrowError(
      'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    );
  });
});

describe('strconv.ParseFloat(s, 32)', () => {
  it.each([
    ['0.5', 0.5],
    ['1', 1],
    ['.25', 0.25],
    ['1e-1', 0.1],
    ['0.1', 0.1],
    ['1_0.5', 10.5],
    ['0x1p-2', 0.25],
    ['0x1.8p1', 3],
    ['Inf', Infinity],
    ['-infinity', -Infinity],
    ['+INF', Infinity],
  ])('%s → %d', (text, value) => {
    expect(parseFloat32(text)).toBe(value);
  });
  it('accepts NaN like Go', () => {
    expect(Number.isNaN(parseFloat32('NaN'))).toBe(true);
    expect(Number.isNaN(parseFloat32('nan'))).toBe(true);
  });
  it.each([
    ['abc', 'strconv.ParseFloat: parsing "abc": invalid syntax'],
    ['', 'strconv.ParseFloat: parsing "": invalid syntax'],
    ['1e', 'strconv.ParseFloat: parsing "1e": invalid syntax'],
    ['0x1', 'strconv.ParseFloat: parsing "0x1": invalid syntax'],
    ['-nan', 'strconv.ParseFloat: parsing "-nan": invalid syntax'],
    ['infin', 'strconv.ParseFloat: parsing "infin": invalid syntax'],
    ['1e39', 'strconv.ParseFloat: parsing "1e39": value out of range'],
  ])('%j fails: %s', (text, message) => {
    expect(() => parseFloat32(text)).toThrowError(message);
  });
});

describe('strconv.ParseBool and Quote', () => {
  it('parses Go booleans', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseBool)).toEqual([true, true, true, true, true, true]);
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseBool)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(() => parseBool('yes')).toThrowError('strconv.ParseBool: parsing "yes": invalid syntax');
  });
  it('quotes like strconv.Quote', () => {
    expect(quoteGo('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteGo('tab\there\n')).toBe('"tab\\there\\n"');
    expect(quoteGo('\u0001é µ')).toBe('"\\x01é µ"');
    expect(quoteGo('\u00a0')).toBe('"\\u00a0"');
  });
});
