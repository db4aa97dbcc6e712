// e2e: what tripped students — lesson 1c followed step by step reaches its goal, a missed goal says why, a busy console
// says so.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLesson, cursorOf, openPage, seekTo, useHarness, waitForStop } from './harness.js';

const h = useHarness();

async function lesson(id: string): Promise<Page> {
  const page = await openPage(h);
  await chooseLesson(page, id);
  return page;
}

async function type(page: Page, line: string): Promise<void> {
  const input = page.locator('swarm-console input');
  await input.fill(line);
  await input.press('Enter');
  await waitForStop(page);
}

const goal = (page: Page) => page.locator('swarm-lesson .goal').getAttribute('data-met');

describe('lesson 1c followed as written', () => {
  it('each "Try" button then Enter, at the default 5×: the goal is met', async () => {
    const page = await lesson('1c');
    const startMs = await cursorOf(page);
    const tries = page.locator('swarm-lesson button.try');
    expect(await tries.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await tries.nth(i).click();
      await page.locator('swarm-console input').press('Enter');
      await waitForStop(page);
      // a line plays until it returns: -d and ps return at once, the wait after 2 s
      expect(await cursorOf(page)).toBe(i === 0 ? startMs : startMs + 2_000);
    }
    expect(await goal(page)).toBe('yes');
    expect(await page.locator('swarm-lesson .missed').count()).toBe(0);
    const ps = await page.locator('swarm-console pre.stdout').last().textContent();
    expect(ps).toContain('\\_ my_service.');
    await page.close();
  });

  it('ps typed after the update ended: the goal says it was missed, when, and what to do (FR then EN)', async () => {
    const page = await lesson('1c');
    await type(page, 'docker service update -d --image nginx:latest my_service');
    await seekTo(page, 1e9);
    await type(page, 'docker service ps my_service');
    expect(await goal(page)).toBe('no');
    expect(await page.locator('swarm-lesson .missed').textContent()).toBe(
      'Objectif manqué : docker service ps a tourné à 17.4 s, après la fin de la mise à jour : elle n’était « ' +
        'updating » que de 5.6 s à 17.4 s. Ramenez le curseur dans cet intervalle et retapez docker service ps (une ' +
        'commande s’exécute à l’instant du curseur).',
    );
    await page.locator('header button.lang').click();
    expect(await page.locator('swarm-lesson .missed').textContent()).toBe(
      'Goal missed: docker service ps ran at 17.4 s, after the end of the update: it was “updating” only from 5.6 s ' +
        'to 17.4 s. Bring the cursor back into that span and type docker service ps again (a command runs at the ' +
        'cursor’s time).',
    );
    // back inside the span, ps meets the goal and the explanation goes
    await seekTo(page, 8_000);
    await type(page, 'docker service ps my_service');
    expect(await goal(page)).toBe('yes');
    expect(await page.locator('swarm-lesson .missed').count()).toBe(0);
    await page.close();
  });
});

describe('a line typed while a foreground command runs', () => {
  it('lesson 2b at 9 s: the console says it is busy, and typing says where the line ran', async () => {
    const page = await lesson('2b');
    await type(page, 'docker service update --update-failure-action rollback --image nginx:bad my_service');
    await seekTo(page, 9_000);
    expect(await page.locator('swarm-console .busy').textContent()).toBe(
      '⏳ Console occupée : « docker service update --update-failure-action rollback --image nginx:bad my_service » ' +
        'tourne jusqu’à 17.0 s ; une ligne tapée maintenant s’exécutera à 17.0 s.',
    );
    await type(page, 'docker service ps my_service');
    expect(await cursorOf(page)).toBe(17_000);
    expect(await page.locator('swarm-app .message.info').textContent()).toBe(
      'Console occupée à 9.0 s : « docker service update --update-failure-action rollback --image nginx:bad ' +
        'my_service » ne rend la main qu’à 17.0 s. Votre ligne s’est exécutée à 17.0 s (le curseur y est allé). Pour ' +
        'agir pendant une mise à jour, lancez-la avec -d.',
    );
    await page.close();
  });

  it('lesson 1b: Drain on the node map at 12 s says it ran later (EN)', async () => {
    const page = await lesson('1b');
    await page.locator('header button.lang').click();
    await type(page, 'docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest my_service');
    await seekTo(page, 12_000);
    expect(await page.locator('swarm-console .busy').textContent()).toBe(
      '⏳ Console busy: “docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest ' +
        'my_service” runs until 35.8 s; a line typed now will run at 35.8 s.',
    );
    await page.locator('swarm-app .tab-nodes').click();
    await page.locator('swarm-nodes button', { hasText: 'Drain' }).first().click();
    await waitForStop(page);
    expect(await page.locator('swarm-app .message.info').textContent()).toBe(
      'Console busy at 12.0 s: “docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest ' +
        'my_service” only returns at 35.8 s. Your line ran at 35.8 s (the cursor moved there). To act during an ' +
        'update, start it with -d.',
    );
    // the drain ran when the update returned; the node map then plays on to the end of the trace
    const drainAt = await page.evaluate(
      () =>
        (
          document.querySelector('swarm-app') as unknown as {
            trace: { events: { type: string; text?: string; t_ms: number }[] };
          }
        ).trace.events.find((ev) => ev.type === 'command' && ev.text?.startsWith('docker node update'))?.t_ms,
    );
    expect(drainAt).toBe(35_800);
    await page.close();
  });
});
