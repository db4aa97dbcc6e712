// `swarmlab whatif --open`: the loopback server (the page and the runs, nothing outside), the browser it starts,
// Ctrl-C, a page not built.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserCommand } from '../../src/cli/open-browser.js';
import { type RunsServer, serveRuns, webDirOf } from '../../src/cli/serve-runs.js';
import { firstRollout } from '../../src/lab/queries.js';
import type { Trace } from '../../src/types.js';
import { main } from '../helpers/main.js';
import { startWhatifOpen } from '../helpers/whatif-open.js';

const RECORDING = 'test/fixtures/conformance/recorded/fail-pause.json';
const root = mkdtempSync(join(tmpdir(), 'swarmlab-serve-'));
const web = join(root, 'web');
mkdirSync(join(web, 'assets'), { recursive: true });
writeFileSync(join(web, 'index.html'), '<!doctype html><title>page</title>');
writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1);');
writeFileSync(join(root, 'secret.txt'), 'not for the page');
symlinkSync(join(root, 'secret.txt'), join(web, 'leak.txt'));
writeFileSync(join(root, 'run.json'), '{"run": 1}');

/** A raw GET (any Host, any path as written, any method): status, content type and body. */
function get(port: number, path: string, options: { host?: string; method?: string } = {}) {
  return new Promise<{ status: number; type: string; body: string }>((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

describe('the runs server', () => {
  let server: RunsServer | undefined;
  afterAll(async () => server?.close());

  it('serves the page and each run on 127.0.0.1, and names them all in the page address', async () => {
    server = await serveRuns(web, [
      { name: 'recording.json', file: join(root, 'run.json'), label: 'recorded (fail-pause.json)' },
      { name: 'policy-1.json', file: join(root, 'run.json'), label: 'policy 1: --update-monitor 30s' },
    ]);
    const port = Number(new URL(server.pageUrl).port);
    expect(server.pageUrl).toBe(
      `http://127.0.0.1:${port}/?trace=runs/recording.json&label=recorded%20(fail-pause.json)` +
        '&trace=runs/policy-1.json&label=policy%201%3A%20--update-monitor%2030s',
    );
    expect(await get(port, '/?trace=runs/recording.json')).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>page</title>',
    });
    expect(await get(port, '/assets/app.js')).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      body: 'console.log(1);',
    });
    expect(await get(port, '/runs/policy-1.json')).toEqual({
      status: 200,
      type: 'application/json',
      body: '{"run": 1}',
    });
  });

  it('refuses what is outside: other paths, escapes, links out, other hosts, other methods', async () => {
    const port = Number(new URL(server!.pageUrl).port);
    const status = async (path: string, options?: { host?: string; method?: string }) =>
      (await get(port, path, options)).status;
    expect(await status('/runs/secret.txt')).toBe(404);
    expect(await status('/runs/../../secret.txt')).toBe(404); // the URL's dot segments stay inside: /secret.txt
    expect(await status('/assets%2F..%2F..%2Fsecret.txt')).toBe(403);
    expect(await status('/..%2Fsecret.txt')).toBe(403);
    expect(await status('/leak.txt')).toBe(403);
    expect(await status('/nothing.js')).toBe(404);
    expect(await status('/', { host: 'attacker.example:80' })).toBe(403);
    expect(await status('/', { method: 'POST' })).toBe(405);
    expect((await get(port, '/leak.txt')).body).not.toContain('not for the page');
  });

  it('listens on the loopback address only', async () => {
    const port = Number(new URL(server!.pageUrl).port);
    await expect(fetch(`http://[::1]:${port}/`)).rejects.toThrow();
    await server!.close();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    server = undefined;
  });
});

describe('the page directory', () => {
  it('SWARMLAB_WEB_DIR names it; without an index.html it says to build the page', () => {
    expect(webDirOf({ SWARMLAB_WEB_DIR: web })).toBe(web);
    expect(() => webDirOf({ SWARMLAB_WEB_DIR: root })).toThrow(
      `swarmlab whatif --open: the page is not built (no index.html in ${root}): run \`npm run build\` first, or set ` +
        'SWARMLAB_WEB_DIR to a built page',
    );
  });

  it('whatif --open with no built page: exit 2 before any run, and why', () => {
    let out = '';
    let err = '';
    const io = {
      out: (text: string | Uint8Array) => {
        out += text;
      },
      err: (text: string) => {
        err += text;
      },
      stdoutIsTty: false,
      env: { SWARMLAB_WEB_DIR: root },
    };
    expect([main(['whatif', RECORDING, '--open'], io), out, err]).toEqual([
      2,
      '',
      `swarmlab whatif --open: the page is not built (no index.html in ${root}): run \`npm run build\` first, or set ` +
        `SWARMLAB_WEB_DIR to a built page\n`,
    ]);
  });
});

describe('the browser', () => {
  const url = 'http://127.0.0.1:5/?trace=runs/a.json';
  it('BROWSER=none opens none; BROWSER names the program (%s: where the address goes); else the system opener', () => {
    expect(browserCommand(url, { BROWSER: 'none' })).toBeNull();
    expect(browserCommand(url, { BROWSER: 'firefox' })).toEqual(['firefox', url]);
    expect(browserCommand(url, { BROWSER: 'chromium --new-window %s:firefox' })).toEqual([
      'chromium',
      '--new-window',
      url,
    ]);
    expect(browserCommand(url, {}, 'linux')).toEqual(['xdg-open', url]);
    expect(browserCommand(url, {}, 'darwin')).toEqual(['open', url]);
  });
});

describe('swarmlab whatif --open (the binary)', () => {
  it('serves the recording and each run, starts $BROWSER on the address, stops at Ctrl-C with the status', async () => {
    const opened = join(root, 'opened.txt');
    const browser = join(root, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > ${opened}\n`);
    chmodSync(browser, 0o755);
    const { child, printed, exited } = startWhatifOpen(RECORDING, { SWARMLAB_WEB_DIR: web, BROWSER: browser });
    const out = await printed;
    const lines = out.split('\n');
    const pageUrl = /^the runs in the page: (http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/.exec(lines.at(-3) ?? '')?.[1] ?? '';
    expect(lines.at(-2)).toBe('serving them on 127.0.0.1 until Ctrl-C');
    const dir = /^wrote (\S+)\/simulated\.json/.exec(lines.at(-4) ?? '')?.[1] ?? '';
    const page = new URL(pageUrl);
    expect([...page.searchParams]).toEqual([
      ['trace', 'runs/recording.json'],
      ['label', 'recorded (fail-pause.json)'],
      ['trace', 'runs/simulated.json'],
      ['label', 'simulated (recorded policy)'],
      ['trace', 'runs/policy-1.json'],
      ['label', 'policy 1: --update-failure-action rollback'],
    ]);
    const run = async (name: string) => (await (await fetch(new URL(`runs/${name}`, page))).json()) as Trace;
    expect(await run('recording.json')).toEqual(JSON.parse(readFileSync(RECORDING, 'utf8')));
    expect(firstRollout(await run('simulated.json')).outcome).toBe('paused');
    expect(firstRollout(await run('policy-1.json')).outcome).toBe('rollback_completed');
    await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8')).toBe(pageUrl);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(dir)).toBe(false); // its own temporary directory, removed
  });
});
