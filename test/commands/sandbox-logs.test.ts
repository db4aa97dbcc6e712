import { describe, expect, it } from 'vitest';
import { type ExecuteOptions, executeCommand } from '../../src/commands/execute.js';
import type { ServiceSpec } from '../../src/types.js';
import { FakeEngine } from './fake-engine.js';

const OPTS: ExecuteOptions = { tty: false, files: {}, followLimitMs: 60_000 };
const spec = (name: string, replicas = 2): ServiceSpec => ({
  Name: name,
  Labels: {},
  TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0 },
  Mode: { Replicated: { Replicas: replicas } },
});
const USAGE = [
  'Usage:',
  '  swarmlab fault node-down NODE',
  '  swarmlab fault node-up NODE',
  '  swarmlab fault kill TASK|SERVICE.SLOT [--exit-code N]',
  '  swarmlab wait converged|settled|DURATION [SERVICE]',
].join('\n');

describe('swarmlab fault', () => {
  it('takes nodes down and up', () => {
    const engine = new FakeEngine();
    expect(executeCommand(engine, 'swarmlab fault node-down node-2', OPTS)).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    executeCommand(engine, 'swarmlab fault node-up node-2', OPTS);
    expect(engine.mutations()).toEqual([
      { method: 'nodeDown', args: ['node-2'] },
      { method: 'nodeUp', args: ['node-2'] },
    ]);
  });

  it('kills the running task of a slot, or a task by ID prefix, with an optional exit code', () => {
    const engine = new FakeEngine();
    const web = engine.addService(spec('web'));
    engine.addTask(web.ID, 2, 'shutdown', { ID: 'old000000000000000000000a' });
    const running = engine.addTask(web.ID, 2, 'running', { ID: 'run000000000000000000000b' });
    expect(executeCommand(engine, 'swarmlab fault kill web.2 --exit-code 3', OPTS).exitCode).toBe(0);
    executeCommand(engine, 'swarmlab fault kill run0', OPTS);
    expect(engine.mutations()).toEqual([
      { method: 'killContainer', args: [running.ID, 3] },
      { method: 'killContainer', args: ['run0'] },
    ]);
    expect(executeCommand(engine, 'swarmlab fault kill web.7', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab: no running task for web.7\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'swarmlab fault kill nosuch.1', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab: service nosuch not found\n',
      exitCode: 1,
    });
  });

  it('explains its usage on mistakes', () => {
    const engine = new FakeEngine();
    expect(executeCommand(engine, 'swarmlab fault kill', OPTS)).toEqual({
      stdout: '',
      stderr: `swarmlab: fault kill\n\n${USAGE}\n`,
      exitCode: 2,
    });
    expect(executeCommand(engine, 'swarmlab fault kill web.1 --exit-code x', OPTS)).toEqual({
      stdout: '',
      stderr:
        'swarmlab: invalid argument "x" for "--exit-code" flag: strconv.ParseInt: parsing "x": invalid ' +
        `syntax\n\n${USAGE}\n`,
      exitCode: 2,
    });
    expect(executeCommand(engine, 'swarmlab dance', OPTS)).toEqual({
      stdout: '',
      stderr: `swarmlab: unknown command: dance\n\n${USAGE}\n`,
      exitCode: 2,
    });
    expect(executeCommand(engine, 'swarmlab', OPTS)).toEqual({ stdout: `${USAGE}\n`, stderr: '', exitCode: 0 });
  });
});

describe('swarmlab wait', () => {
  it('lets a Go duration of virtual time pass', () => {
    const engine = new FakeEngine();
    engine.now = 1_000;
    expect(executeCommand(engine, 'swarmlab wait 1m30.5s', OPTS)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(engine.now).toBe(91_500);
  });

  it('waits for convergence (of one service) or settling, and reports a timeout', () => {
    const engine = new FakeEngine();
    engine.addService(spec('web'));
    expect(executeCommand(engine, 'swarmlab wait converged web', OPTS)).toEqual({
      stdout: 'converged after 0s\n',
      stderr: '',
      exitCode: 0,
    });
    expect(executeCommand(engine, 'swarmlab wait settled', OPTS)).toEqual({
      stdout: 'settled after 0s\n',
      stderr: '',
      exitCode: 0,
    });
    engine.converged = false;
    expect(executeCommand(engine, 'swarmlab wait converged', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab: not converged after 0s\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'swarmlab wait converged nosuch', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab: service nosuch not found\n',
      exitCode: 1,
    });
  });

  it("gives up after the caller's followLimitMs", () => {
    const engine = new FakeEngine();
    executeCommand(engine, 'swarmlab wait settled', { ...OPTS, followLimitMs: 1_234 });
    expect(engine.calls).toEqual([{ method: 'runUntil', args: [1_234] }]);
  });
});

describe('docker service logs', () => {
  it('prefixes lines with name.slot.task@node, padded to the widest replica number', () => {
    const engine = new FakeEngine();
    const web = engine.addService(spec('web', 10));
    const t1 = engine.addTask(web.ID, 1, 'running', { ID: 'aaaaaaaaaaaaaaaaaaaaaaaaa' });
    const t10 = engine.addTask(web.ID, 10, 'running', { ID: 'bbbbbbbbbbbbbbbbbbbbbbbbb', NodeID: engine.nodes[1].ID });
    engine.logLines = [
      { taskId: t1.ID, slot: 1, nodeId: engine.nodes[0].ID, line: 'hello' },
      { taskId: t10.ID, slot: 10, nodeId: engine.nodes[1].ID, line: 'world' },
      { taskId: t1.ID, slot: 1, nodeId: engine.nodes[0].ID, line: 'again' },
    ];
    expect(executeCommand(engine, 'docker service logs web', OPTS).stdout).toBe(
      [
        'web.1.aaaaaaaaaaaa@node-1     | hello',
        'web.10.bbbbbbbbbbbb@node-2    | world',
        'web.1.aaaaaaaaaaaa@node-1     | again',
        '',
      ].join('\n'),
    );
    expect(executeCommand(engine, 'docker service logs --no-task-ids --tail 1 web', OPTS).stdout).toBe(
      'web.10@node-2    | world\nweb.1@node-1     | again\n',
    );
    expect(executeCommand(engine, 'docker service logs --raw bbbb', OPTS).stdout).toBe('world\n');
  });
});
