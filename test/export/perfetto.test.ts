// The Perfetto export: Chrome trace-event JSON whose slices nest per thread, with exact values for course §2b (seed 1).
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../src/cli/files.js';
import { type PerfettoEvent, toPerfetto, UPDATER_TID } from '../../src/export/perfetto.js';
import { runScenario } from '../../src/scenario/run.js';

const scenario = readScenarioFile('scenarios/course/2b-rollback-on-failure.yaml');
const trace = runScenario(scenario, { seed: 1 }).trace;
const events = toPerfetto(trace).traceEvents;
const of = (ph: PerfettoEvent['ph'], cat?: string) =>
  events.filter((e) => e.ph === ph && (cat === undefined || e.cat === cat));

describe('perfetto export of course 2b, seed 1', () => {
  it('has one process for the service, an updater thread and a thread per slot (a second where tasks overlap)', () => {
    const names = of('M')
      .filter((e) => e.name === 'process_name' || e.name === 'thread_name')
      .map((e) => `${e.pid}/${e.tid} ${e.name}=${(e.args as { name: string }).name}`);
    expect(names).toEqual([
      '1/0 process_name=my_service',
      '1/1 thread_name=updater',
      '1/2 thread_name=my_service.1',
      '1/3 thread_name=my_service.2',
      '1/4 thread_name=my_service.2 (overlap 2)',
      '1/5 thread_name=my_service.3',
      '1/6 thread_name=my_service.3 (overlap 2)',
      '1/7 thread_name=my_service.4',
      '1/8 thread_name=my_service.4 (overlap 2)',
    ]);
  });

  it('draws each task as a complete slice named by its image, in microseconds', () => {
    const tasks = of('X', 'task');
    const perImage = Object.fromEntries(
      [...new Set(tasks.map((e) => e.name))].map((image) => [image, tasks.filter((e) => e.name === image).length]),
    );
    expect(perImage).toEqual({ 'nginx:1.25': 7, 'nginx:bad': 4 });
    const failed = tasks.find((e) => (e.args as { final_state: string }).final_state === 'failed');
    expect(failed).toMatchObject({
      name: 'nginx:bad',
      ts: 5_600_000,
      dur: 3_720_000,
      tid: 4,
      args: { slot: 2, err: 'task: non-zero exit (1)', exit_code: 1, origin: 'updater' },
    });
    const states = of('X', 'state').filter((e) => e.tid === 4 && e.ts! < 9_320_000);
    // assigned and accepted last 0 µs (left out), failed is the final state (no length).
    expect(states.map((e) => `${e.name}@${e.ts}+${e.dur}`)).toEqual([
      'pending@5600000+50000',
      'preparing@5650000+120000',
      'ready@5770000+1240000',
      'starting@7010000+250000',
      'running@7260000+2060000',
    ]);
  });

  it('marks every UpdateStatus change with a process-scoped instant', () => {
    expect(of('i').map((e) => [e.name, e.ts, e.s, (e.args as { message: string }).message])).toEqual([
      ['updating', 5_600_000, 'p', 'update in progress'],
      [
        'rollback_started',
        9_390_000,
        'p',
        'update rolled back due to failure or early termination of task e5evv620miab207m4ecqjjgbf',
      ],
      ['rollback_completed', 18_280_000, 'p', 'rollback completed'],
    ]);
  });

  it('links the counted failure to the rollback it started with one flow', () => {
    const flow = events.filter((e) => e.ph === 's' || e.ph === 'f');
    expect(flow.map((e) => [e.ph, e.id, e.ts, e.tid])).toEqual([
      ['s', 1001, 9_390_000, UPDATER_TID],
      ['f', 1001, 9_390_000, UPDATER_TID],
    ]);
    // The start follows the slice it binds to; the end precedes the rollback's slice (the next one on the thread).
    const updater = events.filter((e) => e.tid === UPDATER_TID && e.ph !== 'M' && e.ph !== 'i');
    expect(updater.map((e) => `${e.ph} ${e.name}`)).toEqual([
      'X update',
      'X failure counted',
      's failure → rollback',
      'f failure → rollback',
      'X rollback',
    ]);
    expect(updater[0]).toMatchObject({ ts: 5_600_000, dur: 3_790_000 });
    expect(updater[4]).toMatchObject({ ts: 9_390_000, dur: 9_010_000, args: { rollback: true } });
  });

  it('counts serving replicas per image from the availability series', () => {
    const counters = of('C').filter((e) => e.name === 'serving replicas');
    expect(counters[0]).toMatchObject({ ts: 0, args: { 'nginx:1.25': 0 } });
    expect(counters.find((e) => e.ts === 7_260_000)?.args).toEqual({ 'nginx:1.25': 3, 'nginx:bad': 1 });
    expect(counters.at(-1)?.args).toEqual({ 'nginx:1.25': 4, 'nginx:bad': 0 });
    expect(
      of('C')
        .filter((e) => e.name === 'desired replicas')
        .map((e) => e.args),
    ).toEqual([{ desired: 4 }]);
  });

  it('keeps slices on each thread properly nested (Perfetto drops ones that overlap partially)', () => {
    const threads = new Map<string, PerfettoEvent[]>();
    for (const e of of('X')) {
      const key = `${e.pid}/${e.tid}`;
      threads.set(key, [...(threads.get(key) ?? []), e]);
    }
    for (const [key, slices] of threads) {
      const sorted = [...slices].sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
      const open: number[] = [];
      for (const s of sorted) {
        while (open.length && open[open.length - 1] <= s.ts!) open.pop();
        const parentEnd = open[open.length - 1];
        expect(parentEnd === undefined || s.ts! + s.dur! <= parentEnd, `${key}: ${s.name}@${s.ts}`).toBe(true);
        open.push(s.ts! + s.dur!);
      }
    }
    for (const e of events.filter((e) => e.ph !== 'M')) {
      expect(Number.isInteger(e.ts)).toBe(true);
      if (e.dur !== undefined) expect(e.dur).toBeGreaterThanOrEqual(0);
    }
  });
});
