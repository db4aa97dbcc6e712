// e2e: hostile text (HTML, script) in an imported trace, a share link and the console is shown literally and never
// runs;
// a truncated, wrong-typed or 50 MB trace gets the error panel and the open lesson session stays exactly as it was.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderServicePs } from '../../src/render/service-ps.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { stateAt } from '../../src/trace/replay.js';
import type { Trace } from '../../src/types.js';
import { decodeShare, encodeShare, isShareLink, SHARE_LIMITS } from '../../web/session/share.js';
import { openPage, readText, screenshot, typeCommand, useHarness, waitForEnd } from './harness.js';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const IMG_ERR = '<img src=x onerror=window.__pwned=2>';
const SVG = '<svg onload=window.__pwned=3>';

const h = useHarness();
const dir = mkdtempSync(join(tmpdir(), 'swarmlab-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const trace2b = (): Trace => {
  const file = 'scenarios/course/2b-rollback-on-failure.yaml';
  return runScenario(loadScenario(readText(file), file)).trace;
};

/**
 * The 2b trace with the service named IMG, the bad image called SCRIPT, every task error IMG_ERR and node-1 called SVG.
 */
function hostileTrace(): string {
  return JSON.stringify(trace2b())
    .replace(/"(Name|name)":"my_service"/g, `"$1":"${IMG}"`)
    .replace(/"nginx:bad"/g, `"${SCRIPT}"`)
    .replace(/"err":"[^"]*"/g, `"err":"${IMG_ERR}"`)
    .replace(/"(Hostname|hostname)":"node-1"/g, `"$1":"${SVG}"`);
}

/** Waits for any onerror/onload to have had its chance, then: nothing ran, no element carries an event handler. */
async function expectNothingRan(page: Page, pageErrors: string[]): Promise<void> {
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const found = await page.evaluate(() => {
    const out = { img: 0, handlers: 0, injectedScripts: 0 };
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'IMG') out.img++;
        if (el.tagName === 'SCRIPT' && (el.textContent ?? '').includes('__pwned')) out.injectedScripts++;
        if ([...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))) out.handlers++;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
  expect(found).toEqual({ img: 0, handlers: 0, injectedScripts: 0 });
  expect(pageErrors).toEqual([]);
}

async function hostilePage(fragment = ''): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await openPage(h, fragment);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    pageErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, pageErrors };
}

