// e2e: the header's "Export for…" buttons download the trace for Perfetto, docker events and JUnit (keyboard and
// mouse).
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, typeCommand, useHarness } from './harness.js';

const h = useHarness();

const text = async (download: Download) => readFileSync((await download.path())!, 'utf8');

async function updatedPage(): Promise<Page> {
  const page = await openPage(h);
  await typeCommand(page, 'docker service update --image nginx:latest my_service');
  return page;
}

describe('export buttons', () => {
  it('Perfetto by keyboard only: the summary opens with Enter, Tab reaches the button, Enter downloads', async () => {
    const page = await updatedPage();
    expect(await page.locator('header details.exports summary').textContent()).toBe('Exporter pour…');
    await page.locator('header details.exports summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('swarm-app')?.shadowRoot?.activeElement?.className)).toBe(
      'export-perfetto',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('course-1a-update-image.perfetto.json');
    const exported = JSON.parse(await text(download)) as {
      traceEvents: { name: string; ph: string; cat?: string; args?: { name?: string } }[];
      displayTimeUnit: string;
      metadata: { scenario: string };
    };
    expect(Object.keys(exported)).toEqual(['traceEvents', 'displayTimeUnit', 'metadata']);
    expect(exported.metadata.scenario).toBe('course-1a-update-image');
    expect(exported.traceEvents.find((ev) => ev.name === 'process_name')?.args?.name).toBe('my_service');
    expect([...new Set(exported.traceEvents.map((ev) => ev.ph))].sort()).toEqual(['C', 'M', 'X', 'i']);
    expect(exported.traceEvents.filter((ev) => ev.cat === 'UpdateStatus').map((ev) => ev.name)).toEqual([
      'updating',
      'completed',
    ]);
  });

  it("docker events (English labels): one JSON object a line, the daemon's keys, updating to completed", async () => {
    const page = await updatedPage();
    await page.locator('header button.lang').click();
    await page.locator('header details.exports summary').click();
    expect(await page.locator('header button.export-events').textContent()).toBe('docker events (JSON lines)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('header button.export-events').click(),
    ]);
    expect(download.suggestedFilename()).toBe('course-1a-update-image.events.jsonl');
    const lines = (await text(download))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, any>);
    // Service and node events as the daemon writes them; container events with its legacy status/id/from first.
    const SWARM_KEYS = ['Type', 'Action', 'Actor', 'scope', 'time', 'timeNano'];
    const CONTAINER_KEYS = ['status', 'id', 'from', ...SWARM_KEYS];
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(line.Type === 'container' ? CONTAINER_KEYS : SWARM_KEYS);
      expect(line.scope).toBe(line.Type === 'container' ? 'local' : 'swarm');
      expect(line.timeNano / 1e9 - line.time).toBeLessThan(1);
      expect(line.time * 1e9).toBeLessThanOrEqual(line.timeNano);
    }
    const service = lines.filter((line) => line.Type === 'service');
    expect(service[0].Action).toBe('create');
    expect(service[0].Actor.Attributes.name).toBe('my_service');
    const states = service.flatMap((line) =>
      line.Actor.Attributes['updatestate.new'] &&
      line.Actor.Attributes['updatestate.new'] !== line.Actor.Attributes['updatestate.old']
        ? [line.Actor.Attributes['updatestate.new']]
        : [],
    );
    expect(states).toEqual(['updating', 'completed']);
  });

  it("JUnit: the lesson scenario's expectations checked on the session; no JUnit button for an import", async () => {
    const page = await updatedPage();
    await page.locator('header details.exports summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('header button.export-junit').click(),
    ]);
    expect(download.suggestedFilename()).toBe('course-1a-update-image.junit.xml');
    const xml = await text(download);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect([...xml.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'expect.update_status',
      'expect.update_message',
      'expect.previous_spec',
      'expect.running_images',
    ]);
    expect(xml).not.toContain('<failure');

    const [trace] = await Promise.all([page.waitForEvent('download'), page.locator('header button.export').click()]);
    const other = await openPage(h);
    await other.locator('header input.import').setInputFiles({
      name: 'run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await text(trace)),
    });
    // The file is read asynchronously: until the import is confirmed the page still shows the lesson.
    await expect.poll(() => other.locator('.message.ok').textContent()).toBe('Importé : run.json');
    await other.locator('header details.exports summary').click();
    await other.locator('header button.export-events').waitFor();
    expect(await other.locator('header button.export-junit').count()).toBe(0);
  });
});
