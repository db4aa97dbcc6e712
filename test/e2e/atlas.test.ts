// e2e: the outcome atlas: lesson 2c explored in the page's worker (the outcomes and shares explore reports in Node), an
// outcome opened on the timeline, stop, 390 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/lab/explore/explore.js';
import { gridSettings } from '../../src/lab/sweep.js';
import { servicePretty } from '../../src/render/service-inspect.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { stateAt } from '../../src/trace/replay.js';
import { formatSeconds } from '../../web/draw/state-style.js';
import { parseExplorerForm, pointScenario } from '../../web/lab/explorer-sweep.js';
import { LESSONS } from '../../web/lessons/lessons.js';
import { chooseLesson, openPage, pressUntilFocused, readText, screenshot, useHarness } from './harness.js';

const h = useHarness();

const FILE = 'scenarios/course/2c-check-after-rollback.yaml';
const TEXT = LESSONS.find((l) => l.id === '2c')!.scenarioYaml;

/** The atlas table's cells, row by row (header row first), the button column left out. */
const cells = (page: Page) =>
  page
    .locator('swarm-atlas table.outcomes tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 6).map((c) => c.textContent?.trim())));

async function openAtlas(page: Page, lesson: string): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await chooseLesson(page, lesson);
  await page.locator('button.tab-atlas').click();
  await page.locator('swarm-atlas button.run').waitFor();
}

