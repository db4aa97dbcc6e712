// Go text/template execution with docker's template functions (json, upper, lower, title, split, join, pad, truncate).

import { memoize } from '../memo.js';
import { GO_TYPE, GoDuration, GoNil, GoScalar, GoTime, goFormatValue, goJson, goPrint, isGoStruct } from './gojson.js';
import {
  type Arg,
  type Node,
  type ParsedTemplate,
  type Pipeline,
  parseTemplate,
  TemplateError,
} from './gotemplate-parse.js';

export type { ParsedTemplate } from './gotemplate-parse.js';
export { TemplateError } from './gotemplate-parse.js';

type Param = 'any' | 'string' | 'int' | 'strings';
interface FuncDef {
  params: Param[];
  variadic?: Param;
  /** A variadic function gets its arguments as one array (a template may pass more than a JS call can spread). */
  // biome-ignore lint/suspicious/noExplicitAny: Go template functions take whatever the template passes.
  fn: (...args: any[]) => unknown;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Go's truth: false, 0, nil, empty string/slice/map are false; structs are true. */
export function goTruth(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (value instanceof GoScalar) return !value.isZero();
  if (Array.isArray(value)) return value.length > 0;
  if (isGoStruct(value)) return true;
  return Object.keys(value as object).length > 0;
}

function goTypeName(value: unknown): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (value instanceof GoNil) return value.type;
  if (value instanceof GoDuration) return 'time.Duration';
  if (value instanceof GoTime) return 'time.Time';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? '[]string' : '[]interface {}';
  if (isGoStruct(value)) return value[GO_TYPE];
  return 'map[string]interface {}';
}

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
  printf: { params: ['string'], variadic: 'any', fn: ([f, ...a]: unknown[]) => sprintf(f as string, a) },
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

class Break {}
class Continue {}

