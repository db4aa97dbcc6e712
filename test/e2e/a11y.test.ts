// e2e: axe-core finds no accessibility violation on any tab (the outcome atlas drawn) and any lesson; a keyboard-only
// walk through every lesson.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../web/lessons/lessons.js';
import {
  axeViolations,
  chooseLesson,
  focusedElement,
  openPage,
  pressUntilFocused,
  useHarness,
  waitForStop,
} from './harness.js';

const h = useHarness();

/** The outcome atlas of the open lesson, drawn to its end (its table, its buttons, how it ended). */
async function drawAtlas(page: Page): Promise<void> {
  await page.locator('swarm-atlas button.run').click();
  await page.locator('swarm-atlas p.end').waitFor({ timeout: 30_000 });
  await page.locator('swarm-atlas table.outcomes').waitFor();
}

describe('axe-core', () => {
  it('every tab, in French and in English', async () => {
    const page = await openPage(h);
    for (const lang of ['fr', 'en']) {
      for (const tab of ['views', 'nodes', 'compare', 'challenges', 'explorer', 'atlas']) {
        await page.locator(`button.tab-${tab}`).click();
        if (tab === 'compare') await page.locator('swarm-compare button.run').click();
        if (tab === 'atlas') await drawAtlas(page);
        expect(await axeViolations(page), `${lang} ${tab}`).toEqual([]);
      }
      await page.locator('header button.lang').click();
    }
    await page.close();
  });

  it('every lesson, with a command typed and the hints open', async () => {
    const page = await openPage(h);
    page.on('dialog', (dialog) => void dialog.accept());
    for (const lesson of LESSONS) {
      await chooseLesson(page, lesson.id);
      if (lesson.drill) {
        // A misconception drill opens on its prediction form: it must be clean before anything plays.
        await page.locator('swarm-prediction form.predict').waitFor();
        expect(await axeViolations(page), lesson.id).toEqual([]);
        continue;
      }
      await page.locator('swarm-lesson summary', { hasText: 'Indices' }).click();
      const input = page.locator('swarm-console input');
      await input.fill(lesson.commands[0]);
      await input.press('Enter');
      await waitForStop(page);
      expect(await axeViolations(page), lesson.id).toEqual([]);
    }
    await page.close();
    // One axe run per lesson: 20-30 s on a quiet machine, 74 s at load 24 on 2 cores.
  }, 240_000);

  it('on a 390 px phone', async () => {
    const page = await openPage(h, '', { width: 390, height: 800 });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('button.tab-atlas').click();
    await drawAtlas(page);
    expect(await axeViolations(page), 'atlas').toEqual([]);
    await page.close();
  });
});

describe('keyboard only', () => {
  it('every lesson: chosen in the menu, first command sent by its "Try" button, then out of the console', async () => {
    const page = await openPage(h);
    page.on('dialog', (dialog) => void dialog.accept());
    await pressUntilFocused(page, 'select.lesson-select', 'Tab', 60);
    for (const [i, lesson] of LESSONS.entries()) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      if (lesson.drill) {
        // A drill: its title, then its prediction form's submit button reached by keyboard, then back to the menu.
        await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toBe(lesson.title.fr);
        await pressUntilFocused(page, 'button.predict-submit', 'Tab', 60);
        await pressUntilFocused(page, 'select.lesson-select', 'Shift+Tab', 60);
        continue;
      }
      await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toMatch(new RegExp(`^${lesson.id} `));
      await pressUntilFocused(page, 'button.try', 'Tab', 60);
      await page.keyboard.press('Enter');
      expect(await focusedElement(page)).toBe('input.');
      await page.keyboard.press('Enter');
      await waitForStop(page);
      expect(await page.locator('swarm-console pre.cmd').last().textContent()).toBe(`$ ${lesson.commands[0]}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      expect(await focusedElement(page)).not.toBe('input.');
      await pressUntilFocused(page, 'button.tab-views', 'Tab', 60);
      await pressUntilFocused(page, 'select.lesson-select', 'Shift+Tab', 60);
    }
    await page.close();
  });
});
