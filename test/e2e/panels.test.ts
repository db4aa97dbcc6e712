// e2e: node map actions, the compare panel, and a 1,000-slot timeline (windowed lanes, draw time, time to first
// replay).
import { describe, expect, it } from 'vitest';
import { rolloutTrace } from '../helpers/rollout-trace.js';
import { openPage, screenshot, useHarness, waitForEnd } from './harness.js';

const h = useHarness();

describe('node map', () => {
  it('drains a node and takes another down at the cursor time; tasks move elsewhere', async () => {
    const page = await openPage(h);
    await page.locator('button.tab-nodes').click();
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await page.locator('swarm-nodes .node[data-node=node-2] button.drain').click();
    await waitForEnd(page);
    expect(await page.locator('swarm-nodes .node[data-node=node-2] .meta').textContent()).toBe(
      'worker · drain · ready',
    );
    expect(await page.locator('swarm-nodes .node[data-node=node-2] li').textContent()).toContain('Pas de tâche');
    expect(await page.locator('swarm-console pre.cmd').last().textContent()).toBe(
      '$ docker node update --availability drain node-2',
    );
    await page.locator('swarm-nodes .node[data-node=node-3] button.down').click();
    await waitForEnd(page);
    expect(await page.locator('swarm-nodes .node[data-node=node-3] .meta').textContent()).toBe(
      'worker · active · down (heartbeat failure)',
    );
    expect(await page.locator('swarm-nodes .node[data-node=node-1] li').count()).toBe(3);
    await screenshot(page, 'node-map');
    await page.locator('swarm-nodes .node[data-node=node-3] button.up').click();
    await waitForEnd(page);
    expect(await page.locator('swarm-nodes .node[data-node=node-3] .meta').textContent()).toBe(
      'worker · active · ready',
    );
    await page.close();
  });
});

describe('compare', () => {
  it('runs two policies on one seed on one time axis, with duration, lowest availability and bad tasks', async () => {
    const page = await openPage(h);
    await page.locator('button.tab-compare').click();
    await page.locator('swarm-compare input[name=image]').fill('nginx:bad');
    await page.locator('swarm-compare input[name=a]').fill('--update-failure-action rollback');
    await page.locator('swarm-compare input[name=b]').fill('--update-failure-action continue --update-parallelism 3');
    await page.locator('swarm-compare button.run').click();
    const rows = await page.locator('swarm-compare table.stats tr').allTextContents();
    expect(rows[4]).toBe('UpdateStatusrollback_completedcompleted');
    // The policy lab's count, as the explorer and `swarmlab sweep` give it: new-image tasks that reached starting or
    // running.
    expect(rows[3]).toBe('tâches défectueuses lancées26');
    expect(await page.locator('swarm-compare swarm-timeline.a g.lane').count()).toBe(6);
    const axisEnds = await page
      .locator('swarm-compare swarm-timeline g.axis')
      .evaluateAll((gs) => gs.map((g) => g.querySelectorAll('.tick').length));
    expect(axisEnds[0]).toBe(axisEnds[1]);
    await screenshot(page, 'compare');
    // A release none of whose tasks fails has no bad tasks, however many of its tasks started.
    await page.locator('swarm-compare input[name=image]').fill('nginx:latest');
    await page.locator('swarm-compare button.run').click();
    await page.waitForFunction(() => {
      const compare = document.querySelector('swarm-app')?.shadowRoot?.querySelector('swarm-compare');
      return (
        compare?.shadowRoot?.querySelectorAll('table.stats tr')[4]?.textContent === 'UpdateStatuscompletedcompleted'
      );
    });
    expect((await page.locator('swarm-compare table.stats tr').allTextContents())[3]).toBe(
      'tâches défectueuses lancées00',
    );
    await page.close();
  });
});

describe('a 1,000-slot service', () => {
  it('imports the trace, draws only the visible lanes, and scrolls to any slot', async () => {
    const trace = rolloutTrace(1000, 100, 10);
    const page = await openPage(h);
    const firstReplayMs = await page.evaluate(
      () => (document.querySelector('swarm-app') as unknown as { firstReplayMs: number }).firstReplayMs,
    );
    const started = Date.now();
    await page.locator('header input.import').setInputFiles({
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(trace)),
    });
    await expect
      .poll(() => page.locator('swarm-timeline .summary').textContent(), { timeout: 20_000 })
      .toBe('1000 lignes · 2000 tâches');
    const importMs = Date.now() - started;
    const lanes = await page.locator('swarm-timeline g.lane').count();
    expect(lanes).toBeGreaterThan(20);
    expect(lanes).toBeLessThan(120);
    const drawMs = await page.evaluate(async () => {
      const app = document.querySelector('swarm-app') as unknown as {
        replay: { send(e: unknown): void };
        updateComplete: Promise<unknown>;
      };
      const timeline = (app as unknown as HTMLElement).shadowRoot!.querySelector('swarm-timeline') as unknown as {
        updateComplete: Promise<unknown>;
      };
      const times: number[] = [];
      for (const t of [5_000, 10_000, 15_000, 20_000, 22_000]) {
        const t0 = performance.now();
        app.replay.send({ type: 'SEEK', tMs: t });
        await app.updateComplete;
        await timeline.updateComplete;
        times.push(performance.now() - t0);
      }
      return times;
    });
    const timelineMs = await page.evaluate(async () => {
      const app = document.querySelector('swarm-app') as unknown as HTMLElement;
      const timeline = app.shadowRoot!.querySelector('swarm-timeline') as unknown as {
        cursorMs: number;
        updateComplete: Promise<unknown>;
      };
      const times: number[] = [];
      for (const t of [6_000, 12_000, 18_000]) {
        const t0 = performance.now();
        timeline.cursorMs = t;
        await timeline.updateComplete;
        times.push(performance.now() - t0);
      }
      return times;
    });
    await page.locator('swarm-timeline .lanes').evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await expect.poll(() => page.locator('swarm-timeline g.lane[data-lane="big.500"]').count()).toBe(1);
    console.log(
      `[figures] time to first replay ${firstReplayMs.toFixed(0)} ms; import of a 1,000-slot trace ${importMs} ms; ` +
        `seek + full redraw (ps, timeline, chart) ${drawMs.map((d) => d.toFixed(0)).join(', ')} ms; timeline ` +
        `alone ${timelineMs.map((d) => d.toFixed(0)).join(', ')} ms`,
    );
    expect(Math.max(...drawMs)).toBeLessThan(1_000);
    await screenshot(page, 'thousand-slots', false);
    await page.close();
  });
});
