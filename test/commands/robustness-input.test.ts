// Input Docker refuses must be refused here too, with Docker's words; huge input must not crash the parser.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { type ExecuteOptions, executeCommand } from '../../src/commands/execute.js';
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';

const OPTS: ExecuteOptions = { tty: false, files: {}, followLimitMs: 600_000 };
const CREATE_USAGE =
  `\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service ` +
  `create --help' for more information\n`;
const UPDATE_USAGE =
  `\n\nUsage:  docker service update [OPTIONS] SERVICE\n\nRun 'docker service update --help' for ` +
  `more information\n`;
const DAEMON = 'Error response from daemon: rpc error: code = InvalidArgument desc = ';

function swarm(nodes = 3): Engine {
  const engine = createSimulator({ seed: 3, cluster: { ...defaultClusterConfig(), nodes: defaultNodes(nodes) } });
  expect(executeCommand(engine, 'docker service create -d --name web --replicas 2 nginx:1.25', OPTS).exitCode).toBe(0);
  engine.runUntil(() => engine.isConverged('web'), 60_000);
  return engine;
}

const create = (flags: string) => executeCommand(swarm(), `docker service create -d ${flags} nginx:1.25`, OPTS);

describe('failure ratios Go parses but encoding/json cannot send', () => {
  it.each([
    ['NaN', 'NaN'],
    ['nan', 'NaN'],
    ['Inf', '+Inf'],
    ['+infinity', '+Inf'],
    ['-Inf', '-Inf'],
  ])('--update-max-failure-ratio %s fails with json: unsupported value: %s', (value, shown) => {
    const engine = swarm();
    const before = JSON.stringify(engine.state().services);
    for (const line of [
      `docker service update -d --update-max-failure-ratio ${value} web`,
      `docker service update -d --rollback-max-failure-ratio ${value} web`,
      `docker service create -d --update-max-failure-ratio ${value} nginx:1.25`,
    ]) {
      expect(executeCommand(engine, line, OPTS)).toEqual({
        stdout: '',
        stderr: `json: unsupported value: ${shown}\n`,
        exitCode: 1,
      });
    }
    expect(JSON.stringify(engine.state().services)).toBe(before);
  });
});

