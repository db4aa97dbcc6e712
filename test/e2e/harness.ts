// e2e harness: builds the site with vite into a temp dir, serves it on 127.0.0.1 (random port), drives Debian's chromium headless.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface Harness {
  browser: Browser;
  server: Server;
  baseUrl: string;
  buildMs: number;
  dist: string;
}

export async function startHarness(): Promise<Harness> {
  const started = performance.now();
  // Each test file builds into its own directory: files run in parallel workers.
  const DIST = mkdtempSync(join(tmpdir(), 'swarmlab-web-'));
  // vitest sets NODE_ENV=test, which would make Vite pick the libraries' development builds (Lit's dev mode).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      root: join(ROOT, 'web'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: DIST, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const buildMs = performance.now() - started;
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    let file = join(DIST, path || 'index.html');
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { browser, server, baseUrl: `http://127.0.0.1:${port}/`, buildMs, dist: DIST };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.browser.close();
  await new Promise<void>((done) => (h ? h.server.close(() => done()) : done()));
  if (h) rmSync(h.dist, { recursive: true, force: true });
}

/** A fresh page at 1280×720 that only talks to the loopback server. */
export async function openPage(h: Harness, fragment = ''): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.route('**/*', (route) => (route.request().url().startsWith(h.baseUrl) ? route.continue() : route.abort()));
  page.on('pageerror', (err) => console.error('page error:', err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      console.error(`page console ${message.type()}:`, message.text());
  });
  await page.goto(h.baseUrl + fragment);
  await page.locator('swarm-console input').waitFor();
  return page;
}

/** Types a line in the console, lets the replay run at max speed until the line returns (where it stops), then to the end. */
export async function typeCommand(page: Page, line: string): Promise<void> {
  await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
  const input = page.locator('swarm-console input');
  await input.fill(line);
  await input.press('Enter');
  await waitForStop(page);
  await page.evaluate(() => {
    const app = document.querySelector('swarm-app') as unknown as {
      replay: { cursorMs: number; durationMs: number; send(e: unknown): void };
    };
    if (app.replay.cursorMs < app.replay.durationMs) app.replay.send({ type: 'PLAY' });
  });
  await waitForEnd(page);
}

/** Waits until the replay is paused (a typed line plays until it returns). */
export async function waitForStop(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !(document.querySelector('swarm-app') as unknown as { replay: { playing: boolean } }).replay.playing,
    undefined,
    { timeout: 20_000 },
  );
}

/** The replay cursor, in virtual ms. */
export const cursorOf = (page: Page): Promise<number> =>
  page.evaluate(
    () => (document.querySelector('swarm-app') as unknown as { replay: { cursorMs: number } }).replay.cursorMs,
  );

export async function waitForEnd(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const app = document.querySelector('swarm-app') as unknown as {
        replay: { cursorMs: number; durationMs: number; playing: boolean };
      };
      return !app.replay.playing && app.replay.cursorMs >= app.replay.durationMs;
    },
    undefined,
    { timeout: 20_000 },
  );
}

export const screenshot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

export const readText = (file: string) => readFileSync(join(ROOT, file), 'utf8');
