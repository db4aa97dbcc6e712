// e2e: every tab at 390, 1280 and 1920 px in French and English is axe-clean, overflows nothing sideways but labelled
// boxes that ← → scroll; ps's ERROR column fits at 1280 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chooseLesson, openPage, typeCommand, useHarness } from './harness.js';

const TABS = ['views', 'nodes', 'compare', 'challenges', 'explorer', 'atlas'];

const h = useHarness();

interface Overflow {
  /** The page's own width (a horizontal page scroll when above the viewport's). */
  pageWidth: number;
  /** Boxes cut on their right and scrolling sideways: `tag.class`, whether Tab reaches them, their accessible label. */
  boxes: { name: string; focusable: boolean; label: string }[];
  /** Elements past the viewport's right edge outside any box that clips them. */
  outside: string[];
}

/** Every element of the page and its shadow roots: what is wider than its box, and what goes past the right edge. */
const overflow = (page: Page): Promise<Overflow> =>
  page.evaluate(() => {
    const boxes: Overflow['boxes'] = [];
    const outside: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`;
    const walk = (root: Document | ShadowRoot, clipped: boolean) => {
      for (const el of root.children) visit(el, clipped);
    };
    const visit = (el: Element, clipped: boolean): void => {
      const style = getComputedStyle(el);
      if (style.display === 'none') return;
      const rect = el.getBoundingClientRect();
      if (!clipped && rect.width > 0 && rect.right > window.innerWidth + 0.5) outside.push(name(el));
      const clips = style.overflowX !== 'visible';
      if (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        boxes.push({
          name: name(el),
          focusable: (el as HTMLElement).tabIndex >= 0,
          label: el.getAttribute('aria-label') ?? el.getAttribute('aria-labelledby') ?? '',
        });
      if (el.shadowRoot) walk(el.shadowRoot, clipped || clips);
      for (const child of el.children) visit(child, clipped || clips);
    };
    walk(document, false);
    return { pageWidth: document.documentElement.scrollWidth, boxes, outside };
  });

/** Each box cut on its right (not `checked` yet) scrolls sideways with → once focused (then back to its start). */
async function arrowsScroll(page: Page, checked: Set<string>): Promise<string[]> {
  const stuck: string[] = [];
  const handles = await page.evaluateHandle(() => {
    const found: HTMLElement[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const style = getComputedStyle(el);
        if (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
          found.push(el);
      }
    };
    walk(document);
    return found;
  });
  const count = await handles.evaluate((list) => list.length);
  for (let i = 0; i < count; i++) {
    const box = await handles.evaluateHandle((list, at) => list[at], i);
    const name = await box.evaluate((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
    if (checked.has(name)) continue;
    checked.add(name);
    await box.evaluate((el) => (el as HTMLElement).focus());
    await page.keyboard.press('ArrowRight');
    // Chromium scrolls smoothly: the box has moved within a second or two.
    const moved = await box.evaluate(
      (el) =>
        new Promise<number>((done) => {
          const since = performance.now();
          const tick = () => {
            const left = (el as HTMLElement).scrollLeft;
            if (left > 0 || performance.now() - since > 5_000) {
              (el as HTMLElement).scrollLeft = 0;
              done(left);
            } else requestAnimationFrame(tick);
          };
          tick();
        }),
    );
    if (moved <= 0)
      stuck.push(await box.evaluate((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`));
  }
  return stuck;
}

describe('every tab at three widths, in French and in English', () => {
  let page: Page;
  const seen: string[] = [];
  beforeAll(async () => {
    page = await openPage(h);
    await chooseLesson(page, '2b');
    // A rolled-back update: ps lists failed tasks with their ERROR column, the console long lines.
    await typeCommand(page, 'docker service update --update-failure-action rollback --image nginx:bad my_service');
  });
  afterAll(async () => page?.close());

  for (const width of [390, 1280, 1920]) {
    it(`${width} px: axe-clean; no sideways scroll; a cut box labelled, reached by Tab, scrolled by →`, async () => {
      await page.setViewportSize({ width, height: 800 });
      const checked = new Set<string>();
      for (const lang of ['fr', 'en']) {
        for (const tab of TABS) {
          await page.locator(`button.tab-${tab}`).click();
          if (tab === 'compare') await page.locator('swarm-compare button.run').click();
          // The atlas is drawn once (it stays in the page, hidden, with its table).
          if (tab === 'atlas' && !(await page.locator('swarm-atlas table.outcomes').count())) {
            await page.locator('swarm-atlas button.run').click();
            await page.locator('swarm-atlas p.end').waitFor({ timeout: 60_000 });
          }
          const where = `${width} ${lang} ${tab}`;
          expect(await axeViolations(page), where).toEqual([]);
          const found = await overflow(page);
          expect(found.pageWidth, where).toBe(width);
          expect(found.outside, where).toEqual([]);
          for (const box of found.boxes) {
            expect(box.focusable, `${where} ${box.name}`).toBe(true);
            expect(box.label, `${where} ${box.name}`).not.toBe('');
            seen.push(`${width} ${box.name}`);
          }
          expect(await arrowsScroll(page, checked), where).toEqual([]);
        }
        await page.locator('header button.lang').click();
      }
      // A 390 px phone cuts the ps table and the console's long lines: the sweep did meet cut boxes.
      if (width === 390) expect(seen).toEqual(expect.arrayContaining(['390 pre.ps', '390 div.out']));
    }, 300_000);
  }
});

describe('a drill not predicted yet, on a 390 px phone', () => {
  it('its locks (console, compare, atlas) are axe-clean in FR and EN and fit the width', async () => {
    const page = await openPage(h, '', { width: 390, height: 800 });
    await chooseLesson(page, 'trap-late-crash');
    await page.locator('swarm-prediction form.predict').waitFor();
    for (const lang of ['fr', 'en']) {
      for (const tab of ['compare', 'atlas']) {
        await page.locator(`button.tab-${tab}`).click();
        await page.locator(`.${tab}-locked`).waitFor();
        expect(await axeViolations(page), `${lang} ${tab}`).toEqual([]);
        const found = await overflow(page);
        expect([found.pageWidth, found.outside], `${lang} ${tab}`).toEqual([390, []]);
      }
      await page.locator('header button.lang').click();
    }
    await page.close();
  }, 120_000);
});

describe('docker service ps at 1280 px', () => {
  it('shows the ERROR column of a failed update without scrolling sideways', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '2b');
    await typeCommand(page, 'docker service update --update-failure-action rollback --image nginx:bad my_service');
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      const fit = await page.locator('swarm-views pre.ps').evaluate((pre) => {
        // Where the last quoted error ends on screen, and where the table's visible text ends.
        const range = document.createRange();
        let errorRight = 0;
        let errors = 0;
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node as Text).data;
          for (const match of text.matchAll(/"task: non-zero exit \(1\)"/g)) {
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            errorRight = Math.max(errorRight, range.getBoundingClientRect().right);
            errors++;
          }
        }
        const box = pre.getBoundingClientRect();
        return {
          errors,
          errorRight,
          visibleRight: box.right - parseFloat(getComputedStyle(pre).paddingRight),
          left: pre.scrollLeft,
        };
      });
      expect(fit.errors, `${width}`).toBeGreaterThan(0);
      expect(fit.left).toBe(0);
      expect(fit.errorRight, `${width}`).toBeLessThanOrEqual(fit.visibleRight);
    }
    await page.close();
  }, 120_000);
});
