// A 64-bit hash of everything the simulator holds at a choice point, so explore can skip a state it has already met.

/**
 * Walks the object graph from `root` in insertion order (own enumerable fields, Map and Set entries, array items;
 * an object met twice is hashed by when it was first met, so sharing counts) and hashes it with `extra`. Functions
 * count by their source only: what a closure captured, and the call stack's local variables, are not seen; `skip`
 * names objects left out (the chooser, which records the path taken, not the state).
 */
export function hashState(
  root: unknown,
  extra: string,
  skip: (value: object) => boolean,
  view: StateView = NO_VIEW,
): string {
  const hasher = new Hasher();
  hasher.text(extra);
  const seen = new Map<object, number>();
  const walk = (value: unknown): void => {
    switch (typeof value) {
      case 'string':
        hasher.tag(TAG_STRING);
        hasher.words(textWords(view.text ? view.text(value) : value));
        return;
      case 'number':
        hasher.number(value);
        return;
      case 'boolean':
        return hasher.tag(value ? TAG_TRUE : TAG_FALSE);
      case 'undefined':
        return hasher.tag(TAG_UNDEFINED);
      case 'bigint':
        hasher.tag(TAG_BIGINT);
        hasher.text(String(value));
        return;
      case 'symbol':
        hasher.tag(TAG_SYMBOL);
        hasher.text(value.description ?? '');
        return;
      case 'function':
        hasher.tag(TAG_FUNCTION);
        hasher.words(sourceOf(value as () => void));
        return;
    }
    if (value === null) return hasher.tag(TAG_NULL);
    const object = value as object;
    const first = seen.get(object);
    if (first !== undefined) {
      hasher.tag(TAG_SEEN);
      return hasher.number(first);
    }
    seen.set(object, seen.size);
    if (skip(object)) return hasher.tag(TAG_SKIPPED);
    const shown = view.replace(object);
    if (shown !== undefined) {
      hasher.tag(TAG_VIEW);
      return walk(shown);
    }
    if (object instanceof Map) {
      hasher.tag(TAG_MAP);
      hasher.number(object.size);
      for (const [key, item] of object) {
        walk(key);
        walk(item);
      }
    } else if (object instanceof Set) {
      hasher.tag(TAG_SET);
      hasher.number(object.size);
      for (const item of object) walk(item);
    } else if (Array.isArray(object)) {
      hasher.tag(TAG_ARRAY);
      hasher.number(object.length);
      for (const item of object) walk(item);
    } else {
      hasher.tag(TAG_OBJECT);
      for (const key of Object.keys(object)) {
        if (view.omit(object, key)) continue;
        hasher.words(textWords(key));
        walk((object as Record<string, unknown>)[key]);
      }
    }
    hasher.tag(TAG_END);
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

const sources = new WeakMap<object, readonly [number, number]>();
const sourceHashes = new Map<string, readonly [number, number]>();

/**
 * A function's source, hashed once per closure and once per source text: every run makes its own closures, of the
 * same few sources.
 */
function sourceOf(fn: () => void): readonly [number, number] {
  let words = sources.get(fn);
  if (words === undefined) {
    words = keptWords(sourceHashes, Function.prototype.toString.call(fn), MAX_SOURCES, Number.POSITIVE_INFINITY);
    sources.set(fn, words);
  }
  return words;
}

/** Distinct function sources kept: the engine has a few hundred; past this, a source is hashed each time. */
const MAX_SOURCES = 10_000;

const textHashes = new Map<string, readonly [number, number]>();

/**
 * A string's own hash, kept per string: the same IDs, field names and states come back in every state hashed, and
 * looking one up costs less than feeding its characters again.
 */
function textWords(value: string): readonly [number, number] {
  return keptWords(textHashes, value, MAX_TEXTS, MAX_TEXT_LENGTH);
}

/** `value`'s own hash, kept in `table` while it holds fewer than `limit` strings, if it is at most `maxLength` long. */
function keptWords(
  table: Map<string, readonly [number, number]>,
  value: string,
  limit: number,
  maxLength: number,
): readonly [number, number] {
  let words = table.get(value);
  if (words === undefined) {
    const hasher = new Hasher();
    hasher.text(value);
    words = hasher.state();
    if (value.length <= maxLength && table.size < limit) table.set(value, words);
  }
  return words;
}

/** Distinct strings kept (IDs, keys, states, messages), each at most so long: others are hashed each time. */
const MAX_TEXTS = 100_000;
const MAX_TEXT_LENGTH = 256;

// One code per kind of value, fed before it, above every UTF-16 code unit and apart from every (negative) string
// length, so no two different walks feed the same stream.
const TAG_STRING = 0x10001;
const TAG_INTEGER = 0x10002;
const TAG_TRUE = 0x10003;
const TAG_FALSE = 0x10004;
const TAG_UNDEFINED = 0x10005;
const TAG_BIGINT = 0x10006;
const TAG_SYMBOL = 0x10007;
const TAG_FUNCTION = 0x10008;
const TAG_NULL = 0x10009;
const TAG_SEEN = 0x1000a;
const TAG_SKIPPED = 0x1000b;
const TAG_VIEW = 0x1000c;
const TAG_MAP = 0x1000d;
const TAG_SET = 0x1000e;
const TAG_ARRAY = 0x1000f;
const TAG_OBJECT = 0x10010;
const TAG_END = 0x10011;
const TAG_FLOAT = 0x10013;

/** A number's 64 bits, read as two 32-bit words. */
const float = new Float64Array(1);
const words = new Int32Array(float.buffer);

/**
 * Two independent 32-bit multiply-xorshift streams (cyrb53's mixing): 64 bits, plenty for a few million states. Values
 * are fed as numbers (a string's length, then its code units), never joined into strings first: the walk allocates
 * nothing per value.
 */
class Hasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  tag(code: number): void {
    this.mix(code);
  }

  number(value: number): void {
    if ((value | 0) === value && !Object.is(value, -0)) {
      this.mix(TAG_INTEGER);
      this.mix(value);
      return;
    }
    float[0] = value;
    this.mix(TAG_FLOAT);
    this.mix(words[0]);
    this.mix(words[1]);
  }

  text(value: string): void {
    let { h1, h2 } = this;
    const n = value.length;
    h1 = Math.imul(h1 ^ (-1 - n), 2654435761);
    h2 = Math.imul(h2 ^ (-1 - n), 1597334677);
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Two words fed as one value (another hasher's state). */
  words([w1, w2]: readonly [number, number]): void {
    this.mix(w1);
    this.mix(w2);
  }

  state(): readonly [number, number] {
    return [this.h1, this.h2];
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }

  private mix(word: number): void {
    this.h1 = Math.imul(this.h1 ^ word, 2654435761);
    this.h2 = Math.imul(this.h2 ^ word, 1597334677);
  }
}
