// docker/cli formatter package: Context.Write (table/raw/json/custom formats), PrettyPrint, Ellipsis, TruncateID,
// natural sort.

import type { CommandResult } from '../commands/result.js';
import { memoize } from '../memo.js';
import {
  DAEMON_ERROR_PREFIX,
  ERR_FILTER_FORMAT,
  errInvalidFilter,
  TEMPLATE_PARSING_ERROR_PREFIX,
} from '../messages.js';
import { type GoStruct, goJson } from './gojson.js';
import { executeGoTemplate, parseGoTemplate, TemplateError } from './gotemplate.js';
import { charWidth, tabwrite } from './tabwriter.js';

/** An error the docker CLI prints on stderr before exiting 1 (e.g. `template parsing error: ...`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** What a failed command prints: the message on stderr, exit 1 (docker CLI's main). */
export function errorResult(error: unknown, stdout = ''): CommandResult {
  if (error instanceof CliError) return { stdout, stderr: `${error.message}\n`, exitCode: error.exitCode };
  throw error;
}

/** Turn `-f key=value` flags into a filter map (keys lower-cased and trimmed, like docker's filters.ParseFlag). */
export function parseFilters(raw: readonly string[] = []): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const arg of raw) {
    const eq = arg.indexOf('=');
    if (eq === -1) throw new CliError(`invalid argument "${arg}" for "-f, --filter" flag: ${ERR_FILTER_FORMAT}`, 125);
    const key = arg.slice(0, eq).trim().toLowerCase();
    const values = filters.get(key) ?? [];
    values.push(arg.slice(eq + 1).trim());
    filters.set(key, values);
  }
  return filters;
}

/** The daemon rejects filter keys it does not know: `Error response from daemon: invalid filter 'x'`. */
export function validateFilterKeys(filters: Map<string, string[]>, accepted: readonly string[]): void {
  for (const key of filters.keys()) {
    if (!accepted.includes(key)) throw new CliError(DAEMON_ERROR_PREFIX + errInvalidFilter(key));
  }
}

/** formatter.PrettyPrint / capitalizeFirst: first letter upper-cased, the rest lower-cased ("running" → "Running"). */
export function prettyPrint(text: string): string {
  if (text.length === 0) return text;
  if (text.length === 1) return text.toLowerCase();
  return text[0].toUpperCase() + text.slice(1).toLowerCase();
}

/** formatter.Ellipsis: cut to `maxWidth` display columns, the last one being `…`. */
export function ellipsis(text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  const chars = Array.from(text);
  if (maxWidth === 1) return chars[0] ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included.
  if (/^[\x00-\x7f]*$/.test(text)) return text.length <= maxWidth ? text : `${text.slice(0, maxWidth - 1)}…`;
  const ends: number[] = [];
  let width = 0;
  for (const char of chars) ends.push((width += charWidth(char)));
  if (width <= maxWidth) return text;
  for (let i = 0; i + 1 < ends.length; i++) {
    if (ends[i] <= maxWidth - 1 && ends[i + 1] > maxWidth - 1) return `${chars.slice(0, i + 1).join('')}…`;
  }
  return text;
}

/** stringid.TruncateID: drop an `algo:` prefix, keep 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const bare = colon >= 0 ? id.slice(colon + 1) : id;
  return bare.length > 12 ? bare.slice(0, 12) : bare;
}

const isDigit = (unit: number) => unit >= 0x30 && unit <= 0x39;
const utf8 = new TextEncoder();
/** A differing code unit from here on may order otherwise in UTF-16 than in UTF-8 (surrogates, U+E000 and up). */
const SURROGATES = 0xd800;

interface Units {
  length: number;
  [index: number]: number;
}

/**
 * fvbommel/sortorder NaturalLess as a comparator (-1, 0, 1): digit runs compare as numbers (`web.2` < `web.10`),
 * digits before other bytes, over UTF-8 bytes. Strings are compared by code unit, which orders as their UTF-8 bytes
 * do, except where two differing units are surrogates or above: those are compared again as UTF-8.
 */
export function naturalCompare(left: string, right: string): number {
  const order = naturalOrder(left, right, (text, i) => text.charCodeAt(i));
  return Number.isNaN(order) ? naturalOrder(utf8.encode(left), utf8.encode(right), (bytes, i) => bytes[i]) : order;
}

