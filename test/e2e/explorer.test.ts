// e2e: the policy explorer (sweep in the page, Pareto front, a point on the timeline, two points compared) and two
// trace files side by side.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../src/lab/case.js';
import { flakyImage } from '../../src/lab/faults.js';
import { badTasksStarted, firstRollout, minAvailable } from '../../src/lab/queries.js';
import { type SweepGrid, type SweepPoint, sweep, sweepCase } from '../../src/lab/sweep.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { taskBars } from '../../src/trace/bars.js';
import type { Trace } from '../../src/types.js';
import { formatSeconds } from '../../web/draw/state-style.js';
import { openPage, readText, screenshot, useHarness } from './harness.js';

const h = useHarness();

/**
 * The grid the tests type in: 2 parallelisms × 2 delays × 2 orders, failure action continue, 30 % of new containers
 * crashing, 4 replicas.
 */
const GRID: SweepGrid = {
  replicas: 4,
  nodes: 3,
  parallelism: [1, 2],
  delayMs: [0, 5_000],
  monitorMs: [5_000],
  order: ['stop-first', 'start-first'],
  failureAction: ['continue'],
  imageBehaviour: 'flaky',
  seeds: 1,
};

/** What a point's aria label and tooltip say (French, the page's default language). */
const described = (p: SweepPoint) =>
  `${p.label} — durée ${formatSeconds(p.durationMs)}, disponibilité minimale ${p.minAvailable}/4, ` +
  `tâches défectueuses lancées ${p.badTasks}, ${Object.entries(p.outcomes)
    .map(([o, n]) => (n > 1 ? `${o}×${n}` : o))
    .join(' ')}${p.pareto ? ' — front de Pareto' : ''}`;

async function runGrid(page: Page, fields: Record<string, string> = {}): Promise<void> {
  await page.locator('button.tab-explorer').click();
  await page.locator('swarm-explorer select[name=image]').selectOption('flaky');
  await page.locator('swarm-explorer input[name=failureAction][value=pause]').uncheck();
  await page.locator('swarm-explorer input[name=failureAction][value=rollback]').uncheck();
  await page.locator('swarm-explorer input[name=failureAction][value=continue]').check();
  const values = {
    replicas: '4',
    nodes: '3',
    parallelism: '1,2',
    delay: '0s,5s',
    monitor: '5s',
    failShare: '30',
    seed: '1',
    seeds: '1',
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) await page.locator(`swarm-explorer [name=${name}]`).fill(value);
  await page.locator('swarm-explorer button.run').click();
}

const pointsShown = (page: Page) =>
  page.locator('explorer-chart circle.point').evaluateAll((cs) =>
    cs.map((c) => ({
      label: c.getAttribute('data-label'),
      pareto: c.classList.contains('pareto'),
      aria: c.getAttribute('aria-label'),
    })),
  );

const outcome = (trace: Trace) => {
  const r = firstRollout(trace);
  return { durationMs: r.endMs! - r.startMs, status: r.outcome };
};

