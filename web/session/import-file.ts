// Reads an imported file: a trace (the CLI's --json), a scenario (YAML with steps:) or a compose file; bad files throw
// a clear message.
import { parse as parseYaml } from 'yaml';
import {
  checkTraceValue,
  defaultClusterConfig,
  defaultNodes,
  eventLinesProblem,
  InputError,
  type Scenario,
  type Trace,
} from '../../src/browser.js';
import { composeToSpecs, loadScenario } from '../../src/browser-on-demand.js';
import { importText } from '../i18n/import-messages.js';
import { getLang } from '../i18n/messages.js';
import { loadYaml } from '../yaml-on-demand.js';

// Scenario and compose files are YAML: the parser comes with this chunk, not with the page's first load.
await loadYaml();

export type Imported =
  | { kind: 'trace'; trace: Trace }
  | { kind: 'scenario'; scenario: Scenario; text: string }
  | { kind: 'compose'; scenario: Scenario };

/** Why a file was refused; `text` gives it in the page's current language (a notice re-reads it on a switch). */
export class ImportError extends Error {
  readonly #text: () => string;

  constructor(text: string | (() => string)) {
    super(typeof text === 'string' ? text : text());
    this.#text = typeof text === 'string' ? () => text : text;
  }

  /** The reason in the page's current language. */
  text(): string {
    return this.#text();
  }
}

/**
 * The largest file the sandbox imports. Measured in chromium here: a 5,000-replica rollout (21.6 MB) imports in 2.8 s,
 * 12,000 replicas (52 MB) froze the page for 25 s.
 */
export const IMPORT_LIMIT_BYTES = 25_000_000;

const megabytes = (bytes: number) => `${Number((bytes / 1e6).toFixed(1))} MB`;

/** The UTF-8 size of `text`, counted only when it could be over the limit (a string of n units is n to 3n bytes). */
function utf8Bytes(text: string): number {
  if (text.length * 3 <= IMPORT_LIMIT_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A file too large to import gets this message (its size and the limit); null when it fits. */
export function sizeProblem(file: string, bytes: number): string | null {
  return bytes > IMPORT_LIMIT_BYTES
    ? `${file}: ${importText.tooBig(megabytes(bytes), megabytes(IMPORT_LIMIT_BYTES))}`
    : null;
}

/** Reads a picked or dropped file: its size is told before reading (gigabytes as text would exhaust the tab). */
export async function readImportFile(file: File): Promise<Imported> {
  const tooBig = sizeProblem(file.name, file.size);
  if (tooBig) throw new ImportError(tooBig);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new ImportError(file.name);
  }
  // A compact trace (swarmlab run --json --trace-format compact) is gzipped: the limit above was its zipped size.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return readImport(await gunzipText(bytes, file.name), file.name, true);
  return readImport(new TextDecoder().decode(bytes), file.name);
}

/** The largest text a gzipped trace may unzip to (a 100,000-replica rollout's compact trace is ~60 MB). */
const UNZIPPED_LIMIT_BYTES = 400_000_000;

async function gunzipText(bytes: Uint8Array, file: string): Promise<string> {
  const bad = () => new ImportError(() => `${file}: ${importText.badGzip(megabytes(UNZIPPED_LIMIT_BYTES))}`);
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      total += value.length;
      if (total > UNZIPPED_LIMIT_BYTES) {
        await reader.cancel();
        throw bad();
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (err) {
    throw err instanceof ImportError ? err : bad();
  }
}

/**
 * A trace as `swarmlab run --json` writes it (one trace, or the first of several), checked down to every event field.
 */
function checkTrace(value: unknown, file: string): Trace {
  const checked = checkTraceValue(value);
  const problem = checked.problem;
  if (problem !== undefined) throw new ImportError(() => `${file}: ${importText.notTrace(problem)}`);
  return checked.trace;
}

/** A compose file on a 3-node cluster, deployed as a stack named after the file. */
function composeScenario(text: string, file: string): Scenario {
  const stack = (
    file
      .replace(/^.*\//, '')
      .replace(/\.(ya?ml)$/i, '')
      .replace(/[^a-zA-Z0-9_-]/g, '') || 'stack'
  ).toLowerCase();
  const name = file.replace(/^.*\//, '');
  return {
    name: stack,
    description: '',
    seed: 1,
    file,
    cluster: { ...defaultClusterConfig(), nodes: defaultNodes(3) },
    files: { [name]: text },
    steps: [
      { kind: 'command', text: `docker stack deploy -c ${name} ${stack}`, at: { file, line: 1 } },
      { kind: 'wait', until: 'converged', at: { file, line: 1 } },
    ],
  };
}

/** `unzipped`: the text of a gzipped file, whose size was told against the limit before it was unzipped. */
export function readImport(text: string, file: string, unzipped = false): Imported {
  const tooBig = unzipped ? null : sizeProblem(file, utf8Bytes(text));
  if (tooBig) throw new ImportError(tooBig);
  const trimmed = text.trimStart();
  if (trimmed === '') throw new ImportError(() => `${file}: ${importText.empty()}`);
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(file)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const lines = eventLinesProblem(text);
      const detail = err instanceof Error ? err.message : String(err);
      throw new ImportError(() => `${file}: ${lines ?? importText.invalidJson(detail)}`);
    }
    return { kind: 'trace', trace: checkTrace(value, file) };
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ImportError(() => `${file}: ${importText.invalidYaml(detail)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ImportError(() => `${file}: ${importText.notScenario()}`);
  const keys = Object.keys(doc);
  try {
    if (keys.includes('steps')) return { kind: 'scenario', scenario: loadScenario(text, file), text };
    if (keys.includes('services')) {
      // Checked as the stack deploy will read it (the page has no environment): a bad file is refused here.
      composeToSpecs(text, file, 'check', { env: {} });
      return { kind: 'compose', scenario: composeScenario(text, file) };
    }
  } catch (err) {
    if (err instanceof InputError) throw new ImportError(() => err.inLang(getLang()));
    throw new ImportError(err instanceof Error ? err.message : String(err));
  }
  throw new ImportError(() => `${file}: ${importText.notScenario()}`);
}
