// swarmlab lint rules: each fires on a small stack file with its exact message, line and proof, and not on the fix.
import { describe, expect, it } from 'vitest';
import { firstRollout } from '../../src/lab/queries.js';
import { simulate } from '../../src/lab/simulate.js';
import { lintScenario, lintStack } from '../../src/policy-lint/lint.js';
import type { Finding } from '../../src/policy-lint/types.js';
import { loadScenario } from '../../src/scenario/load.js';

/** A one-service stack: `deploy` and `extra` are YAML lines indented under the service. */
function stack(deploy: string[], extra: string[] = [], image = 'shop/web:1.0'): string {
  const indent = (lines: string[], by: string) => lines.map((line) => `${by}${line}\n`).join('');
  return `services:\n  web:\n    image: ${image}\n${indent(extra, '    ')}    deploy:\n${indent(deploy, '      ')}`;
}

function shown(findings: Finding[]) {
  return findings.map((f) => ({
    at: `${f.file}:${f.line}`,
    level: f.level,
    rule: f.ruleId,
    message: f.message,
    proof: f.proof?.figure ?? f.noProof,
  }));
}

const lint = (text: string) => shown(lintStack(text, 'stack.yml'));

describe('monitor-shorter-than-failure', () => {
  const health = ['healthcheck:', '  test: ["CMD", "true"]', '  interval: 10s', '  retries: 3'];

  it('fires when retries × interval exceeds the monitor, with the run where unhealthy tasks go uncounted', () => {
    expect(lint(stack(['replicas: 3', 'update_config:', '  monitor: 5s'], health))).toEqual([
      {
        at: 'stack.yml:11',
        level: 'error',
        rule: 'monitor-shorter-than-failure',
        message:
          'the healthcheck needs 3 failed probes 10 s apart (30 s) to mark a running task unhealthy, longer than the ' +
          '5 s monitor: a new task that turns unhealthy after it ran is never counted as an update failure',
        proof:
          'simulated with a new image that passes its first probe and ends 30 s later, when the probes would mark it ' +
          'unhealthy: the first updated task failed 30 s after it ran, after the 5 s monitor: UpdateStatus became ' +
          'completed ("update completed") 40.3 s after the update began, with 3 of 3 updated tasks failed',
      },
    ]);
  });

  it('is quiet when the monitor outlasts the probes', () => {
    expect(lint(stack(['replicas: 3', 'update_config:', '  monitor: 40s'], health))).toEqual([]);
  });

  it("fires on a scenario's image that crashes after the monitor, at the line of its `after:`", () => {
    const scenario = [
      'seed: 103',
      'cluster: {nodes: 3}',
      'images:',
      '  app:late:',
      '    exit: 1',
      '    after: 20s',
      'steps:',
      '  - docker service create -d --name web --replicas 3 app:v1',
      '  - wait: converged',
      '  - docker service update -d --image app:late web',
      '  - wait: settled',
      '',
    ].join('\n');
    expect(lintScenarioText(scenario).map((f) => [f.line, f.ruleId, f.message, f.proof?.figure])).toEqual([
      [
        6,
        'monitor-shorter-than-failure',
        'app:late exits 20 s after it starts, after the 5 s monitor: Swarm counts a failure only within the monitor ' +
          'after a task runs, so the update goes on over crashing tasks',
        'the first updated task failed 20.1 s after it ran, after the 5 s monitor: UpdateStatus became completed ' +
          '("update completed") 10.1 s after the update began, with 3 of 3 updated tasks failed',
      ],
    ]);
    const fixed = scenario.replace('update -d --image', 'update -d --update-monitor 30s --image');
    expect(lintScenarioText(fixed)).toEqual([]);
  });
});

function lintScenarioText(text: string): Finding[] {
  return lintScenario(text, loadScenario(text, 'drill.yaml'));
}

describe('single-replica-stop-first', () => {
  it('fires on one replica updated stop-first (the default), with the downtime the run shows', () => {
    expect(lint(stack(['replicas: 1']))).toEqual([
      {
        at: 'stack.yml:5',
        level: 'warning',
        rule: 'single-replica-stop-first',
        message:
          'one replica updated stop-first: Swarm stops the only task before its replacement starts, so the service ' +
          'serves nothing during every update (start-first keeps it up)',
        proof:
          'with a healthy new image, no task served for 1.7 s (from 0 s to 1.7 s after the update began); ' +
          'UpdateStatus became completed ("update completed") 6.7 s after the update began',
      },
    ]);
  });

  it('is quiet with start-first', () => {
    expect(lint(stack(['replicas: 1', 'update_config:', '  order: start-first']))).toEqual([]);
  });
});

