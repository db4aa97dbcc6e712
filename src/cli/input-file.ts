// The one reader of the CLI's input files: a regular file only, its size told against a limit before reading, UTF-8
// text.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Why a file could not be read, in words (`no such file`, `it is a FIFO (named pipe), not a regular file`, …). */
export class InputFileError extends Error {
  constructor(
    readonly reason: string,
    readonly code?: string,
  ) {
    super(reason);
    this.name = 'InputFileError';
  }
}

export interface InputFileKind {
  /** What the file is, in messages: `scenario file`, `trace`. */
  what: string;
  limitBytes: number;
}

/** Reads `path` as UTF-8 text; anything else is an InputError `PATH: cannot read the WHAT (reason)`. */
export function readInputFile(path: string, kind: InputFileKind): string {
  try {
    return readInputText(path, kind);
  } catch (err) {
    if (err instanceof InputFileError) throw new InputError(`${path}: cannot read the ${kind.what} (${err.reason})`);
    throw err;
  }
}

/** Reads `path` as UTF-8 text or throws an InputFileError; a FIFO or device is refused before it is opened. */
export function readInputText(path: string, kind: InputFileKind): string {
  return utf8Text(readInputBytes(path, kind));
}

/** Reads the bytes of `path` (a regular file, at most the kind's limit) or throws an InputFileError. */
export function readInputBytes(path: string, kind: InputFileKind): Buffer {
  const before = statOf(path);
  refuseSpecial(before);
  if (before.size > kind.limitBytes) throw tooBig(sizeOver(before.size, kind.limitBytes), kind);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw systemError(err);
  }
  let bytes: Buffer;
  try {
    refuseSpecial(fstatSync(fd));
    bytes = readAtMost(fd, kind.limitBytes);
  } finally {
    closeSync(fd);
  }
  if (bytes.length > kind.limitBytes) throw tooBig(`over ${megabytes(kind.limitBytes)}`, kind);
  return bytes;
}

/** The text of `bytes`, or why it is not UTF-8 text (never the bytes themselves). */
export function utf8Text(bytes: Buffer): string {
  if (looksUtf16(bytes)) throw new InputFileError('it is UTF-16 text; save it as UTF-8');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputFileError(`it looks like a binary file (a NUL byte at line ${lineAt(bytes, nul)})`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(`not a UTF-8 text file (an invalid byte at line ${invalidLine(bytes)})`);
  }
}

/**
 * A UTF-16 byte order mark, or ASCII text as UTF-16 without the mark: in each of the first 32 byte pairs one byte is
 * NUL, always the same one, and the other a printable ASCII character or a line break (a binary file is not).
 */
function looksUtf16(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const pairs = Math.min(32, bytes.length >> 1);
  if (pairs === 0) return false;
  const nulAt = bytes[0] === 0 ? 0 : 1;
  for (let i = 0; i < pairs; i++) {
    const nul = bytes[2 * i + nulAt];
    const char = bytes[2 * i + 1 - nulAt];
    if (nul !== 0 || !(char === 0x0a || char === 0x0d || char === 0x09 || (char >= 0x20 && char < 0x7f))) return false;
  }
  return true;
}

/** `6.6 GB`, `52.4 MB`, `0.3 MB`. */
export function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${Number((bytes / 1e9).toFixed(1))} GB` : `${Number((bytes / 1e6).toFixed(1))} MB`;
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    throw systemError(err);
  }
}

function refuseSpecial(stats: Stats): void {
  if (stats.isFile()) return;
  if (stats.isDirectory()) throw new InputFileError('it is a directory', 'EISDIR');
  const kind = stats.isFIFO()
    ? 'a FIFO (named pipe)'
    : stats.isSocket()
      ? 'a socket'
      : stats.isCharacterDevice()
        ? 'a character device'
        : stats.isBlockDevice()
          ? 'a block device'
          : 'not a file';
  throw new InputFileError(`it is ${kind}, not a regular file`);
}

/** `52.4 MB`, or the bytes when rounding would make it look like the limit. */
function sizeOver(bytes: number, limitBytes: number): string {
  return megabytes(bytes) === megabytes(limitBytes) ? `${bytes} bytes` : megabytes(bytes);
}

function tooBig(size: string, kind: InputFileKind): InputFileError {
  return new InputFileError(`it is ${size}; a ${kind.what} is read up to ${megabytes(kind.limitBytes)}`);
}

/** At most `limitBytes` + 1 bytes (a file may grow after its stat, and /proc files say they are empty). */
function readAtMost(fd: number, limitBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(chunks, total);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > limitBytes) return Buffer.concat(chunks, total);
  }
}

function systemError(err: unknown): InputFileError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputFileError('no such file', 'ENOENT');
  if (code === 'EISDIR') return new InputFileError('it is a directory', code);
  if (code === 'EACCES' || code === 'EPERM') return new InputFileError('permission denied', code);
  return new InputFileError(err instanceof Error ? err.message : String(err), code);
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Line of the first byte that is not UTF-8 (where the lenient decoder put its first U+FFFD). */
function invalidLine(bytes: Buffer): number {
  const text = bytes.toString('utf8');
  const at = text.indexOf('\uFFFD');
  return text.slice(0, at).split('\n').length;
}
