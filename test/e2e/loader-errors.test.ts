// e2e: a bad scenario or compose file imported on the page is refused in the page's language, and said again in the
// other one when the language is switched; the session stays as it was.
import { describe, expect, it } from 'vitest';
import { openPage, useHarness } from './harness.js';

const h = useHarness();

const SCENARIO = 'seed: 3\ncluster:\n  timing:\n    schedule: 5\nsteps:\n  - docker service ls\n';
const COMPOSE = 'services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        order: start-frist\n';

describe('loader errors on the page', () => {
  it('says a bad scenario in French, then in English after the switch, and a bad compose file in both', async () => {
    const page = await openPage(h);
    const before = await page.locator('swarm-console pre.cmd').allTextContents();
    const message = page.locator('.message.error');
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(SCENARIO) });
    await expect
      .poll(() => message.textContent())
      .toBe(
        'Fichier refusé : bad.yaml:4: cluster.timing.schedule : attendu une durée Go comme 500ms, 1.5s ou 2m, reçu 5 ' +
          '(une durée Go a besoin d’une unité)',
      );
    await page.locator('header button.lang').click();
    await expect
      .poll(() => message.textContent())
      .toBe(
        'File refused: bad.yaml:4: cluster.timing.schedule: expected a Go duration such as 500ms, 1.5s or 2m, got 5 ' +
          '(a Go duration needs a unit)',
      );

    await page
      .locator('header input.import')
      .setInputFiles({ name: 'stack.yml', mimeType: 'text/yaml', buffer: Buffer.from(COMPOSE) });
    const english =
      'File refused: stack.yml:6: services.web.deploy.update_config.order: expected one of start-first, stop-first, ' +
      'got "start-frist" (did you mean "start-first"?)';
    await expect.poll(() => message.textContent()).toBe(english);
    await page.locator('header button.lang').click();
    await expect
      .poll(() => message.textContent())
      .toBe(
        'Fichier refusé : stack.yml:6: services.web.deploy.update_config.order : attendu l’une des valeurs ' +
          'start-first, stop-first, reçu "start-frist" (vouliez-vous dire « start-first » ?)',
      );
    // Refused: the session is the one the page opened with.
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual(before);
    expect(await page.locator('swarm-console input').count()).toBe(1);
    await page.close();
  });
});
