// Go value model for the views: structs vs maps, time.Duration / time.Time values, fmt %v printing and encoding/json
// output.
import { formatGoDuration } from '../duration.js';

/** Marks a plain object as a Go struct (field access of an unknown name is an error); the value is its Go type name. */
export const GO_TYPE: unique symbol = Symbol('goType');
/** Fields of a Go struct tagged `json:",omitempty"`; a `*Name` entry is a pointer field, omitted only when nil. */
export const OMIT_EMPTY: unique symbol = Symbol('omitEmpty');
/** A struct whose JSON is docker's formatter.MarshalJSON: its fields as a map (sorted keys, HTML-escaped). */
export const MARSHAL_AS_MAP: unique symbol = Symbol('marshalAsMap');

export interface GoStruct {
  [GO_TYPE]: string;
  [OMIT_EMPTY]?: ReadonlySet<string>;
  [MARSHAL_AS_MAP]?: boolean;
  [field: string]: unknown;
}

/** Build a Go struct value: `fields` in Go declaration order (encoding/json keeps that order). */
export function goStruct(type: string, fields: Record<string, unknown>, omitEmpty: readonly string[] = []): GoStruct {
  const value: GoStruct = { [GO_TYPE]: type, ...fields };
  if (omitEmpty.length > 0) value[OMIT_EMPTY] = new Set(omitEmpty);
  return value;
}

export function isGoStruct(value: unknown): value is GoStruct {
  return typeof value === 'object' && value !== null && GO_TYPE in value;
}

/** A Go value whose fmt form differs from its JSON form (time.Duration, time.Time). */
export abstract class GoScalar {
  abstract goString(): string;
  abstract toJSON(): string | number | null;
  abstract isZero(): boolean;
}

/** A nil pointer of a Go type (`*swarm.ServiceSpec`): prints `<nil>`, marshals as null, field access fails. */
export class GoNil extends GoScalar {
  constructor(readonly type: string) {
    super();
  }
  goString(): string {
    return '<nil>';
  }
  toJSON(): null {
    return null;
  }
  isZero(): boolean {
    return true;
  }
}

/** time.Duration: prints as `1m30s`, marshals as int64 nanoseconds. */
export class GoDuration extends GoScalar {
  constructor(readonly nanos: number) {
    super();
  }
  goString(): string {
    return formatGoDuration(this.nanos);
  }
  toJSON(): number {
    return this.nanos;
  }
  isZero(): boolean {
    return this.nanos === 0;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Fractional seconds of an ISO timestamp as Go prints them: trailing zeros (and the dot) removed. */
function fraction(iso: string): string {
  const match = /\.(\d+)/.exec(iso);
  const digits = (match?.[1] ?? '').replace(/0+$/, '');
  return digits ? `.${digits}` : '';
}

/** time.Time in UTC: prints as `2026-01-01 00:00:05.25 +0000 UTC`, marshals as RFC 3339 with nanoseconds. */
export class GoTime extends GoScalar {
  private readonly date: Date;
  constructor(readonly iso: string) {
    super();
    this.date = new Date(iso);
  }
  private datePart(separator: string): string {
    const d = this.date;
    return (
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${separator}` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction(this.iso)}`
    );
  }
  goString(): string {
    return `${this.datePart(' ')} +0000 UTC`;
  }
  toJSON(): string {
    return `${this.datePart('T')}Z`;
  }
  isZero(): boolean {
    return false;
  }
}

/** fmt %v of a float64/float32 (%g, shortest digits): exponent form when the exponent is < -4 or >= 6. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exp] = value.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** fmt %v of a value (what `{{ .Field }}` prints). */
export function goPrint(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  return goFormatValue(value);
}

/** fmt %v of a value inside fmt.Sprint (nil is `<nil>`). */
export function goFormatValue(value: unknown): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : goFloat(value);
  if (value instanceof GoScalar) return value.goString();
  if (Array.isArray(value)) return `[${value.map(goFormatValue).join(' ')}]`;
  if (isGoStruct(value))
    return `{${Object.keys(value)
      .map((key) => goFormatValue(value[key]))
      .join(' ')}}`;
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return `map[${Object.keys(map)
      .sort()
      .map((key) => `${key}:${goFormatValue(map[key])}`)
      .join(' ')}]`;
  }
  return String(value);
}

/** encoding/json's notion of an empty value for `omitempty`. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return true;
  if (value instanceof GoScalar) return value.isZero();
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !isGoStruct(value)) return Object.keys(value).length === 0;
  return false;
}

function jsonString(text: string, escapeHtml: boolean): string {
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if (char === '\n') quoted += '\\n';
    else if (char === '\r') quoted += '\\r';
    else if (char === '\t') quoted += '\\t';
    else if (
      code < 0x20 ||
      code === 0x2028 ||
      code === 0x2029 ||
      (escapeHtml && (char === '<' || char === '>' || char === '&'))
    ) {
      quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    } else quoted += char;
  }
  return `${quoted}"`;
}

/** encoding/json float64: %f between 1e-6 and 1e21, else %e with the exponent's leading zero removed. */
function jsonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${goFloat(value)}`);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const abs = Math.abs(value);
  if (abs < 1e-6 || abs >= 1e21) return value.toExponential();
  return String(value);
}

export interface GoJsonOptions {
  /** json.MarshalIndent indent ("" = compact). */
  indent?: string;
  /** encoding/json escapes <, > and & unless an Encoder turned it off. */
  escapeHtml?: boolean;
}

/** encoding/json output for a Go value model: struct field order and omitempty, sorted map keys. */
export function goJson(value: unknown, options: GoJsonOptions = {}): string {
  const indent = options.indent ?? '';
  const escapeHtml = options.escapeHtml ?? true;
  const encode = (v: unknown, depth: number, escapesHtml: boolean): string => {
    if (v === undefined || v === null) return 'null';
    if (typeof v === 'string') return jsonString(v, escapesHtml);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return jsonNumber(v);
    if (v instanceof GoScalar) return encode(v.toJSON(), depth, escapesHtml);
    const open = (items: string[], brackets: string): string => {
      if (items.length === 0) return brackets;
      if (!indent) return `${brackets[0]}${items.join(',')}${brackets[1]}`;
      const inner = `\n${indent.repeat(depth + 1)}`;
      return `${brackets[0]}${inner}${items.join(`,${inner}`)}\n${indent.repeat(depth)}${brackets[1]}`;
    };
    const colon = indent ? ': ' : ':';
    if (Array.isArray(v))
      return open(
        v.map((item) => encode(item, depth + 1, escapesHtml)),
        '[]',
      );
    if (isGoStruct(v)) {
      if (v[MARSHAL_AS_MAP]) {
        const fields = Object.fromEntries(Object.keys(v).map((key) => [key, v[key]]));
        return encode(fields, depth, true);
      }
      const omit = v[OMIT_EMPTY];
      const isNil = (x: unknown) => x === undefined || x === null || x instanceof GoNil;
      const keys = Object.keys(v).filter(
        (key) => !(omit?.has(key) && isEmpty(v[key])) && !(omit?.has(`*${key}`) && isNil(v[key])),
      );
      return open(
        keys.map((key) => `${jsonString(key, escapesHtml)}${colon}${encode(v[key], depth + 1, escapesHtml)}`),
        '{}',
      );
    }
    const map = v as Record<string, unknown>;
    const keys = Object.keys(map).sort();
    return open(
      keys.map((key) => `${jsonString(key, escapesHtml)}${colon}${encode(map[key], depth + 1, escapesHtml)}`),
      '{}',
    );
  };
  return encode(value, 0, escapeHtml);
}
