// The error table of test/fixtures/conformance/cli-outputs/README.md and the course's commands, on the real simulator.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { type ExecuteOptions, executeCommand } from '../../src/commands/execute.js';
import { defaultClusterConfig } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';

const OPTS: ExecuteOptions = { tty: false, files: {}, followLimitMs: 3_600_000 };
const usage = (message: string, path = 'docker service update', useLine = `${path} [OPTIONS] SERVICE`) =>
  `${message}\n\nUsage:  ${useLine}\n\nRun '${path} --help' for more information\n`;

function swarm(): Engine {
  const engine = createSimulator({ seed: 7, cluster: defaultClusterConfig() });
  const created = executeCommand(engine, 'docker service create -d --name S --replicas 2 busybox:v1', OPTS);
  expect(created.exitCode).toBe(0);
  engine.runUntil(() => engine.isConverged('S'), 60_000);
  return engine;
}

describe('the error rows captured from docker CLI 28.2 + Engine 20.10', () => {
  it.each([
    [
      '--update-delay 10x',
      usage('invalid argument "10x" for "--update-delay" flag: time: unknown unit "x" in duration "10x"'),
      125,
    ],
    [
      '--update-delay 10',
      usage('invalid argument "10" for "--update-delay" flag: time: missing unit in duration "10"'),
      125,
    ],
    [
      '--update-parallelism -1',
      usage('invalid argument "-1" for "--update-parallelism" flag: strconv.ParseUint: parsing "-1": invalid syntax'),
      125,
    ],
    [
      '--update-max-failure-ratio abc',
      usage(
        'invalid argument "abc" for "--update-max-failure-ratio" flag: strconv.ParseFloat: parsing "abc": invalid ' +
          'syntax',
      ),
      125,
    ],
    [
      '--update-max-failure-ratio 1.5',
      'Error response from daemon: rpc error: code = InvalidArgument desc = TaskSpec: update-maxfailureratio cannot ' +
        'be less than 0 or bigger than 1\n',
      1,
    ],
    [
      '--update-delay -5s',
      'Error response from daemon: rpc error: code = InvalidArgument desc = TaskSpec: update-delay cannot be ' +
        'negative\n',
      1,
    ],
    ['--update-failure-action explode', 'Error response from daemon: unrecognized update failure action explode\n', 1],
    ['--update-order sideways', 'Error response from daemon: unrecognized update order sideways\n', 1],
    ['--rollback --update-delay 0s', 'other flags may not be combined with --rollback\n', 1],
    ['--update-paralelism 2', usage('unknown flag: --update-paralelism'), 125],
  ])('docker service update %s S', (flags, stderr, exitCode) => {
    const engine = swarm();
    const before = JSON.stringify(engine.state().services[0].Spec);
    expect(executeCommand(engine, `docker service update ${flags} S`, OPTS)).toEqual({ stdout: '', stderr, exitCode });
    expect(JSON.stringify(engine.state().services[0].Spec)).toBe(before);
  });

  it('docker service rollback S without a previous spec', () => {
    const engine = swarm();
    const id = engine.state().services[0].ID;
    expect(executeCommand(engine, 'docker service rollback S', OPTS)).toEqual({
      stdout: '',
      stderr:
        `Error response from daemon: rpc error: code = FailedPrecondition desc = service ${id} does not have a ` +
        `previous spec\n`,
      exitCode: 1,
    });
  });

  it('docker service ps nosuch', () => {
    expect(executeCommand(swarm(), 'docker service ps nosuch', OPTS)).toEqual({
      stdout: '',
      stderr: 'no such service: nosuch\n',
      exitCode: 1,
    });
  });
});

describe('the other not-found and usage errors', () => {
  it.each([
    ['docker service update --image x nosuch', 'Error response from daemon: service nosuch not found\n'],
    ['docker service rollback nosuch', 'Error response from daemon: service nosuch not found\n'],
    ['docker service rm nosuch', 'Error response from daemon: service nosuch not found\n'],
    ['docker service logs nosuch', 'no such task or service: nosuch\n'],
    ['docker node update --availability drain nosuch', 'Error response from daemon: node nosuch not found\n'],
  ])('%s', (line, stderr) => {
    expect(executeCommand(swarm(), line, OPTS)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('docker service inspect prints [] then the error; ps lists what it found, then fails for the rest', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker service inspect nosuch', OPTS)).toEqual({
      stdout: '[]\n',
      stderr: 'Error: no such service: nosuch\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker service inspect --pretty --format x S', OPTS)).toEqual({
      stdout: '',
      stderr: '--format is incompatible with human friendly format\n',
      exitCode: 1,
    });
    const ps = executeCommand(engine, 'docker service ps -q S nosuch', OPTS);
    expect(ps.stdout.trim().split('\n')).toHaveLength(2);
    expect(ps.stderr).toBe('no such service: nosuch\n');
    expect(ps.exitCode).toBe(1);
  });

  it('reports wrong argument counts like cobra (exit 1)', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker service update --image x', OPTS)).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker service update' requires 1 argument\n\nUsage:  docker service update [OPTIONS] " +
        "SERVICE\n\nRun 'docker service update --help' for more information\n",
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker service ps', OPTS)).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker service ps' requires at least 1 argument\n\nUsage:  docker service ps [OPTIONS] SERVICE " +
        "[SERVICE...]\n\nSee 'docker service ps --help' for more information\n",
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker service ls S', OPTS)).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker service ls' accepts no arguments\n\nUsage:  docker service ls [OPTIONS]\n\nRun 'docker " +
        "service ls --help' for more information\n",
      exitCode: 1,
    });
  });

  it('reports unknown commands like docker 28', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker foo', OPTS)).toEqual({
      stdout: '',
      stderr: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n",
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker service foo bar', OPTS)).toEqual({
      stdout: '',
      stderr:
        "docker: unknown command: docker service foo\n\nUsage:  docker service\n\nRun 'docker service --help' for " +
        'more information\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker ps', OPTS)).toEqual({
      stdout: '',
      stderr:
        "swarmlab: 'docker ps' is not simulated here (available: docker service, docker node, docker stack, " +
        'swarmlab)\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'ls -l', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab: ls: command not found\n',
      exitCode: 127,
    });
    expect(executeCommand(engine, '   ', OPTS)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(executeCommand(engine, "docker service ps 'S", OPTS)).toEqual({
      stdout: '',
      stderr: "swarmlab: syntax error: unterminated quoted string (missing closing ')\n",
      exitCode: 2,
    });
  });
});