/** The walk of NaturalLess: the sign of its first decision; NaN when code units above SURROGATES decided it. */
function naturalOrder<T extends Units | string>(a: T, b: T, at: (seq: T, i: number) => number): number {
  const differ = (x: number, y: number) => (x >= SURROGATES || y >= SURROGATES ? NaN : x < y ? -1 : 1);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const digitA = isDigit(at(a, i));
    const digitB = isDigit(at(b, j));
    if (digitA !== digitB) return digitA ? -1 : 1;
    if (!digitA) {
      if (at(a, i) !== at(b, j)) return differ(at(a, i), at(b, j));
      i++;
      j++;
      continue;
    }
    while (i < a.length && at(a, i) === 0x30) i++;
    while (j < b.length && at(b, j) === 0x30) j++;
    const startA = i;
    const startB = j;
    while (i < a.length && isDigit(at(a, i))) i++;
    while (j < b.length && isDigit(at(b, j))) j++;
    if (i - startA !== j - startB) return i - startA < j - startB ? -1 : 1;
    for (let k = 0; k < i - startA; k++) {
      if (at(a, startA + k) !== at(b, startB + k)) return at(a, startA + k) < at(b, startB + k) ? -1 : 1;
    }
    if (startA !== startB) return startA < startB ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*' +
  '|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?` +
    '(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$',
);

/**
 * The IMAGE column (distribution/reference): a reference with a tag is shown as its familiar `name:tag`
 * (digest dropped, `docker.io/library/` removed); anything else is shown as stored.
 */
export function familiarImage(image: string): string {
  return familiarImages(image);
}

function familiarName(image: string): string {
  if (/^[a-f0-9]{64}$/.test(image)) return image;
  const match = REFERENCE.exec(image);
  if (!match?.[2]) return image;
  let name = match[1];
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasDomain =
    slash !== -1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first);
  if (!hasDomain && /[A-Z]/.test(name)) return image;
  if (hasDomain && (first === 'docker.io' || first === 'index.docker.io')) name = name.slice(slash + 1);
  if (
    name.startsWith('library/') &&
    name.split('/').length === 2 &&
    (!hasDomain || first === 'docker.io' || first === 'index.docker.io')
  ) {
    name = name.slice('library/'.length);
  }
  return `${name}:${match[2]}`;
}

/** familiarImage of recently seen images: a table lists the same few images on thousands of rows. */
const familiarImages = memoize(familiarName, 1_000);

/** What `formatter.Context.preFormat` makes of a --format value. */
function finalFormat(format: string): { source: string; table: boolean } {
  const table = format.startsWith('table');
  let source = table ? format.slice('table'.length) : format === 'json' ? '{{json .}}' : format;
  source = source
    .replace(/^ +| +$/g, '')
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n');
  return { source, table };
}

/**
 * formatter.Context.Write: every row rendered and followed by a newline; a `table` format gets the header row
 * (the template run over the header names with docker's header functions) and tabwriter alignment.
 * Throws CliError `template parsing error: ...` for a bad template or a failed execution.
 */
export function formatWrite(
  format: string,
  rows: readonly GoStruct[],
  header: Readonly<Record<string, string>>,
): string {
  const { source, table } = finalFormat(format);
  const wrap = (error: unknown): never => {
    if (error instanceof TemplateError) throw new CliError(TEMPLATE_PARSING_ERROR_PREFIX + error.message);
    throw error;
  };
  let template: ReturnType<typeof parseGoTemplate>;
  try {
    template = parseGoTemplate(source);
  } catch (error) {
    return wrap(error);
  }
  let body = '';
  for (const row of rows) {
    try {
      body += `${executeGoTemplate(template, row)}\n`;
    } catch (error) {
      wrap(error);
    }
  }
  if (!table) return body;
  let headerLine: string;
  try {
    headerLine = executeGoTemplate(template, { ...header }, { funcs: 'header' });
  } catch (error) {
    // docker ignores header errors and keeps what was written before the failure
    headerLine = error instanceof TemplateError ? error.partialOutput : wrap(error);
  }
  return tabwrite(`${headerLine}\n${body}`);
}

/**
 * docker/cli inspect.Inspect for objects found (`views`) and lookup errors (`errors`): empty format = indented JSON
 * array, `json` = compact, else the template per object (a failing one adds its error). Errors go to stderr, exit 1.
 */
export function inspectWrite(
  views: readonly GoStruct[],
  lookupErrors: readonly string[],
  format: string,
): CommandResult {
  const errors = [...lookupErrors];
  const finish = (stdout: string): CommandResult => ({
    stdout,
    stderr: errors.map((e) => `${e}\n`).join(''),
    exitCode: errors.length ? 1 : 0,
  });
  if (format === '' || format === 'json') {
    return finish(views.length === 0 ? '[]\n' : `${goJson(views, { indent: format === '' ? '    ' : '' })}\n`);
  }
  let template: ReturnType<typeof parseGoTemplate>;
  try {
    template = parseGoTemplate(format);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { stdout: '', stderr: `${TEMPLATE_PARSING_ERROR_PREFIX}${error.message}\n`, exitCode: 1 };
  }
  let out = '';
  for (const view of views) {
    try {
      out += `${executeGoTemplate(template, view)}\n`;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      errors.push(TEMPLATE_PARSING_ERROR_PREFIX + error.message);
    }
  }
  return finish(out || '\n');
}
