import { describe, expect, it } from 'vitest';
import { type ExecuteOptions, executeCommand } from '../../src/commands/execute.js';
import type { ServiceSpec } from '../../src/types.js';
import { FakeEngine } from './fake-engine.js';

const OPTS: ExecuteOptions = { tty: false, files: {}, followLimitMs: 60_000 };
const DEFAULTS = {
  Parallelism: 1,
  Delay: 0,
  FailureAction: 'pause',
  Monitor: 5_000_000_000,
  MaxFailureRatio: 0,
  Order: 'stop-first',
};

function baseSpec(extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    Name: 'web',
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25', Init: false }, Placement: {}, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: 2 } },
    EndpointSpec: { Mode: 'vip' },
    ...extra,
  };
}

function run(engine: FakeEngine, line: string) {
  return executeCommand(engine, line, OPTS);
}

function lastSpec(engine: FakeEngine): ServiceSpec {
  const call = engine.mutations().at(-1)!;
  return (call.method === 'createService' ? call.args[0] : call.args[1]) as ServiceSpec;
}

describe('docker service create: the spec the CLI sends', () => {
  it('sends no UpdateConfig, RollbackConfig or RestartPolicy without their flags', () => {
    const engine = new FakeEngine();
    const result = run(engine, 'docker service create -d --name web --replicas 3 nginx:1.25');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${engine.services[0].ID}\n`);
    expect(lastSpec(engine)).toEqual({
      Name: 'web',
      Labels: {},
      TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25', Init: false }, Placement: {}, ForceUpdate: 0 },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'vip' },
    });
  });

  it('builds a full UpdateConfig from swarmkit defaults when one --update-* flag is given', () => {
    const engine = new FakeEngine();
    run(engine, 'docker service create -d --name web --update-delay 10s nginx');
    expect(lastSpec(engine).UpdateConfig).toEqual({ ...DEFAULTS, Delay: 10_000_000_000 });
    expect(lastSpec(engine).RollbackConfig).toBeUndefined();
  });

  it('builds RollbackConfig the same way from --rollback-* flags', () => {
    const engine = new FakeEngine();
    run(engine, 'docker service create -d --rollback-parallelism 0 --rollback-order start-first nginx');
    expect(lastSpec(engine).RollbackConfig).toEqual({ ...DEFAULTS, Parallelism: 0, Order: 'start-first' });
    expect(lastSpec(engine).UpdateConfig).toBeUndefined();
  });

  it('fills the restart policy from defaults, and maps env, labels, constraints, health and grace period', () => {
    const engine = new FakeEngine();
    const result = run(
      engine,
      [
        'docker service create -d --name api -e A=1 -e B=2 -e A=3 -l tier=back --label solo',
        '--constraint node.role==worker --restart-condition on-failure --restart-max-attempts 3',
        `--health-cmd 'curl -f localhost' --health-interval 2s --health-retries 4 --stop-grace-period 30s`,
        '--container-label c=1 --init nginx:1.25 nginx -g "daemon off;"',
      ].join(' '),
    );
    expect(result.exitCode).toBe(0);
    expect(lastSpec(engine)).toEqual({
      Name: 'api',
      Labels: { tier: 'back', solo: '' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'nginx:1.25',
          Labels: { c: '1' },
          Args: ['nginx', '-g', 'daemon off;'],
          Env: ['B=2', 'A=3'],
          Healthcheck: { Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 2_000_000_000, Retries: 4 },
          StopGracePeriod: 30_000_000_000,
          Init: true,
        },
        RestartPolicy: { Condition: 'on-failure', Delay: 5_000_000_000, MaxAttempts: 3 },
        Placement: { Constraints: ['node.role==worker'] },
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: { Mode: 'vip' },
    });
  });

  it('stops parsing flags at the image: later words are the command and its args', () => {
    const engine = new FakeEngine();
    run(engine, 'docker service create -d --name web nginx --replicas 3');
    expect(lastSpec(engine).TaskTemplate.ContainerSpec.Args).toEqual(['--replicas', '3']);
    expect(lastSpec(engine).Mode).toEqual({ Replicated: { Replicas: 1 } });
  });

  it('creates global services and rejects --replicas with them', () => {
    const engine = new FakeEngine();
    run(engine, 'docker service create -d --mode global --name agent busybox');
    expect(lastSpec(engine).Mode).toEqual({ Global: {} });
    expect(run(engine, 'docker service create -d --mode global --replicas 2 busybox')).toEqual({
      stdout: '',
      stderr: 'replicas can only be used with replicated or replicated-job mode\n',
      exitCode: 1,
    });
    expect(run(engine, 'docker service create -d --mode daemonset busybox')).toEqual({
      stdout: '',
      stderr: 'Unknown mode: daemonset, only replicated and global supported\n',
      exitCode: 1,
    });
  });

  it('rejects --no-healthcheck with --health-* options', () => {
    const engine = new FakeEngine();
    expect(run(engine, 'docker service create -d --no-healthcheck --health-retries 2 busybox')).toEqual({
      stdout: '',
      stderr: '--no-healthcheck conflicts with --health-* options\n',
      exitCode: 1,
    });
    run(engine, 'docker service create -d --no-healthcheck busybox');
    expect(lastSpec(engine).TaskTemplate.ContainerSpec.Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it('accepts and ignores --with-registry-auth and --no-resolve-image; notes flags it does not simulate', () => {
    const engine = new FakeEngine();
    expect(run(engine, 'docker service create -d --with-registry-auth --no-resolve-image nginx').stderr).toBe('');
    const limited = run(engine, 'docker service create -d --limit-cpu 1 nginx');
    expect(limited.stderr).toBe('swarmlab: --limit-cpu not simulated; ignored\n');
    expect(limited.exitCode).toBe(0);
  });
});

describe('docker service update: field-by-field edits of the stored spec', () => {
  it('fills a nil UpdateConfig with defaults before applying the changed flags (the course command)', () => {
    const engine = new FakeEngine();
    engine.addService(baseSpec());
    const command =
      'docker service update \\\n  --update-parallelism 2 \\\n  --update-delay 10s \\\n' +
      '  --image nginx:latest -d my_service';
    const result = run(engine, command.replace('my_service', 'web'));
    expect(result).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    const spec = lastSpec(engine);
    expect(spec.UpdateConfig).toEqual({ ...DEFAULTS, Parallelism: 2, Delay: 10_000_000_000 });
    expect(spec.TaskTemplate.ContainerSpec.Image).toBe('nginx:latest');
    expect(spec.RollbackConfig).toBeUndefined();
  });

  it('edits only the changed fields of an existing UpdateConfig', () => {
    const engine = new FakeEngine();
    const existing = {
      Parallelism: 3,
      Delay: 1_000_000_000,
      FailureAction: 'rollback',
      Monitor: 2_000_000_000,
      MaxFailureRatio: 0.2,
      Order: 'stop-first',
    };
    engine.addService(baseSpec({ UpdateConfig: existing }));
    run(engine, 'docker service update -d --update-order start-first --update-max-failure-ratio 0.1 web');
    expect(lastSpec(engine).UpdateConfig).toEqual({ ...existing, Order: 'start-first', MaxFailureRatio: 0.1 });
  });

  it('increments ForceUpdate with --force and sends the rest of the spec unchanged', () => {
    const engine = new FakeEngine();
    engine.addService(baseSpec({ TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25' }, ForceUpdate: 4 } }));
    run(engine, 'docker service update -d --force web');
    expect(lastSpec(engine)).toEqual(
      baseSpec({ TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25' }, ForceUpdate: 5 } }),
    );
  });

  it('adds and removes env vars, labels and constraints (constraints sorted)', () => {
    const engine = new FakeEngine();
    engine.addService(
      baseSpec({
        Labels: { a: '1', b: '2' },
        TaskTemplate: {
          ContainerSpec: { Image: 'nginx', Env: ['A=1', 'B=2', 'C=3'] },
          Placement: { Constraints: ['z==1', 'node.role==worker'] },
          ForceUpdate: 0,
        },
      }),
    );
    run(
      engine,
      'docker service update -d --env-add B=20 --env-add D=4 --env-rm C --label-rm a --label-add c=3 ' +
        '--constraint-add a==1 --constraint-rm z==1 web',
    );
    const spec = lastSpec(engine);
    expect(spec.TaskTemplate.ContainerSpec.Env).toEqual(['A=1', 'B=20', 'D=4']);
    expect(spec.Labels).toEqual({ b: '2', c: '3' });
    expect(spec.TaskTemplate.Placement).toEqual({ Constraints: ['a==1', 'node.role==worker'] });
  });

  it('sets replicas, restart policy, health and grace period; --no-healthcheck replaces the healthcheck', () => {
    const engine = new FakeEngine();
    engine.addService(baseSpec());
    run(
      engine,
      'docker service update -d --replicas 5 --restart-delay 1s --health-cmd true --health-timeout 3s ' +
        '--stop-grace-period 1m web',
    );
    const spec = lastSpec(engine);
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 5 } });
    expect(spec.TaskTemplate.RestartPolicy).toEqual({ Condition: 'any', Delay: 1_000_000_000, MaxAttempts: 0 });
    expect(spec.TaskTemplate.ContainerSpec.Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'true'],
      Timeout: 3_000_000_000,
    });
    expect(spec.TaskTemplate.ContainerSpec.StopGracePeriod).toBe(60_000_000_000);
    run(engine, 'docker service update -d --no-healthcheck web');
    expect(lastSpec(engine).TaskTemplate.ContainerSpec.Healthcheck).toEqual({ Test: ['NONE'] });
    expect(run(engine, 'docker service update -d --no-healthcheck --health-cmd x web')).toEqual({
      stdout: '',
      stderr: '--no-healthcheck conflicts with --health-* options\n',
      exitCode: 1,
    });
  });

  it('refuses --replicas on a global service', () => {
    const engine = new FakeEngine();
    engine.addService(baseSpec({ Name: 'agent', Mode: { Global: {} } }));
    expect(run(engine, 'docker service update -d --replicas 2 agent')).toEqual({
      stdout: '',
      stderr: 'replicas can only be used with replicated mode\n',
      exitCode: 1,
    });
    expect(engine.mutations()).toEqual([]);
  });

  it('sends a server-side rollback for --rollback (alone or with -d / -q)', () => {
    const engine = new FakeEngine();
    const service = engine.addService(baseSpec(), {
      PreviousSpec: baseSpec({ TaskTemplate: { ContainerSpec: { Image: 'nginx:1.24' }, ForceUpdate: 0 } }),
    });
    expect(run(engine, 'docker service update --rollback -d -q web')).toEqual({
      stdout: 'web\n',
      stderr: '',
      exitCode: 0,
    });
    expect(engine.mutations()).toEqual([
      { method: 'updateService', args: [service.ID, baseSpec(), { rollback: true }] },
    ]);
  });

  it('rejects --rollback with any other flag, after looking the service up', () => {
    const engine = new FakeEngine();
    engine.addService(baseSpec());
    expect(run(engine, 'docker service update --rollback --update-delay 0s web')).toEqual({
      stdout: '',
      stderr: 'other flags may not be combined with --rollback\n',
      exitCode: 1,
    });
    expect(
      run(engine, 'docker service update --rollback --update-failure-action rollback --image nginx:latest nosuch'),
    ).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: service nosuch not found\n',
      exitCode: 1,
    });
    expect(engine.mutations()).toEqual([]);
  });
});

describe('docker service rollback and scale', () => {
  it('rollback sends the current spec with rollback=previous and prints the argument', () => {
    const engine = new FakeEngine();
    const service = engine.addService(baseSpec(), { PreviousSpec: baseSpec({ Name: 'web', Labels: { old: '1' } }) });
    expect(run(engine, `docker service rollback -d ${service.ID.slice(0, 5)}`)).toEqual({
      stdout: `${service.ID.slice(0, 5)}\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(engine.mutations()).toEqual([
      { method: 'updateService', args: [service.ID, baseSpec(), { rollback: true }] },
    ]);
  });

  it('scale prints one line per service and collects per-service errors', () => {
    const engine = new FakeEngine();
    engine.addService(baseSpec());
    engine.addService(baseSpec({ Name: 'api' }));
    engine.addService(baseSpec({ Name: 'agent', Mode: { Global: {} } }));
    expect(run(engine, 'docker service scale -d web=5 api=2')).toEqual({
      stdout: 'web scaled to 5\napi scaled to 2\n',
      stderr: '',
      exitCode: 0,
    });
    expect(lastSpec(engine).Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(run(engine, 'docker service scale -d web=x nosuch=1 agent=2 web=0x3')).toEqual({
      stdout: '',
      stderr: `${[
        'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax',
        'nosuch: Error response from daemon: service nosuch not found',
        'agent: scale can only be used with replicated or replicated-job mode',
        'web: invalid replicas value 0x3: strconv.ParseUint: parsing "0x3": invalid syntax',
      ].join('\n')}\n`,
      exitCode: 1,
    });
  });

  it('scale rejects a malformed specifier before doing anything', () => {
    const engine = new FakeEngine();
    expect(run(engine, 'docker service scale web')).toEqual({
      stdout: '',
      stderr:
        "invalid scale specifier 'web'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale " +
        'SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n',
      exitCode: 1,
    });
  });
});
