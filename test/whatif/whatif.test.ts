// swarmlab whatif on real recordings (test/fixtures/conformance/recorded): the recorded policy reproduces them, other
// policies change them.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstRollout } from '../../src/lab/queries.js';
import { REPRODUCE_TOLERANCE, whatIf } from '../../src/lab/whatif/whatif.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Trace } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { conformanceTrace } from './conformance-trace.js';

const DIR = 'test/fixtures/conformance/recorded';
const file = (name: string) => `${DIR}/${name}.json`;
const recording = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as Trace;

describe('the recorded policy reproduces each real recording (same outcome, duration within 15 %)', () => {
  it.each([
    ['fail-pause', 'paused'],
    ['fail-rollback', 'rollback_completed'],
    ['unhealthy', 'rollback_completed'],
    ['update-start-first', 'completed'],
  ])('%s: %s', (name, outcome) => {
    const trace = recording(name);
    expect(firstRollout(trace).outcome).toBe(outcome);
    const report = whatIf(trace, file(name), []);
    const simulated = report.runs[0].figures;
    expect([report.recorded.outcome, simulated.outcome]).toEqual([outcome, outcome]);
    const ratio = simulated.durationMs! / report.recorded.durationMs! - 1;
    expect(Math.abs(ratio)).toBeLessThanOrEqual(REPRODUCE_TOLERANCE);
    expect(report.mismatches).toEqual([]);
  });
});

describe('the recorded policy reproduces each Engine 20.10 recording of test/fixtures/conformance/real-traces', () => {
  it.each([
    ['update-default', 'completed', 52_080],
    ['update-p2-d3', 'completed', 35_431],
    ['update-start-first', 'completed', 6_291],
    ['fail-pause', 'paused', 13_828],
    ['fail-rollback', 'rollback_completed', 20_005],
    ['manual-rollback', 'completed', 40_510],
    ['unhealthy', 'rollback_completed', 29_391],
    ['slow-start', 'completed', 34_737],
    ['fast-stop', 'completed', 11_550],
  ])('%s: %s after %i ms', (name, outcome, durationMs) => {
    const report = whatIf(conformanceTrace(name), name, []);
    expect([report.recorded.outcome, Math.round(report.recorded.durationMs!)]).toEqual([outcome, durationMs]);
    const simulated = report.runs[0].figures;
    expect(simulated.outcome).toBe(outcome);
    expect(Math.abs(simulated.durationMs! / durationMs - 1)).toBeLessThanOrEqual(REPRODUCE_TOLERANCE);
    expect(report.mismatches).toEqual([]);
  });

  it('fail-pause (20.10) with --update-failure-action rollback: rolled back, not paused, 4 replicas on v1', () => {
    const report = whatIf(conformanceTrace('fail-pause'), 'fail-pause', ['--update-failure-action rollback']);
    expect([report.runs[1].figures.outcome, report.runs[1].figures.running]).toEqual([
      'rollback_completed',
      { 'sandbox/app:v1': 4 },
    ]);
  });
});

describe('what was inferred', () => {
  it('fail-pause: 1 node, 4 replicas; v1 ignores SIGTERM, bad exits 1 two seconds after starting', () => {
    const { inferred } = whatIf(recording('fail-pause'), file('fail-pause'), []);
    expect([inferred.nodes, inferred.replicas]).toEqual([1, 4]);
    expect(Object.fromEntries(inferred.images.map((image) => [image.image, image.behaviour]))).toEqual({
      'sandbox/app:v1': { ignoresSigterm: true },
      'sandbox/app:bad': { exitCode: 1, exitAfterMs: 2000 },
    });
  });

  it('unhealthy: the new image is never healthy (the service healthcheck: 1 s interval, 2 retries)', () => {
    const { inferred } = whatIf(recording('unhealthy'), file('unhealthy'), []);
    expect(inferred.images.find((image) => image.image === 'sandbox/app:unhealthy')?.behaviour).toEqual({
      healthcheck: { intervalMs: 1000, retries: 2, healthyAfterMs: 'never' },
      ignoresSigterm: true,
    });
  });
});