describe('resource and publish flags are parsed as Docker parses them (resources not simulated)', () => {
  it.each([
    ['--limit-cpu abc', 'invalid argument "abc" for "--limit-cpu" flag: failed to parse abc as a rational number'],
    [
      '--reserve-cpu 1.5x',
      'invalid argument "1.5x" for "--reserve-cpu" flag: failed to parse 1.5x as a rational number',
    ],
    ['--limit-cpu 0.0000000001', 'invalid argument "0.0000000001" for "--limit-cpu" flag: value is too precise'],
    ['--limit-cpu 1/0', 'invalid argument "1/0" for "--limit-cpu" flag: failed to parse 1/0 as a rational number'],
    ['--limit-memory abc', `invalid argument "abc" for "--limit-memory" flag: invalid size: 'abc'`],
    ['--reserve-memory 12x', `invalid argument "12x" for "--reserve-memory" flag: invalid suffix: 'x'`],
    ['--limit-memory 1GiBs', `invalid argument "1GiBs" for "--limit-memory" flag: invalid suffix: 'GiBs'`],
    ['--limit-memory -5m', `invalid argument "-5m" for "--limit-memory" flag: invalid size: '-5m'`],
    [
      '--limit-memory 1.2.3',
      'invalid argument "1.2.3" for "--limit-memory" flag: strconv.ParseFloat: parsing "1.2.3": invalid syntax',
    ],
    ['--publish abc', 'invalid argument "abc" for "-p, --publish" flag: invalid containerPort: abc'],
    ['-p 8080:http', 'invalid argument "8080:http" for "-p, --publish" flag: invalid containerPort: http'],
    ['-p x:80', 'invalid argument "x:80" for "-p, --publish" flag: invalid hostPort: x'],
    ['-p 80/icmp', 'invalid argument "80/icmp" for "-p, --publish" flag: invalid proto: icmp'],
    ['-p 8080:', 'invalid argument "8080:" for "-p, --publish" flag: no port specified: 8080:<empty>'],
    [
      '-p published=8080',
      `invalid argument "published=8080" for "-p, --publish" flag: missing mandatory field 'target'`,
    ],
    [
      '-p target=80,color=red',
      'invalid argument "target=80,color=red" for "-p, --publish" flag: invalid field key: color',
    ],
    [
      '-p target=80,mode=bridge',
      'invalid argument "target=80,mode=bridge" for "-p, --publish" flag: invalid publish mode value (bridge): must ' +
        `be either 'ingress' or 'host'`,
    ],
    [
      '-p target=70000',
      'invalid argument "target=70000" for "-p, --publish" flag: strconv.ParseUint: parsing "70000": value out of ' +
        'range',
    ],
    [
      '--dns 8.8.8.300',
      'invalid argument "8.8.8.300" for "--dns" flag: IP address is not correctly formatted: 8.8.8.300',
    ],
    [
      '--dns 1:2::3::4',
      'invalid argument "1:2::3::4" for "--dns" flag: IP address is not correctly formatted: 1:2::3::4',
    ],
    ['--host db', 'invalid argument "db" for "--host" flag: bad format for add-host: "db"'],
    ['--host db:nowhere', 'invalid argument "db:nowhere" for "--host" flag: invalid IP address in add-host: "nowhere"'],
    [
      '--placement-pref node.labels.zone',
      'invalid argument "node.labels.zone" for "--placement-pref" flag: placement preference must be of the format ' +
        '"<strategy>=<arg>"',
    ],
    [
      '--placement-pref pack=node.labels.zone',
      'invalid argument "pack=node.labels.zone" for "--placement-pref" flag: unsupported placement preference pack ' +
        '(only spread is supported)',
    ],
  ])("docker service create %s exits 125 with pflag's message", (flags, message) => {
    expect(create(flags)).toEqual({ stdout: '', stderr: `${message}${CREATE_USAGE}`, exitCode: 125 });
  });

  it('accepts the values Docker accepts, and says they are not simulated', () => {
    const result = create(
      '--limit-cpu 1.5 --reserve-cpu 1/4 --limit-memory 512MiB --reserve-memory "64 m" -p 8080:80 -p ' +
        'target=80,published=81,protocol=udp,mode=host --dns ::1 --dns 10.0.0.2 --host db:10.0.0.3 --host ' +
        'gw=host-gateway --host v6=[::ffff:1.2.3.4] --placement-pref spread=node.labels.zone --ulimit nofile=1024:-1',
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      'swarmlab: --limit-cpu, --limit-memory, --reserve-cpu, --reserve-memory, --placement-pref, --dns, --host, ' +
        '--ulimit not simulated; ignored\n',
    );
  });

  it('parses --publish-add on update as --publish on create', () => {
    expect(executeCommand(swarm(), 'docker service update -d --publish-add abc web', OPTS)).toEqual({
      stdout: '',
      stderr: `invalid argument "abc" for "--publish-add" flag: invalid containerPort: abc${UPDATE_USAGE}`,
      exitCode: 125,
    });
  });
});

describe('the daemon validates what the CLI passes through', () => {
  it.each([
    ['--constraint garbage', 'constraint expected one operator from ==, !='],
    ['--constraint "node.role=manager"', 'constraint expected one operator from ==, !='],
    ['--constraint "x==worker"', "key 'x' is invalid"],
    ['--constraint "node.role==<w>"', "value '<w>' is invalid"],
    ['--health-cmd true --health-interval 1ns', 'ContainerSpec: Interval in HealthConfig cannot be less than 1ms'],
    ['--health-cmd true --health-timeout 999us', 'ContainerSpec: Timeout in HealthConfig cannot be less than 1ms'],
    [
      '--health-cmd true --health-start-period 1ns',
      'ContainerSpec: StartPeriod in HealthConfig cannot be less than 1ms',
    ],
  ])('docker service create %s is refused by the daemon', (flags, desc) => {
    const engine = swarm();
    expect(executeCommand(engine, `docker service create -d ${flags} nginx:1.25`, OPTS)).toEqual({
      stdout: '',
      stderr: `${DAEMON}${desc}\n`,
      exitCode: 1,
    });
    expect(engine.state().services).toHaveLength(1);
  });

  it('refuses a garbage --constraint-add and a 1ns interval on update, leaving the service as it was', () => {
    const engine = swarm();
    const before = JSON.stringify(engine.state().services[0].Spec);
    expect(executeCommand(engine, 'docker service update -d --constraint-add garbage web', OPTS).stderr).toBe(
      `${DAEMON}constraint expected one operator from ==, !=\n`,
    );
    expect(executeCommand(engine, 'docker service update -d --health-interval 1ns web', OPTS).stderr).toBe(
      `${DAEMON}ContainerSpec: Interval in HealthConfig cannot be less than 1ms\n`,
    );
    expect(JSON.stringify(engine.state().services[0].Spec)).toBe(before);
  });

  it('accepts a 1ms interval and constraints with spaces around the operator', () => {
    const result = create('--health-cmd true --health-interval 1ms --constraint "node.role != manager"');
    expect(result.exitCode).toBe(0);
  });
});