describe('hostile text is shown literally and never runs', () => {
  it('(control) the payloads do run when a page parses them as HTML, and the check sees it', async () => {
    const { page, pageErrors } = await hostilePage();
    const ran = await page.evaluate(
      async ([img, img2]) => {
        const w = window as unknown as { __pwned?: number };
        const seen: (number | undefined)[] = [];
        for (const payload of [img, img2]) {
          delete w.__pwned;
          const div = document.createElement('div');
          div.innerHTML = payload;
          // The inline onerror was set when the HTML was parsed, so it runs before this listener: wait for the
          // image's failed load itself (a fixed 300 ms was too short on a loaded machine).
          const image = div.querySelector('img')!;
          const failed = new Promise((done) => image.addEventListener('error', done, { once: true }));
          document.body.append(div);
          await failed;
          seen.push(w.__pwned);
          div.remove();
        }
        delete w.__pwned;
        return seen;
      },
      [IMG, IMG_ERR],
    );
    expect(ran).toEqual([1, 2]);
    await page.evaluate((img) => {
      const div = document.createElement('div');
      div.innerHTML = img;
      document.body.append(div);
    }, IMG);
    await expect(expectNothingRan(page, pageErrors)).rejects.toThrow();
    await page.close();
  });

  it('in an imported trace: service name, image, task error and node name', async () => {
    const { page, pageErrors } = await hostilePage();
    const evil = hostileTrace();
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(evil) });
    await expect.poll(() => page.locator('.message.ok').textContent()).toBe('Importé : evil.json');
    await page.locator('swarm-controls button.speed', { hasText: 'max' }).click();
    await page.locator('swarm-controls button.play').click();
    await waitForEnd(page);
    // exactly the table docker's formatter gives for the trace's final state, payloads as plain text
    const trace = JSON.parse(evil) as Trace;
    const state = stateAt(trace, trace.duration_ms);
    const ps = (await page.locator('swarm-views pre.ps').textContent())!;
    expect(ps).toBe(renderServicePs(state, state.services).stdout);
    expect(ps).toContain(
      `${SCRIPT}   node-3                          Shutdown        Failed 7 seconds ago      ` +
        `"${IMG_ERR.slice(0, 29)}…"`,
    );
    const inspect = (await page.locator('swarm-views pre.inspect').textContent())!;
    expect(inspect.split('\n')).toContain(`Name:\t\t${IMG}`);
    expect(await page.locator('header select.lesson-select option:checked').textContent()).toBe(
      'course-2b-rollback-on-failure',
    );
    const lanes = await page.locator('swarm-timeline text.lane-label').allTextContents();
    expect(lanes).toEqual(['surveillance', `${IMG}.1`, `${IMG}.2`, `${IMG}.3`, `${IMG}.4`]);
    await page.locator('.tab-nodes').click();
    expect(await page.locator('swarm-nodes .node .head').allTextContents()).toEqual([SVG, 'node-2', 'node-3']);
    await expectNothingRan(page, pageErrors);
    await screenshot(page, 'hostile-trace');
    await page.close();
  });

  it('in a share link: an unknown lesson named in HTML, hostile typed lines replayed from the fragment', async () => {
    const unknown = await hostilePage(`#lesson=${encodeURIComponent(IMG)}&seed=1&steps=W10`);
    await expect
      .poll(() => unknown.page.locator('.message.error').textContent())
      .toBe(`Lien de partage : leçon inconnue ${IMG}`);
    await expectNothingRan(unknown.page, unknown.pageErrors);
    await unknown.page.close();

    const fragment = encodeShare({
      lesson: '2b',
      seed: 22,
      steps: [
        { atMs: 0, text: 'docker service create --name s --replicas 2 nginx:1.25' },
        { atMs: 5_000, text: `docker service update -d --label-add 'note=${IMG}' s` },
        { atMs: 6_000, text: `docker service ps '${SCRIPT}'` },
      ],
    });
    const { page, pageErrors } = await hostilePage(fragment);
    await expect
      .poll(() => page.locator('swarm-console pre.cmd').allTextContents())
      .toEqual([
        '$ docker service create --name s --replicas 2 nginx:1.25',
        `$ docker service update -d --label-add 'note=${IMG}' s`,
        `$ docker service ps '${SCRIPT}'`,
      ]);
    expect(await page.locator('swarm-console pre.err').allTextContents()).toEqual([`no such service: ${SCRIPT}\n`]);
    expect((await page.locator('swarm-views pre.inspect').textContent())!.split('\n')).toContain(` note=${IMG}`);
    await expectNothingRan(page, pageErrors);
    await page.close();
  });

  it('typed in the console', async () => {
    const { page, pageErrors } = await hostilePage();
    await typeCommand(page, `docker service update --image '${SCRIPT}' my_service`);
    await typeCommand(page, `docker service ps '${IMG}'`);
    expect(await page.locator('swarm-console pre.cmd').allTextContents()).toEqual([
      '$ docker service create --name my_service --replicas 3 nginx:1.25',
      '$ swarmlab wait converged',
      `$ docker service update --image '${SCRIPT}' my_service`,
      `$ docker service ps '${IMG}'`,
    ]);
    expect(await page.locator('swarm-console pre.err').allTextContents()).toEqual([
      `Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "${SCRIPT}" is not a ` +
        `valid repository/tag\n`,
      `no such service: ${IMG}\n`,
    ]);
    await expectNothingRan(page, pageErrors);
    await page.close();
  });
});

type Edit = (t: Trace & Record<string, any>) => void;
/**
 * Traces that pass validation but are odd in every way a file can be: each must import and replay without a page error.
 */
