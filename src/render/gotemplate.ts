// Go text/template with docker's template functions (json, upper, lower, title, split, join, pad, truncate): parse,
// execute.

import { memoize } from '../memo.js';
import { GoScalar, goFormatValue, goJson, isGoStruct } from './gojson.js';
import { type FuncDef, goTruth, goTypeName, TemplateExecution } from './gotemplate-exec.js';
import { type ParsedTemplate, parseTemplate } from './gotemplate-parse.js';

export { goTruth } from './gotemplate-exec.js';
export type { ParsedTemplate } from './gotemplate-parse.js';
export { TemplateError } from './gotemplate-parse.js';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** strings.Title: upper-case the first letter of every word. */
function title(text: string): string {
  let previous = ' ';
  let result = '';
  for (const char of text) {
    const separator = !/[\p{L}\p{Nd}_]/u.test(previous);
    result += separator ? char.toUpperCase() : char;
    previous = char;
  }
  return result;
}

function compare(a: unknown, b: unknown): number {
  const basic = (v: unknown) => (v instanceof GoScalar ? v.toJSON() : v);
  const x = basic(a);
  const y = basic(b);
  if (typeof x !== typeof y || (typeof x !== 'number' && typeof x !== 'string' && typeof x !== 'boolean')) {
    throw new Error(typeof x === typeof y ? 'invalid type for comparison' : 'incompatible types for comparison');
  }
  return x === y ? 0 : (x as number) < (y as number) ? -1 : 1;
}

/** fmt.Sprintf with the verbs people use in templates: %s %v %d %q %t %f %x %%, flags '-', '0', width, precision. */
function sprintf(format: string, args: unknown[]): string {
  let next = 0;
  return (
    format.replace(
      /%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g,
      (_m, flags: string, width: string, precision: string | undefined, verb: string) => {
        if (verb === '%') return '%';
        if (next >= args.length) return `%!${verb}(MISSING)`;
        const arg = args[next++];
        let text: string;
        switch (verb) {
          case 'd':
            text = typeof arg === 'number' ? String(Math.trunc(arg)) : `%!d(${goTypeName(arg)}=${goFormatValue(arg)})`;
            break;
          case 'f':
            text =
              typeof arg === 'number'
                ? arg.toFixed(precision === undefined ? 6 : Number(precision))
                : `%!f(${goTypeName(arg)}=${goFormatValue(arg)})`;
            break;
          case 'q':
            text = JSON.stringify(goFormatValue(arg));
            break;
          case 'x':
            text =
              typeof arg === 'number'
                ? arg.toString(16)
                : Array.from(utf8.encode(goFormatValue(arg)), (b) => b.toString(16).padStart(2, '0')).join('');
            break;
          default:
            text = goFormatValue(arg);
        }
        if (precision !== undefined && (verb === 's' || verb === 'v')) text = text.slice(0, Number(precision));
        const size = Number(width || 0);
        if (text.length < size)
          text = flags.includes('-')
            ? text.padEnd(size)
            : text.padStart(size, flags.includes('0') && verb !== 's' ? '0' : ' ');
        return text;
      },
    ) +
    (next < args.length
      ? `%!(EXTRA ${args
          .slice(next)
          .map((a) => `${goTypeName(a)}=${goFormatValue(a)}`)
          .join(', ')})`
      : '')
  );
}

function sprint(args: unknown[], spaces: 'between-non-strings' | 'always'): string {
  return args
    .map((arg, i) => {
      const space =
        i > 0 && (spaces === 'always' || (typeof arg !== 'string' && typeof args[i - 1] !== 'string')) ? ' ' : '';
      return space + goFormatValue(arg);
    })
    .join('');
}