/** Execute a parsed template against data. Throws TemplateError carrying the output written before the error. */
export function executeGoTemplate(template: ParsedTemplate, data: unknown, options: ExecuteOptions = {}): string {
  const out: string[] = [];
  const source = template.source;
  const funcs = { ...BUILTINS, ...DOCKER_FUNCS, ...(options.funcs === 'header' ? HEADER_FUNCS : {}) };
  const vars: { name: string; value: unknown }[] = [{ name: '$', value: data }];

  const nodeText = (arg: Arg): string => {
    switch (arg.kind) {
      case 'dot':
        return '.';
      case 'field':
        return `.${arg.names.join('.')}`;
      case 'var':
        return [arg.name, ...arg.names].join('.');
      case 'func':
        return arg.name;
      case 'literal':
        return arg.text;
      case 'pipe':
        return `(${arg.pipe.cmds.map((c) => c.args.map(nodeText).join(' ')).join(' | ')})${arg.names.map((n) => `.${n}`).join('')}`;
    }
  };
  const fail = (pos: number, context: string, message: string): never => {
    const before = source.slice(0, pos);
    const newline = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const column = newline === -1 ? pos : pos - newline - 1;
    throw new TemplateError(`template: :${line}:${column}: executing "" at <${context}>: ${message}`, out.join(''));
  };

  const field = (receiver: unknown, name: string, at: Arg): unknown => {
    if (receiver === undefined) {
      return options.missingKey === 'error'
        ? fail(at.pos, nodeText(at), `nil data; no entry for key ${JSON.stringify(name)}`)
        : undefined;
    }
    if (receiver === null) return fail(at.pos, nodeText(at), `nil pointer evaluating interface {}.${name}`);
    if (receiver instanceof GoNil) return fail(at.pos, nodeText(at), `nil pointer evaluating ${receiver.type}.${name}`);
    if (isGoStruct(receiver)) {
      return Object.hasOwn(receiver, name)
        ? receiver[name]
        : fail(at.pos, nodeText(at), `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    }
    if (typeof receiver === 'object' && !Array.isArray(receiver) && !(receiver instanceof GoScalar)) {
      const map = receiver as Record<string, unknown>;
      if (Object.hasOwn(map, name)) return map[name];
      return options.missingKey === 'error'
        ? fail(at.pos, nodeText(at), `map has no entry for key ${JSON.stringify(name)}`)
        : undefined;
    }
    return fail(at.pos, nodeText(at), `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  };
  const chain = (value: unknown, names: string[], at: Arg): unknown =>
    names.reduce((v, name) => field(v, name, at), value);

  const checkParam = (value: unknown, param: Param, at: Arg): unknown => {
    const ok =
      param === 'any' ||
      (param === 'string' && typeof value === 'string') ||
      (param === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
      (param === 'strings' && Array.isArray(value) && value.every((v) => typeof v === 'string'));
    const expected = param === 'strings' ? '[]string' : param;
    return ok
      ? value
      : fail(at.pos, nodeText(at), `wrong type for value; expected ${expected}; got ${goTypeName(value)}`);
  };

  const evalArg = (arg: Arg, dot: unknown): unknown => {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'field':
        return chain(dot, arg.names, arg);
      case 'var':
        return chain([...vars].reverse().find((v) => v.name === arg.name)?.value, arg.names, arg);
      case 'literal':
        return arg.value;
      case 'pipe':
        return chain(evalPipeline(arg.pipe, dot, false), arg.names, arg);
      case 'func':
        return callFunc(arg, [], dot, undefined, false);
    }
  };

  function callFunc(
    at: Extract<Arg, { kind: 'func' }>,
    argNodes: Arg[],
    dot: unknown,
    final: unknown,
    hasFinal: boolean,
  ): unknown {
    const def = funcs[at.name];
    const count = argNodes.length + (hasFinal ? 1 : 0);
    const wanted = def.params.length;
    if (def.variadic ? count < wanted : count !== wanted) {
      fail(
        at.pos,
        at.name,
        `wrong number of args for ${at.name}: want ${def.variadic ? 'at least ' : ''}${wanted} got ${count}`,
      );
    }
    const values = argNodes.map((node, i) => checkParam(evalArg(node, dot), def.params[i] ?? def.variadic!, node));
    if (hasFinal) values.push(checkParam(final, def.params[count - 1] ?? def.variadic!, at));
    try {
      return def.variadic ? def.fn(values) : def.fn(...values);
    } catch (error) {
      return fail(at.pos, at.name, `error calling ${at.name}: ${(error as Error).message}`);
    }
  }

  function evalPipeline(pipe: Pipeline, dot: unknown, declare: boolean): unknown {
    let value: unknown;
    pipe.cmds.forEach((cmd, i) => {
      const [first, ...rest] = cmd.args;
      const hasFinal = i > 0;
      if (first.kind === 'func') {
        value = callFunc(first, rest, dot, value, hasFinal);
        return;
      }
      if (rest.length > 0 || hasFinal) {
        const name = first.kind === 'field' ? first.names[first.names.length - 1] : nodeText(first);
        fail(
          first.pos,
          nodeText(first),
          first.kind === 'field' || first.kind === 'var'
            ? `${name} has arguments but cannot be invoked as function`
            : `can't give argument to non-function ${nodeText(first)}`,
        );
      }
      value = evalArg(first, dot);
    });
    if (declare && pipe.decl.length === 1) {
      if (pipe.assign) {
        const target = [...vars].reverse().find((v) => v.name === pipe.decl[0]);
        if (target) target.value = value;
      } else vars.push({ name: pipe.decl[0], value });
    }
    return value;
  }

  const walk = (nodes: Node[], dot: unknown): void => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          out.push(node.text);
          break;
        case 'action': {
          const value = evalPipeline(node.pipe, dot, true);
          if (node.pipe.decl.length === 0) out.push(goPrint(value));
          break;
        }
        case 'if':
        case 'with': {
          const scope = vars.length;
          const value = evalPipeline(node.pipe, dot, true);
          if (goTruth(value)) walk(node.list, node.kind === 'with' ? value : dot);
          else if (node.elseList) walk(node.elseList, dot);
          vars.length = scope;
          break;
        }
        case 'range': {
          const scope = vars.length;
          const value = evalPipeline(node.pipe, dot, false);
          let entries: [unknown, unknown][];
          if (value === undefined || value === null || value instanceof GoNil) entries = [];
          else if (Array.isArray(value)) entries = value.map((v, i) => [i, v]);
          else if (typeof value === 'number' && Number.isInteger(value))
            entries = Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
          else if (typeof value === 'object' && !isGoStruct(value) && !(value instanceof GoScalar)) {
            const map = value as Record<string, unknown>;
            entries = Object.keys(map)
              .sort()
              .map((k) => [k, map[k]]);
          } else entries = fail(node.pos, 'range', `range can't iterate over ${goFormatValue(value)}`);
          if (entries.length === 0 && node.elseList) walk(node.elseList, dot);
          for (const [key, element] of entries) {
            vars.length = scope;
            if (node.pipe.decl.length === 1) vars.push({ name: node.pipe.decl[0], value: element });
            if (node.pipe.decl.length === 2)
              vars.push({ name: node.pipe.decl[0], value: key }, { name: node.pipe.decl[1], value: element });
            try {
              walk(node.list, element);
            } catch (signal) {
              if (signal instanceof Break) break;
              if (!(signal instanceof Continue)) throw signal;
            }
          }
          vars.length = scope;
          break;
        }
        case 'break':
          throw new Break();
        case 'continue':
          throw new Continue();
      }
    }
  };

  walk(template.root, data);
  return out.join('');
}

/** Parse and execute in one go (docker's `--format` for one object). */
export function renderGoTemplate(source: string, data: unknown, options: ExecuteOptions = {}): string {
  return executeGoTemplate(parseGoTemplate(source), data, options);
}
