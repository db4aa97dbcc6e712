// The outcome atlas's worker protocol, in-process: progress after each step, done (exhausted, cut or stopped), errors,
// a new start ending the old one.
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/lab/explore/explore.js';
import { measureRun } from '../../src/lab/explore/outcome.js';
import { loadScenario } from '../../src/scenario/load.js';
import {
  ATLAS_STEP_RUNS,
  type AtlasReply,
  type AtlasRequest,
  type AtlasSource,
  AtlasWorker,
  outcomeTrace,
} from '../../web/lab/atlas-protocol.js';
import { LESSONS } from '../../web/lessons/lessons.js';

const lesson2c = LESSONS.find((l) => l.id === '2c')!;
const SOURCE: AtlasSource = {
  name: 'course-2c-check-after-rollback',
  file: 'scenarios/course/2c-check-after-rollback.yaml',
  text: lesson2c.scenarioYaml,
};

/** A worker whose queued steps run only when the test says so (`runNext`), its replies collected. */
function inProcess() {
  const replies: AtlasReply[] = [];
  const queue: (() => void)[] = [];
  const worker = new AtlasWorker(
    (reply) => replies.push(structuredClone(reply)),
    (next) => queue.push(next),
  );
  const runNext = () => queue.shift()?.();
  const runAll = () => {
    while (queue.length) runNext();
  };
  const send = (request: AtlasRequest) => worker.receive(request);
  return { replies, queue, send, runNext, runAll };
}

describe('atlas worker protocol', () => {
  it('lesson 2c: progress after each step of 4 runs, then done, exhausted, with what explore reports', () => {
    const w = inProcess();
    w.send({ type: 'start', id: 1, source: SOURCE, maxRuns: 2_000 });
    expect(w.replies).toEqual([]); // nothing runs until the next task
    w.runAll();
    const report = explore(loadScenario(SOURCE.text, SOURCE.file), SOURCE.text, { maxRuns: 2_000 });
    const done = w.replies.at(-1)!;
    const progress = w.replies.slice(0, -1);
    expect(progress.every((r) => r.type === 'progress' && r.id === 1)).toBe(true);
    const seen = progress.map((r) => (r.type === 'progress' ? r.played + r.pruned : -1));
    expect(seen).toEqual(seen.map((_, i) => (i + 1) * ATLAS_STEP_RUNS));
    expect(done).toEqual({
      type: 'done',
      end: 'exhausted',
      id: 1,
      runs: 60,
      played: report.played,
      pruned: report.pruned,
      maxRuns: 2_000,
      outcomes: report.outcomes.map((row) => ({
        status: 'rollback_completed',
        message: 'rollback completed',
        images: { 'nginx:1.25': 3 },
        minAvailable: row.outcome.minAvailable,
        durationMs: row.durationMs,
        finished: true,
        runs: row.runs,
        replay: row.replay,
      })),
    });
    if (done.type !== 'done') throw new Error('not done');
    expect(done.outcomes.map((o) => [o.minAvailable, o.durationMs, o.runs])).toEqual([
      [1, [12_360, 14_020], 48],
      [0, [12_360, 12_360], 12],
    ]);
    expect(w.queue).toEqual([]);
  });

  it('stop: heard before the next step, which then posts done, stopped, with the runs so far; no more runs', () => {
    const w = inProcess();
    w.send({ type: 'start', id: 7, source: SOURCE, maxRuns: 2_000 });
    w.runNext();
    w.runNext();
    w.send({ type: 'stop', id: 6 }); // another run's stop: ignored
    w.send({ type: 'stop', id: 7 });
    w.runAll();
    expect(w.replies.map((r) => r.type)).toEqual(['progress', 'progress', 'done']);
    const done = w.replies[2];
    expect(done.type === 'done' && [done.end, done.played + done.pruned, done.outcomes.length > 0]).toEqual([
      'stopped',
      2 * ATLAS_STEP_RUNS,
      true,
    ]);
  });

  it('the budget: done, cut, after maxRuns runs played or cut', () => {
    const w = inProcess();
    w.send({ type: 'start', id: 2, source: SOURCE, maxRuns: 10 });
    w.runAll();
    const done = w.replies.at(-1)!;
    expect(done.type === 'done' && [done.end, done.played + done.pruned, done.maxRuns]).toEqual(['cut', 10, 10]);
    expect(w.replies.length).toBe(3); // 4, 8, then 10
  });

  it('a new start ends the one before without a word: only the new id replies', () => {
    const w = inProcess();
    w.send({ type: 'start', id: 1, source: SOURCE, maxRuns: 2_000 });
    w.runNext();
    w.send({ type: 'start', id: 2, source: SOURCE, maxRuns: 8 });
    w.runAll();
    expect(w.replies.map((r) => `${r.type} ${r.id}`)).toEqual(['progress 1', 'progress 2', 'done 2']);
  });

  it('a file explore refuses, or a scenario that does not load: an error reply with why', () => {
    const w = inProcess();
    const replay = { ...SOURCE, file: 'r.yaml', text: `${SOURCE.text}choices:\n  from_step: 3\n  picks: [1]\n` };
    w.send({ type: 'start', id: 3, source: replay, maxRuns: 10 });
    w.send({ type: 'start', id: 4, source: { name: 'x', file: 'x.yaml', text: 'steps: 3\n' }, maxRuns: 10 });
    expect(w.replies[0]).toEqual({
      type: 'error',
      id: 3,
      message: 'r.yaml: already a replay (it has choices:); explore the scenario it came from',
    });
    expect(w.replies[1]).toMatchObject({ type: 'error', id: 4, message: expect.stringMatching(/^x\.yaml:\d+: /) });
    expect(w.queue).toEqual([]);
  });

  it("an outcome's trace: its replay run, which ends in that outcome", () => {
    const w = inProcess();
    w.send({ type: 'start', id: 1, source: SOURCE, maxRuns: 2_000 });
    w.runAll();
    const done = w.replies.at(-1)!;
    if (done.type !== 'done') throw new Error('not done');
    for (const outcome of done.outcomes) {
      const measured = measureRun(outcomeTrace(SOURCE, outcome), 'my_service');
      expect([measured.updateStatus, measured.runningImages, measured.minAvailable]).toEqual([
        outcome.status,
        outcome.images,
        outcome.minAvailable,
      ]);
    }
  });
});
