// Reading YAML with source positions: typed accessors whose errors name the file, the line and the key path.
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { NS_PER_MS } from '../defaults.js';
import { parseGoDuration } from '../duration.js';
import { InputError, type SourceRef } from '../errors.js';
import { dockerText, type InputParam, type InputText, inputText, what } from '../input-messages.js';
import type { Millis } from '../types.js';
import { type ComposeEnv, interpolateTree } from './interpolate.js';

/** A YAML node, or null for an empty value (`key:` with nothing after it). */
export type YNode = Node | null;

export interface Entry {
  key: string;
  keyNode: Node;
  value: YNode;
  /** The dotted key path of the value, for error messages (`images.nginx:bad.exit`). */
  path: string;
}

export class YamlSource {
  /** The mappings whose `<<` merges are being expanded (a cycle is an error). */
  private readonly merging = new Set<YNode>();
  /** Plain scalars whose text came from `${VAR}` substitution: read as numbers or booleans where one is expected. */
  private readonly substituted = new WeakSet<Node>();

  private constructor(
    readonly file: string,
    /** The source text (for a look at the characters behind a node). */
    readonly source: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly lineOffset: number,
  ) {}

  /** Parse `text`; `lineOffset` shifts every line (a file embedded in another one). Syntax errors throw InputError. */
  static parse(text: string, file: string, lineOffset = 0): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const error = doc.errors[0];
    if (error) {
      // yaml places a duplicate of a key with an empty value at the end of the first one's line: skip to the key.
      const pos =
        error.code === 'DUPLICATE_KEY' ? error.pos[0] + /^\s*/.exec(text.slice(error.pos[0]))![0].length : error.pos[0];
      const line = lines.linePos(pos).line + lineOffset;
      const at = { file, line: Math.max(line, 1) };
      if (error.code === 'DUPLICATE_KEY') {
        const key = /^[^:\n]*/.exec(text.slice(pos))![0].trim();
        throw new InputError(key ? inputText('yaml.duplicateKey', { key }) : inputText('yaml.emptyKeyTwice'), at);
      }
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      // The yaml package reports its own stack overflow as a parse error: say what in the file caused it (measured:
      // 700 nested `[` read, 1,000 exhaust its recursion).
      if (/call stack/i.test(message)) throw new InputError(inputText('yaml.tooDeep'), at);
      throw new InputError(inputText('yaml.invalid', { detail: lowerFirst(message) }), at);
    }
    return new YamlSource(file, text, doc, lines, lineOffset);
  }

  /** Substitutes `${VAR}` in every string value (docker/cli interpolation); errors name the line and docker's path. */
  interpolate(env: ComposeEnv): void {
    interpolateTree(this.root, env, (node) => this.resolve(node), {
      onValue: (node) => this.substituted.add(node),
      fail: (node, message) => {
        throw new InputError(dockerText(message), this.at(node));
      },
    });
  }

  /** A scalar's value; substituted text that reads as a YAML number or boolean becomes one (docker's type casts). */
  private typed(node: YNode): unknown {
    const value = this.scalar(node);
    const resolved = this.resolve(node);
    if (typeof value !== 'string' || !resolved || !this.substituted.has(resolved)) return value;
    if (/^(true|True|TRUE|false|False|FALSE)$/.test(value)) return value.toLowerCase() === 'true';
    if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(value)) return Number(value);
    return value;
  }

  /** The document's top-level value (aliases resolved), or null when the document is empty. */
  get root(): YNode {
    return this.resolve((this.doc.contents as Node | null) ?? null);
  }

  resolve(node: YNode | undefined): YNode {
    let current: YNode = node ?? null;
    for (let hops = 0; current && isAlias(current) && hops < 100; hops++)
      current = (current.resolve(this.doc) as Node | undefined) ?? null;
    return current;
  }

  /** Where `node` starts; `fallback` (usually its key or parent) when the node has no position (an empty value). */
  at(node: YNode | undefined, fallback?: YNode): SourceRef {
    const range = node?.range ?? fallback?.range;
    const line = range ? this.lines.linePos(range[0]).line : 1;
    return { file: this.file, line: Math.max(line, 1) + this.lineOffset };
  }

  /** Throw `<file>:<line>: <path>: <message>` at `node`. */
  fail(node: YNode | undefined, path: string, message: InputText, fallback?: YNode): never {
    throw new InputError(path ? inputText('atPath', { path, message }) : message, this.at(node, fallback));
  }

  /** Throw `expected <what>, got <the value as written>` at `node`. */
  failExpected(node: YNode | undefined, path: string, expected: InputText, fallback?: YNode): never {
    return this.fail(node, path, inputText('expected', { what: expected, got: this.describe(node) }), fallback);
  }

  /** The entries of a mapping (with `<<: *anchor` merge keys expanded; explicit keys win). */
  entries(node: YNode, path: string, expected: InputText = what('mapping')): Entry[] {
    const map = this.resolve(node);
    if (!isMap(map)) this.failExpected(map, path, expected);
    const own: Entry[] = [];
    const merged: Entry[] = [];
    for (const pair of map.items) {
      const keyNode = pair.key as Node;
      // An empty key (`: x`), `~` or `null` is no key: it would read as "null".
      const key = isScalar(keyNode) && keyNode.value !== null ? String(keyNode.value) : null;
      if (key === null) this.fail(keyNode, path, inputText('yaml.plainKeys'));
      if (key === '<<') {
        const sources = this.resolve(pair.value as Node);
        const list = isSeq(sources) ? sources.items.map((item) => this.resolve(item as Node)) : [sources];
        for (const source of list) {
          // `x: &a {<<: *a}` (or a longer cycle) would merge forever
          if (source === map || this.merging.has(source))
            this.fail(pair.value as Node, path, inputText('yaml.mergeSelf'));
          this.merging.add(map);
          try {
            for (const entry of this.entries(source, path, what('mergeSource'))) merged.push(entry);
          } finally {
            this.merging.delete(map);
          }
        }
        continue;
      }
      own.push({ key, keyNode, value: this.resolve(pair.value as Node | null), path: joinPath(path, key) });
    }
    const ownKeys = new Set(own.map((entry) => entry.key));
    const fromMerge = new Map<string, Entry>();
    for (const entry of merged) {
      if (!ownKeys.has(entry.key) && !fromMerge.has(entry.key))
        fromMerge.set(entry.key, { ...entry, path: joinPath(path, entry.key) });
    }
    return [...own, ...fromMerge.values()];
  }

  /** Reject keys not in `allowed`, suggesting the nearest valid one. */
  checkKeys(entries: Entry[], allowed: readonly string[]): void {
    for (const entry of entries) {
      if (allowed.includes(entry.key) || entry.key.startsWith('x-')) continue;
      const near = nearest(entry.key, allowed);
      const hint = near
        ? inputText('unknownKeyNear', { near })
        : inputText('unknownKey', { choices: allowed.join(', ') });
      this.fail(entry.keyNode, entry.path, hint);
    }
  }

  items(node: YNode, path: string, expected: InputText = what('list')): { node: YNode; path: string }[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) this.failExpected(seq, path, expected);
    return seq.items.map((item, i) => ({ node: this.resolve(item as Node | null), path: `${path}[${i}]` }));
  }

  /** An absent value: `key:` with nothing after it, `~` or `null`. */
  isEmpty(node: YNode): boolean {
    const resolved = this.resolve(node);
    return resolved === null || (isScalar(resolved) && resolved.value === null);
  }

  kind(node: YNode): 'mapping' | 'list' | 'scalar' | 'empty' {
    const resolved = this.resolve(node);
    if (resolved === null || this.isEmpty(resolved)) return 'empty';
    return isMap(resolved) ? 'mapping' : isSeq(resolved) ? 'list' : 'scalar';
  }

  /** The plain JS value of a scalar (undefined for a mapping or a list). */
  scalar(node: YNode): unknown {
    const resolved = this.resolve(node);
    if (resolved === null) return null;
    return isScalar(resolved) ? resolved.value : undefined;
  }

  string(node: YNode, path: string, expected: InputText = what('string')): string {
    const value = this.scalar(node);
    if (typeof value !== 'string') this.failExpected(node, path, expected);
    return value;
  }

  /** A string, number or boolean written as text (label values, environment values). */
  text(node: YNode, path: string, expected: InputText = what('string')): string {
    const value = this.scalar(node);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.failExpected(node, path, expected);
  }

  integer(node: YNode, path: string, expected: InputText = what('integer'), min = -Infinity): number {
    const value = this.typed(node);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
      this.failExpected(node, path, expected);
    return value;
  }

  number(node: YNode, path: string, expected: InputText = what('number')): number {
    const value = this.typed(node);
    if (typeof value !== 'number' || !Number.isFinite(value)) this.failExpected(node, path, expected);
    return value;
  }

  boolean(node: YNode, path: string): boolean {
    const value = this.typed(node);
    if (typeof value !== 'boolean') this.failExpected(node, path, what('boolean'));
    return value;
  }

  oneOf<T extends string>(node: YNode, path: string, choices: readonly T[]): T {
    const value = this.scalar(node);
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    const near = typeof value === 'string' ? nearest(value, choices) : null;
    const params = { choices: choices.join(', '), got: this.describe(node) };
    return this.fail(node, path, near ? inputText('oneOfNear', { ...params, near }) : inputText('oneOf', params));
  }

  /** A Go duration (`1.5s`, `2m30s`, `0`), in nanoseconds. */
  durationNanos(node: YNode, path: string, { allowNegative = false, orElse = '' } = {}): number {
    const value = this.scalar(node);
    let nanos: number | null = null;
    if (value === 0) nanos = 0;
    if (typeof value === 'string') {
      try {
        nanos = parseGoDuration(value.trim());
      } catch {
        nanos = null;
      }
    }
    if (nanos === null || !Number.isFinite(nanos)) {
      const unit = typeof value === 'number' ? inputText('duration.unit') : '';
      const alternative = orElse ? inputText('duration.orElse', { alternative: orElse }) : '';
      this.fail(node, path, inputText('duration.expected', { orElse: alternative, got: this.describe(node), unit }));
    }
    if (nanos < 0 && !allowNegative)
      this.fail(node, path, inputText('duration.negative', { got: this.describe(node) }));
    return nanos;
  }

  durationMs(node: YNode, path: string, orElse = ''): Millis {
    return this.durationNanos(node, path, { orElse }) / NS_PER_MS;
  }

  stringList(node: YNode, path: string, expected: InputText = what('stringList')): string[] {
    return this.items(node, path, expected).map((item) => this.text(item.node, item.path));
  }

  /** How a value looks in an error message: `"x"`, `12`, `true`, `nothing`, `a mapping`, `a list`. */
  describe(node: YNode | undefined): InputParam {
    const resolved = this.resolve(node);
    if (resolved === null) return inputText('got.nothing');
    if (isMap(resolved)) return inputText('got.mapping');
    if (isSeq(resolved)) return inputText('got.list');
    const value = isScalar(resolved) ? resolved.value : undefined;
    if (typeof value === 'string') return JSON.stringify(value);
    if (value === null || value === undefined) return inputText('got.nothing');
    // As written (`.nan`, `1e400`), not as JS prints the value (`NaN`, `Infinity`).
    return isScalar(resolved) && typeof resolved.source === 'string' && resolved.source
      ? resolved.source
      : String(value);
  }
}

export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function lowerFirst(text: string): string {
  return text ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The closest candidate by edit distance, if it is close enough to be a plausible typo. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerated = Math.max(2, Math.floor(word.length / 3));
  return best !== null && bestDistance <= tolerated ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