describe('the course chapter, command by command', () => {
  function courseSwarm(): Engine {
    const engine = createSimulator({ seed: 3, cluster: defaultClusterConfig() });
    expect(
      executeCommand(engine, 'docker service create -d --name my_service --replicas 4 nginx:1.25', OPTS).exitCode,
    ).toBe(0);
    engine.runUntil(() => engine.isConverged('my_service'), 60_000);
    return engine;
  }

  it('1a/1b/1c/2a/2c: update, update with a strategy, ps, rollback, ps', () => {
    const engine = courseSwarm();
    const update = executeCommand(engine, 'docker service update --image nginx:latest my_service', OPTS);
    expect(update.exitCode).toBe(0);
    expect(update.stdout.split('\n')[0]).toBe('my_service');
    expect(update.stdout).toContain('verify: Service my_service converged');
    const strategy = executeCommand(
      engine,
      'docker service update \\\n  --update-parallelism 2 \\\n  --update-delay 10s \\\n  --image nginx:latest ' +
        'my_service',
      OPTS,
    );
    expect(strategy.exitCode).toBe(0);
    const spec = engine.state().services[0].Spec;
    expect(spec.UpdateConfig).toEqual({
      Parallelism: 2,
      Delay: 10_000_000_000,
      FailureAction: 'pause',
      Monitor: 5_000_000_000,
      MaxFailureRatio: 0,
      Order: 'stop-first',
    });
    const ps = executeCommand(engine, 'docker service ps my_service', OPTS);
    expect(ps.exitCode).toBe(0);
    expect(ps.stdout.split('\n')[0]).toMatch(/^ID +NAME +IMAGE +NODE +DESIRED STATE +CURRENT STATE +ERROR +PORTS$/);
    const rollback = executeCommand(engine, 'docker service rollback my_service', OPTS);
    expect(rollback.exitCode).toBe(0);
    expect(rollback.stdout.split('\n').slice(0, 2)).toEqual(['my_service', 'rollback: manually requested rollback']);
    expect(executeCommand(engine, 'docker service ps my_service', OPTS).exitCode).toBe(0);
  });

  it('2b: --rollback combined with --update-failure-action and --image fails as Docker fails it', () => {
    const engine = courseSwarm();
    expect(
      executeCommand(
        engine,
        'docker service update \\\n  --rollback \\\n  --update-failure-action rollback \\\n  --image nginx:latest ' +
          'my_service',
        OPTS,
      ),
    ).toEqual({
      stdout: '',
      stderr: 'other flags may not be combined with --rollback\n',
      exitCode: 1,
    });
  });

  it('the summary table as extracted from the PDF fails as a shell + docker would', () => {
    const engine = courseSwarm();
    const unknown = (sub: string) =>
      `docker: unknown command: docker service ${sub}\n\nUsage:  docker service\n\nRun 'docker service --help' for ` +
      `more information\n`;
    expect(executeCommand(engine, 'docker service updateimage <image/> <service_name></service_name>', OPTS)).toEqual({
      stdout: '',
      stderr: unknown('updateimage'),
      exitCode: 1,
    });
    expect(
      executeCommand(
        engine,
        'docker service updateupdate-parallelism 2update- delay 10simage <image/> <service_name></service_name>',
        OPTS,
      ),
    ).toEqual({
      stdout: '',
      stderr: unknown('updateupdate-parallelism'),
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker service ps <service_name></service_name>', OPTS)).toEqual({
      stdout: '',
      stderr: 'no such service: <service_name></service_name>\n',
      exitCode: 1,
    });
  });
});

describe('help and version', () => {
  it('prints docker --version, group help on stderr, command help on stdout with the -h deprecation note', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker --version', OPTS)).toEqual({
      stdout: 'Docker version 28.2.2, build e6534b4\n',
      stderr: '',
      exitCode: 0,
    });
    const group = executeCommand(engine, 'docker service', OPTS);
    expect(group.exitCode).toBe(0);
    expect(group.stdout).toBe('');
    expect(group.stderr.startsWith('\nUsage:  docker service COMMAND\n\nManage Swarm services\n')).toBe(true);
    const help = executeCommand(engine, 'docker service rollback -h', OPTS);
    expect(help.stdout).toBe(
      "\nUsage:  docker service rollback [OPTIONS] SERVICE\n\nRevert changes to a service's " +
        'configuration\n\nOptions:\n  -d, --detach\n  -q, --quiet\n',
    );
    expect(help.stderr).toBe('Flag shorthand -h has been deprecated, use --help\n');
    expect(executeCommand(engine, 'docker --nope service ls', OPTS)).toEqual({
      stdout: '',
      stderr:
        "unknown flag: --nope\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more " +
        'information\n',
      exitCode: 125,
    });
    expect(executeCommand(engine, 'docker -D service ls -q', OPTS).stdout).toBe(
      `${engine.state().services[0].ID.slice(0, 12)}\n`,
    );
  });
});