describe('policy explorer', () => {
  const expected = sweep(GRID).points;

  it('runs the sweep in the page: the same points and Pareto front as the library computes in Node', async () => {
    expect(expected.length).toBe(8);
    expect(expected.filter((p) => p.pareto).map((p) => p.label)).toEqual([
      'p1 d0s m5s start-first continue',
      'p2 d0s m5s start-first continue',
    ]);
    const page = await openPage(h);
    await runGrid(page);
    await page.locator('explorer-chart circle.point').nth(7).waitFor();
    const shown = await pointsShown(page);
    expect(shown.map((p) => p.label)).toEqual(expected.map((p) => p.label));
    expect(shown.filter((p) => p.pareto).map((p) => p.label)).toEqual(
      expected.filter((p) => p.pareto).map((p) => p.label),
    );
    expect(shown.map((p) => p.aria)).toEqual(expected.map(described));
    expect(shown[1].aria).toBe(
      'p1 d0s m5s start-first continue — durée 6.88 s, disponibilité minimale 3/4, tâches défectueuses lancées 5, ' +
        'completed — front de Pareto',
    );
    // The front is drawn as a dashed line through its points; hovering a point shows its settings and figures.
    expect(await page.locator('explorer-chart path.front').count()).toBe(1);
    await page.locator('explorer-chart circle.point.pareto').first().hover();
    expect(await page.locator('explorer-chart .tip').textContent()).toBe(described(expected.find((p) => p.pareto)!));
    await screenshot(page, 'explorer-sweep');
    // Large text draws the chart 1.4 times bigger; English labels the tab and the points.
    expect(await page.locator('explorer-chart svg.scatter').getAttribute('height')).toBe('300');
    await page.locator('header button.large').click();
    expect(await page.locator('explorer-chart svg.scatter').getAttribute('height')).toBe('420');
    await page.locator('header button.lang').click();
    expect(await page.locator('button.tab-explorer').textContent()).toBe('Policy explorer');
    expect((await pointsShown(page))[1].aria).toBe(
      'p1 d0s m5s start-first continue — duration 6.88 s, lowest availability 3/4, bad tasks started 5, completed — ' +
        'Pareto front',
    );
    await page.close();
  });

  it('opens a clicked point on the timeline, read only, with its lanes and tasks', async () => {
    const page = await openPage(h);
    await runGrid(page);
    const front = expected.find((p) => p.pareto)!;
    const trace = runCase(sweepCase(GRID, front, 1));
    await page.locator(`explorer-chart circle.point[data-label="${front.label}"]`).click();
    await expect.poll(() => page.locator('.message.ok').textContent()).toBe(`Ouvert : ${front.label} · seed 1`);
    const timeline = page.locator('section swarm-timeline').first();
    expect(await timeline.locator('g.lane').count()).toBe(4);
    expect(await timeline.locator('.summary').textContent()).toBe(`4 lignes · ${taskBars(trace).length} tâches`);
    expect(await page.locator('swarm-console input').count()).toBe(0);
    // Opened at its end: the whole rollout drawn, the console's transcript complete.
    const replay = () =>
      page.evaluate(() => {
        const { durationMs, cursorMs } = (
          document.querySelector('swarm-app') as unknown as { replay: { durationMs: number; cursorMs: number } }
        ).replay;
        return { durationMs, cursorMs };
      });
    expect(await replay()).toEqual({ durationMs: trace.duration_ms, cursorMs: trace.duration_ms });
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual(
      trace.events.flatMap((ev) => (ev.type === 'command' ? [`$ ${ev.text}`] : [])),
    );
    // The keyboard reaches every point: Enter opens the focused one.
    const other = expected[2];
    await page.locator(`explorer-chart circle.point[data-label="${other.label}"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.message.ok').textContent()).toBe(`Ouvert : ${other.label} · seed 1`);
    expect((await replay()).durationMs).toBe(runCase(sweepCase(GRID, other, 1)).duration_ms);
    await screenshot(page, 'explorer-point-on-timeline');
    await page.close();
  });

  it('opens two chosen points side by side in the compare view, with their figures', async () => {
    const page = await openPage(h);
    await runGrid(page);
    const [a, b] = [expected[0], expected[5]];
    await page.locator(`explorer-chart circle.point[data-label="${a.label}"]`).click({ modifiers: ['Shift'] });
    await page.locator(`explorer-chart circle.point[data-label="${b.label}"]`).focus();
    await page.keyboard.press(' ');
    expect(await page.locator('explorer-chart text.pick').allTextContents()).toEqual(['A', 'B']);
    await page.locator('swarm-explorer button.compare-selected').click();
    expect(await page.locator('button.tab-compare').getAttribute('aria-selected')).toBe('true');
    await page.locator('swarm-compare table.stats').waitFor(); // the compare view loads on first use
    const rows = await page
      .locator('swarm-compare table.stats tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toEqual([
      ['', `${a.label} · seed 1`, `${b.label} · seed 1`],
      ['durée', formatSeconds(a.durationMs), formatSeconds(b.durationMs)],
      ['disponibilité minimale', String(a.minAvailable), String(b.minAvailable)],
      ['tâches défectueuses lancées', String(a.badTasks), String(b.badTasks)],
      ['UpdateStatus', Object.keys(a.outcomes)[0], Object.keys(b.outcomes)[0]],
    ]);
    await expect.poll(() => page.locator('swarm-compare swarm-timeline.a g.lane').count()).toBe(4);
    await expect.poll(() => page.locator('swarm-compare swarm-timeline.b g.lane').count()).toBe(4);
    await screenshot(page, 'explorer-compare');
    // Back in the explorer, the sweep is still there.
    await page.locator('button.tab-explorer').click();
    expect(await page.locator('explorer-chart circle.point').count()).toBe(8);
    await page.close();
  });

  it('takes the failing share and first seed from the form: the library cases for that share and seeds', async () => {
    const measured = sweep(
      { ...GRID, seeds: 2 },
      {
        measure: (grid, s, seed) => {
          const trace = runCase({ ...sweepCase(grid, s, seed + 4), images: { 'app:v2': flakyImage(0.6) } });
          const r = firstRollout(trace);
          return {
            durationMs: r.endMs! - r.startMs,
            minAvailable: minAvailable(trace),
            badTasks: badTasksStarted(trace),
            outcome: r.outcome,
          };
        },
      },
    ).points;
    const page = await openPage(h);
    await runGrid(page, { failShare: '60', seed: '5', seeds: '2' });
    await page.locator('explorer-chart circle.point').nth(7).waitFor();
    const shown = await pointsShown(page);
    expect(shown.map((p) => p.aria)).toEqual(measured.map(described));
    expect(measured.map(described)).not.toEqual(expected.map(described));
    await page.close();
  });

  it('runs a bigger grid point by point: the page shows its progress and can stop it', async () => {
    const page = await openPage(h);
    await page.locator('button.tab-explorer').click();
    // The default grid (3 parallelisms × 3 delays × 2 orders × 2 failure actions) on 200 replicas, 10 seeds each: many
    // seconds of runs.
    await page.locator('swarm-explorer [name=replicas]').fill('200');
    await page.locator('swarm-explorer [name=seeds]').fill('10');
    await page.locator('swarm-explorer button.run').click();
    await expect.poll(() => page.locator('swarm-explorer .progress').textContent()).toMatch(/^\d+ \/ 36$/);
    await page.locator('swarm-explorer button.stop').click();
    expect(await page.locator('swarm-explorer .progress').count()).toBe(0);
    expect(await page.locator('explorer-chart circle.point').count()).toBe(0);
    await page.locator('swarm-explorer [name=replicas]').fill('6');
    await page.locator('swarm-explorer [name=seeds]').fill('1');
    await page.locator('swarm-explorer button.run').click();
    await page.locator('explorer-chart circle.point').nth(35).waitFor({ timeout: 30_000 });
    expect(await page.locator('explorer-chart circle.point').count()).toBe(36);
    await page.close();
  });

  it('refuses a bad grid in the page language, naming the field as labelled, and runs nothing', async () => {
    const page = await openPage(h);
    await runGrid(page, { parallelism: '1,,2' });
    expect(await page.locator('swarm-explorer .error').textContent()).toBe(
      'Grille refusée : --update-parallelism prend une liste séparée par des virgules, sans élément vide ; ' +
        'reçu "1,,2".',
    );
    await page.locator('swarm-explorer [name=parallelism]').fill('1');
    await page.locator('swarm-explorer [name=replicas]').fill('0');
    await page.locator('swarm-explorer button.run').click();
    expect(await page.locator('swarm-explorer .error').textContent()).toBe(
      'Grille refusée : Répliques doit être un nombre entier de 1 à 200 ; reçu "0".',
    );
    await page.locator('swarm-explorer [name=replicas]').fill('4');
    await page.locator('swarm-explorer [name=parallelism]').fill('1');
    await page.locator('swarm-explorer [name=delay]').fill('5');
    await page.locator('swarm-explorer button.run').click();
    expect(await page.locator('swarm-explorer .error').textContent()).toBe(
      'Grille refusée : --update-delay : "5" n’est pas une durée Go comme 5s (time: missing unit in duration "5").',
    );
    await page.locator('header button.lang').click();
    await page.locator('swarm-explorer button.run').click();
    expect(await page.locator('swarm-explorer .error').textContent()).toBe(
      'Grid refused: --update-delay: "5" is not a Go duration such as 5s (time: missing unit in duration "5").',
    );
    expect(await page.locator('explorer-chart circle.point').count()).toBe(0);
    await page.locator('swarm-explorer [name=delay]').fill('5s');
    await page.locator('swarm-explorer input[name=order]').first().uncheck();
    await page.locator('swarm-explorer input[name=order]').last().uncheck();
    await page.locator('swarm-explorer button.run').click();
    expect(await page.locator('swarm-explorer .error').textContent()).toBe(
      'Grid refused: --update-order: give at least one value.',
    );
    await page.close();
  });
});

describe('two trace files side by side', () => {
  const file = 'scenarios/conformance/fast-stop.yaml';
  const simulated = runScenario(loadScenario(readText(file), file)).trace;
  // Recorded on this machine's one-node swarm: `swarmlab run scenarios/conformance/fast-stop.yaml --backend swarm --out
  // ...`.
  const real = JSON.parse(readFileSync(join(import.meta.dirname, 'explorer-real-fast-stop.json'), 'utf8')) as Trace;

  it('imports a simulated and a real-swarm trace at once into compare, one time axis, scaled when large', async () => {
    const page = await openPage(h);
    await page.locator('header input.import').setInputFiles([
      { name: 'simulated.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(simulated)) },
      { name: 'real.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(real)) },
    ]);
    await expect.poll(() => page.locator('.message.ok').textContent()).toBe('Importé : simulated.json, real.json');
    const [sim, rec] = [outcome(simulated), outcome(real)];
    // The compare view is fetched on its first use: the message can come before its table.
    await page.locator('swarm-compare table.stats').waitFor();
    const rows = await page
      .locator('swarm-compare table.stats tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows[0]).toEqual(['', 'simulated.json', 'real.json']);
    expect(rows[1]).toEqual(['durée', formatSeconds(sim.durationMs), formatSeconds(rec.durationMs)]);
    expect(rows[4]).toEqual(['UpdateStatus', 'completed', 'completed']);
    await expect.poll(() => page.locator('swarm-compare swarm-timeline.a g.lane').count()).toBe(4);
    await expect.poll(() => page.locator('swarm-compare swarm-timeline.b g.lane').count()).toBe(4);
    // One time axis: both timelines have the same ticks.
    const ticks = await page
      .locator('swarm-compare swarm-timeline g.axis')
      .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll('.tick text')].map((t) => t.textContent).join(' ')));
    expect(ticks[0]).toBe(ticks[1]);
    await screenshot(page, 'compare-two-files');

    const heights = () =>
      page
        .locator('swarm-compare swarm-timeline svg.head')
        .evaluateAll((svgs) => svgs.map((s) => Number(s.getAttribute('height'))));
    const before = await heights();
    await page.locator('header button.large').click();
    const after = await heights();
    expect(after.map((v, i) => +(v / before[i]).toFixed(3))).toEqual([1.4, 1.4]);
    await screenshot(page, 'compare-two-files-large');
    await page.close();
  });

  it('opens two trace files dropped on the page side by side', async () => {
    const page = await openPage(h);
    await page.evaluate(
      ([a, b]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([a], 'simulated.json', { type: 'application/json' }));
        transfer.items.add(new File([b], 'real.json', { type: 'application/json' }));
        document
          .querySelector('swarm-app')!
          .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [JSON.stringify(simulated), JSON.stringify(real)],
    );
    await expect.poll(() => page.locator('.message.ok').textContent()).toBe('Importé : simulated.json, real.json');
    expect(await page.locator('swarm-compare table.stats tr').first().textContent()).toBe('simulated.jsonreal.json');
    await page.close();
  });

  it('refuses anything but two traces, with the reason', async () => {
    const page = await openPage(h);
    await page.locator('button.tab-compare').click();
    await page.locator('swarm-compare input.import-pair').setInputFiles([
      { name: 'simulated.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(simulated)) },
      { name: 'drill.yaml', mimeType: 'text/yaml', buffer: Buffer.from(readText(file)) },
    ]);
    await expect
      .poll(() => page.locator('swarm-compare .error').textContent())
      .toBe('Fichier refusé : drill.yaml: pas une trace JSON (seules deux traces se comparent)');
    await page.locator('swarm-compare input.import-pair').setInputFiles([
      { name: 'simulated.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(simulated)) },
      { name: 'real.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(real)) },
    ]);
    await expect.poll(() => page.locator('swarm-compare table.stats tr').count()).toBe(5);
    expect(await page.locator('swarm-compare .error').count()).toBe(0);
    await page.close();
  });
});