const BUILTINS: Record<string, FuncDef> = {
  and: { params: ['any'], variadic: 'any', fn: (a: unknown[]) => a.find((v) => !goTruth(v)) ?? a[a.length - 1] },
  or: { params: ['any'], variadic: 'any', fn: (a: unknown[]) => a.find((v) => goTruth(v)) ?? a[a.length - 1] },
  not: { params: ['any'], fn: (a: unknown) => !goTruth(a) },
  len: {
    params: ['any'],
    fn: (a: unknown) => {
      if (typeof a === 'string') return utf8.encode(a).length;
      if (Array.isArray(a)) return a.length;
      if (typeof a === 'object' && a !== null && !isGoStruct(a) && !(a instanceof GoScalar))
        return Object.keys(a).length;
      throw new Error(`len of type ${goTypeName(a)}`);
    },
  },
  index: {
    params: ['any'],
    variadic: 'any',
    fn: ([item, ...keys]: unknown[]) =>
      keys.reduce((value: unknown, key) => {
        if (Array.isArray(value)) {
          if (typeof key !== 'number' || key < 0 || key >= value.length)
            throw new Error(`index out of range: ${goFormatValue(key)}`);
          return value[key];
        }
        if (typeof value === 'object' && value !== null && !isGoStruct(value))
          return (value as Record<string, unknown>)[String(key)];
        throw new Error(`can't index item of type ${goTypeName(value)}`);
      }, item),
  },
  eq: {
    params: ['any'],
    variadic: 'any',
    fn: ([a, ...b]: unknown[]) => {
      if (b.length === 0) throw new Error('missing argument for comparison');
      return b.some((v) => compare(a, v) === 0);
    },
  },
  ne: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => compare(a, b) !== 0 },
  lt: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => compare(a, b) < 0 },
  le: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => compare(a, b) <= 0 },
  gt: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => compare(a, b) > 0 },
  ge: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => compare(a, b) >= 0 },
  print: { params: [], variadic: 'any', fn: (a: unknown[]) => sprint(a, 'between-non-strings') },
  println: { params: [], variadic: 'any', fn: (a: unknown[]) => `${sprint(a, 'always')}\n` },
  printf: { params: ['string'], variadic: 'any', fn: (a: unknown[]) => sprintf(a[0] as string, a.slice(1)) },
};

/** docker/cli templates.basicFunctions. */
const DOCKER_FUNCS: Record<string, FuncDef> = {
  json: { params: ['any'], fn: (v: unknown) => goJson(v, { escapeHtml: false }) },
  split: { params: ['string', 'string'], fn: (s: string, sep: string) => (sep === '' ? Array.from(s) : s.split(sep)) },
  join: { params: ['strings', 'string'], fn: (list: string[], sep: string) => list.join(sep) },
  title: { params: ['string'], fn: title },
  lower: { params: ['string'], fn: (s: string) => s.toLowerCase() },
  upper: { params: ['string'], fn: (s: string) => s.toUpperCase() },
  pad: {
    params: ['string', 'int', 'int'],
    fn: (s: string, prefix: number, suffix: number) => (s === '' ? s : ' '.repeat(prefix) + s + ' '.repeat(suffix)),
  },
  truncate: {
    params: ['string', 'int'],
    fn: (s: string, length: number) => {
      const bytes = utf8.encode(s);
      return bytes.length < length ? s : fromUtf8.decode(bytes.slice(0, length));
    },
  },
};

/** docker/cli templates.HeaderFunctions: keep the header text intact (pad is not overridden). */
const HEADER_FUNCS: Record<string, FuncDef> = {
  json: { params: ['string'], fn: (v: string) => v },
  split: { params: ['string', 'string'], fn: (v: string) => v },
  join: { params: ['string', 'string'], fn: (v: string) => v },
  title: { params: ['string'], fn: (v: string) => v },
  lower: { params: ['string'], fn: (v: string) => v },
  upper: { params: ['string'], fn: (v: string) => v },
  truncate: { params: ['string', 'int'], fn: (v: string) => v },
};

const isFunc = (name: string): boolean => name in BUILTINS || name in DOCKER_FUNCS;

/**
 * Parse with docker's function set. Throws TemplateError (`template: :1: ...`), which is not cached. Parsed templates
 * are never mutated: the default formats are parsed once, not on every `ps` or `ls`.
 */
export const parseGoTemplate: (source: string) => ParsedTemplate = memoize(
  (source: string) => parseTemplate(source, isFunc),
  64,
);

export interface ExecuteOptions {
  /** 'header' = the function set docker uses to render table headers. */
  funcs?: 'basic' | 'header';
  /** text/template's missingkey option for maps. */
  missingKey?: 'default' | 'error';
}

/** Execute a parsed template against data. Throws TemplateError carrying the output written before the error. */
export function executeGoTemplate(template: ParsedTemplate, data: unknown, options: ExecuteOptions = {}): string {
  const funcs = { ...BUILTINS, ...DOCKER_FUNCS, ...(options.funcs === 'header' ? HEADER_FUNCS : {}) };
  return new TemplateExecution(template, data, funcs, options.missingKey).run();
}

/** Parse and execute in one go (docker's `--format` for one object). */
export function renderGoTemplate(source: string, data: unknown, options: ExecuteOptions = {}): string {
  return executeGoTemplate(parseGoTemplate(source), data, options);
}