const ODD_TRACES: [string, Edit][] = [
  [
    'events in reverse order',
    (t) => {
      t.events.reverse();
    },
  ],
  [
    'every event twice',
    (t) => {
      t.events = t.events.flatMap((ev) => [ev, ev]);
    },
  ],
  [
    'events after the end',
    (t) => {
      for (const ev of t.events.slice(-20)) ev.t_ms = t.duration_ms + 1e9;
    },
  ],
  [
    'negative times',
    (t) => {
      for (const ev of t.events) ev.t_ms -= 1e6;
    },
  ],
  [
    'a zero duration',
    (t) => {
      t.duration_ms = 0;
    },
  ],
  [
    'a duration of 31 years',
    (t) => {
      t.duration_ms = 1e12;
    },
  ],
  [
    'no events, services, tasks or nodes',
    (t) => {
      t.events = [];
      t.services = [];
      t.tasks = [];
      t.nodes = [];
    },
  ],
  [
    'task events for tasks never created',
    (t) => {
      t.events = t.events.filter((ev) => ev.type !== 'task_created');
    },
  ],
  [
    'tasks of a service never created, on unknown nodes',
    (t) => {
      t.events = t.events.filter((ev) => ev.type !== 'service_spec' && ev.type !== 'node');
      t.services = [];
      t.nodes = [];
    },
  ],
  [
    'the service removed first, its tasks going on',
    (t) => {
      const spec = t.events.find((ev) => ev.type === 'service_spec')!;
      t.events.splice(t.events.indexOf(spec) + 1, 0, { ...spec, action: 'remove' });
    },
  ],
  [
    'slots and replicas at the extremes',
    (t) => {
      for (const ev of t.events) {
        if (ev.type === 'task_created') ev.slot = ev.slot === 1 ? 0 : 2 ** 31;
        if (ev.type === 'service_spec') ev.spec.Mode = ev.version % 2 ? {} : { Replicated: { Replicas: 0 } };
      }
    },
  ],
  [
    'a global service spec with odd durations',
    (t) => {
      for (const ev of t.events) {
        if (ev.type !== 'service_spec') continue;
        ev.spec.Mode = { Global: {} };
        ev.spec.UpdateConfig = { Parallelism: 0, MaxFailureRatio: 1e300, Delay: -5, Monitor: 9.3e18 };
        ev.spec.TaskTemplate.ContainerSpec.Healthcheck = { Test: [], Interval: 1e300, Retries: -1 };
      }
    },
  ],
  [
    'every UpdateStatus cleared, updater events without config',
    (t) => {
      for (const ev of t.events) {
        if (ev.type === 'update_status') Object.assign(ev, { state: null, startedMs: null, completedMs: null });
        if (ev.type === 'updater') delete ev.config;
      }
    },
  ],
  [
    'a one-megabyte output line',
    (t) => {
      t.events.push({ t_ms: 1, type: 'output', stream: 'stdout', text: 'y'.repeat(1_000_000) });
    },
  ],
];

describe('odd but valid traces replay in the page without an error', () => {
  it.each(ODD_TRACES)('%s', async (_what, edit) => {
    const trace = JSON.parse(JSON.stringify(trace2b())) as Trace & Record<string, any>;
    edit(trace);
    const { page, pageErrors } = await hostilePage();
    await page
      .locator('header input.import')
      .setInputFiles({ name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trace)) });
    await expect.poll(() => page.locator('.message').textContent()).toBe('Importé : odd.json');
    for (const at of [0, trace.duration_ms / 2, trace.duration_ms]) {
      await page.evaluate(
        (tMs) =>
          (document.querySelector('swarm-app') as unknown as { replay: { send(e: object): void } }).replay.send({
            type: 'SEEK',
            tMs,
          }),
        at,
      );
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowRight');
      await page.locator('.tab-nodes').click();
      await page.locator('.tab-views').click();
    }
    await page.locator('swarm-timeline svg').first().hover();
    // the same trace twice, side by side in the compare view
    const file = { name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trace)) };
    await page.locator('header input.import').setInputFiles([file, { ...file, name: 'odd2.json' }]);
    await expect.poll(() => page.locator('.message').textContent()).toBe('Importé : odd.json, odd2.json');
    await expect.poll(() => page.locator('swarm-compare swarm-timeline').count()).toBe(2);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

/** What a user sees of the open lesson session: lesson, console, ps, timeline, replay position, the console's input. */
async function sessionView(page: Page) {
  return {
    lesson: await page.locator('swarm-lesson h2').textContent(),
    console: await page.locator('swarm-console pre').allTextContents(),
    ps: await page.locator('swarm-views pre.ps').textContent(),
    lanes: await page.locator('swarm-timeline text.lane-label').allTextContents(),
    replay: await page.evaluate(() => {
      const app = document.querySelector('swarm-app') as unknown as {
        replay: { cursorMs: number; durationMs: number };
      };
      return [app.replay.cursorMs, app.replay.durationMs];
    }),
    inputs: await page.locator('swarm-console input').count(),
  };
}

