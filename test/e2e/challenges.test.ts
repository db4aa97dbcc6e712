// e2e: the challenges tab — solve 2b in the page (a bad answer first), open a run on the timeline, share and reopen the
// link; axe, keyboard, 390 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chooseLesson, focusedElement, openPage, tabUntil, useHarness } from './harness.js';

const GOOD_2B = 'docker service update --update-failure-action rollback --update-delay 4s --image nginx:bad my_service';
const BAD_2B = 'docker service update --update-failure-action rollback --image nginx:bad my_service';

const h = useHarness();

/** Opens the challenges tab on `section` and checks `answer`; resolves once the verdict is shown. */
async function solve(page: Page, section: string, answer: string): Promise<string> {
  await page.locator('button.tab-challenges').click();
  await page.locator('swarm-challenges select.challenge-select').selectOption(section);
  await page.locator('swarm-challenges input.answer').fill(answer);
  await page.locator('swarm-challenges button.check').click();
  return (await page.locator('swarm-challenges .verdict').textContent({ timeout: 20_000 })) ?? '';
}

const rowText = (page: Page, index: number) =>
  page
    .locator(`swarm-challenges tr.run-${index}`)
    .evaluate((row) => [...row.querySelectorAll('th, td')].slice(0, 6).map((cell) => cell.textContent?.trim()));

