// e2e harness: serves the page built once per run (site-build.ts) on 127.0.0.1 (random port), drives Debian's
// chromium headless; opens pages at a size and language, runs axe-core, moves the focus and the replay cursor.

import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT, sharedSite } from './site-build.js';

export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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
  /** This file built `dist` alone and removes it (else the run's shared build, removed with the run's root). */
  ownsDist: boolean;
}

export async function startHarness(): Promise<Harness> {
  const started = performance.now();
  const { dist: DIST, owned } = await sharedSite();
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
  return { browser, server, baseUrl: `http://127.0.0.1:${port}/`, buildMs, dist: DIST, ownsDist: owned };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h?.browser) return;
  await h.browser.close();
  await new Promise<void>((done) => h.server.close(() => done()));
  if (h.ownsDist) rmSync(h.dist, { recursive: true, force: true });
}

/**
 * The test file's harness: started before its first test, stopped after its last (after the file's own `afterAll`s,
 * which vitest runs in reverse order). The object is empty until the file's `beforeAll`s run.
 */
export function useHarness(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness());
  });
  afterAll(async () => stopHarness(h));
  return h;
}

export interface PageOptions {
  /** Viewport, 1280×720 unless told. */
  width?: number;
  height?: number;
  /** The page's language, chosen before it loads (the page's own default, French, unless told). */
  lang?: 'fr' | 'en';
  /** The only origin the page may talk to: the harness's server unless told. */
  origin?: string;
}

/** A fresh blank page that only talks to one origin and reports its errors on the test's stderr. */
export async function newPage(h: Harness, options: PageOptions = {}): Promise<Page> {
  const { width = 1280, height = 720, lang, origin = h.baseUrl } = options;
  const page = await h.browser.newPage({ viewport: { width, height } });
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  if (lang) await page.addInitScript((chosen) => localStorage.setItem('swarmlab.lang', chosen), lang);
  page.on('pageerror', (err) => console.error('page error:', err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      console.error(`page console ${message.type()}:`, message.text());
  });
  return page;
}

/** A fresh page (1280×720 unless told) on the served site, once its console is drawn. */
export async function openPage(h: Harness, fragment = '', options: PageOptions = {}): Promise<Page> {
  const page = await newPage(h, options);
  await page.goto(h.baseUrl + fragment);
  await page.locator('swarm-console input').waitFor();
  return page;
}

/** Chooses lesson `id` in the header and waits until it is open (its content is fetched on demand) and drawn. */
export async function chooseLesson(page: Page, id: string): Promise<void> {
  await page.locator('header select.lesson-select').selectOption(id);
  await lessonOpen(page, id);
}

/** Waits until lesson `id` is the open one (chosen, or named by a share link) and the page has drawn it. */
export async function lessonOpen(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (want) => (document.querySelector('swarm-app') as unknown as { lesson: { id: string } | null }).lesson?.id === want,
    id,
  );
  await page.evaluate(
    () => (document.querySelector('swarm-app') as unknown as { updateComplete: Promise<unknown> }).updateComplete,
  );
}

/** axe-core's violations on the page as `rule: target` lines (empty when the page passes). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run(): Promise<{ violations: { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }>;
      };
    };
    const result = await axe.run();
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.trim()),
    );
  });
}

/** Moves the replay cursor to `tMs` (virtual ms) and waits for the page to draw it. */
export async function seekTo(page: Page, tMs: number): Promise<void> {
  await page.evaluate(async (t) => {
    const app = document.querySelector('swarm-app') as unknown as {
      replay: { send(e: unknown): void };
      updateComplete: Promise<unknown>;
    };
    app.replay.send({ type: 'SEEK', tMs: t });
    await app.updateComplete;
  }, tMs);
}

/**
 * Types a line in the console, lets the replay run at max speed until the line returns (where it stops), then to the
 * end.
 */
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

/** The focused element through the shadow roots, as `tag.class`. */
export const focusedElement = (page: Page): Promise<string> =>
  page.evaluate(() => {
    let at = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    return at ? `${at.tagName.toLowerCase()}.${at.getAttribute('class') ?? ''}`.trim() : '';
  });

/** Presses `key` (Tab by default), at most `most` times, until `wanted` (as `focusedElement` names it) is focused. */
export async function pressUntilFocused(page: Page, wanted: string, key = 'Tab', most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if ((await focusedElement(page)) === wanted) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${wanted}; at ${await focusedElement(page)}`);
}

/** Presses Tab at least once, until `wanted` has the focus (at most `most` presses); resolves to the presses made. */
export async function tabUntil(page: Page, wanted: string, most = 40): Promise<number> {
  for (let i = 1; i <= most; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedElement(page)) === wanted) return i;
  }
  throw new Error(`never reached ${wanted}; at ${await focusedElement(page)}`);
}