describe('outcome atlas', () => {
  // What `swarmlab explore --json` reports for the lesson's scenario (the same library, in Node).
  const report = explore(loadScenario(TEXT, FILE), TEXT);

  it('lesson 2c: every run explored in the worker, two outcomes, exact shares; one shown on the timeline', async () => {
    expect([report.exhausted, report.runs, report.pruned, report.outcomes.map((o) => o.runs)]).toEqual([
      true,
      60,
      0,
      [48, 12],
    ]);
    const page = await openPage(h);
    await openAtlas(page, '2c');
    await page.locator('swarm-atlas button.run').click();
    await expect
      .poll(() => page.locator('swarm-atlas p.end').textContent(), { timeout: 30_000 })
      .toBe('60 exécutions : épuisé, toutes les exécutions ont été énumérées.');
    expect(await cells(page)).toEqual([
      ['#', 'UpdateStatus final', 'Images en cours', 'Disponibilité minimale', 'Durée', 'Part des exécutions'],
      ['1', 'rollback_completedrollback completed', 'nginx:1.25 × 3', '1', '12.4 s – 14.0 s', '80 % (48)'],
      ['2', 'rollback_completedrollback completed', 'nginx:1.25 × 3', '0', '12.4 s', '20 % (12)'],
    ]);
    expect(await page.locator('swarm-atlas caption').textContent()).toBe(
      'Issues atteintes · course-2c-check-after-rollback',
    );
    expect(await page.locator('swarm-atlas [role=progressbar]').count()).toBe(0); // gone once done
    await screenshot(page, 'atlas-2c');
    // Outcome 2 (nobody available at worst): its replay run, read only, at its end.
    const open = page.locator('swarm-atlas button.open').nth(1);
    expect(await open.getAttribute('aria-label')).toBe('Ouvrir l’issue 2 sur la chronologie');
    await open.click();
    await expect
      .poll(() => page.locator('.message.ok').textContent())
      .toBe('Ouvert : course-2c-check-after-rollback · issue 2');
    const trace = runScenario(loadScenario(report.outcomes[1].replay, FILE)).trace;
    const replay = await page.evaluate(() => {
      const { durationMs, cursorMs } = (
        document.querySelector('swarm-app') as unknown as { replay: { durationMs: number; cursorMs: number } }
      ).replay;
      return { durationMs, cursorMs };
    });
    expect(replay).toEqual({ durationMs: trace.duration_ms, cursorMs: trace.duration_ms });
    expect(await page.locator('swarm-console input').count()).toBe(0);
    expect(await page.locator('swarm-availability .legend > span').allTextContents()).toEqual([
      'nginx:1.25: 3',
      'nginx:bad: 0',
      '— répliques voulues: 3',
    ]);
    const final = stateAt(trace, trace.duration_ms);
    await page.locator('button.tab-views').click();
    expect(await page.locator('swarm-views pre.inspect').textContent()).toBe(servicePretty(final, final.services[0]));
    expect(await page.locator('swarm-views pre.inspect').textContent()).toContain('rollback_completed');
    // The atlas keeps its table (of the scenario explored), and opens the other outcome too; English labels it all.
    await page.locator('button.tab-atlas').click();
    await page.locator('header button.lang').click();
    expect(await page.locator('button.tab-atlas').textContent()).toBe('Outcome atlas');
    expect((await cells(page))[1]).toEqual([
      '1',
      'rollback_completedrollback completed',
      'nginx:1.25 × 3',
      '1',
      '12.4 s – 14.0 s',
      '80% (48)',
    ]);
    expect(await page.locator('swarm-atlas button.run').isDisabled()).toBe(true); // a trace is open: nothing to explore
    expect(await page.locator('swarm-atlas .no-scenario').textContent()).toBe(
      'Open a lesson, a drill, a scenario file or an explorer point to draw its atlas.',
    );
    await page.locator('swarm-atlas button.open').nth(0).click();
    await expect
      .poll(() => page.locator('.message.ok').textContent())
      .toBe('Opened: course-2c-check-after-rollback · outcome 1');
    await page.close();
  });

  it('an explorer point: its scenario (the run the point plays) explored, three outcomes, their shares', async () => {
    const form = {
      replicas: '2',
      nodes: '2',
      parallelism: '1',
      delay: '0s',
      monitor: '5s',
      failShare: '50',
      seed: '1',
      seeds: '1',
    };
    const request = parseExplorerForm({ ...form, order: 'stop-first', failureAction: 'rollback', image: 'flaky' });
    const point = pointScenario(request, gridSettings(request.grid)[0]);
    const pointReport = explore(loadScenario(point.text, point.file), point.text);
    expect([pointReport.exhausted, pointReport.runs, pointReport.outcomes.map((o) => o.runs)]).toEqual([
      true,
      14,
      [2, 10, 2],
    ]);
    const page = await openPage(h);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.locator('button.tab-explorer').click();
    await page.locator('swarm-explorer select[name=image]').selectOption('flaky');
    await page.locator('swarm-explorer input[name=order][value=start-first]').uncheck();
    await page.locator('swarm-explorer input[name=failureAction][value=pause]').uncheck();
    for (const [name, value] of Object.entries(form)) await page.locator(`swarm-explorer [name=${name}]`).fill(value);
    await page.locator('swarm-explorer button.run').click();
    await page.locator('explorer-chart circle.point').click();
    await expect.poll(() => page.locator('.message.ok').textContent()).toMatch(/^Ouvert : /);
    await page.locator('button.tab-atlas').click();
    await page.locator('swarm-atlas button.run').click();
    await expect
      .poll(() => page.locator('swarm-atlas p.end').textContent(), { timeout: 30_000 })
      .toBe('14 exécutions : épuisé, toutes les exécutions ont été énumérées.');
    expect(await page.locator('swarm-atlas caption').textContent()).toBe(`Issues atteintes · ${point.name}`);
    const shown = (await cells(page)).slice(1);
    expect(shown.map((row) => [row[1], row[3], row[5]])).toEqual(
      pointReport.outcomes.map((o, i) => [
        `${o.outcome.updateStatus}${o.outcome.message}`,
        String(o.outcome.minAvailable),
        ['14,3 % (2)', '71,4 % (10)', '14,3 % (2)'][i],
      ]),
    );
    await page.close();
  });

  it('an imported scenario file (a drill): its atlas, three outcomes, shares to one decimal', async () => {
    const file = 'scenarios/drills/update-during-update.yaml';
    const text = readText(file);
    const drill = explore(loadScenario(text, file), text);
    // 2 runs are cut at a state met before modulo a renaming of slots (the slot symmetry); all 288 are counted.
    expect([drill.exhausted, drill.runs, drill.pruned, drill.outcomes.map((o) => o.runs)]).toEqual([
      true,
      288,
      2,
      [24, 192, 72],
    ]);
    expect(drill.played).toBe(284);
    expect(drill.outcomes.every((o) => o.durationMs[0] === o.durationMs[1])).toBe(true);
    const page = await openPage(h);
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'update-during-update.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await expect.poll(() => page.locator('.message.ok').textContent()).toBe('Importé : update-during-update.yaml');
    await page.locator('button.tab-atlas').click();
    await page.locator('swarm-atlas button.run').click();
    await expect
      .poll(() => page.locator('swarm-atlas p.end').textContent(), { timeout: 60_000 })
      .toBe(
        `288 exécutions (${drill.played} jouées, 2 coupées à un état déjà vu) : épuisé, toutes les exécutions ont ` +
          'été énumérées.',
      );
    expect((await cells(page)).slice(1)).toEqual(
      drill.outcomes.map((o, i) => [
        String(i + 1),
        'completedupdate completed',
        'app:v3 × 4',
        String(o.outcome.minAvailable),
        formatSeconds(o.durationMs[0]), // every run of an outcome takes as long here
        ['8,3 % (24)', '66,7 % (192)', '25 % (72)'][i],
      ]),
    );
    await page.close();
  });

  it('lesson 2b: page and Node cut the same runs (the bundle renames functions, not the run frame)', async () => {
    const text = LESSONS.find((l) => l.id === '2b')!.scenarioYaml;
    const lesson = explore(loadScenario(text, 'scenarios/course/2b.yaml'), text);
    expect([lesson.exhausted, lesson.runs, lesson.played, lesson.pruned]).toEqual([true, 264, 182, 26]);
    const page = await openPage(h);
    await openAtlas(page, '2b');
    await page.locator('swarm-atlas button.run').click();
    await expect
      .poll(() => page.locator('swarm-atlas p.end').textContent(), { timeout: 60_000 })
      .toBe(
        '264 exécutions (182 jouées, 26 coupées à un état déjà vu) : épuisé, toutes les exécutions ont été énumérées.',
      );
    expect((await cells(page)).slice(1).map((row) => row[5])).toEqual(['9,1 % (24)', '72,7 % (192)', '18,2 % (48)']);
    expect(lesson.outcomes.map((o) => o.runs)).toEqual([24, 192, 48]);
    await page.close();
  });

  it('the stop button: lesson 1b (runs over budget) stops between two steps; the page answers meanwhile', async () => {
    const page = await openPage(h);
    await openAtlas(page, '1b');
    await page.locator('swarm-atlas input.max-runs').fill('5000');
    await page.locator('swarm-atlas button.run').click();
    const bar = page.locator('swarm-atlas [role=progressbar]');
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
      .toBeGreaterThan(8);
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('5000');
    expect(await bar.getAttribute('aria-label')).toBe('Exploration des exécutions');
    // The page stays responsive while the worker explores: a tab opens, a language changes, at once.
    const started = performance.now();
    await page.locator('button.tab-views').click();
    await page.locator('swarm-views pre.inspect').first().waitFor();
    await page.locator('button.tab-atlas').click();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await bar.count()).toBe(1); // still running
    await page.locator('swarm-atlas button.stop').click();
    await expect
      .poll(() => page.locator('swarm-atlas p.end').textContent())
      .toMatch(/ : arrêté ; d’autres issues peuvent exister\.$/);
    const end = (await page.locator('swarm-atlas p.end').textContent())!;
    // The budget counts runs played and cut; `runs` counts every run through them (a cut run stands for its own).
    const [, runsText, playedText = runsText, prunedText = '0'] =
      /^(\d+) exécutions(?: \((\d+) jouées, (\d+) coupées à un état déjà vu\))? : arrêté/.exec(end)!;
    const [runs, played, pruned] = [Number(runsText), Number(playedText), Number(prunedText)];
    expect(played).toBeGreaterThan(0);
    expect(played + pruned).toBeLessThan(5000);
    expect(runs).toBeGreaterThanOrEqual(played + pruned);
    expect(await bar.count()).toBe(0);
    // Every run of 1b ends alike: one outcome, all the runs explored so far.
    expect((await cells(page)).slice(1)).toEqual([
      ['1', 'completedupdate completed', 'nginx:latest × 6', '4', '46.1 s', `100 % (${runs})`],
    ]);
    // Stopped means stopped: the figures stay.
    await page.waitForTimeout(1_000);
    expect(await page.locator('swarm-atlas p.end').textContent()).toBe(end);
    await page.close();
  });

  it('at 390 px: the table scrolls in its region, the page does not; the keyboard reaches its buttons', async () => {
    const page = await openPage(h, '', { width: 390, height: 800 });
    await openAtlas(page, '2c');
    await page.locator('swarm-atlas button.run').click();
    await page.locator('swarm-atlas p.end').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const region = page.locator('swarm-atlas .scroll');
    expect(await region.getAttribute('role')).toBe('region');
    expect(await region.getAttribute('tabindex')).toBe('0');
    await screenshot(page, 'atlas-390');
    // By keyboard: from the atlas tab to the table's region, then to outcome 1's button; Enter opens it.
    await page.locator('button.tab-atlas').focus();
    await pressUntilFocused(page, 'div.scroll', 'Tab', 20);
    await pressUntilFocused(page, 'button.open', 'Tab', 20);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.message.ok').textContent())
      .toBe('Ouvert : course-2c-check-after-rollback · issue 1');
    await page.close();
  });
});
