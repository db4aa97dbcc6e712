// e2e: compare shows docker's refusal of bad flags, lesson 3's markers never overlap, typed work is not lost unasked.
import { describe, expect, it } from 'vitest';
import { chooseLesson, openPage, typeCommand, useHarness } from './harness.js';

const h = useHarness();

describe('compare refuses bad flags with docker’s words', () => {
  it('a misspelt flag and a bad duration: the console’s error, no figures', async () => {
    const page = await openPage(h);
    await page.locator('button.tab-compare').click();
    await page.locator('swarm-compare input[name=a]').fill('--update-paralelism 2');
    await page.locator('swarm-compare input[name=b]').fill('--update-delay banana');
    await page.locator('swarm-compare button.run').click();
    expect(await page.locator('swarm-compare .error').textContent()).toBe(
      [
        'Stratégie A — unknown flag: --update-paralelism',
        '',
        'Usage:  docker service update [OPTIONS] SERVICE',
        '',
        "Run 'docker service update --help' for more information",
        'Stratégie B — invalid argument "banana" for "--update-delay" flag: time: invalid duration "banana"',
        '',
        'Usage:  docker service update [OPTIONS] SERVICE',
        '',
        "Run 'docker service update --help' for more information",
      ].join('\n'),
    );
    expect(await page.locator('swarm-compare table.stats').count()).toBe(0);
    await page.close();
  });
});

describe('lesson 3 timeline', () => {
  it('the rollback’s status labels and markers at one instant are drawn without overlap', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '3');
    await typeCommand(page, 'docker stack deploy -c stack-v2.yml shop');
    const boxes = await page
      .locator(
        'swarm-timeline svg.head g.marker:not([data-kind=delay]):not([data-kind=monitor]):not([data-kind=command]) ' +
          'text',
      )
      .evaluateAll((texts) =>
        texts.map((t) => {
          const b = t.getBoundingClientRect();
          return { text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom };
        }),
      );
    expect(boxes.map((b) => b.text)).toEqual([
      'updating',
      '▶',
      '✕',
      '■',
      'rollback_started',
      'rollback_completed',
      '⏏',
    ]);
    const overlaps = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        .map((b) => `${a.text} × ${b.text}`),
    );
    expect(overlaps).toEqual([]);
    await page.close();
  });
});

describe('typed work is not discarded unasked', () => {
  it('changing lesson (menu or arrow key) asks first; cancel keeps the session, accept changes', async () => {
    const page = await openPage(h);
    await typeCommand(page, 'docker service ps my_service');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (dialogs.length === 1 ? dialog.dismiss() : dialog.accept());
    });
    await page.locator('header select.lesson-select').selectOption('2a');
    expect(dialogs).toEqual([
      'Changer de leçon efface les lignes que vous avez tapées dans cette session. Continuer ?',
    ]);
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Changer l’image d’un service');
    expect(await page.locator('header select.lesson-select').inputValue()).toBe('1a');
    expect(await page.locator('swarm-console pre.cmd').last().textContent()).toBe('$ docker service ps my_service');
    await page.locator('header select.lesson-select').focus();
    await page.keyboard.press('ArrowDown');
    expect(dialogs.length).toBe(2);
    await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toBe('1b — Parallélisme et délai');
    // nothing typed in the new lesson yet: no question
    await page.locator('header select.lesson-select').selectOption('2a');
    expect(dialogs.length).toBe(2);
    await page.close();
  });

  it('opening an explorer point asks first (EN); cancel keeps the lesson and its lines', async () => {
    const page = await openPage(h);
    await page.locator('header button.lang').click();
    await typeCommand(page, 'docker service ps my_service');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (dialogs.length === 1 ? dialog.dismiss() : dialog.accept());
    });
    await page.locator('button.tab-explorer').click();
    for (const [name, value] of Object.entries({
      replicas: '3',
      nodes: '3',
      parallelism: '1',
      delay: '0s',
      monitor: '5s',
    }))
      await page.locator(`swarm-explorer [name=${name}]`).fill(value);
    await page.locator('swarm-explorer button.run').click();
    const point = page.locator('explorer-chart circle.point').first();
    await point.waitFor();
    await point.click();
    expect(dialogs).toEqual(['Opening this point discards the lines you typed in this session. Continue?']);
    expect(await page.locator('swarm-console pre.cmd').last().textContent()).toBe('$ docker service ps my_service');
    expect(await page.locator('swarm-lesson h2').count()).toBe(1);
    await point.click();
    expect(dialogs.length).toBe(2);
    await expect.poll(() => page.locator('.message.ok').textContent()).toMatch(/^Opened: /);
    expect(await page.locator('swarm-console input').count()).toBe(0);
    await page.close();
  });
});
