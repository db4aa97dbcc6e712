// Traces named in the page's URL (`?trace=URL&label=TEXT`, repeatable): fetched under the import limit, read and
// checked as an imported file is.
import { importText } from '../i18n/import-messages.js';
import { t } from '../i18n/messages.js';
import type { LabelledTrace } from '../lab/compare.js';
import { IMPORT_LIMIT_BYTES, ImportError, readImportFile, sizeProblem } from './import-file.js';

/** A `trace=` of the URL with the `label=` after it (its file name when none). */
export interface TraceLink {
  url: string;
  label: string;
}

/** The most traces one URL opens side by side (a whatif of 10 policies, its recording and its recorded policy). */
export const URL_TRACES_LIMIT = 12;

/**
 * What the URL asked for: the traces that loaded, in its order, and what went wrong with the others (one line each).
 */
export interface UrlTraces {
  traces: LabelledTrace[];
  problems: string[];
}

/** The `trace=` / `label=` pairs of a query string, in order; a `label=` before any `trace=` is a problem. */
export function traceLinks(search: string): { links: TraceLink[]; problems: string[] } {
  const links: (TraceLink & { labelled: boolean })[] = [];
  const problems: string[] = [];
  for (const [key, value] of new URLSearchParams(search)) {
    if (key === 'trace') links.push({ url: value, label: fileName(value), labelled: false });
    else if (key !== 'label') continue;
    else if (links.length === 0 || links[links.length - 1].labelled) problems.push(importText.labelAlone(value));
    else Object.assign(links[links.length - 1], { label: value, labelled: true });
  }
  if (links.length > URL_TRACES_LIMIT) problems.push(importText.tooManyTraces(links.length, URL_TRACES_LIMIT));
  return { links: links.slice(0, URL_TRACES_LIMIT).map(({ url, label }) => ({ url, label })), problems };
}

const fileName = (url: string): string => url.replace(/[?#].*$/, '').replace(/^.*\//, '') || url;

/** Fetches and checks each trace the query string names (relative URLs against `base`); never throws. */
export async function loadUrlTraces(search: string, base: string, fetcher: typeof fetch = fetch): Promise<UrlTraces> {
  const { links, problems } = traceLinks(search);
  const loaded = await Promise.all(links.map((link) => loadLink(link, base, fetcher)));
  const traces: LabelledTrace[] = [];
  for (const result of loaded) {
    if (typeof result === 'string') problems.push(result);
    else traces.push(result);
  }
  return { traces, problems: problems.map((problem) => `${t('importError')} ${problem}`) };
}

/** The trace at `link`, or what is wrong with it (`URL: why`). */
async function loadLink(link: TraceLink, base: string, fetcher: typeof fetch): Promise<LabelledTrace | string> {
  let url: URL;
  try {
    url = new URL(link.url, base);
  } catch {
    return `${link.url}: ${importText.badUrl()}`;
  }
  if (link.url.trim() === '' || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return `${link.url}: ${importText.badUrl()}`;
  try {
    const bytes = await fetchCapped(url, link.url, fetcher);
    const imported = await readImportFile(new File([bytes as BlobPart], link.url));
    if (imported.kind !== 'trace') return `${link.url}: ${importText.notTraceFile()}`;
    return { label: link.label, trace: imported.trace };
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The body at `url`, refused past the import limit (told by Content-Length, or counted as it arrives). */
async function fetchCapped(url: URL, name: string, fetcher: typeof fetch): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetcher(url.href);
  } catch (err) {
    throw new ImportError(`${name}: ${importText.unreachable(err instanceof Error ? err.message : String(err))}`);
  }
  if (!response.ok) throw new ImportError(`${name}: ${importText.httpStatus(response.status)}`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooBig = Number.isFinite(declared) ? sizeProblem(name, declared) : null;
  if (tooBig) {
    await response.body?.cancel();
    throw new ImportError(tooBig);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > IMPORT_LIMIT_BYTES) {
      await reader.cancel();
      throw new ImportError(`${name}: ${importText.overLimit(IMPORT_LIMIT_BYTES / 1e6)}`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
