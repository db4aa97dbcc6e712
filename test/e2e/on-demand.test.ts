// e2e: a part of the page fetched on demand that cannot be (offline) is announced in the page's language, leaves what
// is open as it was, and comes once the connection is back.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLesson, newPage, openPage, useHarness } from './harness.js';

const h = useHarness();

const FR =
  'Une partie de la page n’a pas pu être chargée (hors ligne ?). Réessayez une fois la connexion revenue : ' +
  'rien de ce qui est ouvert n’est perdu.';
const EN =
  'Part of the page could not be loaded (offline?). Try again once the connection is back: nothing open is lost.';

/** Waits until the page's background fetch, started once its first replay was drawn, has settled. */
async function backgroundFetched(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector('swarm-app') as unknown as { backgroundFetched: unknown }).backgroundFetched !== null,
  );
  await page.evaluate(
    () => (document.querySelector('swarm-app') as unknown as { backgroundFetched: Promise<void> }).backgroundFetched,
  );
}

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

  it('a lesson whose chunk cannot be fetched stays closed (its quiet prefetch failed too), then opens', async () => {
    const page = await newPage(h);
    const lesson3 = '**/assets/3-*.js';
    await page.route(lesson3, (route) => route.abort('internetdisconnected'));
    await page.goto(h.baseUrl);
    await page.locator('swarm-console input').waitFor();
    const select = page.locator('header select.lesson-select');
    const first = await select.inputValue();
    const lessonTitle = await page.locator('swarm-lesson h2').first().textContent();
    // The background fetch of the other lessons failed on lesson 3: nothing is said until the lesson is asked for.
    await backgroundFetched(page);
    expect(await page.locator('.message.error').count()).toBe(0);
    await select.selectOption('3');
    await expect.poll(() => page.locator('.message.error').textContent()).toBe(FR);
    // The menu shows the lesson still open, and the lesson is the one it was.
    await expect.poll(() => select.inputValue()).toBe(first);
    expect(await page.locator('swarm-lesson h2').first().textContent()).toBe(lessonTitle);
    await page.unroute(lesson3);
    await chooseLesson(page, '3');
    expect(await select.inputValue()).toBe('3');
    await page.close();
  });

  it('after the first replay the other lessons come in the background: offline, every kind still opens', async () => {
    const page = await openPage(h);
    await backgroundFetched(page);
    await goOffline(page);
    for (const [id, title] of [
      ['2b', '2b — Rollback automatique sur échec'],
      ['trap-late-crash', 'Piège 1 — Le crash tardif'],
      ['3', '3 — Bonnes pratiques'],
    ]) {
      await chooseLesson(page, id);
      expect(await page.locator('swarm-lesson h2').textContent()).toBe(title);
    }
    expect(await page.locator('swarm-console pre.cmd').first().textContent()).toBe(
      '$ docker stack deploy -c stack-v1.yml shop',
    );
    expect(await page.locator('.message.error').count()).toBe(0);
    await page.close();
  });

  it("while a lesson's chunk is on its way, the menu shows it and the open lesson stays until it comes", async () => {
    const page = await newPage(h);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    // Held from the start: the background fetch asks for it first, and the lesson's opening waits on that request.
    await page.route('**/assets/2b-*.js', async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await page.goto(h.baseUrl);
    await page.locator('swarm-console input').waitFor();
    const select = page.locator('header select.lesson-select');
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
