// e2e: a part of the page fetched on demand that cannot be (offline) is announced in the page's language, leaves what
// is open as it was, and comes once the connection is back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLesson, openPage, useHarness } from './harness.js';

const h = useHarness();

const FR =
  'Une partie de la page n’a pas pu être chargée (hors ligne ?). Réessayez une fois la connexion revenue : ' +
  'rien de ce qui est ouvert n’est perdu.';
const EN =
  'Part of the page could not be loaded (offline?). Try again once the connection is back: nothing open is lost.';

/** Every script fetched from now on fails, as offline: the first load is already in. */
async function goOffline(page: Page): Promise<() => Promise<void>> {
  const pattern = '**/assets/*.js';
  await page.route(pattern, (route) => route.abort('internetdisconnected'));
  return () => page.unroute(pattern);
}

describe('chunks fetched on demand', () => {
  it('a tab whose chunk fails says so (FR, then EN after the switch), and opens once back online', async () => {
    const page = await openPage(h);
    const online = await goOffline(page);
    await page.locator('button.tab-atlas').click();
    const message = page.locator('.message.error');
    await expect.poll(() => message.textContent()).toBe(FR);
    await page.locator('header button.lang').click();
    await expect.poll(() => message.textContent()).toBe(EN);
    expect(await page.locator('swarm-atlas button.run').count()).toBe(0);
    await online();
    await page.locator('button.tab-views').click();
    await page.locator('button.tab-atlas').click();
    await page.locator('swarm-atlas button.run').waitFor();
    await page.close();
  });

  it('a lesson whose chunk (and for lesson 3 the YAML parser) cannot be fetched stays closed, then opens', async () => {
    const page = await openPage(h);
    const select = page.locator('header select.lesson-select');
    const first = await select.inputValue();
    const lessonTitle = await page.locator('swarm-lesson h2').first().textContent();
    const online = await goOffline(page);
    await select.selectOption('3');
    await expect.poll(() => page.locator('.message.error').textContent()).toBe(FR);
    // The menu shows the lesson still open, and the lesson is the one it was.
    await expect.poll(() => select.inputValue()).toBe(first);
    expect(await page.locator('swarm-lesson h2').first().textContent()).toBe(lessonTitle);
    await online();
    await chooseLesson(page, '3');
    expect(await select.inputValue()).toBe('3');
    await page.close();
  });

  it("while a lesson's chunk is on its way, the menu shows it and the open lesson stays until it comes", async () => {
    const page = await openPage(h);
    const select = page.locator('header select.lesson-select');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    await page.route('**/assets/2b-*.js', async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await select.selectOption('2b');
    await expect.poll(() => asked).toBe(1);
    // The page keeps drawing (its replay plays) meanwhile: the menu still says 2b, the panel still 1a.
    await page.locator('swarm-controls button.play').click();
    expect(await select.inputValue()).toBe('2b');
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Changer l’image d’un service');
    release();
    await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toBe('2b — Rollback automatique sur échec');
    expect(await select.inputValue()).toBe('2b');
    await page.close();
  });
});
