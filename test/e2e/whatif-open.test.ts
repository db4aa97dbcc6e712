// e2e: `swarmlab whatif --open` serves the built page with the runs in its URL; the page shows them side by side with
// their labels, in FR and EN.
import type { ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWhatifOpen } from '../helpers/whatif-open.js';
import { axeViolations, newPage, screenshot, useHarness } from './harness.js';

const RECORDING = 'test/fixtures/conformance/recorded/fail-pause.json';
const LABELS = [
  'recorded (fail-pause.json)',
  'simulated (recorded policy)',
  'policy 1: --update-failure-action rollback',
];

const h = useHarness();
let cli: ChildProcess | undefined;
let pageUrl = '';

beforeAll(async () => {
  const started = startWhatifOpen(RECORDING, { SWARMLAB_WEB_DIR: h.dist, BROWSER: 'none' });
  cli = started.child;
  pageUrl = /the runs in the page: (\S+)\n/.exec(await started.printed)?.[1] ?? '';
});

afterAll(async () => {
  if (cli && cli.exitCode === null) {
    const exited = new Promise((done) => cli!.once('exit', done));
    cli.kill('SIGINT');
    await exited;
  }
});

/** The printed address in a fresh page (language chosen before it loads) that only talks to the whatif server. */
async function openRuns(lang: 'fr' | 'en', url: string, width = 1280): Promise<Page> {
  const page = await newPage(h, { width, height: 800, lang, origin: new URL(url).origin });
  await page.goto(url);
  await page.evaluate(
    () => (document.querySelector('swarm-app') as unknown as { urlTraces: { loaded: Promise<void> } }).urlTraces.loaded,
  );
  return page;
}

/** The compare view's figures table, row by row. */
const statsRows = (page: Page) =>
  page
    .locator('swarm-compare table.stats tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td, th')].map((cell) => cell.textContent ?? '')),
    );

describe('whatif --open in the page', () => {
  it('French: the recording and both runs side by side, labelled, with the final states the CLI printed', async () => {
    const page = await openRuns('fr', pageUrl);
    await page.locator('swarm-compare table.stats').waitFor();
    expect(await page.locator('.message').textContent()).toBe(`Ouvert : ${LABELS.join(', ')}`);
    const rows = await statsRows(page);
    expect(rows[0]).toEqual(['', ...LABELS]);
    expect(rows.map((row) => row[0])).toEqual([
      '',
      'durée',
      'disponibilité minimale',
      'tâches défectueuses lancées',
      'UpdateStatus',
    ]);
    // the durations and final states `swarmlab whatif` printed for the same runs (test/whatif/whatif.test.ts)
    expect(rows[1]).toEqual(['durée', '15.8 s', '14.9 s', '22.9 s']);
    expect(rows[4]).toEqual(['UpdateStatus', 'paused', 'paused', 'rollback_completed']);
    expect(await page.locator('swarm-compare h3').allTextContents()).toEqual(LABELS);
    expect(await page.locator('swarm-compare swarm-timeline').count()).toBe(3);
    expect(await page.locator('select.lesson-select option:checked').textContent()).toBe(LABELS[0]);
    await screenshot(page, 'whatif-open-fr');
    await page.close();
  });

  it('English at 390 px, a run missing: the others shown, the missing one said; no axe violation', async () => {
    const page = await openRuns('en', `${pageUrl}&trace=runs/policy-9.json&label=gone`, 390);
    await page.locator('swarm-compare table.stats').waitFor();
    expect(await page.locator('.message').textContent()).toBe(
      'File refused: runs/policy-9.json: the server answered HTTP 404',
    );
    const rows = await statsRows(page);
    expect(rows[0]).toEqual(['', ...LABELS]);
    expect(rows.map((row) => row[0])).toEqual([
      '',
      'duration',
      'lowest availability',
      'bad tasks started',
      'UpdateStatus',
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'whatif-open-en-390');
    await page.close();
  });

  it('an address that is not a trace leaves the lesson open and says why', async () => {
    const page = await openRuns('fr', `${new URL(pageUrl).origin}/?trace=javascript:alert(1)`);
    expect(await page.locator('.message').textContent()).toBe(
      'Fichier refusé : javascript:alert(1): adresse invalide (attendu une URL http ou https)',
    );
    await page.locator('swarm-console input').waitFor();
    expect(await page.locator('select.lesson-select').inputValue()).toBe('1a');
    // the lesson's share link is the lesson's, not the address's traces
    await page.locator('header button.share').click();
    expect(await page.evaluate(() => [location.search, location.hash.startsWith('#lesson=1a&seed=')])).toEqual([
      '',
      true,
    ]);
    await page.close();
  });
});
