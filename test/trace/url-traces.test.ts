// The page's traces from its URL (`?trace=URL&label=TEXT`): pairs read in order, each fetched under the import limit
// and checked, errors in FR and EN.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../web/i18n/messages.js';
import { IMPORT_LIMIT_BYTES } from '../../web/session/import-file.js';
import { loadUrlTraces, traceLinks, URL_TRACES_LIMIT } from '../../web/session/url-traces.js';

const RECORDING = readFileSync('test/fixtures/conformance/recorded/fail-pause.json', 'utf8');
const BASE = 'http://127.0.0.1:4000/';

/** A server in a function: each path's body (or status), and every URL asked for. */
function fakeFetch(bodies: Record<string, string | number | (() => Response)>) {
  const asked: string[] = [];
  const fetcher = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const body = bodies[new URL(url).pathname];
    if (body === undefined) return new Response('not found', { status: 404 });
    if (typeof body === 'function') return body();
    if (typeof body === 'number') throw new TypeError('Failed to fetch');
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetcher, asked };
}

afterEach(() => setLang('fr'));

describe('trace= and label= pairs', () => {
  it('each label names the trace before it; a trace without one is named by its file', () => {
    expect(
      traceLinks('?trace=runs/recording.json&label=recorded&trace=runs/policy-1.json&trace=/x/y.json&label=a%20b'),
    ).toEqual({
      links: [
        { url: 'runs/recording.json', label: 'recorded' },
        { url: 'runs/policy-1.json', label: 'policy-1.json' },
        { url: '/x/y.json', label: 'a b' },
      ],
      problems: [],
    });
  });

  it('a label with no trace before it, and traces past the limit, are said', () => {
    const many = Array.from({ length: URL_TRACES_LIMIT + 1 }, (_, i) => `trace=t${i}.json`).join('&');
    const { links, problems } = traceLinks(`?label=lost&${many}`);
    expect(links.length).toBe(URL_TRACES_LIMIT);
    expect(problems).toEqual([
      'label=lost : aucun trace= avant lui',
      `l’adresse nomme 13 traces ; la page en ouvre 12 au plus (les suivantes ne sont pas ouvertes)`,
    ]);
  });
});

describe('loading the traces', () => {
  it('fetches each one relative to the page and reads it as an import does, in the URL order', async () => {
    const { fetcher, asked } = fakeFetch({ '/runs/recording.json': RECORDING, '/runs/simulated.json': RECORDING });
    const { traces, problems } = await loadUrlTraces(
      '?trace=runs/recording.json&label=recorded&trace=runs/simulated.json&label=simulated',
      BASE,
      fetcher,
    );
    expect(problems).toEqual([]);
    expect(asked).toEqual([`${BASE}runs/recording.json`, `${BASE}runs/simulated.json`]);
    expect(traces.map((t) => [t.label, t.trace.scenario, t.trace.events.length])).toEqual([
      ['recorded', JSON.parse(RECORDING).scenario, JSON.parse(RECORDING).events.length],
      ['simulated', JSON.parse(RECORDING).scenario, JSON.parse(RECORDING).events.length],
    ]);
  });

  it('bad addresses, missing files, a server down, a file that is not a trace: each said, in French', async () => {
    const { fetcher } = fakeFetch({
      '/down.json': 0,
      '/bad.json': '{"scenario": "x", "events": [{"t_ms": 0, "type": "boom"}]}',
      '/drill.yaml': 'steps:\n  - docker service create --name web nginx:1.25\n',
      '/ok.json': RECORDING,
    });
    const search =
      '?trace=javascript:alert(1)&trace=file:///etc/passwd&trace=&trace=missing.json&trace=down.json' +
      '&trace=bad.json&trace=drill.yaml&trace=ok.json&label=ok';
    const { traces, problems } = await loadUrlTraces(search, BASE, fetcher);
    expect(traces.map((t) => t.label)).toEqual(['ok']);
    expect(problems).toEqual([
      'Fichier refusé : javascript:alert(1): adresse invalide (attendu une URL http ou https)',
      'Fichier refusé : file:///etc/passwd: adresse invalide (attendu une URL http ou https)',
      'Fichier refusé : : adresse invalide (attendu une URL http ou https)',
      'Fichier refusé : missing.json: le serveur a répondu HTTP 404',
      'Fichier refusé : down.json: impossible de charger la trace (Failed to fetch)',
      'Fichier refusé : bad.json: pas une trace swarmlab (events[0].type : attendu l’une des valeurs command, ' +
        'output, node, service_spec, update_status, task_created, task_state, task_desired, task_node, task_removed, ' +
        'container, updater, fault, reçu "boom")',
      'Fichier refusé : drill.yaml: pas une trace JSON (un scénario ou un fichier compose)',
    ]);
  });

  it('the same in English', async () => {
    setLang('en');
    const { fetcher } = fakeFetch({ '/down.json': 0 });
    const { problems } = await loadUrlTraces('?trace=javascript:x&trace=missing.json&trace=down.json', BASE, fetcher);
    expect(problems).toEqual([
      'File refused: javascript:x: not a valid address (expected an http or https URL)',
      'File refused: missing.json: the server answered HTTP 404',
      'File refused: down.json: the trace could not be loaded (Failed to fetch)',
    ]);
  });

  it('past the 25 MB import limit: refused from its Content-Length, or as it arrives when it has none', async () => {
    setLang('en');
    let pulled = 0;
    const chunk = new Uint8Array(1_000_000).fill(0x20);
    const endless = () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            pulled += chunk.length;
            controller.enqueue(chunk);
          },
        }),
      );
    const declared = () =>
      new Response(new Uint8Array(10), { headers: { 'content-length': String(IMPORT_LIMIT_BYTES + 1_000_000) } });
    const { fetcher } = fakeFetch({ '/declared.json': declared, '/endless.json': endless });
    const { traces, problems } = await loadUrlTraces('?trace=declared.json&trace=endless.json', BASE, fetcher);
    expect(traces).toEqual([]);
    expect(problems).toEqual([
      'File refused: declared.json: the file is 26 MB; the sandbox imports files up to 25 MB',
      'File refused: endless.json: the file is over 25 MB; the sandbox imports files up to 25 MB',
    ]);
    expect(pulled).toBeLessThanOrEqual(IMPORT_LIMIT_BYTES + 3 * chunk.length); // it stopped reading
  });
});
