// A crash loop's trace grows without end: the run stops at the trace limit, says so, and the trace so far is kept.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceText } from '../../src/cli/trace-file.js';
import { TRACE_EVENT_LIMIT, TRACE_EVENTS_PER_REPLICA } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';
import { TraceLimitError } from '../../src/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { createScenarioSession } from '../../src/scenario/session.js';
import { checkTraceValue } from '../../src/trace/validate.js';
import type { ServiceSpec, Trace } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-trace-limit-'));

/** The case: replicas crashing at once, restarted with no delay, waited for an hour. */
function crashLoop(replicas: number, nodes: number): string {
  return [
    'name: crash-loop',
    'seed: 1',
    `cluster: {nodes: ${nodes}}`,
    'images:',
    '  app:bad: {exit: 1, after: 0s}',
    'steps:',
    `  - docker service create -d --name web --replicas ${replicas} --restart-delay 0s app:bad`,
    '  - wait: 1h',
    '  - docker service ls',
    'expect:',
    '  service: web',
    '  running_images: {app:bad: 0}',
    '',
  ].join('\n');
}

describe('the trace limit', () => {
  it('stops a crash loop at the limit, keeps the trace so far and ends it with the message', () => {
    const scenario = loadScenario(crashLoop(10, 1), 'crash-loop.yaml');
    const result = runScenario(scenario, { traceEventLimit: 5_000 });
    const message =
      'swarmlab: trace truncated after 5000 events (the limit of a run), at 16.6s of virtual time: the run stops here';
    expect(result.truncated).toBe(message);
    expect(result.finished).toBe(false);
    expect(result.unmet).toEqual([]);
    // The wait is the step the limit stopped; `docker service ls` never ran.
    expect(result.outputs.map((o) => [o.kind, o.command, o.stderr, o.exitCode])).toEqual([
      ['command', 'docker service create -d --name web --replicas 10 --restart-delay 0s app:bad', '', 0],
      ['wait', 'wait 1h0m0s', `${message}\n`, 1],
    ]);
    const events = result.trace.events;
    // Checked after each deadline fired: one deadline's events may pass the limit by a few.
    expect(events.length).toBe(5_002);
    expect(events.at(-1)).toEqual({ t_ms: 16_600, type: 'output', stream: 'stderr', text: `${message}\n` });
    expect(result.trace.duration_ms).toBe(16_600);
  });

  it('allows more events per replica the services asked for at most: 50 × 40, kept after a scale down', () => {
    const cluster = loadScenario(crashLoop(40, 1), 'x.yaml').cluster;
    const engine = createSimulator({ seed: 1, cluster, traceEventLimit: 1_000, traceEventsPerReplica: 50 });
    const spec: ServiceSpec = {
      Name: 'web',
      Labels: {},
      Mode: { Replicated: { Replicas: 40 } },
      TaskTemplate: {
        ContainerSpec: { Image: 'app:bad' },
        ForceUpdate: 0,
        RestartPolicy: { Condition: 'any', Delay: 0 },
      },
    };
    engine.createService(spec);
    engine.runUntil(() => engine.events().length >= 1_200, 3_600_000);
    engine.updateService('web', { ...spec, Mode: { Replicated: { Replicas: 1 } } });
    const stop = (() => {
      try {
        engine.runUntil(() => false, 3_600_000);
      } catch (err) {
        return err;
      }
    })() as TraceLimitError;
    expect(stop).toBeInstanceOf(TraceLimitError);
    expect(stop.limit).toBe(2_000);
    expect(engine.events().length).toBeGreaterThanOrEqual(2_000);
    expect(engine.events().length).toBeLessThan(2_010);
    // The CLI's runs: 1,000,000 events, or 50 per replica past 20,000 replicas (a 100,000-replica rollout: 5,000,000).
    expect([TRACE_EVENT_LIMIT, TRACE_EVENTS_PER_REPLICA]).toEqual([1_000_000, 50]);
  });

  it('a line typed after the limit (the page) is not run, and is answered with the same message', () => {
    const session = createScenarioSession(
      { seed: 1, cluster: loadScenario(crashLoop(10, 1), 'x.yaml').cluster, files: {} },
      { traceEventLimit: 5_000 },
    );
    const at = { file: '<sandbox>', line: 1 };
    session.apply({ kind: 'command', text: 'docker service create -d --name web --restart-delay 0s app:bad', at });
    session.advanceTo(3_600_000);
    const message =
      'swarmlab: trace truncated after 5000 events (the limit of a run), at 2m45.53s of virtual time: the run stops ' +
      'here';
    expect(session.truncated).toBe(message);
    expect(session.nowMs()).toBe(165_530);
    expect(session.apply({ kind: 'command', text: 'docker service ls', at })).toBe(false);
    expect(session.outputs.at(-1)).toEqual({
      kind: 'command',
      command: 'docker service ls',
      stdout: '',
      stderr: `${message}\n`,
      exitCode: 1,
      tMs: 165_530,
    });
    expect(
      session
        .trace('x')
        .events.slice(-3)
        .map((e) => e.type),
    ).toEqual(['output', 'command', 'output']);
  });

  it(`swarmlab run --json --out: 100 replicas for an hour save ${TRACE_EVENT_LIMIT} events and exit 2`, () => {
    const input = join(dir, 'crash100.yaml');
    writeFileSync(input, crashLoop(100, 3));
    const out = join(dir, 'crash100.json');
    const message =
      'trace truncated after 1000000 events (the limit of a run), at 5m31.3s of virtual time: the run stops here';
    expect(runCli('run', input, '--json', '--out', out)).toEqual({
      code: 2,
      out: '',
      err: `swarmlab: ${input}: ${message}; expectations not checked\n`,
    });
    // Over 100,000 events, --out writes the compact format (gzipped): read it as compare and the page do.
    const trace = checkTraceValue(JSON.parse(readTraceText(out))).trace as Trace;
    expect(trace.events.length).toBe(1_000_001);
    expect(trace.duration_ms).toBe(331_300);
    expect(trace.events.at(-1)).toEqual({
      t_ms: 331_300,
      type: 'output',
      stream: 'stderr',
      text: `swarmlab: ${message}\n`,
    });
  }, 180_000);
});
