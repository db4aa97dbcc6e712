// sameJson answers what comparing two values' canonical JSON texts answers, without the texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '../../src/engine/orchestrator/tasks.js';

const value = fc.anything({ withSparseArray: true, withNullPrototype: true, withBoxedValues: true, maxDepth: 3 });
const plain = fc.object({ maxDepth: 3 });

/** The same value with its keys in reverse order, at every depth. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reordered((value as Record<string, unknown>)[key])]),
  );
}

describe('sameJson', () => {
  it('agrees with the canonical JSON texts on any two objects (seed printed on failure)', () => {
    fc.assert(
      fc.property(fc.object({ values: [value] }), fc.object({ values: [value] }), (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('sees through key order, and tells one changed leaf', () => {
    fc.assert(
      fc.property(plain, (a) => {
        const b = reordered(a) as object;
        expect(sameJson(a, b)).toBe(true);
        const changed = { ...b, extra: 1 };
        expect(sameJson(a, changed)).toBe(canonicalJson(a) === canonicalJson(changed));
      }),
      { numRuns: 1000 },
    );
  });

  it('treats what JSON leaves out or writes as null as JSON does, and can leave out one top-level key', () => {
    expect(sameJson({ a: 1, b: undefined, f: () => 1 }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [undefined, Number.NaN, null] }, { a: [null, null, Number.POSITIVE_INFINITY] })).toBe(true);
    expect(sameJson({ a: -0 }, { a: 0 })).toBe(true);
    expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameJson({ a: 'x' }, { a: ['x'] })).toBe(false);
    const spec = { ContainerSpec: { Image: 'app:v1' }, Placement: { Constraints: ['node.role==manager'] } };
    const moved = { ContainerSpec: { Image: 'app:v1' }, Placement: { Constraints: ['node.role==worker'] } };
    expect(sameJson(spec, moved)).toBe(false);
    expect(sameJson(spec, moved, 'Placement')).toBe(true);
    expect(sameJson(spec, { ...moved, ContainerSpec: { Image: 'app:v2' } }, 'Placement')).toBe(false);
  });
});