describe('huge commands', () => {
  it('answers `docker service ps` with 70,000 arguments instead of overflowing the stack', () => {
    const words = Array.from({ length: 70_000 }, () => 'x').join(' ');
    const result = executeCommand(swarm(), `docker service ps ${words}`, OPTS);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('no such service: x');
  });

  it('parses a flag repeated 70,000 times, and arguments after `--`', () => {
    const labels = Array.from({ length: 70_000 }, (_, i) => `--label-add k${i % 3}=v`).join(' ');
    const engine = swarm();
    expect(executeCommand(engine, `docker service update -d ${labels} web`, OPTS)).toEqual({
      stdout: 'web\n',
      stderr: '',
      exitCode: 0,
    });
    expect(engine.state().services[0].Spec.Labels).toEqual({ k0: 'v', k1: 'v', k2: 'v' });
    const args = Array.from({ length: 70_000 }, () => 'a').join(' ');
    const created = executeCommand(engine, `docker service create -d --name long nginx:1.25 -- ${args}`, OPTS);
    expect(created.exitCode).toBe(0);
    expect(
      engine.state().services.find((s) => s.Spec.Name === 'long')?.Spec.TaskTemplate.ContainerSpec.Args,
    ).toHaveLength(70_001);
  });
});

describe('huge templates', () => {
  it('calls printf with 200,000 arguments (a JS spread of them overflowed the stack)', () => {
    const args = Array.from({ length: 200_000 }, () => '1').join(' ');
    const result = executeCommand(swarm(), `docker service ls --format '{{printf "%d|" ${args}}}'`, OPTS);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`1|%!(EXTRA ${Array.from({ length: 199_999 }, () => 'int=1').join(', ')})\n`);
  });
});

describe(`docker stack deploy reads \${VAR} from the environment it is given`, () => {
  const COMPOSE = `services:\n  web:\n    image: nginx:\${TAG:-1.25}\n`;
  const image = (engine: Engine) => engine.state().services[0].Spec.TaskTemplate.ContainerSpec.Image;

  it('uses the default without an environment and the variable with one', () => {
    const engine = createSimulator({ seed: 3, cluster: { ...defaultClusterConfig(), nodes: defaultNodes(2) } });
    const files = { 'stack.yml': COMPOSE };
    expect(executeCommand(engine, 'docker stack deploy -d -c stack.yml shop', { ...OPTS, files }).exitCode).toBe(0);
    expect(image(engine)).toBe('nginx:1.25');
    const env = { TAG: '1.27' };
    expect(executeCommand(engine, 'docker stack deploy -d -c stack.yml shop', { ...OPTS, files, env }).exitCode).toBe(
      0,
    );
    expect(image(engine)).toBe('nginx:1.27');
  });

  it('refuses an empty compose file', () => {
    const engine = createSimulator({ seed: 3, cluster: { ...defaultClusterConfig(), nodes: defaultNodes(2) } });
    expect(
      executeCommand(engine, 'docker stack deploy -c empty.yml shop', { ...OPTS, files: { 'empty.yml': '' } }),
    ).toEqual({
      stdout: '',
      stderr: 'empty.yml:1: Top-level object must be a mapping\n',
      exitCode: 1,
    });
  });
});