describe('failure-action-never-fires', () => {
  it('fires on max_failure_ratio 1: every failure is counted and nothing happens', () => {
    expect(
      lint(stack(['replicas: 3', 'update_config:', '  failure_action: rollback', '  max_failure_ratio: 1'])),
    ).toEqual([
      {
        at: 'stack.yml:8',
        level: 'error',
        rule: 'failure-action-never-fires',
        message:
          'max_failure_ratio 1 with 3 replicas: failures are counted out of 3 and 3/3 = 1 never exceeds 1, so ' +
          'failure_action rollback can never fire',
        proof:
          'with a new image that exits 1 s after it starts, the updater counted 3 failures within the 5 s monitor ' +
          'and took no action: UpdateStatus became completed ("update completed") 10.1 s after the update began, ' +
          'with 3 of 3 updated tasks failed',
      },
    ]);
  });

  it('fires on a ratio that float32 rounds to 1 (swarmkit compares in float32)', () => {
    const found = lintStack(stack(['replicas: 3', 'update_config:', '  max_failure_ratio: 0.99999999']), 'stack.yml');
    expect(found.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'failure-action-never-fires',
        'max_failure_ratio 0.99999999 with 3 replicas: failures are counted out of 3 and 3/3 = 1 never exceeds ' +
          '0.99999999, so failure_action pause can never fire',
      ],
    ]);
  });

  it('is quiet when all replicas failing exceeds the ratio', () => {
    expect(
      lint(stack(['replicas: 3', 'update_config:', '  failure_action: rollback', '  max_failure_ratio: 0.9'])),
    ).toEqual([]);
  });
});

describe('start-first-host-port', () => {
  const hostPort = ['ports:', '  - target: 80', '    published: 8080', '    mode: host'];

  it('fires at the port, with the simulated update where the new task cannot be placed', () => {
    expect(lint(stack(['replicas: 3', 'update_config:', '  order: start-first'], hostPort))).toEqual([
      {
        at: 'stack.yml:5',
        level: 'error',
        rule: 'start-first-host-port',
        message:
          'update order start-first with host-mode port 8080: the new task must start while the old one still holds ' +
          'port 8080 on its node, so it cannot be placed there; when no other node is free (always for a global ' +
          'service) it stays pending with "no suitable node (host-mode port already in use on 1 node)" and the ' +
          'update stalls',
        proof:
          '0.1 s after the update began a new task stayed pending with "no suitable node (host-mode port already in ' +
          'use on 3 nodes)"; the update had not finished when the run ended',
      },
    ]);
  });

  it('fires on a global service (only the rules that need no replica count run for it) and in a scenario', () => {
    const global = `services:
  edge:
    image: shop/edge:2
    ports:
      - {target: 80, published: 80, mode: host}
    deploy:
      mode: global
      update_config: {order: start-first, max_failure_ratio: 1}
`;
    expect(lintStack(global, 'stack.yml').map((f) => [f.line, f.service, f.ruleId])).toEqual([
      [5, 'edge', 'start-first-host-port'],
    ]);
    const scenario = [
      'steps:',
      '  - docker service create -d --name web --replicas 2 --publish mode=host,published=8080,target=80 app:v1',
      '  - wait: converged',
      '  - docker service update -d --update-order start-first --image app:v2 web',
      '',
    ].join('\n');
    expect(lintScenarioText(scenario).map((f) => [f.line, f.ruleId, f.message])).toEqual([
      [
        2,
        'start-first-host-port',
        'update order start-first with host-mode port 8080: the new task must start while the old one still holds ' +
          'port 8080 on its node, so it cannot be placed there; when no other node is free (always for a global ' +
          'service) it stays pending with "no suitable node (host-mode port already in use on 1 node)" and the ' +
          'update stalls',
      ],
    ]);
  });

  it('is quiet for an ingress port or stop-first', () => {
    const ingress = ['ports:', '  - target: 80', '    published: 8080'];
    expect(lint(stack(['replicas: 3', 'update_config:', '  order: start-first'], ingress))).toEqual([]);
    expect(lint(stack(['replicas: 3'], hostPort))).toEqual([]);
  });
});

