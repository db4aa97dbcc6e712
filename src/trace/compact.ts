// The compact trace format (docs/trace-format.md): tasks and events as columns over one string table, integers
// delta-coded; lossless.
import { StringTable } from '../string-table.js';
import type { Trace } from '../types.js';

/** The `format` field of a compact trace document, and the version this code writes and reads. */
export const COMPACT_TRACE_FORMAT = 'swarmlab-trace-columns';
export const COMPACT_TRACE_VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
/** A record's keys in order: `[key, column]` for a leaf value, `[key, shape]` for a nested object. */
type Shape = [string, number | Shape][];
/**
 * `s`: string-table indices, `i`: safe integers, both delta-coded from the previous value of the column; `v`: values as
 * they are.
 */
type ColumnKind = 's' | 'i' | 'v';

interface Column {
  kind: ColumnKind;
  values: Json[];
}

interface RecordTable {
  count: number;
  shapes: Shape[];
  /** The shape index of each record. */
  shape: number[];
  columns: Column[];
}

export interface CompactTrace {
  format: typeof COMPACT_TRACE_FORMAT;
  version: number;
  strings: string[];
  [key: string]: Json;
}

/** Why a compact document cannot be read, in words (`events: column 3 ends before record 12`). */
export class CompactTraceError extends Error {}

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const kindOf = (value: Json): ColumnKind =>
  typeof value === 'string'
    ? 's'
    : typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)
      ? 'i'
      : 'v';

/** Builds the columns of one table; strings go to the shared table. */
class TableWriter {
  private readonly columns: Column[] = [];
  private readonly lastOf: number[] = [];
  /** Column index by path and kind: `JSON.stringify(path) + kind`. */
  private readonly columnIds = new Map<string, number>();
  private readonly shapeIds = new Map<string, number>();
  private readonly shapes: Shape[] = [];
  private readonly shapeColumn: number[] = [];

  constructor(private readonly strings: StringTable) {}

  add(record: JsonObject): void {
    const signature: string[] = [];
    const shape = this.walk(record, '', signature);
    const key = signature.join(',');
    let id = this.shapeIds.get(key);
    if (id === undefined) {
      id = this.shapes.length;
      this.shapes.push(shape);
      this.shapeIds.set(key, id);
    }
    this.shapeColumn.push(id);
  }

  private walk(record: JsonObject, path: string, signature: string[]): Shape {
    const shape: Shape = [];
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (value === undefined) continue; // as JSON.stringify leaves it out
      const keyPath = `${path}${JSON.stringify(key)}/`;
      if (isPlainObject(value)) {
        signature.push(`{${JSON.stringify(key)}`);
        shape.push([key, this.walk(value, keyPath, signature)]);
        signature.push('}');
      } else {
        const column = this.put(keyPath, value);
        signature.push(String(column));
        shape.push([key, column]);
      }
    }
    return shape;
  }

  private put(path: string, value: Json): number {
    const kind = kindOf(value);
    const id = `${path}${kind}`;
    let column = this.columnIds.get(id);
    if (column === undefined) {
      column = this.columns.length;
      this.columns.push({ kind, values: [] });
      this.lastOf.push(0);
      this.columnIds.set(id, column);
    }
    const values = this.columns[column].values;
    if (kind === 'v') values.push(value);
    else {
      const number = kind === 's' ? this.strings.index(value as string) : (value as number);
      values.push(number - this.lastOf[column]);
      this.lastOf[column] = number;
    }
    return column;
  }

  table(): RecordTable {
    return { count: this.shapeColumn.length, shapes: this.shapes, shape: this.shapeColumn, columns: this.columns };
  }
}

function encodeTable(records: readonly unknown[], strings: StringTable): RecordTable {
  const writer = new TableWriter(strings);
  for (const record of records) writer.add(record as JsonObject);
  return writer.table();
}

/** The compact document of `trace`: its own fields as they are, `tasks` and `events` as tables. */
export function compactTrace(trace: Trace): CompactTrace {
  const strings = new StringTable();
  const fields: Record<string, Json> = {};
  for (const [key, value] of Object.entries(trace)) {
    fields[key] = key === 'tasks' || key === 'events' ? (encodeTable(value, strings) as unknown as Json) : value;
  }
  return { format: COMPACT_TRACE_FORMAT, version: COMPACT_TRACE_VERSION, strings: strings.list, ...fields };
}

