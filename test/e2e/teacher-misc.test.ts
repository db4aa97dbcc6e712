// e2e: cat of a lesson's file, the English choice kept across a reload, a favicon without a request, the console's
// name.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chooseLesson, openPage, readText, typeCommand, useHarness } from './harness.js';

const h = useHarness();

describe('the page', () => {
  it('lesson 3: cat stack-v2.yml prints the lesson’s file', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '3');
    await typeCommand(page, 'cat stack-v2.yml');
    const files = (parse(readText('scenarios/course/3-best-practices.yaml')) as { files: Record<string, string> })
      .files;
    expect(await page.locator('swarm-console pre.cmd').last().textContent()).toBe('$ cat stack-v2.yml');
    expect(await page.locator('swarm-console pre.stdout').last().textContent()).toBe(files['stack-v2.yml']);
    await page.close();
  });

  it('English stays chosen after a reload; the console named in each language; no /favicon.ico request', async () => {
    const page = await openPage(h);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    expect(await page.locator('swarm-console input').getAttribute('aria-label')).toBe(
      'Console : tapez une commande docker',
    );
    await page.locator('header button.lang').click();
    expect(await page.locator('swarm-console input').getAttribute('aria-label')).toBe('Console: type a docker command');
    await page.reload();
    await page.locator('swarm-console input').waitFor();
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Change a service’s image');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('link[rel=icon]').count()).toBe(1);
    expect(requests.filter((path) => path === '/favicon.ico')).toEqual([]);
    await page.locator('header button.lang').click();
    await page.reload();
    await page.locator('swarm-console input').waitFor();
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Changer l’image d’un service');
    await page.close();
  });
});
