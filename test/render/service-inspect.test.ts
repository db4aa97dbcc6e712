import { describe, expect, it } from 'vitest';
import { renderServiceInspect } from '../../src/render/service-inspect.js';
import { afterRollbackState, afterUpdateState, golden, makeService, makeState, SPEC_V1 } from './fixtures.js';

describe('docker service inspect --pretty', () => {
  it('reproduces the capture after the update byte for byte', () => {
    expect(renderServiceInspect(afterUpdateState(17.2), ['ceo_probe'], { pretty: true })).toEqual({
      stdout: golden('inspect-pretty-after-update.txt'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('reproduces the capture after the rollback byte for byte (no Completed line for rollback_completed)', () => {
    expect(renderServiceInspect(afterRollbackState(25.5), ['sh5qp'], { pretty: true }).stdout).toBe(
      golden('inspect-pretty-after-rollback.txt'),
    );
  });

  it('prints Completed only for a completed update, labels, args, env, constraints and the healthcheck block', () => {
    const spec = {
      ...SPEC_V1,
      Labels: { tier: 'web', solo: '' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'nginx:1.27',
          Args: ['-g', 'daemon off;'],
          Env: ['A=1'],
          Healthcheck: {
            Test: ['CMD-SHELL', 'curl -f localhost'],
            Interval: 2_000_000_000,
            Timeout: 1_000_000_000,
            Retries: 3,
          },
        },
        Placement: { Constraints: ['node.role==manager', 'node.labels.zone==a'] },
        ForceUpdate: 0,
      },
      Mode: { Global: {} },
      UpdateConfig: { Parallelism: 0, Delay: 90_000_000_000, MaxFailureRatio: 0.25, Monitor: 0 },
    };
    const service = makeService(spec, undefined, {
      State: 'completed',
      StartedAt: '2026-01-01T00:00:00.000Z',
      CompletedAt: '2026-01-01T00:00:40.000Z',
      Message: 'update completed',
    });
    const out = renderServiceInspect(makeState(100, [service], []), ['ceo_probe'], { pretty: true }).stdout;
    expect(out).toBe(
      [
        '',
        'ID:\t\tsh5qp5myymojbbjgwr565z9jm',
        'Name:\t\tceo_probe',
        'Labels:',
        ' solo',
        ' tier=web',
        'Service Mode:\tGlobal',
        'UpdateStatus:',
        ' State:\t\tcompleted',
        ' Started:\tAbout a minute ago',
        ' Completed:\tAbout a minute ago',
        ' Message:\tupdate completed',
        'Placement:',
        ' Constraints:\t[node.role==manager node.labels.zone==a]',
        'UpdateConfig:',
        ' Parallelism:\t0',
        ' Delay:\t\t1m30s',
        ' On failure:\tpause',
        ' Max failure ratio: 0.25',
        ' Update order:      stop-first',
        'RollbackConfig:',
        ' Parallelism:\t1',
        ' On failure:\tpause',
        ' Monitoring Period: 5s',
        ' Max failure ratio: 0',
        ' Rollback order:    stop-first',
        'ContainerSpec:',
        ' Image:\t\tnginx:1.27',
        ' Args:\t\t-g daemon off; ',
        ' Env:\t\tA=1 ',
        'Resources:',
        'Endpoint Mode:\tvip',
        ' Healthcheck:',
        '  Interval = 2s',
        '  Retries = 3',
        '  StartPeriod =\t0s',
        '  Timeout =\t1s',
        '  Tests:',
        '\t Test = CMD-SHELL',
        '\t Test = curl -f localhost ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('refuses --pretty with --format and a pretty-prefixed format', () => {
    expect(renderServiceInspect(afterUpdateState(), ['ceo_probe'], { pretty: true, format: '{{.ID}}' })).toEqual({
      stdout: '',
      stderr: '--format is incompatible with human friendly format\n',
      exitCode: 1,
    });
    expect(renderServiceInspect(afterUpdateState(), ['ceo_probe'], { format: 'prettyx' }).stderr).toBe(
      'Cannot supply extra formatting options to the pretty template\n',
    );
  });
});

describe('docker service inspect (JSON and --format)', () => {
  it('prints the service with the defaults inserted, 4-space indented, Go field order', () => {
    const state = afterRollbackState();
    const out = renderServiceInspect(state, ['ceo_probe']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(`[
    {
        "ID": "sh5qp5myymojbbjgwr565z9jm",
        "Version": {
            "Index": 42
        },
        "CreatedAt": "2026-01-01T00:00:00.5Z",
        "UpdatedAt": "2026-01-01T00:00:17.3Z",
        "Spec": {
            "Name": "ceo_probe",
            "Labels": {},
            "TaskTemplate": {
                "ContainerSpec": {
                    "Image": "sha256:ce65937d5463f72210abfa56a32174e08baf322528e5fc69d80d65bb409a3e8f",
                    "Init": false,
                    "StopGracePeriod": 10000000000,
                    "DNSConfig": {},
                    "Isolation": "default"
                },
                "Resources": {},
                "RestartPolicy": {
                    "Condition": "any",
                    "Delay": 5000000000,
                    "MaxAttempts": 0
                },
                "Placement": {},
                "ForceUpdate": 0,
                "Runtime": "container"
            },
            "Mode": {
                "Replicated": {
                    "Replicas": 2
                }
            },
            "UpdateConfig": {
                "Parallelism": 1,
                "FailureAction": "pause",
                "Monitor": 5000000000,
                "MaxFailureRatio": 0,
                "Order": "stop-first"
            },
            "RollbackConfig": {
                "Parallelism": 1,
                "FailureAction": "pause",
                "Monitor": 5000000000,
                "MaxFailureRatio": 0,
                "Order": "stop-first"
            },
            "EndpointSpec": {
                "Mode": "vip"
            }
        },
        "PreviousSpec": {
            "Name": "ceo_probe",
            "Labels": {},
            "TaskTemplate": {
                "ContainerSpec": {
                    "Image": "sha256:0e89ce352235f718687a967d052a10a336522087f6cca883ae2a38c8131cad22",
                    "Init": false,
                    "Isolation": "default"
                },
                "ForceUpdate": 0,
                "Runtime": "container"
            },
            "Mode": {
                "Replicated": {
                    "Replicas": 2
                }
            },
            "UpdateConfig": {
                "Parallelism": 2,
                "Delay": 1000000000,
                "FailureAction": "pause",
                "Monitor": 5000000000,
                "MaxFailureRatio": 0,
                "Order": "stop-first"
            },
            "EndpointSpec": {
                "Mode": "vip"
            }
        },
        "Endpoint": {
            "Spec": {
                "Mode": "vip"
            }
        },
        "UpdateStatus": {
            "State": "rollback_completed",
            "StartedAt": "2026-01-01T00:00:17.3Z",
            "CompletedAt": "2026-01-01T00:00:24Z",
            "Message": "rollback completed"
        }
    }
]
`);
  });

  it('executes --format templates against the typed service (durations and times print the Go way)', () => {
    const state = afterUpdateState();
    const fmt = (format: string) => renderServiceInspect(state, ['ceo_probe'], { format });
    expect(
      fmt(
        '{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{.Spec.UpdateConfig.Delay}} ' +
          '{{.Spec.RollbackConfig.Monitor}}',
      ).stdout,
    ).toBe('ceo_probe 2 1s 5s\n');
    expect(fmt('{{.UpdateStatus.StartedAt}}|{{.Spec.TaskTemplate.ContainerSpec.StopGracePeriod}}').stdout).toBe(
      '2026-01-01 00:00:10 +0000 UTC|10s\n',
    );
    expect(fmt('{{json .Spec.UpdateConfig}}').stdout).toBe(
      '{"Parallelism":2,"Delay":1000000000,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,' +
        '"Order":"stop-first"}\n',
    );
    expect(fmt('{{.UpdateStatus.CompletedAt}}').stdout).toBe('<nil>\n');
    expect(fmt('{{.Spec.Nope}}')).toEqual({
      stdout: '\n',
      stderr:
        'template parsing error: template: :1:7: executing "" at <.Spec.Nope>: can\'t evaluate field Nope in type ' +
        'swarm.ServiceSpec\n',
      exitCode: 1,
    });
    expect(fmt('{{.ID')).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exitCode: 1,
    });
  });

  it('reports a missing service after the ones found, exit 1', () => {
    const out = renderServiceInspect(afterUpdateState(), ['ceo_probe', 'nosuch'], { format: '{{.ID}}' });
    expect(out).toEqual({
      stdout: 'sh5qp5myymojbbjgwr565z9jm\n',
      stderr: 'Error: no such service: nosuch\n',
      exitCode: 1,
    });
    expect(renderServiceInspect(afterUpdateState(), ['nosuch'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error: no such service: nosuch\n',
      exitCode: 1,
    });
    expect(renderServiceInspect(afterUpdateState(), ['ceo_probe', 'nosuch'], { pretty: true })).toEqual({
      stdout: '',
      stderr: 'Error: no such service: nosuch\n',
      exitCode: 1,
    });
  });

  it('--format json prints the compact array', () => {
    const state = makeState(0, [makeService(SPEC_V1, undefined, undefined)], []);
    const out = renderServiceInspect(state, ['ceo_probe'], { format: 'json' }).stdout;
    expect(out.startsWith('[{"ID":"sh5qp5myymojbbjgwr565z9jm","Version":{"Index":42},')).toBe(true);
    expect(out.endsWith('"Endpoint":{"Spec":{"Mode":"vip"}}}]\n')).toBe(true);
  });
});
