// A pflag emulation: long/short/combined flags, bool NoOptDefVal, `--`, interspersed args, pflag's exact error texts.
import { parseGoDuration } from '../duration.js';
import {
  ERR_DURATION_NEGATIVE,
  ERR_FILTER_FORMAT,
  ERR_SHLEX_EOF,
  errBadFlagSyntax,
  errFlagNeedsArgument,
  errInvalidFlagArgument,
  errShortFlagNeedsArgument,
  errUnknownFlag,
  errUnknownShorthand,
  MSG_HELP_SHORTHAND_DEPRECATED,
} from '../messages.js';
import type { Nanos } from '../types.js';
import { parseBool, parseFloat32, parseInt64, parseUint64, quoteGo } from './strconv.js';
import { TokenizeError, tokenize } from './tokenize.js';

/**
 * How a flag's value is parsed (the pflag / docker opts Value type it stands for):
 * bool (BoolVar), string (StringVar), uint64 (Uint64Var, Uint64Opt), int (IntVar, Int64Var), float32 (floatValue),
 * duration (DurationVar, DurationOpt), positiveDuration (PositiveDurationOpt), list (ListOpts), stringSlice
 * (StringSliceVar), shlex (ShlexOpt), filter (FilterOpt).
 */
export type FlagKind =
  | 'bool'
  | 'string'
  | 'uint64'
  | 'int'
  | 'float32'
  | 'duration'
  | 'positiveDuration'
  | 'list'
  | 'stringSlice'
  | 'shlex'
  | 'filter';

export interface FlagDef {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The value before any flag is given (bool false, string '', list [] unless set). */
  defaultValue?: boolean | string | number | string[];
  /** ListOpts validator, or a typed docker opts Value's parser on a string flag: returns the value to store or throws
   * an Error with docker's message. */
  validate?: (value: string) => string;
  /** Parsed like Docker does, but without effect in the sandbox (a note says so when it is used). */
  ignored?: boolean;
}

/** A flag parse error: `message` is pflag's text; the caller adds the usage lines and exit code 125. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

type FlagValue = boolean | string | number | string[] | [string, string][];

function initialValue(def: FlagDef): FlagValue {
  if (def.defaultValue !== undefined) return Array.isArray(def.defaultValue) ? [...def.defaultValue] : def.defaultValue;
  switch (def.kind) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'list':
    case 'stringSlice':
    case 'shlex':
    case 'filter':
      return [];
    default:
      return 0;
  }
}

const HELP_FLAG: FlagDef = { name: 'help', short: 'h', kind: 'bool' };

/** A command's flags (cobra's `--help` added) by name and by shorthand, built once per command's table. */
interface FlagIndex {
  defs: readonly FlagDef[];
  byName: ReadonlyMap<string, FlagDef>;
  byShort: ReadonlyMap<string, FlagDef>;
}

const indexes = new WeakMap<readonly FlagDef[], FlagIndex>();

function indexOf(defs: readonly FlagDef[]): FlagIndex {
  let index = indexes.get(defs);
  if (index === undefined) {
    const all = defs.some((def) => def.name === 'help') ? defs : [...defs, HELP_FLAG];
    index = {
      defs: all,
      byName: new Map(all.map((def) => [def.name, def])),
      byShort: new Map(all.filter((def) => def.short).map((def) => [def.short!, def])),
    };
    indexes.set(defs, index);
  }
  return index;
}

/** The result of parsing: values by flag name, which flags were set, positional args. */
export class ParsedFlags {
  readonly changed = new Set<string>();
  readonly args: string[] = [];
  /** stderr lines pflag prints while parsing (deprecated shorthands). */
  readonly notes: string[] = [];
  /** Each flag's value, made (its default) when first read or set: a command reads a few of its many flags. */
  private readonly values = new Map<string, FlagValue>();

  constructor(private readonly index: FlagIndex) {}

  get defs(): readonly FlagDef[] {
    return this.index.defs;
  }

  has(name: string): boolean {
    return this.changed.has(name);
  }
  anyChanged(...names: string[]): boolean {
    return names.some((name) => this.changed.has(name));
  }
  bool(name: string): boolean {
    return this.get(name) as boolean;
  }
  string(name: string): string {
    return this.get(name) as string;
  }
  number(name: string): number {
    return this.get(name) as number;
  }
  nanos(name: string): Nanos {
    return this.get(name) as number;
  }
  list(name: string): string[] {
    return this.get(name) as string[];
  }
  filters(name: string): [string, string][] {
    return this.get(name) as [string, string][];
  }
  get help(): boolean {
    return this.index.byName.has('help') && this.bool('help');
  }
  /** Flags marked `ignored` that were given. */
  ignoredGiven(): string[] {
    return this.defs.filter((def) => def.ignored && this.changed.has(def.name)).map((def) => `--${def.name}`);
  }

