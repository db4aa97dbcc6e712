// e2e: axe-core finds no accessibility violation on any tab (the outcome atlas drawn) and any lesson; a keyboard-only walk through every lesson.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../web/lessons/lessons.js';
import { type Harness, openPage, startHarness, stopHarness, waitForStop } from './harness.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let h: Harness | undefined;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => stopHarness(h));

/** axe's violations on the page as `rule: target` lines (empty when the page passes). */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    );
  });
}

/** The outcome atlas of the open lesson, drawn to its end (its table, its buttons, how it ended). */
async function drawAtlas(page: Page): Promise<void> {
  await page.locator('swarm-atlas button.run').click();
  await page.locator('swarm-atlas p.end').waitFor({ timeout: 30_000 });
  await page.locator('swarm-atlas table.outcomes').waitFor();
}

describe('axe-core', () => {
  it('every tab, in French and in English', async () => {
    const page = await openPage(h!);
    for (const lang of ['fr', 'en']) {
      for (const tab of ['views', 'nodes', 'compare', 'challenges', 'explorer', 'atlas']) {
        await page.locator(`button.tab-${tab}`).click();
        if (tab === 'compare') await page.locator('swarm-compare button.run').click();
        if (tab === 'atlas') await drawAtlas(page);
        expect(await violations(page), `${lang} ${tab}`).toEqual([]);
      }
      await page.locator('header button.lang').click();
    }
    await page.close();
  });

  it('every lesson, with a command typed and the hints open', async () => {
    const page = await openPage(h!);
    page.on('dialog', (dialog) => void dialog.accept());
    for (const lesson of LESSONS) {
      await page.locator('header select.lesson-select').selectOption(lesson.id);
      if (lesson.drill) {
        // A misconception drill opens on its prediction form: it must be clean before anything plays.
        await page.locator('swarm-prediction form.predict').waitFor();
        expect(await violations(page), lesson.id).toEqual([]);
        continue;
      }
      await page.locator('swarm-lesson summary', { hasText: 'Indices' }).click();
      const input = page.locator('swarm-console input');
      await input.fill(lesson.commands[0]);
      await input.press('Enter');
      await waitForStop(page);
      expect(await violations(page), lesson.id).toEqual([]);
    }
    await page.close();
  });

  it('on a 390 px phone', async () => {
    const page = await openPage(h!);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await violations(page)).toEqual([]);
    await page.locator('button.tab-atlas').click();
    await drawAtlas(page);
    expect(await violations(page), 'atlas').toEqual([]);
    await page.close();
  });
});

/** The focused element through the shadow roots, as `tag.class`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let at = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    return at ? `${at.tagName.toLowerCase()}.${at.getAttribute('class') ?? ''}`.trim() : '';
  });

async function tabTo(page: Page, wanted: string, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await focused(page)) === wanted) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${wanted}; at ${await focused(page)}`);
}

describe('keyboard only', () => {
  it('every lesson: chosen from the menu, its first command sent by its "Try" button, then out of the console', async () => {
    const page = await openPage(h!);
    page.on('dialog', (dialog) => void dialog.accept());
    await tabTo(page, 'select.lesson-select');
    for (const [i, lesson] of LESSONS.entries()) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      if (lesson.drill) {
        // A drill: its title, then its prediction form's submit button reached by keyboard, then back to the menu.
        await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toBe(lesson.title.fr);
        await tabTo(page, 'button.predict-submit');
        await tabTo(page, 'select.lesson-select', 'Shift+Tab');
        continue;
      }
      await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toMatch(new RegExp(`^${lesson.id} `));
      await tabTo(page, 'button.try');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('input.');
      await page.keyboard.press('Enter');
      await waitForStop(page);
      expect(await page.locator('swarm-console pre.cmd').last().textContent()).toBe(`$ ${lesson.commands[0]}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      expect(await focused(page)).not.toBe('input.');
      await tabTo(page, 'button.tab-views');
      await tabTo(page, 'select.lesson-select', 'Shift+Tab');
    }
    await page.close();
  });
});
