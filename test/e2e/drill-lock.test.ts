// e2e: a misconception drill keeps what would show its outcome (console, node actions, compare, outcome atlas) locked
// until the prediction is sent; FR and EN, by keyboard.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLesson, focusedElement, openPage, pressUntilFocused, useHarness, waitForEnd } from './harness.js';

const h = useHarness();

const LOCKED_FR =
  '🔒 Prédisez d’abord : la console, les actions sur les nœuds, la comparaison et l’atlas des issues s’ouvrent une ' +
  'fois vos prédictions envoyées.';
const LOCKED_EN =
  '🔒 Predict first: the console, the node actions, the compare tab and the outcome atlas open once your predictions ' +
  'are sent.';
const SETUP = ['$ docker service create -d --name web --replicas 3 app:v1', '$ swarmlab wait converged'];

const commands = (page: Page) => page.locator('swarm-console pre.cmd').allTextContents();

/**
 * What a learner can reach of the outcome: the console's input, node actions, the compare form, the atlas's run button.
 */
async function reachable(page: Page): Promise<Record<string, number>> {
  const count: Record<string, number> = { input: await page.locator('swarm-console input').count() };
  await page.locator('button.tab-nodes').click();
  count.drain = await page.locator('swarm-nodes button.drain').count();
  await page.locator('button.tab-compare').click();
  // The compare view and the atlas load on first use: one or the other (the tool or its lock) is drawn.
  await page.locator('swarm-compare button.run, .compare-locked').first().waitFor();
  count.compare = await page.locator('swarm-compare button.run').count();
  await page.locator('button.tab-atlas').click();
  await page.locator('swarm-atlas button.run:visible, .atlas-locked').first().waitFor();
  count.atlas = await page.locator('swarm-atlas button.run:visible').count();
  count.try = await page.locator('swarm-lesson button.try').count();
  return count;
}

describe('a drill before its prediction is sent', () => {
  it('FR: console, node actions, compare and atlas locked, with why; the lock button leads to the form', async () => {
    const page = await openPage(h);
    await chooseLesson(page, 'trap-late-crash');
    await page.locator('swarm-prediction form.predict').waitFor();
    expect(await reachable(page)).toEqual({ input: 0, drain: 0, compare: 0, atlas: 0, try: 0 });
    // The atlas tab is open: its panel says why, as the console does.
    expect(await page.locator('.atlas-locked p').textContent()).toBe(LOCKED_FR);
    expect(await page.locator('.console-locked p').textContent()).toBe(LOCKED_FR);
    await page.locator('button.tab-compare').click();
    expect(await page.locator('.compare-locked p').textContent()).toBe(LOCKED_FR);
    // Nothing was run behind the lock: only the lesson's setup is in the console.
    expect(await commands(page)).toEqual(SETUP);
    // By keyboard: from the tab bar to the panel's button, which puts the focus on the form's first choice.
    await page.locator('button.tab-compare').focus();
    await pressUntilFocused(page, 'button.to-prediction');
    await page.keyboard.press('Enter');
    expect(await focusedElement(page)).toBe('input.');
    expect(
      await page.evaluate(() => {
        let at = document.activeElement;
        while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
        return (at as HTMLInputElement).name;
      }),
    ).toBe('status');
    await page.close();
  });

  it('EN, keyboard only: sent with Enter, all unlocks, the drill plays; its share link locks it again', async () => {
    const page = await openPage(h);
    await page.locator('header button.lang').click();
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await chooseLesson(page, 'trap-late-crash');
    await page.locator('swarm-prediction form.predict').waitFor();
    expect(await page.locator('.console-locked p').textContent()).toBe(LOCKED_EN);
    expect(await page.locator('.console-locked button').textContent()).toBe('Go to the predictions');
    await page.locator('.console-locked button').focus();
    await page.keyboard.press('Enter');
    // status: the first choice checked by ↓↑; each next group by Tab, its first choice by Space.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('button.predict-submit');
    await page.keyboard.press('Enter');
    await waitForEnd(page);
    expect(await page.locator('.locked').count()).toBe(0);
    expect(await reachable(page)).toEqual({ input: 1, drain: 3, compare: 1, atlas: 1, try: 1 });
    expect(await commands(page)).toEqual([
      ...SETUP,
      '$ docker service update -d --update-failure-action rollback --image app:late web',
      '$ swarmlab wait settled',
      '$ swarmlab wait 30s',
      '$ docker service ps web',
    ]);
    await page.locator('swarm-prediction section.result').waitFor();
    const link = await page.evaluate(() =>
      (document.querySelector('swarm-app') as unknown as { shareLink(): string }).shareLink(),
    );
    // The first choice of each: completed (right), never (right), app:v1 (wrong: app:late runs at the end).
    expect(await page.locator('swarm-prediction .score').textContent()).toBe('2 / 3');
    expect(await page.locator('swarm-prediction li[data-question=image]').getAttribute('data-correct')).toBe('no');
    // The drill's share link opened in this page: a new session of it, so the form is asked again and the lock is back.
    await page.evaluate(() => {
      location.hash = '';
    });
    await page.evaluate((hash) => {
      location.hash = hash;
    }, new URL(link).hash);
    await page.locator('swarm-prediction form.predict').waitFor();
    expect(await page.locator('.console-locked p').textContent()).toBe(LOCKED_EN);
    expect(await page.locator('swarm-console input').count()).toBe(0);
    // Shown just before the drill's update was typed: the console and the timeline stop at the setup.
    expect(await commands(page)).toEqual(SETUP);
    expect(await page.locator('swarm-timeline g.marker[data-kind=status]').count()).toBe(0);
    await page.close();
  });

  it('a line typed before the prediction is refused (the app refuses it, not only the hidden input)', async () => {
    const page = await openPage(h);
    await chooseLesson(page, 'trap-late-crash');
    await page.locator('swarm-prediction form.predict').waitFor();
    await page.evaluate(() =>
      document
        .querySelector('swarm-app')
        ?.shadowRoot?.querySelector('swarm-console')
        ?.dispatchEvent(new CustomEvent('command', { detail: 'docker service update -d --image app:late web' })),
    );
    expect(await page.locator('.message.error').textContent()).toBe(LOCKED_FR.slice(3));
    expect(await commands(page)).toEqual(SETUP);
    // Another lesson (not a drill) is not locked.
    await chooseLesson(page, '1a');
    expect(await page.locator('.locked').count()).toBe(0);
    expect(await page.locator('swarm-console input').count()).toBe(1);
    await page.close();
  });
});
