// e2e: export the trace, share link, import a trace / a scenario / a bad file, hostile payloads shown as text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import {
  chooseLesson,
  lessonOpen,
  newPage,
  openPage,
  readText,
  screenshot,
  typeCommand,
  useHarness,
  waitForEnd,
} from './harness.js';

const h = useHarness();

const HOSTILE = '<img src=x onerror=alert(1)>';

const trace2b = () => {
  const file = 'scenarios/course/2b-rollback-on-failure.yaml';
  return runScenario(loadScenario(readText(file), file)).trace;
};

describe('import and export', () => {
  it('exports the trace as the CLI --json shape and imports it back, read only', async () => {
    const page = await openPage(h);
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('header button.export').click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(Object.keys(exported)).toEqual([
      'scenario',
      'seed',
      'duration_ms',
      'epoch',
      'services',
      'tasks',
      'nodes',
      'events',
    ]);
    expect(exported.scenario).toBe('course-1a-update-image');
    expect(
      exported.events.filter((ev: { type: string }) => ev.type === 'command').map((ev: { text: string }) => ev.text),
    ).toEqual([
      'docker service create --name my_service --replicas 3 nginx:1.25',
      'swarmlab wait converged',
      'docker service update --image nginx:latest my_service',
    ]);

    const other = await openPage(h);
    await other.locator('header input.import').setInputFiles({
      name: 'run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(trace2b())),
    });
    await expect.poll(() => other.locator('.message.ok').textContent()).toContain('run.json');
    expect(await other.locator('swarm-timeline g.lane').count()).toBe(4);
    expect(await other.locator('swarm-console input').count()).toBe(0);
    await other.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await other.locator('swarm-controls button.play').click();
    await waitForEnd(other);
    expect(await other.locator('swarm-console pre.err').first().textContent()).toBe(
      'other flags may not be combined with --rollback\n',
    );
    expect(await other.locator('swarm-timeline g.marker[data-kind=failure]').count()).toBe(1);
    await screenshot(other, 'imported-trace');
    await page.close();
    await other.close();
  });

  it('refuses a bad file with a clear message and keeps the session as it was', async () => {
    const page = await openPage(h);
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const before = await page.locator('swarm-views pre.ps').textContent();
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"events": 3}') });
    await expect
      .poll(() => page.locator('.message.error').textContent())
      .toBe('Fichier refusé : broken.json: pas une trace swarmlab (events : attendu une liste, reçu 3)');
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from('steps:\n  - wait: forever\n') });
    await expect.poll(() => page.locator('.message.error').textContent()).toContain('bad.yaml:2');
    expect(await page.locator('swarm-views pre.ps').textContent()).toBe(before);
    expect(await page.locator('swarm-console input').count()).toBe(1);
    await page.close();
  });

  it('shows hostile payloads from files as text, never as HTML', async () => {
    const page = await openPage(h);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const scenario =
      `name: "${HOSTILE}"\nseed: 3\nsteps:\n  - docker service create --name web --replicas 1 ` +
      `'${HOSTILE}'\n  - docker service create --name web2 --replicas 1 nginx --label 'x=${HOSTILE}'\n`;
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'evil.yaml', mimeType: 'text/yaml', buffer: Buffer.from(scenario) });
    await expect.poll(() => page.locator('.message.ok').textContent()).toContain('evil.yaml');
    await page
      .locator('header input.import')
      .setInputFiles({ name: `${HOSTILE}.json`, mimeType: 'application/json', buffer: Buffer.from('nope') });
    await expect.poll(() => page.locator('.message.error').textContent()).toContain(HOSTILE);
    expect(await page.locator('swarm-console pre.cmd').first().textContent()).toBe(
      `$ docker service create --name web --replicas 1 '${HOSTILE}'`,
    );
    expect(await page.locator('header select.lesson-select option:checked').textContent()).toBe(HOSTILE);
    const images = await page.evaluate(() => {
      const count = (root: Document | ShadowRoot): number =>
        [...root.querySelectorAll('*')].reduce(
          (n, el) => n + (el.tagName === 'IMG' ? 1 : 0) + (el.shadowRoot ? count(el.shadowRoot) : 0),
          0,
        );
      return count(document);
    });
    expect(images).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, 'hostile-payload');
    await page.close();
  });

  it('shares the session in the URL fragment: the same commands at the same times give the same state', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '2a');
    await typeCommand(page, 'docker service rollback my_service');
    const ps = await page.locator('swarm-views pre.ps').textContent();
    const url = await page.evaluate(() =>
      (document.querySelector('swarm-app') as unknown as { shareLink(): string }).shareLink(),
    );
    expect(url).toMatch(/#lesson=2a&seed=21&steps=/);
    const other = await newPage(h);
    await other.goto(url);
    await lessonOpen(other, '2a');
    expect(await other.locator('swarm-views pre.ps').textContent()).toBe(ps);
    expect(await other.locator('swarm-lesson .goal').getAttribute('data-met')).toBe('yes');
    // a share link pasted into an open page (hash change) opens its session too
    await page.evaluate(() => {
      location.hash =
        '#lesson=2b&seed=22&steps=W1swLCJkb2NrZXIgc2VydmljZSBjcmVhdGUgLS1uYW1lIHMgLS1yZXBsaWNhcyAyIG5naW54OjEuMjUiXV0';
    });
    await expect.poll(() => page.locator('swarm-lesson h2').textContent()).toBe('2b — Rollback automatique sur échec');
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual([
      '$ docker service create --name s --replicas 2 nginx:1.25',
    ]);
    await page.close();
    await other.close();
  });
});
