// e2e: the page by keyboard — Escape then Tab leaves the console, ARIA tabs with arrow keys, space acts on the focused
// control, the scrubber steps 1 s (Shift 10 s), go to start, ▶ at the end plays again from 0.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLesson, cursorOf, focusedElement, openPage, tabUntil, useHarness, waitForStop } from './harness.js';

const h = useHarness();

const playing = (page: Page) =>
  page.evaluate(
    () => (document.querySelector('swarm-app') as unknown as { replay: { playing: boolean } }).replay.playing,
  );

describe('keyboard', () => {
  it('Tab completes in the console; Escape then Tab leaves it, Shift+Tab goes back; focus is visible', async () => {
    const page = await openPage(h);
    const input = page.locator('swarm-console input');
    await input.fill('docker service ps my_s');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('docker service ps my_service ');
    expect(await focusedElement(page)).toBe('input.');
    expect(await page.locator('swarm-console .line').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(await input.getAttribute('aria-label')).toBe('Console : tapez une commande docker');
    await input.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).not.toBe('input.');
    await input.focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedElement(page)).toBe('div.out');
    await page.close();
  });

  it('from the console to the tab bar, ← → between tabs, into the node map', async () => {
    const page = await openPage(h);
    await page.locator('swarm-console input').focus();
    await page.keyboard.press('Escape');
    await tabUntil(page, 'button.tab-views');
    await page.keyboard.press('ArrowRight');
    expect(await focusedElement(page)).toBe('button.tab-nodes');
    expect(await page.locator('button.tab-nodes').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[role=tabpanel]').getAttribute('aria-labelledby')).toBe('tab-nodes');
    await page.keyboard.press('End');
    expect(await focusedElement(page)).toBe('button.tab-atlas');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('button.drain');
    await page.close();
  });

  it('space presses the focused speed button, "Try" button and opens the hints; elsewhere it plays', async () => {
    const page = await openPage(h);
    await page.locator('swarm-controls button.speed', { hasText: '20×' }).focus();
    await page.keyboard.press(' ');
    expect(await playing(page)).toBe(false);
    expect(await page.locator('swarm-controls button.speed[aria-pressed=true]').textContent()).toBe('20×');
    await page.locator('swarm-lesson button.try').first().focus();
    await page.keyboard.press(' ');
    expect(await playing(page)).toBe(false);
    expect(await page.locator('swarm-console input').inputValue()).toBe(
      'docker service update --image nginx:latest my_service',
    );
    await page.locator('swarm-lesson summary', { hasText: 'Indices' }).focus();
    await page.keyboard.press(' ');
    expect(await playing(page)).toBe(false);
    expect(await page.locator('swarm-lesson details', { hasText: 'Indices' }).getAttribute('open')).toBe('');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press(' ');
    expect(await playing(page)).toBe(true);
    await page.close();
  });
});

describe('replay navigation', () => {
  it('scrubber arrows move 1 s, Shift 10 s, Home / End; |◀◀ goes to 0; ▶ at the end plays from 0', async () => {
    const page = await openPage(h);
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await page.locator('swarm-console input').fill('swarmlab wait 30s');
    await page.locator('swarm-console input').press('Enter');
    await waitForStop(page);
    const end = await cursorOf(page);
    expect(end).toBeGreaterThan(30_000);
    const scrubber = page.locator('swarm-controls input.scrubber');
    await scrubber.focus();
    await page.keyboard.press('Home');
    expect(await cursorOf(page)).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await cursorOf(page)).toBe(1_000);
    await page.keyboard.press('Shift+ArrowRight');
    expect(await cursorOf(page)).toBe(11_000);
    await page.keyboard.press('ArrowLeft');
    expect(await cursorOf(page)).toBe(10_000);
    await page.keyboard.press('End');
    expect(await cursorOf(page)).toBe(end);
    expect(await page.locator('swarm-controls button.prev').textContent()).toBe('|◀ précédent');
    await page.locator('swarm-controls button.start').click();
    expect(await cursorOf(page)).toBe(0);
    await scrubber.focus();
    await page.keyboard.press('End');
    await page.locator('swarm-controls button.speed', { hasText: '1×' }).click();
    await page.locator('swarm-controls button.play').click();
    expect(await playing(page)).toBe(true);
    expect(await cursorOf(page)).toBeLessThan(1_000);
    await page.locator('swarm-controls button.play').click();
    await waitForStop(page);
    await page.close();
  });

  it('zoom on a long trace: + halves the window around the cursor, − doubles it, the whole trace again', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '1b');
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    const input = page.locator('swarm-console input');
    await input.fill('docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest my_service');
    await input.press('Enter');
    await waitForStop(page);
    const view = () => page.locator('swarm-timeline svg.head').first().getAttribute('data-view');
    expect(await view()).toBe('0-51730');
    await page.locator('swarm-timeline button.zoom-in').click();
    await page.locator('swarm-timeline button.zoom-in').click();
    expect(await view()).toBe('29334-42267');
    await page.locator('swarm-controls input.scrubber').focus();
    await page.keyboard.press('Home');
    expect(await view()).toBe('0-12933');
    await page.locator('swarm-timeline button.zoom-out').click();
    expect(await view()).toBe('0-25866');
    await page.locator('swarm-timeline button.zoom-all').click();
    expect(await view()).toBe('0-51730');
    await page.close();
  });
});
