// e2e: the page at a 390 px phone, 1280 and 1920 px: no horizontal page scroll, the lesson and the console fit the
// width.
import { describe, expect, it } from 'vitest';
import { openPage, useHarness, waitForStop } from './harness.js';

const h = useHarness();

describe('layout', () => {
  for (const width of [390, 1280, 1920]) {
    it(`at ${width} px: no horizontal scroll; lesson text, console and timeline within the width`, async () => {
      const page = await openPage(h, '', { width, height: 800 });
      const input = page.locator('swarm-console input');
      await input.fill('docker service ps my_service');
      await input.press('Enter');
      await waitForStop(page);
      await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
      for (const selector of [
        'swarm-lesson details.text p',
        'swarm-console input',
        'swarm-console .out',
        'swarm-timeline svg.head',
      ]) {
        const box = await page.locator(selector).boundingBox();
        expect(box, selector).not.toBeNull();
        expect(box!.x, selector).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, selector).toBeLessThanOrEqual(width);
        expect(box!.width, selector).toBeGreaterThan(width < 500 ? 200 : 300);
      }
      await page.close();
    });
  }
});
