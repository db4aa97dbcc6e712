// e2e: misconception drills: predict in the form, watch the scenario play, read the grade and the rule (FR and EN).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Harness, openPage, screenshot, useHarness, waitForEnd } from './harness.js';

const h = useHarness();

const form = (page: Page) => page.locator('swarm-prediction form.predict');
const pick = (page: Page, question: string, value: string) =>
  page.locator(`swarm-prediction fieldset[data-question="${question}"] input[value="${value}"]`).check();
const grade = (page: Page, question: string) => page.locator(`swarm-prediction li[data-question="${question}"]`);

async function openDrill(page: Page, id: string, maxSpeed: boolean): Promise<void> {
  await page.locator('header select.lesson-select').selectOption(id);
  await form(page).waitFor();
  if (maxSpeed) await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
}

describe('misconception drills in the browser', () => {
  it('FR, late crash: the form asks first, the update plays, the wrong status graded wrong with its rule', async () => {
    const page = await openDrill2(h, 'trap-late-crash');
    expect(await page.locator('swarm-prediction legend').allTextContents()).toEqual([
      'UpdateStatus final du service web ?',
      'Combien de temps après le début de la mise à jour un échec est-il compté ?',
      'Quelle image les tâches de web exécutent-elles à la fin ?',
    ]);
    // Nothing of the update has run yet: only the lesson's setup is in the console.
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual([
      '$ docker service create -d --name web --replicas 3 app:v1',
      '$ swarmlab wait converged',
    ]);
    await page.locator('swarm-prediction button.predict-submit').click();
    expect(await page.locator('swarm-prediction [role=alert]').textContent()).toBe(
      'Répondez à chaque question avant de regarder.',
    );
    await pick(page, 'status', 'rollback_completed');
    await pick(page, 'failure', 'never');
    await pick(page, 'image', 'app:late');
    await page.locator('swarm-prediction button.predict-submit').click();
    await waitForEnd(page);
    await page.locator('swarm-prediction section.result').waitFor();
    expect(await page.locator('swarm-prediction .score').textContent()).toBe('2 / 3');
    expect(await grade(page, 'status').getAttribute('data-correct')).toBe('no');
    expect(await grade(page, 'status').locator('.actual').textContent()).toBe('completed (mise à jour terminée)');
    expect(await grade(page, 'failure').getAttribute('data-correct')).toBe('yes');
    expect(await grade(page, 'image').getAttribute('data-correct')).toBe('yes');
    expect(await page.locator('swarm-prediction p.rule').textContent()).toContain('--update-monitor (5 s par défaut)');
    expect(await page.locator('swarm-prediction ul.sources').textContent()).toContain(
      'swarmkit manager/orchestrator/update/updater.go',
    );
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual([
      '$ docker service create -d --name web --replicas 3 app:v1',
      '$ swarmlab wait converged',
      '$ docker service update -d --update-failure-action rollback --image app:late web',
      '$ swarmlab wait settled',
      '$ swarmlab wait 30s',
      '$ docker service ps web',
    ]);
    expect(await page.locator('swarm-timeline g.marker[data-kind=status][data-state=completed]').count()).toBe(1);
    expect(await page.locator('swarm-timeline g.marker[data-kind=rollback_start]').count()).toBe(0);
    await screenshot(page, 'trap-late-crash-graded');
    await page.close();
  });

  it('FR, one step back: the correction waits for the replay (or the button); every prediction right', async () => {
    const page = await openDrill2(h, 'trap-rollback-one-step', false);
    await pick(page, 'refused', 'refused');
    await pick(page, 'image-first', 'app:v1');
    await pick(page, 'image-second', 'app:v2');
    await pick(page, 'status', 'rollback_completed');
    await page.locator('swarm-prediction button.predict-submit').click();
    // At speed 5 the 30 s of the drill take seconds: the correction waits for the end of the replay.
    expect(await page.locator('swarm-prediction p.watching').textContent()).toBe(
      'Regardez la chronologie : la correction s’affiche quand la lecture atteint la fin.',
    );
    expect(await page.locator('swarm-prediction section.result').count()).toBe(0);
    await page.locator('swarm-prediction button.reveal').click();
    await page.locator('swarm-prediction section.result').waitFor();
    expect(await page.locator('swarm-prediction .score').textContent()).toBe('4 / 4');
    expect(await page.locator('swarm-prediction li[data-correct=yes]').count()).toBe(4);
    expect(await page.locator('swarm-console pre.err').first().textContent()).toMatch(
      new RegExp(
        '^Error response from daemon: rpc error: code = FailedPrecondition desc = service \\w{25} does not have a ' +
          'previous spec\\n$',
      ),
    );
    const ps = await page.locator('swarm-views pre.ps').textContent();
    expect(ps!.split('\n').filter((l) => /web\.\d\s+app:v2\s+node-\d\s+Running\s+Running/.test(l))).toHaveLength(3);
    await page.close();
  });

  it('FR, host-mode port: the update plays, the new task pends on the port, graded from the trace', async () => {
    const page = await openDrill2(h, 'trap-host-port-start-first');
    await pick(page, 'status', 'updating');
    await pick(page, 'lowest', '0');
    await pick(page, 'image', 'app:v1');
    await page.locator('swarm-prediction button.predict-submit').click();
    await waitForEnd(page);
    await page.locator('swarm-prediction section.result').waitFor();
    expect(await page.locator('swarm-prediction .score').textContent()).toBe('2 / 3');
    expect(await page.locator('swarm-prediction p.why').count()).toBe(0);
    expect(await grade(page, 'lowest').locator('.actual').textContent()).toBe('1');
    expect(await page.locator('swarm-prediction p.rule').textContent()).toContain(
      'no suitable node (host-mode port already in use on 1 node)',
    );
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual([
      '$ docker service create -d --name web --replicas 1 --publish mode=host,published=8080,target=80 app:v1',
      '$ swarmlab wait converged',
      '$ docker service ps web',
      '$ docker service update -d --update-order start-first --image app:v2 web',
      '$ swarmlab wait 30s',
      '$ docker service ps web',
    ]);
    await page.close();
  });

  it('EN, paused: answered with the keyboard only; graded in English', async () => {
    const page = await openDrill2(h, 'trap-paused');
    await page.locator('header button.lang').click();
    expect(await page.locator('swarm-prediction h3').textContent()).toBe('Predict first');
    // The first radio of the first question; ↓ moves to (and checks) the next choice, Tab to the next group.
    await page.locator('swarm-prediction fieldset[data-question="status-paused"] input').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForEnd(page);
    await page.locator('swarm-prediction section.result').waitFor();
    expect(await page.locator('swarm-prediction .score').textContent()).toBe('3 / 3');
    expect(await grade(page, 'image-paused').locator('.actual').textContent()).toBe('app:bad');
    expect(await grade(page, 'status').locator('.actual').textContent()).toBe('completed (update finished)');
    expect(await page.locator('swarm-prediction p.rule').textContent()).toContain('Two ways out');
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toContain(
      '$ docker service update -d --image app:v2 web',
    );
    await screenshot(page, 'trap-paused-graded-en');
    await page.close();
  });
});

async function openDrill2(harness: Harness, id: string, maxSpeed = true): Promise<Page> {
  const page = await openPage(harness);
  await openDrill(page, id, maxSpeed);
  return page;
}
