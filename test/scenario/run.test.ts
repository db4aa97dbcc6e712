// Running scenarios and command lists on the simulator: outputs, recorded trace events, waits, --until, seeds.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runCommands, runScenario } from '../../src/scenario/run.js';

const ROLLBACK = `
name: rollback
seed: 5
cluster: {nodes: 2}
images:
  app:bad: {exit: 1, after: 2s}
steps:
  - docker service create -d --name web --replicas 2 app:v1
  - wait: converged
  - docker service update -d --update-failure-action rollback --image app:bad web
  - wait: settled
  - docker service rollback web
expect:
  service: web
  update_status: rollback_completed
  running_images: {app:v1: 2, app:bad: 0}
  previous_spec: none
`;

describe('runScenario', () => {
  const scenario = loadScenario(ROLLBACK, 'rollback.yaml');
  const result = runScenario(scenario);

  it('gives one output per step, commands with what they printed', () => {
    expect(result.outputs.map((o) => [o.kind, o.command, o.exitCode])).toEqual([
      ['command', 'docker service create -d --name web --replicas 2 app:v1', 0],
      ['wait', 'wait converged', 0],
      ['command', 'docker service update -d --update-failure-action rollback --image app:bad web', 0],
      ['wait', 'wait settled', 0],
      ['command', 'docker service rollback web', 1],
    ]);
    const serviceId = result.trace.services[0].ID;
    expect(result.outputs[0].stdout).toBe(`${serviceId}\n`);
    expect(result.outputs[2].stdout).toBe('web\n');
    expect(result.outputs[4].stderr).toBe(
      `Error response from daemon: rpc error: code = FailedPrecondition desc = service ${serviceId} does not have a ` +
        `previous spec\n`,
    );
    expect(result.outputs[0].tMs).toBe(0);
    expect(result.outputs[4].tMs).toBeGreaterThan(result.outputs[2].tMs);
  });

  it('meets the expectations and finishes', () => {
    expect(result.unmet).toEqual([]);
    expect(result.finished).toBe(true);
  });

  it('records each command and its output in the trace', () => {
    const typed = result.trace.events.filter((e) => e.type === 'command' || e.type === 'output');
    expect(
      typed.map((e) =>
        e.type === 'command' ? `$ ${e.text} (${e.exitCode})` : `${e.stream}: ${e.text.split('\n')[0]}`,
      ),
    ).toEqual([
      '$ docker service create -d --name web --replicas 2 app:v1 (0)',
      `stdout: ${result.trace.services[0].ID}`,
      '$ docker service update -d --update-failure-action rollback --image app:bad web (0)',
      'stdout: web',
      '$ docker service rollback web (1)',
      'stderr: Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
        `service ${result.trace.services[0].ID} does not have a previous spec`,
    ]);
  });

  it('exports the trace under the scenario name and seed', () => {
    expect([result.trace.scenario, result.trace.seed, result.trace.epoch]).toEqual([
      'rollback',
      5,
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(result.trace.duration_ms).toBe(result.outputs[4].tMs);
  });

  it('is deterministic for a seed, and the seed option wins over the file', () => {
    expect(JSON.stringify(runScenario(scenario).trace)).toBe(JSON.stringify(result.trace));
    const other = runScenario(scenario, { seed: 6 });
    expect(other.trace.seed).toBe(6);
    expect(other.trace.services[0].ID).not.toBe(result.trace.services[0].ID);
  });

  it('reports unmet expectations', () => {
    const wrong = loadScenario(
      ROLLBACK.replace('update_status: rollback_completed', 'update_status: completed'),
      'rollback.yaml',
    );
    expect(runScenario(wrong).unmet).toEqual([
      'web: update_status: expected completed, saw rollback_completed ("rollback completed")',
    ]);
  });

  it('stops at untilMs without checking the expectations', () => {
    const cut = runScenario(scenario, { untilMs: 4_000 });
    expect(cut.finished).toBe(false);
    expect(cut.unmet).toEqual([]);
    expect(cut.trace.duration_ms).toBe(4_000);
    expect(cut.outputs.map((o) => o.command).at(-1)).toBe('wait settled');
  });
});

describe('runCommands', () => {
  it('runs commands and wait lines on a one-node swarm', () => {
    const result = runCommands(
      ['docker service create -d --name web --replicas 2 nginx', 'wait: converged', 'docker service ls'],
      { seed: 3 },
    );
    expect(result.trace.nodes.map((n) => n.Description.Hostname)).toEqual(['node-1']);
    expect(result.outputs.map((o) => o.kind)).toEqual(['command', 'wait', 'command']);
    expect(result.outputs[2].stdout).toContain('2/2');
    expect(result.trace.scenario).toBe('exec');
  });

  it('reports a wait that never holds after the limit and goes on', () => {
    const result = runCommands([
      'docker service create -d --name web --constraint node.labels.zone==nowhere nginx',
      'wait: converged web',
      'docker service ls',
    ]);
    expect(result.outputs[1]).toMatchObject({
      kind: 'wait',
      command: 'wait converged web',
      exitCode: 1,
      stderr: 'swarmlab: wait converged web timed out after 1h0m0s\n',
    });
    expect(result.outputs[2].tMs).toBe(3_600_000);
    expect(result.outputs[2].stdout).toContain('0/1');
    const stderr = result.trace.events.filter((e) => e.type === 'output' && e.stream === 'stderr');
    expect(stderr.map((e) => (e.type === 'output' ? e.text : ''))).toEqual([
      'swarmlab: wait converged web timed out after 1h0m0s\n',
    ]);
  });

  it('lets a duration wait pass exactly that much virtual time', () => {
    const result = runCommands(['wait: 90s', 'docker service ls']);
    expect(result.outputs[1].tMs).toBe(90_000);
  });
});

describe('runCommands: bad wait lines', () => {
  it('rejects a wait line it cannot read before running anything', () => {
    expect(() => runCommands(['docker service ls', 'wait: soon'])).toThrow(
      'swarmlab exec: argument 2: expected "wait: converged [SERVICE]", "wait: settled" or "wait: DURATION", got ' +
        '"wait: soon"',
    );
  });
});