describe('delay-not-shorter-than-monitor', () => {
  it('fires when the delay is at least the monitor: a failure inside the delay goes uncounted', () => {
    const [found] = lint(stack(['replicas: 3', 'update_config:', '  delay: 10s', '  monitor: 5s']));
    expect(found).toEqual({
      at: 'stack.yml:7',
      level: 'warning',
      rule: 'delay-not-shorter-than-monitor',
      message:
        'delay 10 s ≥ monitor 5 s: a failure counts only within the monitor after a task runs, so a task failing ' +
        'later in the 10 s the updater waits is ignored and the next slot is updated (only the last slot is ' +
        'watched for delay + 1 s)',
      proof: expect.stringMatching(
        new RegExp(
          '^with a new image that exits 8 s after it starts, the first updated task failed 8\\.1 s after it ran, ' +
            'not counted; the updater replaced 3 of 3 slots before it counted a failure \\(in the final monitor, ' +
            'stretched to delay \\+ 1 s = 11 s\\): UpdateStatus became paused \\("update paused due to failure or ' +
            'early termination of task [0-9a-z]{25}"\\) 35\\.1 s after the update began$',
        ),
      ),
    });
  });

  it('is quiet when the monitor is longer than the delay', () => {
    expect(lint(stack(['replicas: 3', 'update_config:', '  delay: 10s', '  monitor: 15s']))).toEqual([]);
  });
});

describe('rollback-slower-than-update', () => {
  it('fires when the rollback config is slower, with both durations simulated', () => {
    expect(
      lint(
        stack([
          'replicas: 4',
          'update_config:',
          '  parallelism: 2',
          'rollback_config:',
          '  parallelism: 1',
          '  delay: 5s',
        ]),
      ),
    ).toEqual([
      {
        at: 'stack.yml:8',
        level: 'warning',
        rule: 'rollback-slower-than-update',
        message:
          'rolling back is slower than the update it undoes: rollback parallelism 1, delay 5 s against update ' +
          'parallelism 2, delay 0 s, so a bad release stays longer than it took to roll out',
        proof: 'the update of 4 replicas took 8.4 s; docker service rollback took 32.8 s to undo it',
      },
    ]);
  });

  it('is quiet when the rollback goes as fast as the update', () => {
    expect(
      lint(stack(['replicas: 4', 'update_config:', '  parallelism: 2', 'rollback_config:', '  parallelism: 2'])),
    ).toEqual([]);
  });
});

describe('no-healthcheck-monitor-zero', () => {
  it('fires on monitor 0 without a healthcheck: the crash at 6 s is after the 5 s default monitor', () => {
    expect(lint(stack(['replicas: 3', 'update_config:', '  monitor: 0s']))).toEqual([
      {
        at: 'stack.yml:7',
        level: 'warning',
        rule: 'no-healthcheck-monitor-zero',
        message:
          'monitor 0 does not turn monitoring off or wait for anything: the daemon drops it and Swarm monitors 5 s, ' +
          'and with no healthcheck a task is up as soon as its process starts, so only an exit in its first 5 s ' +
          'stops the update',
        proof:
          'with a new image that exits 6 s after it starts, the first updated task failed 6.1 s after it ran, after ' +
          'the 5 s monitor: UpdateStatus became completed ("update completed") 10.1 s after the update began, with ' +
          '3 of 3 updated tasks failed',
      },
    ]);
  });

  it('is quiet with a healthcheck', () => {
    const health = ['healthcheck:', '  test: ["CMD", "true"]', '  interval: 1s'];
    expect(lint(stack(['replicas: 3', 'update_config:', '  monitor: 0s'], health))).toEqual([]);
  });

  it('gives a proof file that `swarmlab run` replays to the same outcome', () => {
    const [found] = lintStack(stack(['replicas: 3', 'update_config:', '  monitor: 0s']), 'stack.yml');
    const trace = simulate(found.proof!.scenario);
    expect(firstRollout(trace).outcome).toBe('completed');
    expect(found.proof!.scenario).toContain('exit: 1\n    after: 6s\n');
  });
});

describe('image-without-digest', () => {
  it('fires on no tag and on :latest, at the image line, without a simulated proof', () => {
    for (const image of ['nginx', 'registry.local:5000/shop/web:latest']) {
      expect(lint(stack(['replicas: 2'], [], image))).toEqual([
        {
          at: 'stack.yml:3',
          level: 'warning',
          rule: 'image-without-digest',
          message:
            `image ${image} has ${image === 'nginx' ? 'no tag (so :latest)' : ':latest'} and no digest: the ` +
            'tag moves, so nodes that pull at different times (or when the registry cannot record a digest) run ' +
            'different versions, and rolling back to it may restore nothing; pin a version tag or an @sha256 digest',
          proof: 'no simulated proof exists: the simulator has no registry, and image digests are not modelled',
        },
      ]);
    }
  });

  it('is quiet for a version tag, a digest, or a registry port with no tag', () => {
    expect(lint(stack(['replicas: 2'], [], 'nginx:1.25'))).toEqual([]);
    expect(lint(stack(['replicas: 2'], [], `nginx@sha256:${'a'.repeat(64)}`))).toEqual([]);
    expect(lint(stack(['replicas: 2'], [], 'registry.local:5000/shop/web:2.1'))).toEqual([]);
  });
});
