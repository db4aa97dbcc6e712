// Checks of a parsed JSON value's shape that throw a message naming the path (`events[3].state: expected …, got …`).

/**
 * Times (t_ms, startedMs, …) are kept within ±10^12 ms (31 years) of the epoch, and the epoch within the years
 * Date can show with that margin: stateAt turns every time into an ISO string, which throws outside Date's range.
 */
export const MAX_TIME_MS = 1e12;

/** A value that does not have the expected shape; the message is `path: expected …, got …`. */
export class ShapeError extends Error {}

/** The path to a value, built only when a message needs it (a 20 MB trace has millions of fields). */
export type Path = () => string;
export type Check = (value: unknown, path: Path) => void;
export type Fields = Record<string, Check>;

/** What a value is, in words, for a message (strings shown quoted and cut short). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export const fail = (path: Path, expected: string, value: unknown): never => {
  throw new ShapeError(`${path()}: expected ${expected}, got ${describe(value)}`);
};

export const at = (path: string, key: string) =>
  /^[A-Za-z_]\w*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

export const str: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, 'a string', v);
};
export const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, 'true or false', v);
};
/** Any finite number (Go durations in nanoseconds, ratios). */
export const num: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, 'a number', v);
};
export const int =
  (min = -Number.MAX_SAFE_INTEGER): Check =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
      fail(p, min === 0 ? 'a whole number ≥ 0' : 'a whole number', v);
  };
/** Milliseconds of virtual time. */
export const time: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_TIME_MS)
    fail(p, `a time in ms (at most ${MAX_TIME_MS} either way)`, v);
};
export const oneOf =
  (values: readonly string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(p, `one of ${values.join(', ')}`, v);
  };
export const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
export const list =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'a list', v);
    const items = v as unknown[];
    for (let i = 0; i < items.length; i++) item(items[i], () => `${p()}[${i}]`);
  };
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object whose every value passes `item` (labels). */
export const map =
  (item: Check): Check =>
  (v, p) => {
    if (!isObject(v)) fail(p, 'an object', v);
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) item(x, () => at(p(), key));
  };
/** `fields` are required; `optional` may be absent (never null: the writers omit them). Other keys are allowed. */
export const obj = (fields: Fields, optional: Fields = {}): Check => {
  const required = Object.entries(fields);
  const maybe = Object.entries(optional);
  return (v, p) => {
    if (!isObject(v)) fail(p, 'an object', v);
    const o = v as Record<string, unknown>;
    for (const [key, check] of required) {
      if (!(key in o)) throw new ShapeError(`${at(p(), key)}: missing`);
      check(o[key], () => at(p(), key));
    }
    for (const [key, check] of maybe) if (key in o) check(o[key], () => at(p(), key));
  };
};
