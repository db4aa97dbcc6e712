// The engine in chromium gives the same trace as in Node: course scenarios and drills, SHA-256 of the trace JSON on
// both sides.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { Session, scenarioLines } from '../../web/session/session.js';
import { openPage, readText, useHarness, waitForEnd } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const yamlFiles = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `${dir}/${f}`);
const COURSE = yamlFiles('scenarios/course');
/** The failure drills too: node loss, healthchecks, crash loops, updates mid-update. */
const DRILLS = yamlFiles('scenarios/drills');
/** Besides each scenario's own seed: other slot orders, other seeded timings. */
const EXTRA_SEEDS = [1, 2, 3, 42, 2026];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type PageWindow = {
  sha256hex(text: string): Promise<string>;
  traceJson(yaml: string, file: string, seed: number): string;
};

const h = useHarness();
let page: Page | undefined;
/** URL of the scenario runner bundled for the browser (built from the same sources as the CLI's runScenario). */
let runnerUrl = '';

beforeAll(async () => {
  // runScenario is not part of the page's bundle: build it for the browser next to the site, from a throwaway entry.
  const entryDir = mkdtempSync(join(tmpdir(), 'swarmlab-det-'));
  const entry = join(entryDir, 'runner.ts');
  writeFileSync(
    entry,
    [
      `import { loadScenario } from ${JSON.stringify(join(ROOT, 'src/scenario/load.ts'))};`,
      `import { runScenario } from ${JSON.stringify(join(ROOT, 'src/scenario/run.ts'))};`,
      'export const traceJson = (yaml: string, file: string, seed: number): string => ' +
        'JSON.stringify(runScenario(loadScenario(yaml, file), { seed }).trace);',
      '',
    ].join('\n'),
  );
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root: entryDir,
      logLevel: 'warn',
      mode: 'production',
      build: {
        outDir: join(h.dist, 'determinism'),
        emptyOutDir: false,
        lib: { entry, formats: ['es'], fileName: () => 'runner.js' },
      },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  runnerUrl = `${h.baseUrl}determinism/runner.js`;
  page = await openPage(h);
  // The SHA-256 of a text, computed in the page with WebCrypto.
  await page.evaluate(() => {
    (window as unknown as PageWindow).sha256hex = async (text) =>
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
  });
  // A module script (vitest would rewrite an import() inside page.evaluate).
  await page.addScriptTag({
    type: 'module',
    content: `import { traceJson } from ${JSON.stringify(runnerUrl)}; window.traceJson = traceJson;`,
  });
  await page.waitForFunction(() => typeof (window as unknown as PageWindow).traceJson === 'function');
});

