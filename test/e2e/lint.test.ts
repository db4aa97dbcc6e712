// e2e: the lint panel: scenarios/stacks/traps.yml imported, its 4 findings in French and English as `swarmlab lint`
// finds them, a proof opened by keyboard, axe-clean at 390 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/lab/simulate.js';
import { lintScenario, lintStack } from '../../src/policy-lint/lint.js';
import { renderLint } from '../../src/policy-lint/messages.js';
import { loadScenario } from '../../src/scenario/load.js';
import { axeViolations, focusedElement, openPage, readText, screenshot, useHarness } from './harness.js';

const TEXT = readText('scenarios/stacks/traps.yml');
/** What `swarmlab lint` finds in the file (the same library, in Node). */
const FINDINGS = lintStack(TEXT, 'traps.yml');

const h = useHarness();

/** Each finding shown: rule, line, level, why, proof. */
const shown = (page: Page) =>
  page
    .locator('swarm-lint li.finding')
    .evaluateAll((items) =>
      items.map((li) =>
        ['.rule', '.line', '.level', '.why', '.proof'].map((sel) => li.querySelector(sel)?.textContent?.trim()),
      ),
    );

describe('lint panel', () => {
  it('traps.yml’s 4 findings in FR and EN, axe-clean at 390 px; a proof opens on the timeline by keys', async () => {
    expect(FINDINGS.map((f) => [f.ruleId, f.line])).toEqual([
      ['image-without-digest', 4],
      ['single-replica-stop-first', 6],
      ['no-healthcheck-monitor-zero', 13],
      ['failure-action-never-fires', 15],
    ]);
    const page = await openPage(h, '', { width: 390, height: 800 });
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'traps.yml', mimeType: 'text/yaml', buffer: Buffer.from(TEXT) });
    await page.locator('swarm-lint li.finding').nth(3).waitFor({ timeout: 30_000 });
    // French first (the page's default language), then English: exactly the library's texts.
    expect(await page.locator('swarm-lint p.count').textContent()).toBe('traps.yml : 1 erreur, 3 avertissements');
    expect(await shown(page)).toEqual(
      FINDINGS.map((f) => [
        f.ruleId,
        `ligne ${f.line}`,
        f.level === 'error' ? 'erreur' : 'avertissement',
        renderLint(f.texts.why, 'fr'),
        renderLint(f.texts.figure ?? f.texts.noProof!, 'fr'),
      ]),
    );
    expect(await page.locator('.lint-panel h2').textContent()).toBe('Pièges de la politique de mise à jour');
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('header button.lang').click();
    expect(await page.locator('swarm-lint p.count').textContent()).toBe('traps.yml: 1 error, 3 warnings');
    // The English the CLI prints.
    expect(await shown(page)).toEqual(
      FINDINGS.map((f) => [f.ruleId, `line ${f.line}`, f.level, f.message, f.proof?.figure ?? f.noProof]),
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lint-390');
    // By keyboard (Tab only, Escape to leave the console): from the import button to the first proof's button
    // (image-without-digest has none); Enter opens it.
    await page.locator('header button.import-button').focus();
    for (let i = 0; i < 60 && (await focusedElement(page)) !== 'button.open-proof'; i++) {
      // The console's Tab completes: Escape then Tab leaves it (its documented way out).
      if ((await focusedElement(page)) === 'input.') await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
    }
    expect(await focusedElement(page)).toBe('button.open-proof');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.message.ok').textContent())
      .toBe('Opened the proof of single-replica-stop-first');
    // The session is the proof's run: the same update statuses, at the same times, as the proof simulated in Node.
    const proof = FINDINGS[1].proof!;
    const statuses = (events: readonly { type: string; t_ms: number; state?: string | null }[]) =>
      events.filter((e) => e.type === 'update_status').map((e) => [e.t_ms, e.state]);
    const expected = statuses(simulate(proof.scenario, { file: 'lint-single-replica-stop-first-web.yaml' }).events);
    expect(expected.at(-1)?.[1]).toBe('completed');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const app = document.querySelector('swarm-app') as unknown as {
            trace: { scenario: string; events: { type: string; t_ms: number; state?: string }[] } | null;
          };
          return app.trace
            ? [
                app.trace.scenario,
                app.trace.events.filter((e) => e.type === 'update_status').map((e) => [e.t_ms, e.state]),
              ]
            : null;
        }),
      )
      .toEqual(['lint-single-replica-stop-first-web', expected]);
    // The findings stay for the other proofs.
    expect(await page.locator('swarm-lint li.finding').count()).toBe(4);
    // The open scenario (here the proof's own file) is linted on demand, as `swarmlab lint FILE` would.
    const file = 'lint-single-replica-stop-first-web.yaml';
    const own = lintScenario(proof.scenario, loadScenario(proof.scenario, file));
    expect(own.map((f) => f.ruleId)).toContain('single-replica-stop-first');
    await page.locator('button.lint-scenario').click();
    await expect
      .poll(() => page.locator('swarm-lint p.count').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${file}: `));
    expect((await shown(page)).map(([rule, line]) => [rule, line])).toEqual(
      own.map((f) => [f.ruleId, `line ${f.line}`]),
    );
    await page.close();
  });
});