/** Whether a parsed JSON value is a compact trace document (of any version). */
export function isCompactTrace(value: unknown): value is CompactTrace {
  return isPlainObject(value) && value.format === COMPACT_TRACE_FORMAT;
}

/** The trace a compact document holds, exactly as it was written; a CompactTraceError when the document is damaged. */
export function expandTrace(doc: CompactTrace): Trace {
  if (doc.version !== COMPACT_TRACE_VERSION)
    throw new CompactTraceError(
      `version ${JSON.stringify(doc.version)}; this swarmlab reads version ${COMPACT_TRACE_VERSION}`,
    );
  if (!Array.isArray(doc.strings) || !doc.strings.every((s) => typeof s === 'string'))
    throw new CompactTraceError('strings: expected a list of strings');
  const trace: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'format' || key === 'version' || key === 'strings') continue;
    trace[key] = key === 'tasks' || key === 'events' ? decodeTable(value, doc.strings, key) : value;
  }
  return trace as unknown as Trace;
}

/** A parsed trace file's value with any compact document in it expanded (a list as `run --json` of several files). */
export function expandTraces(value: unknown): unknown {
  if (isCompactTrace(value)) return expandTrace(value);
  if (Array.isArray(value) && value.some(isCompactTrace))
    return value.map((item) => (isCompactTrace(item) ? expandTrace(item) : item));
  return value;
}

/** One column being read: its next value, undone from its delta coding. */
interface ColumnReader {
  next(): Json;
}

function columnReader(column: unknown, strings: readonly string[], where: string): ColumnReader {
  if (!isPlainObject(column) || !Array.isArray(column.values) || !['s', 'i', 'v'].includes(column.kind as string))
    throw new CompactTraceError(`${where}: expected {kind: s|i|v, values: [...]}`);
  const values = column.values;
  let at = 0;
  let last = 0;
  const take = (): Json => {
    if (at >= values.length) throw new CompactTraceError(`${where}: ends before its last record`);
    return values[at++];
  };
  if (column.kind === 'v') return { next: take };
  return {
    next: () => {
      const delta = take();
      if (typeof delta !== 'number') throw new CompactTraceError(`${where}[${at - 1}]: expected a number`);
      last += delta;
      if (column.kind === 'i') return last;
      const text = strings[last];
      if (text === undefined) throw new CompactTraceError(`${where}[${at - 1}]: no string ${last} in the table`);
      return text;
    },
  };
}

function decodeTable(value: unknown, strings: readonly string[], name: string): JsonObject[] {
  if (
    !isPlainObject(value) ||
    !Array.isArray(value.shapes) ||
    !Array.isArray(value.shape) ||
    !Array.isArray(value.columns)
  )
    throw new CompactTraceError(`${name}: expected {count, shapes, shape, columns}`);
  const readers = value.columns.map((column, i) => columnReader(column, strings, `${name}.columns[${i}]`));
  const builders = value.shapes.map((shape, i) => shapeBuilder(shape, readers, `${name}.shapes[${i}]`));
  const records: JsonObject[] = new Array(value.shape.length);
  for (let i = 0; i < value.shape.length; i++) {
    const build = builders[value.shape[i] as number];
    if (build === undefined) throw new CompactTraceError(`${name}.shape[${i}]: no such shape`);
    records[i] = build();
  }
  return records;
}

/** A function that builds one record of `shape`, reading each leaf from its column. */
function shapeBuilder(shape: unknown, readers: readonly ColumnReader[], where: string): () => JsonObject {
  if (!Array.isArray(shape)) throw new CompactTraceError(`${where}: expected a list of [key, column or shape]`);
  const parts = shape.map((entry, i) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string')
      throw new CompactTraceError(`${where}[${i}]: expected [key, column or shape]`);
    const [key, target] = entry as [string, unknown];
    if (typeof target === 'number') {
      const reader = readers[target];
      if (reader === undefined) throw new CompactTraceError(`${where}[${i}]: no column ${target}`);
      return { key, read: () => reader.next() };
    }
    return { key, read: shapeBuilder(target, readers, `${where}[${i}]`) as () => Json };
  });
  return () => {
    const record: JsonObject = {};
    for (const part of parts) {
      if (part.key === '__proto__') Object.defineProperty(record, part.key, { value: part.read(), enumerable: true });
      else record[part.key] = part.read();
    }
    return record;
  };
}
