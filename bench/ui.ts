// UI figures in Debian's chromium: bundle size (gzip), time to first replay, 1,000- and 10,000-slot imports, scrubbing
// frame rates.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { formatTraceOutput } from '../src/cli/trace-file.js';
import { openPage, startHarness, stopHarness } from '../test/e2e/harness.js';
import { rolloutTrace } from '../test/helpers/rollout-trace.js';

export interface UiFigures {
  /** JS the page fetched before its first replay (entry chunk, static imports, chunks imported on the way), gzip. */
  bundleGzipKb: number;
  /** Every other chunk (other lessons, tabs, readers, exports, workers), gzip. */
  lazyGzipKb: number;
  firstReplayMs: number;
  /** Import of a 1,000-slot trace (4 MB of JSON) until its timeline is on screen. */
  import1000DrawnMs: number;
  /** Timeline redraw for a cursor move on that trace (lanes are windowed). */
  timeline1000DrawMs: number[];
  scrubFrameMsLesson: number[];
  scrubFrameMs1000: number[];
  /** Per seek: every panel updated and the page laid out (the frame's work before paint). */
  scrubWorkMsLesson: number[];
  scrubWorkMs1000: number[];
  /** A 10,000-slot rollout imported as a compact (gzipped) trace until its timeline is on screen, then scrubbed. */
  import10000DrawnMs: number;
  scrubFrameMs10000: number[];
  scrubWorkMs10000: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * gzip kB of the page's JS: the files the page fetched before its first replay (its entry, static imports and any
 * chunk it imported on the way, e.g. the opening lesson), read from the browser's resource timing, and the rest.
 */
async function gzipKb(dir: string, page: Page, firstReplayMs: number): Promise<{ initialKb: number; lazyKb: number }> {
  const fetched = await page.evaluate(
    (beforeMs) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= beforeMs && new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => new URL(entry.name).pathname),
    firstReplayMs,
  );
  const initial = new Set(fetched.map((path) => join(dir, path)));
  const sizes = { initialKb: 0, lazyKb: 0 };
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) {
        sizes[initial.has(full) ? 'initialKb' : 'lazyKb'] += gzipSync(readFileSync(full)).length / 1000;
        initial.delete(full);
      }
    }
  };
  walk(dir);
  if (sizes.initialKb === 0 || initial.size > 0)
    throw new Error(`the scripts the page fetched (${fetched.join(', ')}) are not all among the files of ${dir}`);
  return sizes;
}

/**
 * Seeks the replay cursor `count` times across the trace; for each seek, the frame (seek → next animation frame, the
 * page's panels updated and drawn) and its work before paint (every panel updated, then the page laid out).
 */
const SCRUB = async (count: number) => {
  const app = document.querySelector('swarm-app') as unknown as HTMLElement & {
    replay: { send(e: unknown): void; durationMs: number };
    updateComplete: Promise<unknown>;
  };
  const frames: number[] = [];
  const work: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    app.replay.send({ type: 'SEEK', tMs: (app.replay.durationMs * (i + 1)) / (count + 1) });
    await app.updateComplete;
    for (const panel of app.shadowRoot!.querySelectorAll(
      'swarm-controls, swarm-lesson, swarm-console, swarm-timeline, swarm-availability, swarm-views, swarm-nodes',
    )) {
      await (panel as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    }
    void document.body.offsetHeight;
    work.push(performance.now() - t0);
    await new Promise(requestAnimationFrame);
    frames.push(performance.now() - t0);
  }
  return { frames, work };
};

/** Imports a trace file through the page's import button; ms until the timeline says it holds `slots` slots. */
async function importAndDraw(page: Page, name: string, buffer: Buffer, slots: number): Promise<number> {
  const started = performance.now();
  await page.locator('header input.import').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  await page.waitForFunction(
    (count) => {
      const app = document.querySelector('swarm-app') as unknown as HTMLElement;
      return app.shadowRoot
        ?.querySelector('swarm-timeline')
        ?.shadowRoot?.querySelector('.summary')
        ?.textContent?.startsWith(String(count));
    },
    slots,
    { timeout: 120_000 },
  );
  return performance.now() - started;
}