describe('a bad trace gets the error panel and the open session stays as it was', () => {
  it('truncated JSON, a wrong-typed trace, a wrong-typed event field, a 50 MB trace and a 3 GB file', async () => {
    const { page, pageErrors } = await hostilePage();
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const before = await sessionView(page);
    expect(before.lesson).toBe('1a — Changer l’image d’un service');
    expect(before.lanes).toEqual(['surveillance', 'my_service.1', 'my_service.2', 'my_service.3']);
    expect(before.inputs).toBe(1);

    const good = trace2b();
    const text = JSON.stringify(good);
    const importing = async (name: string, file: Buffer | string) => {
      const input = page.locator('header input.import');
      await (typeof file === 'string'
        ? input.setInputFiles(file)
        : input.setInputFiles({ name, mimeType: 'application/json', buffer: file }));
      await expect
        .poll(() => page.locator('.message.error').textContent(), { timeout: 20_000 })
        .toContain(`Fichier refusé : ${name}: `);
      const message = await page.locator('.message.error').textContent();
      expect(await sessionView(page)).toEqual(before);
      return message;
    };

    expect(await importing('cut.json', Buffer.from(text.slice(0, Math.floor(text.length / 2))))).toMatch(
      /^Fichier refusé : cut\.json: JSON invalide \(.+\)$/,
    );

    const nullTask = JSON.parse(text) as Record<string, unknown[]>;
    nullTask.tasks[0] = null;
    expect(await importing('null-task.json', Buffer.from(JSON.stringify(nullTask)))).toBe(
      'Fichier refusé : null-task.json: pas une trace swarmlab (tasks[0] : attendu un objet, reçu null)',
    );

    const badState = JSON.parse(text) as Trace;
    const at = badState.events.findIndex((ev) => ev.type === 'task_state');
    (badState.events[at] as unknown as Record<string, unknown>).state = 7;
    expect(await importing('bad-state.json', Buffer.from(JSON.stringify(badState)))).toBe(
      `Fichier refusé : bad-state.json: pas une trace swarmlab (events[${at}].state : attendu l’une des valeurs new, ` +
        'allocated, pending, assigned, accepted, preparing, ready, starting, running, complete, shutdown, failed, ' +
        'rejected, remove, orphaned, reçu 7)',
    );

    // A valid trace padded to 52,400,000 bytes with one long output line (playwright sends files over 50 MB by path).
    const padding =
      52_400_000 -
      JSON.stringify({
        ...good,
        events: [...good.events, { t_ms: good.duration_ms, type: 'output', stream: 'stdout', text: '' }],
      }).length;
    const big = JSON.stringify({
      ...good,
      events: [...good.events, { t_ms: good.duration_ms, type: 'output', stream: 'stdout', text: 'x'.repeat(padding) }],
    });
    expect(big.length).toBe(52_400_000);
    const bigFile = join(dir, 'big.json');
    writeFileSync(bigFile, big);
    expect(await importing('big.json', bigFile)).toBe(
      'Fichier refusé : big.json: le fichier fait 52.4 MB ; le bac à sable importe des fichiers jusqu’à 25 MB',
    );

    // 3 GB (a sparse file): refused from its size, before the page tries to read it
    const hugeFile = join(dir, 'huge.json');
    writeFileSync(hugeFile, '');
    truncateSync(hugeFile, 3_000_000_000);
    expect(await importing('huge.json', hugeFile)).toBe(
      'Fichier refusé : huge.json: le fichier fait 3000 MB ; le bac à sable importe des fichiers jusqu’à 25 MB',
    );

    // two files at once (side by side): the bad one is named, nothing changes
    await page.locator('header input.import').setInputFiles([
      { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(text) },
      { name: 'null-task.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nullTask)) },
    ]);
    await expect
      .poll(() => page.locator('.message.error').textContent())
      .toBe('Fichier refusé : null-task.json: pas une trace swarmlab (tasks[0] : attendu un objet, reçu null)');
    expect(await sessionView(page)).toEqual(before);
    await page.locator('header input.import').setInputFiles([join(dir, 'big.json'), hugeFile]);
    await expect
      .poll(() => page.locator('.message.error').textContent())
      .toBe('Fichier refusé : big.json: le fichier fait 52.4 MB ; le bac à sable importe des fichiers jusqu’à 25 MB');
    expect(await sessionView(page)).toEqual(before);

    // the session still works: the console runs the next line
    await typeCommand(page, 'docker service ls -q');
    expect((await page.locator('swarm-console pre.cmd').allTextContents()).at(-1)).toBe('$ docker service ls -q');
    await expectNothingRan(page, pageErrors);
    await page.close();
  });
});

describe('a damaged share link is said so', () => {
  const pastLimit = encodeShare({
    lesson: '2b',
    seed: 22,
    steps: [{ atMs: SHARE_LIMITS.atMs + 1, text: 'docker service ls' }],
  });

  it('on load: lesson 1a opens with the message; pasted into an open session: the session stays', async () => {
    const { page, pageErrors } = await hostilePage(pastLimit);
    await expect
      .poll(() => page.locator('.message.error').textContent())
      .toBe('Lien de partage abîmé ou hors limites (2 h, 200 lignes de 2 000 caractères) : non ouvert');
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Changer l’image d’un service');
    await typeCommand(page, 'docker service update --image nginx:latest my_service');
    const before = await sessionView(page);
    await page.locator('button.lang').click();
    await page.evaluate(() => {
      location.hash = '#lesson=2b&seed=22&steps=%%%';
    });
    await expect
      .poll(() => page.locator('.message.error').textContent())
      .toBe('Share link damaged or past the limits (2 h, 200 lines of 2,000 characters): not opened');
    await page.locator('button.lang').click();
    expect(await sessionView(page)).toEqual(before);
    await expectNothingRan(page, pageErrors);
    await page.close();
  });

  it('a link whose lines would run past 2 h (200 one-hour waits typed at 0 s) is refused, not replayed', async () => {
    const waits = encodeShare({
      lesson: '1a',
      seed: 11,
      steps: Array.from({ length: 200 }, () => ({ atMs: 0, text: 'swarmlab wait 1h' })),
    });
    const { page, pageErrors } = await hostilePage(waits);
    await expect
      .poll(() => page.locator('.message.error').textContent())
      .toBe('Lien de partage abîmé ou hors limites (2 h, 200 lignes de 2 000 caractères) : non ouvert');
    expect(await page.locator('swarm-lesson h2').textContent()).toBe('1a — Changer l’image d’un service');
    expect(
      await page.evaluate(
        () => (document.querySelector('swarm-app') as unknown as { trace: { duration_ms: number } }).trace.duration_ms,
      ),
    ).toBe(5_600);
    await expectNothingRan(page, pageErrors);
    await page.close();
  });
});

describe('share links past the limits are refused as damaged', () => {
  const link = (steps: unknown, seed = '22') =>
    `#lesson=2b&seed=${seed}&steps=${Buffer.from(JSON.stringify(steps)).toString('base64url')}`;

  it('keeps a link within the limits, refuses times, lengths, counts and seeds outside them', () => {
    expect(decodeShare(link([[SHARE_LIMITS.atMs, 'docker service ls']]))).toEqual({
      lesson: '2b',
      seed: 22,
      steps: [{ atMs: 7_200_000, text: 'docker service ls' }],
    });
    expect(decodeShare(link([[SHARE_LIMITS.atMs + 1, 'docker service ls']]))).toBeNull();
    expect(decodeShare(link([[-1, 'docker service ls']]))).toBeNull();
    expect(decodeShare(link([[0, 'x'.repeat(2_001)]]))).toBeNull();
    expect(decodeShare(link(Array.from({ length: 201 }, () => [0, 'docker service ls'])))).toBeNull();
    expect(decodeShare(link([[0, 'docker service ls', 'extra']]))).toBeNull();
    expect(decodeShare(link([], '-3'))).toBeNull();
    expect(decodeShare(link([], '1e400'))).toBeNull();
    expect(decodeShare(link([], '99999999999999999999'))).toBeNull();
    expect([isShareLink(link([], '-3')), isShareLink('#seed=3'), isShareLink(''), isShareLink('#lesson=')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});
