// Go text/template execution: walks a parsed template against data with a given function set.
import { GO_TYPE, GoDuration, GoNil, GoScalar, GoTime, goFormatValue, goPrint, isGoStruct } from './gojson.js';
import { type Arg, type Node, type ParsedTemplate, type Pipeline, TemplateError } from './gotemplate-parse.js';

export type Param = 'any' | 'string' | 'int' | 'strings';
export interface FuncDef {
  params: Param[];
  variadic?: Param;
  // biome-ignore lint/suspicious/noExplicitAny: Go template functions take whatever the template passes.
  fn: (...args: any[]) => unknown;
}

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

export function goTypeName(value: unknown): string {
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

/** The node as Go prints it in an execution error (`<.Spec.Name>`). */
function nodeText(arg: Arg): string {
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
    case 'pipe': {
      const pipeline = arg.pipe.cmds.map((c) => c.args.map(nodeText).join(' ')).join(' | ');
      return `(${pipeline})${arg.names.map((n) => `.${n}`).join('')}`;
    }
  }
}

class Break {}
class Continue {}

/** One execution of a template: the output so far and the variables in scope. */
export class TemplateExecution {
  private readonly out: string[] = [];
  private readonly vars: { name: string; value: unknown }[];

  constructor(
    private readonly template: ParsedTemplate,
    private readonly data: unknown,
    private readonly funcs: Record<string, FuncDef>,
    private readonly missingKey: 'default' | 'error' | undefined,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  /** The output; throws TemplateError carrying the output written before the error. */
  run(): string {
    this.walk(this.template.root, this.data);
    return this.out.join('');
  }

  private fail(pos: number, context: string, message: string): never {
    const before = this.template.source.slice(0, pos);
    const newline = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const column = newline === -1 ? pos : pos - newline - 1;
    throw new TemplateError(
      `template: :${line}:${column}: executing "" at <${context}>: ${message}`,
      this.out.join(''),
    );
  }

  private field(receiver: unknown, name: string, at: Arg): unknown {
    if (receiver === undefined) {
      return this.missingKey === 'error'
        ? this.fail(at.pos, nodeText(at), `nil data; no entry for key ${JSON.stringify(name)}`)
        : undefined;
    }
    if (receiver === null) return this.fail(at.pos, nodeText(at), `nil pointer evaluating interface {}.${name}`);
    if (receiver instanceof GoNil)
      return this.fail(at.pos, nodeText(at), `nil pointer evaluating ${receiver.type}.${name}`);
    if (isGoStruct(receiver)) {
      return Object.hasOwn(receiver, name)
        ? receiver[name]
        : this.fail(at.pos, nodeText(at), `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    }
    if (typeof receiver === 'object' && !Array.isArray(receiver) && !(receiver instanceof GoScalar)) {
      const map = receiver as Record<string, unknown>;
      if (Object.hasOwn(map, name)) return map[name];
      return this.missingKey === 'error'
        ? this.fail(at.pos, nodeText(at), `map has no entry for key ${JSON.stringify(name)}`)
        : undefined;
    }
    return this.fail(at.pos, nodeText(at), `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private chain(value: unknown, names: string[], at: Arg): unknown {
    return names.reduce((v, name) => this.field(v, name, at), value);
  }

  private checkParam(value: unknown, param: Param, at: Arg): unknown {
    const ok =
      param === 'any' ||
      (param === 'string' && typeof value === 'string') ||
      (param === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
      (param === 'strings' && Array.isArray(value) && value.every((v) => typeof v === 'string'));
    const expected = param === 'strings' ? '[]string' : param;
    return ok
      ? value
      : this.fail(at.pos, nodeText(at), `wrong type for value; expected ${expected}; got ${goTypeName(value)}`);
  }

  private variable(name: string): unknown {
    return [...this.vars].reverse().find((v) => v.name === name)?.value;
  }

  private evalArg(arg: Arg, dot: unknown): unknown {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.chain(dot, arg.names, arg);
      case 'var':
        return this.chain(this.variable(arg.name), arg.names, arg);
      case 'literal':
        return arg.value;
      case 'pipe':
        return this.chain(this.evalPipeline(arg.pipe, dot, false), arg.names, arg);
      case 'func':
        return this.callFunc(arg, [], dot, undefined, false);
    }
  }

  /** Calls a function with its argument nodes and, after a `|`, the previous command's value as the last argument. */
  private callFunc(
    at: Extract<Arg, { kind: 'func' }>,
    argNodes: Arg[],
    dot: unknown,
    final: unknown,
    hasFinal: boolean,
  ): unknown {
    const def = this.funcs[at.name];
    const count = argNodes.length + (hasFinal ? 1 : 0);
    const wanted = def.params.length;
    if (def.variadic ? count < wanted : count !== wanted) {
      this.fail(
        at.pos,
        at.name,
        `wrong number of args for ${at.name}: want ${def.variadic ? 'at least ' : ''}${wanted} got ${count}`,
      );
    }
    const values = argNodes.map((node, i) =>
      this.checkParam(this.evalArg(node, dot), def.params[i] ?? def.variadic!, node),
    );
    if (hasFinal) values.push(this.checkParam(final, def.params[count - 1] ?? def.variadic!, at));
    try {
      // A variadic function gets its arguments as one array: a template may pass more than a JS call can spread.
      return def.variadic ? def.fn(values) : def.fn(...values);
    } catch (error) {
      return this.fail(at.pos, at.name, `error calling ${at.name}: ${(error as Error).message}`);
    }
  }

  /** The pipeline's value; with `declare`, its `$x :=` / `$x =` sets the variable. */
  private evalPipeline(pipe: Pipeline, dot: unknown, declare: boolean): unknown {
    let value: unknown;
    pipe.cmds.forEach((cmd, i) => {
      const [first, ...rest] = cmd.args;
      const hasFinal = i > 0;
      if (first.kind === 'func') {
        value = this.callFunc(first, rest, dot, value, hasFinal);
        return;
      }
      if (rest.length > 0 || hasFinal) {
        const name = first.kind === 'field' ? first.names[first.names.length - 1] : nodeText(first);
        this.fail(
          first.pos,
          nodeText(first),
          first.kind === 'field' || first.kind === 'var'
            ? `${name} has arguments but cannot be invoked as function`
            : `can't give argument to non-function ${nodeText(first)}`,
        );
      }
      value = this.evalArg(first, dot);
    });
    if (declare && pipe.decl.length === 1) {
      if (pipe.assign) {
        const target = [...this.vars].reverse().find((v) => v.name === pipe.decl[0]);
        if (target) target.value = value;
      } else this.vars.push({ name: pipe.decl[0], value });
    }
    return value;
  }

  private walk(nodes: Node[], dot: unknown): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          this.out.push(node.text);
          break;
        case 'action': {
          const value = this.evalPipeline(node.pipe, dot, true);
          if (node.pipe.decl.length === 0) this.out.push(goPrint(value));
          break;
        }
        case 'if':
        case 'with': {
          const scope = this.vars.length;
          const value = this.evalPipeline(node.pipe, dot, true);
          if (goTruth(value)) this.walk(node.list, node.kind === 'with' ? value : dot);
          else if (node.elseList) this.walk(node.elseList, dot);
          this.vars.length = scope;
          break;
        }
        case 'range':
          this.walkRange(node, dot);
          break;
        case 'break':
          throw new Break();
        case 'continue':
          throw new Continue();
      }
    }
  }

  /** `{{range}}`: the body once per element (`{{break}}` and `{{continue}}` inside), the else branch when none. */
  private walkRange(node: Extract<Node, { kind: 'if' | 'with' | 'range' }>, dot: unknown): void {
    const scope = this.vars.length;
    const value = this.evalPipeline(node.pipe, dot, false);
    const entries = this.rangeEntries(value, node.pos);
    if (entries.length === 0 && node.elseList) this.walk(node.elseList, dot);
    for (const [key, element] of entries) {
      this.vars.length = scope;
      if (node.pipe.decl.length === 1) this.vars.push({ name: node.pipe.decl[0], value: element });
      if (node.pipe.decl.length === 2)
        this.vars.push({ name: node.pipe.decl[0], value: key }, { name: node.pipe.decl[1], value: element });
      try {
        this.walk(node.list, element);
      } catch (signal) {
        if (signal instanceof Break) break;
        if (!(signal instanceof Continue)) throw signal;
      }
    }
    this.vars.length = scope;
  }

  /** What range iterates: [index, element] of a slice, [i, i] of an int, [key, value] of a map in key order. */
  private rangeEntries(value: unknown, pos: number): [unknown, unknown][] {
    if (value === undefined || value === null || value instanceof GoNil) return [];
    if (Array.isArray(value)) return value.map((v, i) => [i, v]);
    if (typeof value === 'number' && Number.isInteger(value))
      return Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
    if (typeof value === 'object' && !isGoStruct(value) && !(value instanceof GoScalar)) {
      const map = value as Record<string, unknown>;
      return Object.keys(map)
        .sort()
        .map((k) => [k, map[k]]);
    }
    return this.fail(pos, 'range', `range can't iterate over ${goFormatValue(value)}`);
  }
}
