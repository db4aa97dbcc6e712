// jsonClone copies as JSON.parse(JSON.stringify(value)) does: the same value, key order and holes, every time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonClone } from '../../src/json-clone.js';

const viaText = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('jsonClone', () => {
  it('equals the round trip through JSON text on any value JSON can write (seed printed on failure)', () => {
    const anything = fc.anything({
      withNullPrototype: true,
      withSparseArray: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withBoxedValues: true,
      withTypedArray: true,
      maxDepth: 4,
    });
    fc.assert(
      fc.property(anything, (value) => {
        if (JSON.stringify(value) === undefined) return;
        const copy = jsonClone(value);
        expect(copy).toStrictEqual(viaText(value));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes what JSON writes for the edge cases one by one', () => {
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const proto = JSON.parse('{"__proto__": {"a": 1}}');
    proto.b = [-0, Number.NaN, Number.POSITIVE_INFINITY, null];
    const value = {
      when: new Date(0),
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), sparse],
      proto,
      custom: { toJSON: () => 'custom' },
    };
    const copy = jsonClone(value);
    expect(copy).toStrictEqual(viaText(value));
    expect(Object.keys(copy)).toEqual(['when', 'list', 'proto', 'custom']);
    expect(Object.getPrototypeOf((copy as typeof value).proto)).toBe(Object.prototype);
    expect(Object.hasOwn((copy as typeof value).proto, '__proto__')).toBe(true);
    expect(jsonClone(value)).not.toBe(value);
  });

  it('refuses a circular structure with JSON’s own error', () => {
    const loop: Record<string, unknown> = {};
    let tail = loop;
    for (let i = 0; i < 300; i++) tail = tail.next = {};
    tail.next = loop;
    expect(() => jsonClone(loop)).toThrow(/circular structure/);
  });
});
