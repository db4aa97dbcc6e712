// Timeline queries over one small run (4 replicas, parallelism 2, delay 3 s): bars, lanes, markers, availability.
import { describe, expect, it } from 'vitest';
import { lanes, taskBars } from '../../src/trace/bars.js';
import { eventTimes, markers } from '../../src/trace/markers.js';
import { availabilityAt, availabilitySeries, lowestAvailability } from '../../src/trace/series.js';
import type { Trace } from '../../src/types.js';
import { cluster, converge, engine, settle, spec, updateConfig, withImage } from '../helpers/engine.js';

function smallRun(): Trace {
  const e = engine(1);
  const base = converge(e, spec('web', 'app:term1', 4, { UpdateConfig: updateConfig({ Parallelism: 2, Delay: 3e9 }) }));
  e.updateService('web', withImage(base, 'app:term2'));
  settle(e);
  return e.exportTrace('small');
}

describe('taskBars and lanes', () => {
  it('gives one bar per task, in its slot lane, with every state and its time', () => {
    const trace = smallRun();
    const bars = taskBars(trace);
    expect(bars.map((b) => `${b.serviceName}.${b.slot} ${b.image} ${b.createdMs}→${b.endMs} ${b.finalState}`)).toEqual([
      'web.1 app:term1 0→2680 shutdown',
      'web.2 app:term1 0→7390 shutdown',
      'web.3 app:term1 0→7390 shutdown',
      'web.4 app:term1 0→2680 shutdown',
      'web.1 app:term2 1420→15840 running',
      'web.4 app:term2 1420→15840 running',
      'web.2 app:term2 6130→15840 running',
      'web.3 app:term2 6130→15840 running',
    ]);
    expect(bars[4].segments.map((s) => `${s.state}@${s.startMs}-${s.endMs}`)).toEqual([
      'new@1420-1420',
      'pending@1420-1470',
      'assigned@1470-1470',
      'accepted@1470-1470',
      'preparing@1470-1590',
      'ready@1590-2830',
      'starting@2830-3080',
      'running@3080-15840',
    ]);
    expect(bars[0].ended).toBe(true);
    expect(bars[4].ended).toBe(false);
    expect(bars[0].desiredChanges.map((d) => `${d.desired}@${d.tMs}`)).toEqual(['running@0', 'shutdown@1420']);
    expect(lanes(trace).map((l) => l.label)).toEqual(['web.1', 'web.2', 'web.3', 'web.4']);
  });

  it('keeps the error and exit code of a failed task', () => {
    const e = engine(2);
    const base = converge(e, spec('web', 'app:v1', 1));
    e.updateService('web', withImage(base, 'app:bad'));
    e.runUntil(() => e.state().services[0].UpdateStatus?.State === 'paused', 60_000);
    const bad = taskBars(e.exportTrace('bad')).find((b) => b.image === 'app:bad' && b.finalState === 'failed')!;
    expect(bad.err).toBe('task: non-zero exit (1)');
    expect(bad.exitCode).toBe(1);
  });
});

describe('markers', () => {
  it('marks the update start, each worker delay, the monitor window and every status change', () => {
    const m = markers(smallRun()).map((x) => [x.kind, x.tMs, x.endMs, x.worker ?? null]);
    expect(m).toEqual([
      ['status', 1420, 1420, null],
      ['update_start', 1420, 1420, null],
      ['delay', 3130, 6130, 1],
      ['delay', 3130, 6130, 2],
      ['delay', 7840, 10840, 1],
      ['delay', 7840, 10840, 2],
      ['monitor', 10840, 15840, null],
      ['status', 15840, 15840, null],
    ]);
  });

  it('marks the failure that stopped an update and the rollback that followed', () => {
    const e = engine(2);
    const base = converge(e, spec('web', 'app:v1', 2, { UpdateConfig: updateConfig({ FailureAction: 'rollback' }) }));
    e.updateService('web', withImage(base, 'app:bad'));
    settle(e);
    const kinds = markers(e.exportTrace('rb'))
      .map((x) => x.kind)
      .filter((k) => k !== 'delay');
    expect(kinds).toEqual([
      'status',
      'update_start',
      'monitor',
      'failure',
      'stop',
      'status',
      'rollback_start',
      'monitor',
      'status',
      'rollback_end',
    ]);
  });

  it('lists the distinct instants at which something happened', () => {
    const times = eventTimes(smallRun());
    expect(times.slice(0, 4)).toEqual([0, 50, 170, 420]);
    expect(times.at(-1)).toBe(15_840);
  });
});

describe('availabilitySeries', () => {
  it('counts serving tasks per image and the desired replicas over time', () => {
    const trace = smallRun();
    const series = availabilitySeries(trace, trace.services[0].ID);
    expect(series.images).toEqual(['app:term1', 'app:term2']);
    // An old task stops counting when it is told to stop (1420, 6130: Swarm takes it out of the load balancer then),
    // not when it has stopped (2680, 7390).
    expect(series.points.map((p) => [p.tMs, p.running['app:term1'], p.running['app:term2'] ?? 0, p.desired])).toEqual([
      [0, 0, 0, 4],
      [420, 4, 0, 4],
      [1420, 2, 0, 4],
      [3080, 2, 2, 4],
      [6130, 0, 2, 4],
      [7790, 0, 4, 4],
    ]);
    expect(availabilityAt(series, 5_000)?.total).toBe(4);
    expect(lowestAvailability(series, 1_420, 15_840)).toBe(2);
  });
});

describe('availabilitySeries with a node down', () => {
  it('stops counting the tasks of a node once it is marked down, and counts their replacements', () => {
    const e = engine(4, cluster({ nodeCount: 3 }));
    converge(e, spec('web', 'app:term1', 3));
    e.nodeDown('node-3');
    settle(e);
    e.advanceTo(e.nowMs() + 30_000);
    const trace = e.exportTrace('down');
    const series = availabilitySeries(trace, trace.services[0].ID);
    const downAt = trace.events.find((ev) => ev.type === 'node' && ev.state === 'down')!.t_ms;
    expect(availabilityAt(series, downAt - 1)?.total).toBe(3);
    expect(availabilityAt(series, downAt)?.total).toBe(2);
    expect(series.points.at(-1)?.total).toBe(3);
    expect(series.points.every((p) => p.total <= 3)).toBe(true);
  });
});

describe('lanes of a global service', () => {
  it('gives one lane per node, labelled with the hostname', () => {
    const e = engine(6, cluster({ nodeCount: 3 }));
    converge(e, spec('agent', 'app:term1', 0, { Mode: { Global: {} } }));
    const trace = e.exportTrace('global');
    expect(lanes(trace).map((l) => l.label)).toEqual(['agent (node-1)', 'agent (node-2)', 'agent (node-3)']);
    expect(taskBars(trace).every((b) => b.slot === 0 && b.laneKey === `${b.serviceId}@${b.nodeId}`)).toBe(true);
  });
});
