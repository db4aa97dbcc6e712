// e2e: the replay cursor drives every panel (scrubber, keyboard steps), the language switch and the large-font mode.
import { describe, expect, it } from 'vitest';
import { cursorOf, openPage, screenshot, typeCommand, useHarness } from './harness.js';

const h = useHarness();

type AppHandle = { replay: { cursorMs: number; durationMs: number; playing: boolean } };

async function seek(page: import('playwright-core').Page, tMs: number): Promise<void> {
  await page.locator('swarm-controls input.scrubber').evaluate((el, t) => {
    const input = el as HTMLInputElement;
    input.value = String(t);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }, tMs);
}

describe('replay', () => {
  it('scrubbing moves the ps table, the timeline and the availability to the cursor time', async () => {
    const page = await openPage(h);
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const psAt = async () => (await page.locator('swarm-views pre.ps').textContent()) ?? '';
    const countRunning = (ps: string, image: string) =>
      ps.split('\n').filter((l) => new RegExp(`${image.replace('.', '\\.')}\\s+node-\\d\\s+Running\\s+Running`).test(l))
        .length;
    const end = await psAt();
    expect(countRunning(end, 'nginx:latest')).toBe(3);
    await seek(page, 1_000);
    await expect.poll(() => cursorOf(page)).toBe(1_000);
    const before = await psAt();
    expect(countRunning(before, 'nginx:1.25')).toBe(3);
    expect(before).not.toContain('nginx:latest');
    expect(await page.locator('swarm-timeline g.bar').count()).toBe(3);
    const startMs = await page.evaluate(
      () =>
        (
          document.querySelector('swarm-app') as unknown as {
            trace: { events: { type: string; state?: string; t_ms: number }[] };
          }
        ).trace.events.find((ev) => ev.type === 'update_status' && ev.state === 'updating')!.t_ms,
    );
    await seek(page, startMs + 2_500);
    const during = await psAt();
    expect(countRunning(during, 'nginx:latest')).toBeGreaterThan(0);
    expect(countRunning(during, 'nginx:latest')).toBeLessThan(3);
    expect(await page.locator('swarm-console pre.stdout.running').count()).toBe(1);
    await screenshot(page, 'scrub-mid-update');
    await page.close();
  });

  it('space plays and pauses, arrows step to the next and previous event', async () => {
    const page = await openPage(h);
    await seek(page, 0);
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('ArrowRight');
    const first = await cursorOf(page);
    expect(first).toBeGreaterThan(0);
    await page.keyboard.press('ArrowRight');
    const second = await cursorOf(page);
    expect(second).toBeGreaterThan(first);
    await page.keyboard.press('ArrowLeft');
    expect(await cursorOf(page)).toBe(first);
    await page.locator('swarm-controls button.speed', { hasText: '1×' }).click();
    await page.locator('body').click({ position: { x: 5, y: 700 } }); // space on the focused 1× button would press it
    await page.keyboard.press(' ');
    await expect
      .poll(() => page.evaluate(() => (document.querySelector('swarm-app') as unknown as AppHandle).replay.playing))
      .toBe(true);
    await expect.poll(() => cursorOf(page)).toBeGreaterThan(first + 50);
    await page.keyboard.press(' ');
    const playing = () =>
      page.evaluate(() => (document.querySelector('swarm-app') as unknown as AppHandle).replay.playing);
    expect(await playing()).toBe(false);
    // with the focus on a control button, space still toggles once (not once for the key and once for the button)
    await page.locator('swarm-controls button.play').click();
    expect(await playing()).toBe(true);
    await page.keyboard.press(' ');
    expect(await playing()).toBe(false);
    // space on a focused speed button presses that button (chooses the speed), it does not toggle play
    await page.locator('swarm-controls button.speed', { hasText: '5×' }).focus();
    await page.keyboard.press(' ');
    expect(await playing()).toBe(false);
    expect(
      await page.evaluate(
        () => (document.querySelector('swarm-app') as unknown as { replay: { speed: unknown } }).replay.speed,
      ),
    ).toBe(5);
    await page.close();
  });

  it('switches between French and English in one click, and has a large-font mode', async () => {
    const page = await openPage(h);
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Changer l’image d’un service');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.locator('header button.lang').click();
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Change a service’s image');
    expect(await page.locator('header button.lang').textContent()).toBe('Français');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('swarm-console input').getAttribute('placeholder')).toContain('Type a docker command');
    await page.locator('header button.large').click();
    const size = await page.locator('swarm-app').evaluate((el) => getComputedStyle(el).fontSize);
    expect(size).toBe('20px');
    await screenshot(page, 'english-large-font');
    await page.close();
  });
});