  private get(name: string): FlagValue {
    let value = this.values.get(name);
    if (value === undefined) {
      const def = this.index.byName.get(name);
      if (def === undefined) throw new Error(`flag ${name} is not defined for this command`);
      value = initialValue(def);
      this.values.set(name, value);
    }
    return value;
  }

  /** pflag FlagSet.Set: parse `raw` with the flag's Value type; errors become `invalid argument ...`. */
  set(def: FlagDef, raw: string): void {
    try {
      this.values.set(def.name, this.convert(def, raw));
    } catch (err) {
      const cause = err instanceof Error ? err.message : String(err);
      const shown = def.short ? `-${def.short}, --${def.name}` : `--${def.name}`;
      throw new FlagError(errInvalidFlagArgument(quoteGo(raw), quoteGo(shown), cause));
    }
    this.changed.add(def.name);
  }

  private convert(def: FlagDef, raw: string): FlagValue {
    const current = this.get(def.name);
    switch (def.kind) {
      case 'bool':
        return parseBool(raw);
      case 'string':
        return def.validate ? def.validate(raw) : raw;
      case 'uint64':
        return Number(parseUint64(raw));
      case 'int':
        return Number(parseInt64(raw));
      case 'float32':
        return parseFloat32(raw);
      case 'duration':
        return parseGoDuration(raw);
      case 'positiveDuration': {
        const nanos = parseGoDuration(raw);
        if (nanos < 0) throw new Error(ERR_DURATION_NEGATIVE);
        return nanos;
      }
      // lists grow in place: a flag repeated 70,000 times must not copy its list 70,000 times
      case 'list': {
        const value = def.validate ? def.validate(raw) : raw;
        (current as string[]).push(value);
        return current;
      }
      case 'stringSlice': {
        const parts = raw === '' ? [] : raw.split(',');
        if (!this.changed.has(def.name)) return parts;
        for (const part of parts) (current as string[]).push(part);
        return current;
      }
      case 'shlex':
        try {
          return tokenize(raw);
        } catch (err) {
          if (err instanceof TokenizeError) throw new Error(ERR_SHLEX_EOF);
          throw err;
        }
      case 'filter': {
        if (raw === '') return current;
        const eq = raw.indexOf('=');
        if (eq < 0) throw new Error(ERR_FILTER_FORMAT);
        (current as [string, string][]).push([raw.slice(0, eq).trim().toLowerCase(), raw.slice(eq + 1).trim()]);
        return current;
      }
    }
  }
}

/**
 * Parses `argv` against `defs` exactly as pflag does (cobra adds the persistent `--help`).
 * `interspersed: false` stops at the first positional argument (docker service create).
 */
export function parseFlags(
  argv: readonly string[],
  defs: readonly FlagDef[],
  opts: { interspersed?: boolean } = {},
): ParsedFlags {
  const index = indexOf(defs);
  const { byName, byShort } = index;
  const parsed = new ParsedFlags(index);
  const interspersed = opts.interspersed ?? true;
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i++];
    if (arg.length < 2 || arg[0] !== '-') {
      parsed.args.push(arg);
      if (!interspersed) {
        for (; i < argv.length; i++) parsed.args.push(argv[i]);
        break;
      }
      continue;
    }
    if (arg[1] === '-') {
      if (arg.length === 2) {
        for (; i < argv.length; i++) parsed.args.push(argv[i]);
        break;
      }
      const body = arg.slice(2);
      if (body[0] === '-' || body[0] === '=') throw new FlagError(errBadFlagSyntax(arg));
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const def = byName.get(name);
      if (!def) throw new FlagError(errUnknownFlag(name));
      if (eq >= 0) parsed.set(def, body.slice(eq + 1));
      else if (def.kind === 'bool') parsed.set(def, 'true');
      else if (i < argv.length) parsed.set(def, argv[i++]);
      else throw new FlagError(errFlagNeedsArgument(arg));
      continue;
    }
    // one or more shorthands: -d, -dq, -n3, -n 3, -n=3
    let shorthands = [...arg.slice(1)];
    while (shorthands.length > 0) {
      const c = shorthands[0];
      const def = byShort.get(c);
      if (!def) throw new FlagError(errUnknownShorthand(c, shorthands.join('')));
      let value: string;
      let rest = shorthands.slice(1);
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2).join('');
        rest = [];
      } else if (def.kind === 'bool') {
        value = 'true';
      } else if (shorthands.length > 1) {
        value = rest.join('');
        rest = [];
      } else if (i < argv.length) {
        value = argv[i++];
      } else {
        throw new FlagError(errShortFlagNeedsArgument(c, shorthands.join('')));
      }
      if (def.name === 'help') parsed.notes.push(MSG_HELP_SHORTHAND_DEPRECATED);
      parsed.set(def, value);
      shorthands = rest;
    }
  }
  return parsed;
}
