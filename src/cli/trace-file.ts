// Trace files: `--json` written as JSON or as the compact format (gzipped columns), and read back whichever they hold.
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { compactTrace } from '../trace/compact.js';
import type { Trace } from '../types.js';
import { TRACE_FILE } from './files.js';
import { InputFileError, readInputBytes, utf8Text } from './input-file.js';

export const TRACE_FORMAT_CHOICES = ['auto', 'json', 'compact'] as const;
export type TraceFormatChoice = (typeof TRACE_FORMAT_CHOICES)[number];

/** `auto` writes the compact format to a file above this many events (a 3,500-replica rollout; its JSON is ~15 MB). */
export const AUTO_COMPACT_EVENTS = 100_000;
/** A compact trace's JSON is read up to this size once unzipped (a 100,000-replica rollout's is ~60 MB). */
export const COMPACT_TEXT_LIMIT_BYTES = 400_000_000;

/** The bytes `--json` writes for `traces`: indented JSON text, or the gzipped compact document. */
export function formatTraceOutput(
  traces: readonly Trace[],
  choice: TraceFormatChoice,
  toFile: boolean,
): string | Uint8Array {
  const events = traces.reduce((sum, trace) => sum + trace.events.length, 0);
  const compact = choice === 'compact' || (choice === 'auto' && toFile && events > AUTO_COMPACT_EVENTS);
  if (!compact) return `${JSON.stringify(traces.length === 1 ? traces[0] : traces, null, 2)}\n`;
  const docs = traces.map(compactTrace);
  return gzipSync(`${JSON.stringify(docs.length === 1 ? docs[0] : docs)}\n`);
}

/** Whether `bytes` begin as a gzip stream does. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The text of a trace file, unzipped when it is gzipped (the compact format); an InputError names the file. */
export function readTraceText(path: string): string {
  try {
    const bytes = readInputBytes(path, TRACE_FILE);
    return utf8Text(isGzip(bytes) ? gunzip(bytes) : bytes);
  } catch (err) {
    if (err instanceof InputFileError) throw new InputError(`${path}: cannot read the trace (${err.reason})`);
    throw err;
  }
}

function gunzip(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: COMPACT_TEXT_LIMIT_BYTES });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new InputFileError(`it unzips to over ${COMPACT_TEXT_LIMIT_BYTES / 1e6} MB`);
    throw new InputFileError(`a damaged gzip file: ${err instanceof Error ? err.message : String(err)}`);
  }
}
