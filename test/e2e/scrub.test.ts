// e2e: scrubbing a long trace — the windowed ps table shows exactly docker's lines, the chart is clipped at the cursor,
// the tip is translated.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderServicePs } from '../../src/render/service-ps.js';
import { runCommands } from '../../src/scenario/run.js';
import { OVERSCAN_LINES, VIEW_LINES } from '../../src/trace/ps-table.js';
import { stateAt } from '../../src/trace/replay.js';
import { availabilityAt, availabilitySeries } from '../../src/trace/series.js';
import type { Trace } from '../../src/types.js';
import { rolloutTrace } from '../helpers/rollout-trace.js';
import { openPage, SCREENSHOTS, seekTo, typeCommand, useHarness } from './harness.js';

const h = useHarness();

const trace: Trace = JSON.parse(JSON.stringify(rolloutTrace(300, 30, 6)));

const psWindowOf = (page: Page) =>
  page.evaluate(async () => {
    const views = document
      .querySelector('swarm-app')!
      .shadowRoot!.querySelector('swarm-views') as unknown as HTMLElement & { updateComplete: Promise<unknown> };
    await views.updateComplete;
    const box = views.shadowRoot!.querySelector<HTMLElement>('.ps-window')!;
    const rows = box.querySelector<HTMLElement>('pre.ps')!;
    return {
      total: Number(box.dataset.rows),
      first: Number(rows.dataset.first),
      header: box.querySelector('pre.ps-head')!.textContent!,
      text: rows.textContent!,
    };
  });

const expectedPs = (tMs: number) => {
  const state = stateAt(trace, tMs);
  return renderServicePs(state, state.services).stdout.split('\n').slice(0, -1);
};

describe('scrubbing a 300-slot trace', () => {
  it('the ps table puts only the rows in view in the page, each exactly the line docker prints', async () => {
    const page = await openPage(h);
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trace)) });
    await expect.poll(() => page.locator('swarm-timeline .summary').textContent()).toMatch(/^300 /);
    const midMs = Math.round(trace.duration_ms / 2);
    await seekTo(page, midMs);
    const mid = await psWindowOf(page);
    const lines = expectedPs(midMs);
    expect(mid.total).toBe(lines.length - 1);
    expect(mid.first).toBe(0);
    expect(mid.header).toBe(lines[0]);
    expect(mid.text).toBe(lines.slice(1, 1 + VIEW_LINES + OVERSCAN_LINES).join('\n'));

    // The end: 600 tasks (300 shut down, 300 running the new image); scroll the table to its 200th row.
    await seekTo(page, trace.duration_ms);
    const end = expectedPs(trace.duration_ms);
    expect(end).toHaveLength(601);
    await page.evaluate(() => {
      const box = document
        .querySelector('swarm-app')!
        .shadowRoot!.querySelector('swarm-views')!
        .shadowRoot!.querySelector<HTMLElement>('.ps-window')!;
      const linePx = parseFloat(getComputedStyle(box.querySelector('pre.ps-head')!).lineHeight);
      box.scrollTop = 200 * linePx + 1;
      box.dispatchEvent(new Event('scroll'));
    });
    const scrolled = await psWindowOf(page);
    expect([scrolled.total, scrolled.first]).toEqual([600, 200 - OVERSCAN_LINES]);
    expect(scrolled.header).toBe(end[0]);
    expect(scrolled.text).toBe(end.slice(1 + 200 - OVERSCAN_LINES, 1 + 200 + VIEW_LINES + OVERSCAN_LINES).join('\n'));
    // Row 200 is drawn at the top of the view, under the header.
    const topRow = await page.evaluate(() => {
      const box = document
        .querySelector('swarm-app')!
        .shadowRoot!.querySelector('swarm-views')!
        .shadowRoot!.querySelector<HTMLElement>('.ps-window')!;
      const head = box.querySelector('pre.ps-head')!.getBoundingClientRect();
      const rows = box.querySelector<HTMLElement>('pre.ps')!;
      const lineHeight = parseFloat(getComputedStyle(rows).lineHeight);
      return Math.round((head.bottom - rows.getBoundingClientRect().top) / lineHeight) + Number(rows.dataset.first);
    });
    expect(topRow).toBe(200);
    await page.locator('swarm-views .ps-window').screenshot({ path: join(SCREENSHOTS, 'scrub-ps-window.png') });
    await page.close();
  });

  it('the availability chart is clipped at the cursor and its legend counts what runs there', async () => {
    const page = await openPage(h);
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trace)) });
    await expect.poll(() => page.locator('swarm-timeline .summary').textContent()).toMatch(/^300 /);
    const series = availabilitySeries(trace, trace.services[0].ID);
    const start = trace.events.find((ev) => ev.type === 'update_status' && ev.state === 'updating')!.t_ms;
    for (const tMs of [start + 3_000, trace.duration_ms]) {
      await seekTo(page, tMs);
      const at = availabilityAt(series, tMs)!;
      const chart = page.locator('swarm-availability');
      expect(await chart.locator('.legend').textContent()).toMatch(
        new RegExp(
          `nginx:1\\.25: ${at.running['nginx:1.25']}\\s*nginx:latest: ${at.running['nginx:latest'] ?? 0}\\s+— ` +
            'répliques voulues: 300',
        ),
      );
      const clip = Number(await chart.locator('clipPath rect').getAttribute('width'));
      const cursor = Number(await chart.locator('svg.availability > line').getAttribute('x1'));
      expect(clip).toBe(cursor);
    }
    await page.close();
  });
});

