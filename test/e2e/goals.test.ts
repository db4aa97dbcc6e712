// e2e: the remaining lessons (1c, 2a, 2c, 3) reach their goal when played through the console; drag-and-drop import.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLesson, openPage, readText, typeCommand, useHarness, waitForStop } from './harness.js';

const h = useHarness();

const goal = (page: Page) => page.locator('swarm-lesson .goal').getAttribute('data-met');

async function lesson(id: string): Promise<Page> {
  const page = await openPage(h);
  await chooseLesson(page, id);
  return page;
}

describe('lesson goals', () => {
  it('1c: docker service ps typed while the update runs (-d returns at once: the replay stays there)', async () => {
    const page = await lesson('1c');
    expect(await goal(page)).toBe('no');
    await page.locator('swarm-controls button.speed', { hasText: '1×' }).click();
    const input = page.locator('swarm-console input');
    await input.fill('docker service update -d --image nginx:latest my_service');
    await input.press('Enter');
    await waitForStop(page);
    await input.fill('swarmlab wait 1s');
    await input.press('Enter');
    await waitForStop(page);
    await input.fill('docker service ps my_service');
    await input.press('Enter');
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await expect.poll(() => goal(page)).toBe('yes');
    const ps = await page.locator('swarm-console pre.stdout').last().textContent();
    expect(ps).toContain('nginx:latest');
    expect(ps).toContain('nginx:1.25');
    await page.close();
  });

  it('2a: a manual rollback', async () => {
    const page = await lesson('2a');
    expect(await goal(page)).toBe('no');
    await typeCommand(page, 'docker service rollback my_service');
    expect(await goal(page)).toBe('yes');
    expect(await page.locator('swarm-timeline g.marker[data-kind=rollback_start]').count()).toBe(1);
    await page.close();
  });

  it('2c: ps after the automatic rollback; a second rollback is refused', async () => {
    const page = await lesson('2c');
    expect(await goal(page)).toBe('no');
    await typeCommand(page, 'docker service ps my_service');
    expect(await goal(page)).toBe('yes');
    await typeCommand(page, 'docker service rollback my_service');
    expect(await page.locator('swarm-console pre.err').last().textContent()).toMatch(
      new RegExp(
        '^Error response from daemon: rpc error: code = FailedPrecondition desc = service \\w+ does not have a ' +
          'previous spec\\n$',
      ),
    );
    await page.close();
  });

  it('3: stack v2 rolls back by itself and the service never drops below 4 running replicas', async () => {
    const page = await lesson('3');
    expect(await goal(page)).toBe('no');
    await typeCommand(page, 'docker stack deploy -c stack-v2.yml shop');
    expect(await goal(page)).toBe('yes');
    expect(await page.locator('swarm-availability .legend').first().textContent()).toContain('shop/web:1.0: 4');
    await page.close();
  });
});

describe('drag and drop', () => {
  it('imports a compose file: deployed as a stack on a 3-node cluster', async () => {
    const page = await openPage(h);
    const compose =
      'services:\n  api:\n    image: shop/api:2\n    deploy:\n      replicas: 5\n      update_config: {parallelism: ' +
      '2, order: start-first}\n';
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'shop.yml', mimeType: 'text/yaml', buffer: Buffer.from(compose) });
    await expect.poll(() => page.locator('.message.ok').textContent()).toContain('shop.yml');
    expect(await page.locator('swarm-console pre.cmd').first().textContent()).toBe(
      '$ docker stack deploy -c shop.yml shop',
    );
    expect(await page.locator('swarm-timeline g.lane').count()).toBe(5);
    expect(await page.locator('swarm-views pre.inspect').textContent()).toContain('Update order:      start-first');
    await page.close();
  });

  it('imports a scenario file dropped on the page', async () => {
    const page = await openPage(h);
    const text = readText('scenarios/course/2b-rollback-on-failure.yaml');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], '2b.yaml', { type: 'text/yaml' }));
      document
        .querySelector('swarm-app')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await expect.poll(() => page.locator('.message.ok').textContent()).toContain('2b.yaml');
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toHaveLength(6);
    expect(await page.locator('header select.lesson-select option:checked').textContent()).toBe(
      'course-2b-rollback-on-failure',
    );
    expect(
      await page.evaluate(() =>
        (document.querySelector('swarm-app') as unknown as { shareLink(): string }).shareLink(),
      ),
    ).toBe('');
    expect(await page.locator('.message.error').textContent()).toContain('Seule une session de leçon');
    await page.close();
  });
});
