// e2e: every point of the explorer's default sweep (a crashing image) can be clicked where it is drawn, and the points
// table opens and chooses each.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_GRID, gridSettings } from '../../src/lab/sweep.js';
import { axeViolations, openPage, useHarness } from './harness.js';

const POINTS = gridSettings(DEFAULT_SWEEP_GRID).length;

const h = useHarness();

async function defaultSweep(page: Page): Promise<void> {
  await page.locator('button.tab-explorer').click();
  await page.locator('swarm-explorer button.run').click();
  await page
    .locator('explorer-chart circle.point')
    .nth(POINTS - 1)
    .waitFor({ timeout: 60_000 });
}

/** The labels of the points whose centre, where the chart draws it, is that point (not another drawn over it). */
const clickable = (page: Page) =>
  page.locator('explorer-chart').evaluate((chart) => {
    const root = chart.shadowRoot as ShadowRoot;
    return [...root.querySelectorAll('circle.point')].flatMap((c) => {
      const box = c.getBoundingClientRect();
      c.scrollIntoView({ block: 'center' });
      const at = c.getBoundingClientRect();
      const hit = root.elementFromPoint(at.x + at.width / 2, at.y + at.height / 2);
      return hit === c && box.width > 0 ? [c.getAttribute('data-label')] : [];
    });
  });

describe('explorer points', () => {
  it(`the default crashing sweep: all ${POINTS} points clickable; the table opens one, chooses two (FR)`, async () => {
    const page = await openPage(h);
    page.on('dialog', (dialog) => void dialog.accept());
    await defaultSweep(page);
    expect(POINTS).toBe(36);
    const labels = await page
      .locator('explorer-chart circle.point')
      .evaluateAll((cs) => cs.map((c) => c.getAttribute('data-label')));
    expect(await clickable(page)).toEqual(labels);
    // The table: one row per point, in the chart's order, behind a summary.
    await page.locator('explorer-table summary').click();
    expect(
      await page
        .locator('explorer-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label'))),
    ).toEqual(labels);
    expect(await page.locator('explorer-table thead th').allTextContents()).toEqual([
      '#',
      'Réglages',
      'durée',
      'disponibilité minimale',
      'tâches défectueuses lancées',
      'issues',
      'front de Pareto',
      'Chronologie',
      'Comparer',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    // Chosen by keyboard: the first and the last rows' "Choisir" buttons, then compared.
    await page.locator('explorer-table button.choose').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('explorer-table button.choose').last().focus();
    await page.keyboard.press('Space');
    expect(await page.locator('explorer-table button.choose[aria-pressed=true]').allTextContents()).toEqual([
      'Choisir (A)',
      'Choisir (B)',
    ]);
    expect(await page.locator('explorer-chart circle.selected').count()).toBe(2);
    await page.locator('swarm-explorer button.compare-selected').click();
    // The compare view loads on first use.
    await expect
      .poll(() => page.locator('swarm-compare h3').allTextContents())
      .toEqual([`${labels[0]} · seed 1`, `${labels[POINTS - 1]} · seed 1`]);
    // Opened from its row: the point's run on the timeline, read only.
    await page.locator('button.tab-explorer').click();
    await page.locator('explorer-table button.open').nth(4).click();
    expect(await page.locator('.message.ok').textContent()).toBe(`Ouvert : ${labels[4]} · seed 1`);
    expect(await page.locator('swarm-console .line').textContent()).toContain('lecture seule');
    await page.close();
  }, 180_000);
});