describe('challenges tab', () => {
  it('2b: the course’s working form fails on availability, the delay passes; a run opens on the timeline', async () => {
    const page = await openPage(h);
    expect(await solve(page, '2b', BAD_2B)).toBe(
      'Pas encore : 6 exécution(s) sur 6 ne tiennent pas une exigence (voir le tableau).',
    );
    const lossRow = await rowText(page, 5);
    expect(lossRow[0]).toMatch(/^graine 1, node-3 perdu à \d+\.\d s, revenu à \d+\.\d s$/);
    expect(lossRow.slice(1, 2)).toEqual(['rollback_paused']);
    expect(lossRow[5]).toBe('outcome==rollback_completed, min-available>=3, duration<=20s');
    expect((await rowText(page, 0))[5]).toBe('min-available>=3');
    expect(await solve(page, '2b', GOOD_2B)).toBe('Réussi : les 6 exécutions tiennent toutes les exigences.');
    expect(await rowText(page, 5)).toEqual([
      expect.stringMatching(/^graine 1, node-3 perdu/),
      'rollback_completed',
      '9.74 s',
      '3',
      '4.27 s',
      'aucune',
    ]);
    await page.locator('swarm-challenges tr.run-5 button.open-run').click();
    expect(await page.locator('swarm-app .message').textContent()).toMatch(
      /^Ouvert : Défi 2b — Revenir en arrière sans casse — graine 1, node-3 perdu/,
    );
    const opened = await page.evaluate(() => {
      const app = document.querySelector('swarm-app') as unknown as {
        trace: { seed: number; events: { type: string; fault?: string }[] };
      };
      return { seed: app.trace.seed, faults: app.trace.events.filter((e) => e.type === 'fault').map((e) => e.fault) };
    });
    expect(opened).toEqual({ seed: 1, faults: ['node-down', 'node-up'] });
    expect(
      await page.locator('select.lesson-select').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0].text),
    ).toMatch(/^Défi 2b — Revenir en arrière sans casse — graine 1, node-3 perdu/);
    await page.close();
  });

  it('from a lesson: its challenge button opens the tab on that section, the answer field focused', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '2b');
    await page.locator('swarm-lesson button.to-challenge').click();
    expect(await page.locator('button.tab-challenges').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('swarm-challenges select.challenge-select').inputValue()).toBe('2b');
    expect(await page.locator('swarm-challenges h3').textContent()).toBe('Défi 2b — Revenir en arrière sans casse');
    await expect.poll(() => focusedElement(page)).toBe('input.answer');
    expect(await page.locator('swarm-challenges .verdict').count()).toBe(0);
    await page.close();
  });

  it('the share link carries the challenge and the answer; opening it grades the answer again', async () => {
    const page = await openPage(h);
    await solve(page, '2b', GOOD_2B);
    await page.locator('swarm-challenges button.share-challenge').click();
    const message = (await page.locator('swarm-app .message').textContent()) ?? '';
    const url = /https?:\S+/.exec(message)?.[0] ?? '';
    expect(url).toMatch(/#challenge=2b&answer=[A-Za-z0-9_-]+$/);
    await page.close();
    const reopened = await openPage(h, url.slice(h.baseUrl.length));
    expect(await reopened.locator('button.tab-challenges').getAttribute('aria-selected')).toBe('true');
    expect(await reopened.locator('swarm-challenges .verdict').textContent({ timeout: 20_000 })).toBe(
      'Réussi : les 6 exécutions tiennent toutes les exigences.',
    );
    expect(await reopened.locator('swarm-challenges input.answer').inputValue()).toBe(GOOD_2B);
    expect(await reopened.locator('swarm-challenges select.challenge-select').inputValue()).toBe('2b');
    await reopened.close();
  });

  it('Docker’s refusal of the course’s own 2b command is shown as Docker wrote it', async () => {
    const page = await openPage(h);
    const course = 'docker service update --rollback --update-failure-action rollback --image nginx:latest my_service';
    expect(await solve(page, '2b', course)).toBe('Docker refuse la commande :');
    expect(await page.locator('swarm-challenges pre.docker').textContent()).toBe(
      'other flags may not be combined with --rollback',
    );
    await page.close();
  });

  it('axe finds nothing, in French and English, with results shown', async () => {
    const page = await openPage(h);
    for (const lang of ['fr', 'en']) {
      if (lang === 'en') await page.locator('button.lang').click();
      await solve(page, '1a', 'docker service update --image nginx:1.27 my_service');
      expect(await axeViolations(page), lang).toEqual([]);
    }
    expect(await page.locator('swarm-challenges .verdict').textContent()).toBe(
      'Not yet: 6 of 6 runs break a requirement (see the table).',
    );
    await page.close();
  });

  it('by keyboard only: tab bar → challenges → choose, type, Enter, then the run buttons', async () => {
    const page = await openPage(h);
    await page.locator('swarm-console input').focus();
    await page.keyboard.press('Escape');
    await tabUntil(page, 'button.tab-views');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await focusedElement(page)).toBe('button.tab-challenges');
    // The tab's component loads on first use: Tab before it is drawn would leave the tab bar for the page's end.
    await page.locator('swarm-challenges select.challenge-select').waitFor();
    await tabUntil(page, 'select.challenge-select');
    await page.keyboard.press('ArrowDown'); // 1b
    await tabUntil(page, 'input.answer');
    await page.keyboard.type('docker service update --update-parallelism 2 --image nginx:1.27 my_service');
    await page.keyboard.press('Enter');
    expect(await page.locator('swarm-challenges .verdict').textContent({ timeout: 20_000 })).toBe(
      'Réussi : les 6 exécutions tiennent toutes les exigences.',
    );
    expect(await focusedElement(page)).toBe('p.verdict passed');
    await tabUntil(page, 'button.open-run');
    const outline = await page.evaluate(() => {
      let at = document.activeElement;
      while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
      return at ? getComputedStyle(at).outlineStyle : '';
    });
    expect(outline).toBe('solid');
    await page.close();
  });

  it('at 390 px the tab fits: no horizontal page scroll, the table scrolls in its own region', async () => {
    const page = await openPage(h, '', { width: 390, height: 800 });
    await solve(page, '3', 'docker service create --name my_service --replicas 4 shop/web:1.0');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    for (const selector of ['swarm-challenges input.answer', 'swarm-challenges .runs', 'swarm-challenges .task']) {
      const box = await page.locator(selector).boundingBox();
      expect(box!.x, selector).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, selector).toBeLessThanOrEqual(390);
    }
    await page.close();
  });
});