describe('the engine in chromium and in Node give the same trace', () => {
  /** Each file run with each of `seeds(scenario seed)` on both sides; the mismatches, named by file and seed. */
  async function compareRuns(files: string[], seeds: (own: number) => number[]): Promise<string[]> {
    const mismatches: string[] = [];
    for (const file of files) {
      const yaml = readText(file);
      const scenario = loadScenario(yaml, file);
      for (const seed of seeds(scenario.seed)) {
        const json = JSON.stringify(runScenario(scenario, { seed }).trace);
        const inPage = await page!.evaluate(
          async ({ yaml: text, file: name, seed: s }) => {
            const w = window as unknown as PageWindow;
            const trace = w.traceJson(text, name, s);
            return { hash: await w.sha256hex(trace), length: trace.length };
          },
          { yaml, file, seed },
        );
        if (inPage.hash !== sha256(json))
          mismatches.push(
            `${file} seed ${seed}: chromium ${inPage.hash} (${inPage.length} chars), node ${sha256(json)} ` +
              `(${json.length} chars)`,
          );
      }
    }
    return mismatches;
  }

  it('runScenario of every course scenario, with its seed and five others', async () => {
    expect(COURSE).toHaveLength(7);
    expect(await compareRuns(COURSE, (own) => [own, ...EXTRA_SEEDS])).toEqual([]);
  });

  it('runScenario of every drill, with its seed', async () => {
    expect(DRILLS.length).toBeGreaterThanOrEqual(14);
    expect(await compareRuns(DRILLS, (own) => [own])).toEqual([]);
  });

  it('the page: a course scenario imported by the import input gives the trace a Node Session gives', async () => {
    const mismatches: string[] = [];
    for (const file of COURSE) {
      const yaml = readText(file);
      const scenario = loadScenario(yaml, file);
      const name = file.replace(/^.*\//, '');
      await page!
        .locator('header input.import')
        .setInputFiles({ name, mimeType: 'text/yaml', buffer: Buffer.from(yaml) });
      await expect.poll(() => page!.locator('.message.ok').textContent()).toContain(name);
      const inPage = await page!.evaluate(async () => {
        const app = document.querySelector('swarm-app') as unknown as { trace: { scenario: string } };
        const trace = JSON.stringify(app.trace);
        return {
          hash: await (window as unknown as PageWindow).sha256hex(trace),
          scenario: app.trace.scenario,
          length: trace.length,
        };
      });
      // What the page does on import (web/controllers/session-controller.ts startScenario), in Node.
      const session = new Session({
        name: scenario.name,
        seed: scenario.seed,
        cluster: scenario.cluster,
        files: scenario.files,
      });
      session.typeAll(scenarioLines(scenario));
      const json = JSON.stringify(session.trace);
      expect(inPage.scenario).toBe(scenario.name);
      if (inPage.hash !== sha256(json))
        mismatches.push(
          `${file} seed ${scenario.seed}: chromium ${inPage.hash} (${inPage.length} chars), node ${sha256(json)} ` +
            `(${json.length} chars)`,
        );
    }
    expect(mismatches).toEqual([]);
  });

  it("the page: lines typed at the replay's end are one step each on the live engine; trace as in Node", async () => {
    const lessonPage = await openPage(h);
    const LINES = [
      'docker service update --image nginx:latest my_service',
      'docker service ps my_service',
      'docker service scale my_service=5',
    ];
    const costs: number[] = [];
    await lessonPage.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    for (const line of LINES) {
      // Ready at once here (each line left nothing due); else the spare engine is rebuilt while the page is idle.
      await lessonPage.waitForFunction(
        () => (document.querySelector('swarm-app') as unknown as { session: { ready: boolean } }).session.ready,
      );
      // The line as the console sends it on Enter; the steps counted in the same task, before any idle time.
      costs.push(
        await lessonPage.evaluate((text) => {
          const app = document.querySelector('swarm-app') as unknown as HTMLElement & {
            session: { stepsApplied: number };
          };
          const before = app.session.stepsApplied;
          app.shadowRoot!.querySelector('swarm-console')!.dispatchEvent(new CustomEvent('command', { detail: text }));
          return app.session.stepsApplied - before;
        }, line),
      );
      await waitForEnd(lessonPage);
    }
    const { inPage, stepsApplied, steps } = await lessonPage.evaluate(() => {
      const app = document.querySelector('swarm-app') as unknown as {
        trace: unknown;
        session: { stepsApplied: number; steps: unknown[] };
      };
      const { stepsApplied, steps } = app.session;
      return { inPage: JSON.stringify(app.trace), stepsApplied, steps: steps.length };
    });
    await lessonPage.close();
    expect(costs).toEqual([1, 1, 1]);
    // The lesson's two setup lines and the three typed: each applied once, no engine rebuilt (while idle either).
    expect([steps, stepsApplied]).toEqual([5, 5]);
    const file = 'scenarios/course/1a-update-image.yaml';
    const scenario = loadScenario(readText(file), file);
    const session = new Session({
      name: scenario.name,
      seed: scenario.seed,
      cluster: scenario.cluster,
      files: scenario.files,
    });
    session.typeAll(scenarioLines(scenario).slice(0, 2));
    for (const line of LINES) session.type(line, session.trace.duration_ms);
    expect(sha256(inPage)).toBe(sha256(JSON.stringify(session.trace)));
  });
});
