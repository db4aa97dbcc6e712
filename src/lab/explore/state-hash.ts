// A 64-bit hash of everything the simulator holds at a choice point, so explore can skip a state it has already met.

/**
 * Walks the object graph from `root` in insertion order (own enumerable fields, Map and Set entries, array items;
 * an object met twice is hashed by when it was first met, so sharing counts) and hashes it with `extra`. Functions
 * count by their source only: what a closure captured, and the call stack's local variables, are not seen; `skip`
 * names objects left out (the chooser, which records the path taken, not the state). xstate's session ids, numbered
 * across the process, count as one value.
 */
export function hashState(
  root: unknown,
  extra: string,
  skip: (value: object) => boolean,
  view: StateView = NO_VIEW,
): string {
  const hasher = new Hasher();
  hasher.feed(extra);
  const seen = new Map<object, number>();
  const walk = (value: unknown): void => {
    switch (typeof value) {
      case 'string': {
        if (XSTATE_SESSION.test(value)) return hasher.feed('session;');
        const text = view.text ? view.text(value) : value;
        hasher.feed(`s${text.length}:${text}`);
        return;
      }
      case 'number':
      case 'boolean':
      case 'bigint':
      case 'undefined':
        hasher.feed(`${typeof value}:${String(value)};`);
        return;
      case 'symbol':
        hasher.feed(`y:${value.description};`);
        return;
      case 'function':
        hasher.feed(`f:${sourceOf(value as () => void)};`);
        return;
    }
    if (value === null) return hasher.feed('null;');
    const object = value as object;
    const first = seen.get(object);
    if (first !== undefined) return hasher.feed(`@${first};`);
    seen.set(object, seen.size);
    if (skip(object)) return hasher.feed('skipped;');
    const shown = view.replace(object);
    if (shown !== undefined) {
      hasher.feed('view');
      return walk(shown);
    }
    if (object instanceof Map) {
      hasher.feed(`M${object.size}{`);
      for (const [key, item] of object) {
        walk(key);
        walk(item);
      }
    } else if (object instanceof Set) {
      hasher.feed(`S${object.size}{`);
      for (const item of object) walk(item);
    } else if (Array.isArray(object)) {
      hasher.feed(`A${object.length}[`);
      for (const item of object) walk(item);
    } else {
      hasher.feed('{');
      for (const key of Object.keys(object)) {
        if (view.omit(object, key)) continue;
        hasher.feed(key);
        walk((object as Record<string, unknown>)[key]);
      }
    }
    hasher.feed('}');
  };
  walk(root);
  return hasher.digest();
}

/** What the hash sees of an object: another value in its place, or all but some of its fields. */
export interface StateView {
  /** A value hashed instead of `object` (undefined: the object itself). */
  replace(object: object): unknown;
  /** Leave field `key` of `object` out. */
  omit(object: object, key: string): boolean;
  /** A string hashed instead of `value` (a renamed ID); every string when given. */
  text?(value: string): string;
}

const NO_VIEW: StateView = { replace: () => undefined, omit: () => false };

/** xstate numbers its actors' sessions (`x:12`) across the whole process: the same run twice gets other numbers. */
const XSTATE_SESSION = /^x:\d+$/;

const sources = new WeakMap<object, string>();

function sourceOf(fn: () => void): string {
  let source = sources.get(fn);
  if (source === undefined) sources.set(fn, (source = Function.prototype.toString.call(fn)));
  return source;
}

/** Two independent 32-bit multiply-xorshift streams (cyrb53's mixing): 64 bits, plenty for a few million states. */
class Hasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  feed(text: string): void {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}
