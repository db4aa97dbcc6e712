// e2e: lessons played through the console; the timeline, the ps table and the goal follow the trace.
import { describe, expect, it } from 'vitest';
import { chooseLesson, openPage, screenshot, typeCommand, useHarness } from './harness.js';

const h = useHarness();

describe('lessons in the browser', () => {
  it('1b: two replicas at a time, 10 s apart; the goal is checked from the updater events', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '1b');
    await expect.poll(() => page.locator('swarm-timeline g.lane').count()).toBe(6);
    expect(await page.locator('swarm-lesson .goal').getAttribute('data-met')).toBe('no');
    await typeCommand(
      page,
      'docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest my_service',
    );
    expect(await page.locator('swarm-lesson .goal').getAttribute('data-met')).toBe('yes');
    expect(await page.locator('swarm-timeline g.bar').count()).toBe(12);
    expect(await page.locator('swarm-timeline g.marker[data-kind=delay]').count()).toBe(6);
    expect(await page.locator('swarm-timeline g.marker[data-kind=monitor]').count()).toBe(1);
    expect(await page.locator('swarm-timeline g.marker[data-kind=update_start]').count()).toBe(1);
    const ps = await page.locator('swarm-views pre.ps').textContent();
    expect(ps!.split('\n').filter((l) => /nginx:latest\s+node-\d\s+Running\s+Running/.test(l))).toHaveLength(6);
    expect(ps).toContain('\\_ my_service.1');
    await page.locator('swarm-timeline g.bar[data-state=shutdown]').first().hover();
    const tip = await page.locator('swarm-timeline .tip').textContent();
    expect(tip).toMatch(/^Tâche \w{25}\nmy_service\.\d {2}nginx:1\.25\n/);
    expect(tip).toContain('running');
    expect(tip).toMatch(/shutdown\s+\d+\.\d+ s/);
    await screenshot(page, 'lesson-1b-done');
    await page.close();
  });
});

describe('lesson 2b in the browser', () => {
  it('shows Docker rejecting the course command, then rolls back automatically after the failure', async () => {
    const page = await openPage(h);
    await chooseLesson(page, '2b');
    await expect.poll(() => page.locator('swarm-timeline g.lane').count()).toBe(4);
    await typeCommand(
      page,
      'docker service update --rollback --update-failure-action rollback --image nginx:latest my_service',
    );
    expect(await page.locator('swarm-console pre.err').last().textContent()).toBe(
      'other flags may not be combined with --rollback\n',
    );
    expect(await page.locator('swarm-lesson .goal').getAttribute('data-met')).toBe('no');
    await typeCommand(page, 'docker service update --update-failure-action rollback --image nginx:bad my_service');
    expect(await page.locator('swarm-lesson .goal').getAttribute('data-met')).toBe('yes');
    expect(await page.locator('swarm-timeline g.marker[data-kind=failure]').count()).toBe(1);
    expect(await page.locator('swarm-timeline g.marker[data-kind=rollback_start]').count()).toBe(1);
    expect(await page.locator('swarm-timeline g.marker[data-kind=status][data-state=rollback_completed]').count()).toBe(
      1,
    );
    expect(await page.locator('swarm-timeline g.bar[data-state=failed]').count()).toBeGreaterThan(0);
    const ps = await page.locator('swarm-views pre.ps').textContent();
    expect(ps).toContain('task: non-zero exit (1)');
    expect(
      ps!.split('\n').filter((l) => /^\S+\s+my_service\.\d\s+nginx:1\.25\s+node-\d\s+Running\s+Running/.test(l)),
    ).toHaveLength(4);
    await screenshot(page, 'lesson-2b-rollback');
    await screenshot(page, 'viewport-1280x720', false);
    await page.close();
  });
});

describe('console', () => {
  it('completes commands, flags and service names with Tab and recalls history with ↑', async () => {
    const page = await openPage(h);
    const input = page.locator('swarm-console input');
    await input.fill('docker serv');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('docker service ');
    await input.fill('docker service upd');
    await input.press('Tab');
    await input.pressSequentially('--upda');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('docker service update --update-');
    expect(await page.locator('swarm-console .cands').textContent()).toContain('--update-parallelism');
    await input.fill('docker service ps my_');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('docker service ps my_service ');
    await input.press('Enter');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('docker service ps my_service');
    await page.close();
  });

  it('shows the progress display of a following update while virtual time runs', async () => {
    const page = await openPage(h);
    // At 1× a frame moves virtual time by at most 100 ms: the update (about 2 s a task) is read while under way even
    // when frames are slow (at 20× a slow frame moved 2 s, and a loaded machine first drew it at 3 of 3).
    await page.locator('swarm-controls button.speed', { hasText: /^1×$/ }).click();
    const input = page.locator('swarm-console input');
    await input.fill('docker service update --image nginx:latest my_service');
    await input.press('Enter');
    // Read in the frame it shows up: a second lookup may come after it is gone.
    const shown = await page.waitForFunction(
      () =>
        document
          .querySelector('swarm-app')
          ?.shadowRoot?.querySelector('swarm-console')
          ?.shadowRoot?.querySelector('pre.stdout.running')?.textContent ?? false,
      undefined,
      { timeout: 10_000, polling: 'raf' },
    );
    const partial = (await shown.jsonValue()) as string;
    expect(partial).toMatch(/^my_service\noverall progress: [0-2] out of 3 tasks \n(1\/3: .*\n){1}/);
    await screenshot(page, 'console-progress');
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await expect.poll(() => page.locator('swarm-console pre.stdout.running').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('swarm-console pre.stdout').last().textContent()).toContain(
      'verify: Service my_service converged',
    );
    await page.close();
  });
});