describe('a table that gets short and long again', () => {
  it('shows a short table whole, and a long one again from its top', async () => {
    const scaled: Trace = JSON.parse(
      JSON.stringify(
        runCommands([
          'docker service create -d --name s --replicas 100 nginx:1.25',
          'wait: converged',
          'docker service scale -d s=20',
          'wait: settled',
          'docker service scale -d s=100',
          'wait: converged',
        ]).trace,
      ),
    );
    const page = await openPage(h);
    await page.locator('header input.import').setInputFiles({
      name: 'scaled.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scaled)),
    });
    await expect.poll(() => page.locator('swarm-timeline .summary').textContent()).toMatch(/^100 /);
    await seekTo(page, 1_000);
    await page.evaluate(() => {
      const box = document
        .querySelector('swarm-app')!
        .shadowRoot!.querySelector('swarm-views')!
        .shadowRoot!.querySelector<HTMLElement>('.ps-window')!;
      box.scrollTop = 50 * parseFloat(getComputedStyle(box.querySelector('pre.ps-head')!).lineHeight) + 1;
      box.dispatchEvent(new Event('scroll'));
    });
    expect((await psWindowOf(page)).first).toBe(50 - OVERSCAN_LINES);
    await seekTo(page, 3_000);
    const short = stateAt(scaled, 3_000);
    expect(short.tasks).toHaveLength(20);
    expect(await page.locator('swarm-views .ps-window').count()).toBe(0);
    expect(await page.locator('swarm-views pre.ps').textContent()).toBe(renderServicePs(short, short.services).stdout);
    await seekTo(page, scaled.duration_ms);
    const long = await psWindowOf(page);
    const lines = renderServicePs(stateAt(scaled, scaled.duration_ms), scaled.services).stdout.split('\n');
    expect([long.total, long.first]).toEqual([100, 0]);
    expect(long.text).toBe(lines.slice(1, 1 + VIEW_LINES + OVERSCAN_LINES).join('\n'));
    expect(await page.locator('swarm-views .ps-window').evaluate((box) => box.scrollTop)).toBe(0);
    await page.close();
  });
});

describe('the node map of a 300-slot trace', () => {
  it('lists the first 12 tasks of each node, then how many more there are', async () => {
    const page = await openPage(h);
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trace)) });
    await expect.poll(() => page.locator('swarm-timeline .summary').textContent()).toMatch(/^300 /);
    await page.locator('button.tab-nodes').click();
    const tMs = trace.events.find((ev) => ev.type === 'update_status' && ev.state === 'updating')!.t_ms + 4_000;
    await seekTo(page, tMs);
    const state = stateAt(trace, tMs);
    const placed = ['assigned', 'accepted', 'preparing', 'ready', 'starting', 'running'];
    for (const node of state.nodes) {
      const count = state.tasks.filter((task) => task.NodeID === node.ID && placed.includes(task.Status.State)).length;
      const box = page.locator(`swarm-nodes .node[data-node=${node.Description.Hostname}]`);
      expect(count).toBeGreaterThan(12);
      expect(await box.locator('li:not(.more)').count()).toBe(12);
      expect(await box.locator('li.more').textContent()).toBe(`+ ${count - 12} autres tâches`);
    }
    await page.close();
  });
});

describe('the timeline', () => {
  it('draws a task that ended as it was at the cursor, after seeking back before its end and forward', async () => {
    const page = await openPage(h);
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const appTrace = await page.evaluate(
      () => (document.querySelector('swarm-app') as unknown as { trace: Trace }).trace,
    );
    const stopped = appTrace.events.find((ev) => ev.type === 'task_state' && ev.state === 'shutdown')!;
    const taskId = (stopped as { taskId: string }).taskId;
    const bar = page.locator(`swarm-timeline g.bar[data-task="${taskId}"]`);
    const states = [];
    for (const tMs of [appTrace.duration_ms, stopped.t_ms - 1, stopped.t_ms, appTrace.duration_ms]) {
      await seekTo(page, tMs);
      states.push(await bar.getAttribute('data-state'));
    }
    expect(states).toEqual(['shutdown', 'running', 'shutdown', 'shutdown']);
    expect(await bar.locator('text.end-mark').count()).toBe(1);
    await seekTo(page, stopped.t_ms - 1);
    expect(await bar.locator('text.end-mark').count()).toBe(0);
    await page.close();
  });
});

describe('the timeline tip', () => {
  it('says when a task was told to stop, in French and in English', async () => {
    const page = await openPage(h);
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const bar = page.locator('swarm-timeline g.bar[data-state=shutdown]').first();
    await bar.hover();
    expect(await page.locator('swarm-timeline .tip').textContent()).toMatch(
      /\n {2}état voulu → shutdown \d+\.\d+ s(\n|$)/,
    );
    expect(await bar.locator('rect.stopping title').textContent()).toBe('état voulu → shutdown');
    await page.locator('header button.lang').click();
    await page.mouse.move(0, 0);
    await bar.hover();
    expect(await page.locator('swarm-timeline .tip').textContent()).toMatch(
      /\n {2}desired → shutdown \d+\.\d+ s(\n|$)/,
    );
    expect(await bar.locator('rect.stopping title').textContent()).toBe('desired → shutdown');
    await page.close();
  });
});