export async function measureUi(): Promise<UiFigures | string> {
  if (!existsSync('/usr/bin/chromium')) return 'chromium is not installed (apt-get install -y chromium)';
  const h = await startHarness();
  try {
    const page = await openPage(h);
    await page.waitForFunction(
      () => (document.querySelector('swarm-app') as unknown as { firstReplayMs: number | null }).firstReplayMs !== null,
    );
    const firstReplayMs = await page.evaluate(
      () => (document.querySelector('swarm-app') as unknown as { firstReplayMs: number }).firstReplayMs,
    );
    const { initialKb: bundleGzipKb, lazyKb: lazyGzipKb } = await gzipKb(h.dist, page, firstReplayMs);
    const input = page.locator('swarm-console input');
    for (const line of [
      'docker service create -d --name benchsvc --replicas 6 nginx:1.25',
      'docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest benchsvc',
    ]) {
      await input.fill(line);
      await input.press('Enter');
    }
    const lesson = await page.evaluate(SCRUB, 40);

    const big = rolloutTrace(1000, 100, 10);
    const import1000DrawnMs = await importAndDraw(page, 'big.json', Buffer.from(JSON.stringify(big)), 1000);
    const timeline1000DrawMs = await page.evaluate(async () => {
      const app = document.querySelector('swarm-app') as unknown as HTMLElement;
      const timeline = app.shadowRoot!.querySelector('swarm-timeline') as unknown as {
        cursorMs: number;
        updateComplete: Promise<unknown>;
      };
      const times: number[] = [];
      for (let i = 1; i <= 9; i++) {
        const t0 = performance.now();
        timeline.cursorMs = i * 2_500;
        await timeline.updateComplete;
        times.push(performance.now() - t0);
      }
      return times;
    });
    const big1000 = await page.evaluate(SCRUB, 40);
    // 10,000 slots: over the 25 MB import limit as JSON (64 MB), so imported as a compact trace (gzipped, 0.8 MB).
    const compact = formatTraceOutput([rolloutTrace(10_000, 500, 100)], 'compact', true);
    const import10000DrawnMs = await importAndDraw(page, 'huge.json.gz', Buffer.from(compact), 10000);
    const big10000 = await page.evaluate(SCRUB, 40);
    await page.close();
    return {
      bundleGzipKb,
      lazyGzipKb,
      firstReplayMs,
      import1000DrawnMs,
      timeline1000DrawMs,
      scrubFrameMsLesson: lesson.frames,
      scrubFrameMs1000: big1000.frames,
      scrubWorkMsLesson: lesson.work,
      scrubWorkMs1000: big1000.work,
      import10000DrawnMs,
      scrubFrameMs10000: big10000.frames,
      scrubWorkMs10000: big10000.work,
    };
  } finally {
    await stopHarness(h);
  }
}

/** Prints the UI figures; returns each target with whether it was met. */
export function printUi(figures: UiFigures | string): { what: string; met: boolean }[] {
  if (typeof figures === 'string') {
    console.log(`   skipped: ${figures}`);
    return [];
  }
  const verdicts: { what: string; met: boolean }[] = [];
  const judge = (what: string, met: boolean) => {
    verdicts.push({ what, met });
    return met ? 'met' : 'NOT met';
  };
  const fps = (frames: number[]) => 1000 / median(frames);
  console.log(
    `   JS fetched before the first replay ${figures.bundleGzipKb.toFixed(1)} kB gzip (target ≤ ` +
      `150: ${judge('page JS ≤ 150 kB gzip', figures.bundleGzipKb <= 150)}); on demand ` +
      `(other lessons, tabs, readers, exports, workers) ${figures.lazyGzipKb.toFixed(1)} kB more`,
  );
  console.log(
    `   first replay drawn ${figures.firstReplayMs.toFixed(0)} ms after load (target < 1 ` +
      `s: ${judge('first replay < 1 s', figures.firstReplayMs < 1000)})`,
  );
  const draw = median(figures.timeline1000DrawMs);
  console.log(
    `   1,000-slot trace imported and drawn in ${figures.import1000DrawnMs.toFixed(0)} ms (parse, state index, first ` +
      'draw)',
  );
  console.log(
    `   1,000-slot timeline redraw on a cursor move ${draw.toFixed(1)} ms median ` +
      `[${Math.min(...figures.timeline1000DrawMs).toFixed(1)}–${Math.max(...figures.timeline1000DrawMs).toFixed(1)}] ` +
      `(target < 100 ms: ${judge('1,000-slot timeline < 100 ms', draw < 100)})`,
  );
  const work = (ms: number[]) =>
    `${median(ms).toFixed(1)} ms [${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)}]`;
  console.log(
    `   scrubbing a lesson: ${fps(figures.scrubFrameMsLesson).toFixed(0)} frames/s (median ` +
      `frame ${median(figures.scrubFrameMsLesson).toFixed(1)} ms; target ≥ ` +
      `50: ${judge('scrubbing a lesson ≥ 50 frames/s', fps(figures.scrubFrameMsLesson) >= 50)}); work per seek ` +
      `before paint ${work(figures.scrubWorkMsLesson)}`,
  );
  console.log(
    '   scrubbing a 1,000-slot trace (whole page: ps table, timeline, ' +
      `chart): ${fps(figures.scrubFrameMs1000).toFixed(0)} frames/s (median ` +
      `frame ${median(figures.scrubFrameMs1000).toFixed(1)} ms; target ≥ ` +
      `50: ${judge('scrubbing 1,000 slots ≥ 50 frames/s', fps(figures.scrubFrameMs1000) >= 50)}); work per seek ` +
      `before paint ${work(figures.scrubWorkMs1000)}`,
  );
  const frame10000 = median(figures.scrubFrameMs10000);
  console.log(
    `   10,000-slot compact trace imported and drawn in ${figures.import10000DrawnMs.toFixed(0)} ms; scrubbed at ` +
      `${fps(figures.scrubFrameMs10000).toFixed(0)} frames/s (median frame ${frame10000.toFixed(1)} ms; target ≥ ` +
      `30: ${judge('scrubbing 10,000 slots ≥ 30 frames/s', fps(figures.scrubFrameMs10000) >= 30)}); work per seek ` +
      `before paint ${work(figures.scrubWorkMs10000)}`,
  );
  return verdicts;
}