describe('another policy gives its own exact outcome', () => {
  it('fail-pause with --update-failure-action rollback: rolled back, 4 replicas on v1', () => {
    const report = whatIf(recording('fail-pause'), file('fail-pause'), ['--update-failure-action rollback']);
    const figures = report.runs[1].figures;
    expect([figures.outcome, figures.running, figures.badTasks]).toEqual([
      'rollback_completed',
      { 'sandbox/app:v1': 4 },
      1,
    ]);
  });

  it('fail-rollback with --update-failure-action pause: paused instead of rolled back', () => {
    const report = whatIf(recording('fail-rollback'), file('fail-rollback'), ['--update-failure-action pause']);
    expect(report.runs[1].figures.outcome).toBe('paused');
  });

  it('fail-pause with a 1 s monitor and parallelism 2: the crash at 2 s is missed, the update completes on bad', () => {
    const report = whatIf(recording('fail-pause'), file('fail-pause'), ['--update-monitor 1s --update-parallelism 2']);
    const figures = report.runs[1].figures;
    expect([figures.outcome, figures.minAvailable, figures.badTasks]).toEqual(['completed', 0, 4]);
  });
});

describe('swarmlab whatif (command line)', () => {
  it('prints what it inferred, the reproduction and the runs side by side; exit 0', () => {
    const { code, out, err } = runCli('whatif', file('fail-pause'), '--policy', '--update-failure-action rollback');
    expect([code, err]).toEqual([0, '']);
    expect(out).toBe(
      `${file('fail-pause')}: service rec-fail-pause, update sandbox/app:v1 → sandbox/app:bad at 7.1 s
inferred:
  swarm: 1 node, 4 replicas
  sandbox/app:v1: ignores SIGTERM: killed after the 10.0 s grace period (2 of 4 tasks)
  sandbox/app:bad: exits 1 2.0 s after its container starts (4 of 6 tasks)
  container start (starting → started): 1.3 s (median of 9)
  stop latency (told to stop → SIGTERM): 1.3 s (median of 2)
  recorded policy: --update-parallelism 1 --update-monitor 4s --update-failure-action pause --update-order stop-first
the recorded policy reproduces the recording: paused, 15.8 s recorded, 14.9 s simulated (-6 %)

policy 1: --update-failure-action rollback
                      recorded           simulated          policy 1
duration              15.8 s             14.9 s             22.9 s
lowest availability   2/4                2/4                2/4
bad tasks             1                  1                  1
final state           paused             paused             rollback_completed
running at the end    sandbox/app:v1×2   sandbox/app:v1×2   sandbox/app:v1×4
`,
    );
  });

  it('--out-dir: each simulated run as a trace (for the page or compare) and as the scenario that replays it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'swarmlab-whatif-')), 'runs');
    const { code, out } = runCli(
      'whatif',
      file('fail-pause'),
      '--policy',
      '--update-failure-action rollback',
      '--out-dir',
      dir,
    );
    expect(code).toBe(0);
    expect(out.split('\n').at(-2)).toBe(
      `wrote ${join(dir, 'simulated.json')}, ${join(dir, 'policy-1.json')} (and their scenarios, .yaml)`,
    );
    expect(readdirSync(dir).sort()).toEqual(['policy-1.json', 'policy-1.yaml', 'simulated.json', 'simulated.yaml']);
    const written = JSON.parse(readFileSync(join(dir, 'policy-1.json'), 'utf8')) as Trace;
    const replayed = runScenario(loadScenario(readFileSync(join(dir, 'policy-1.yaml'), 'utf8'), 'policy-1.yaml')).trace;
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(written);
    expect(firstRollout(written).outcome).toBe('rollback_completed');
  });

  it("a policy Docker refuses: Docker's message, exit 2", () => {
    expect(runCli('whatif', file('fail-pause'), '--policy', '--update-failure-action explode')).toEqual({
      code: 2,
      out: '',
      err:
        '--policy --update-failure-action explode: docker service update refused it: Error response from daemon: ' +
        'unrecognized update failure action explode\n',
    });
  });

  it('a policy that is not flags: exit 2', () => {
    expect(runCli('whatif', file('fail-pause'), '--policy', 'web').err).toBe(
      '--policy "web": expected docker service update flags, such as --update-failure-action rollback\n',
    );
  });

  it('a trace without an update: exit 2 and why', () => {
    const { trace } = { trace: recording('fail-pause') };
    const created = { ...trace, events: trace.events.filter((ev) => ev.type !== 'update_status') };
    expect(() => whatIf(created, 'x.json', [])).toThrow(
      'x.json: the trace holds no rollout (no UpdateStatus "updating"): nothing to replay',
    );
  });
});
