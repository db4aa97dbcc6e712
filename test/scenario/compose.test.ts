// Compose files → the ServiceSpecs `docker stack deploy` sends (docker/cli cli/compose/convert/service.go).
import { describe, expect, it } from 'vitest';
import { composeToSpecs } from '../../src/compose/compose.js';
import { InputError } from '../../src/errors.js';

const S = 1_000_000_000;

function errorOf(text: string): string {
  try {
    composeToSpecs(text, 'stack.yml', 'shop');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected the compose file to be rejected');
}

describe('composeToSpecs: a full service', () => {
  const text = `
version: "3.8"
services:
  web:
    image: nginx:1.25
    command: nginx -g "daemon off;"
    entrypoint: ["/docker-entrypoint.sh"]
    environment:
      B: "2"
      A: 1
      UNSET:
    labels: [team=web, tier]
    init: true
    stop_grace_period: 1m30s
    ports: ["80:80"]
    healthcheck:
      test: curl -f http://localhost/
      interval: 10s
      timeout: 2s
      retries: 3
      start_period: 5s
      start_interval: 1s
    deploy:
      replicas: 4
      endpoint_mode: DNSRR
      labels: {com.example.owner: ops}
      update_config:
        parallelism: 2
        delay: 10s
        failure_action: rollback
        monitor: 30s
        max_failure_ratio: 0.25
        order: start-first
      rollback_config:
        order: stop-first
      restart_policy:
        condition: on-failure
        delay: 5s
        max_attempts: 3
        window: 2m
      placement:
        constraints: [node.role==worker, node.labels.zone==a]
        max_replicas_per_node: 2
`;
  const [web] = composeToSpecs(text, 'stack.yml', 'shop');

  it('names and labels the service for the stack', () => {
    expect(web.Name).toBe('shop_web');
    expect(web.Labels).toEqual({
      'com.example.owner': 'ops',
      'com.docker.stack.namespace': 'shop',
      'com.docker.stack.image': 'nginx:1.25',
    });
    expect(web.Mode).toEqual({ Replicated: { Replicas: 4 } });
    expect(web.EndpointSpec).toEqual({
      Mode: 'dnsrr',
      Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }],
    });
  });

  it('builds the container spec: labels, command, environment (sorted), init, grace period, healthcheck', () => {
    expect(web.TaskTemplate.ContainerSpec).toEqual({
      Image: 'nginx:1.25',
      Labels: { team: 'web', tier: '', 'com.docker.stack.namespace': 'shop' },
      Command: ['/docker-entrypoint.sh'],
      Args: ['nginx', '-g', 'daemon off;'],
      Env: ['A=1', 'B=2', 'UNSET'],
      Init: true,
      StopGracePeriod: 90 * S,
      Healthcheck: {
        Test: ['CMD-SHELL', 'curl -f http://localhost/'],
        Interval: 10 * S,
        Timeout: 2 * S,
        Retries: 3,
        StartPeriod: 5 * S,
        StartInterval: 1 * S,
      },
    });
  });

  it('converts update_config in full, and an update block without parallelism to parallelism 1', () => {
    expect(web.UpdateConfig).toEqual({
      Parallelism: 2,
      Delay: 10 * S,
      FailureAction: 'rollback',
      Monitor: 30 * S,
      MaxFailureRatio: 0.25,
      Order: 'start-first',
    });
    expect(web.RollbackConfig).toEqual({ Parallelism: 1, MaxFailureRatio: 0, Order: 'stop-first' });
  });

  it('converts restart_policy and placement', () => {
    expect(web.TaskTemplate.RestartPolicy).toEqual({
      Condition: 'on-failure',
      Delay: 5 * S,
      MaxAttempts: 3,
      Window: 120 * S,
    });
    expect(web.TaskTemplate.Placement).toEqual({
      Constraints: ['node.role==worker', 'node.labels.zone==a'],
      MaxReplicas: 2,
    });
    expect(web.TaskTemplate.ForceUpdate).toBe(0);
  });
});

describe('composeToSpecs: defaults and variants', () => {
  it('leaves what is not written to the daemon: one replica, no update/rollback config, no restart policy', () => {
    const [api] = composeToSpecs('services:\n  api:\n    image: api:1\n', 'stack.yml', 'st');
    expect(api).toEqual({
      Name: 'st_api',
      Labels: { 'com.docker.stack.namespace': 'st', 'com.docker.stack.image': 'api:1' },
      TaskTemplate: {
        ContainerSpec: { Image: 'api:1', Labels: { 'com.docker.stack.namespace': 'st' } },
        Placement: {},
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: {},
    });
  });

  it('keeps a zero delay and monitor out of the update config (the daemon then applies 0 and 5s)', () => {
    const [a] = composeToSpecs(
      'services:\n  a:\n    image: a\n    deploy:\n      update_config: {delay: 0s, monitor: 0s}\n',
      'f',
      's',
    );
    expect(a.UpdateConfig).toEqual({ Parallelism: 1, MaxFailureRatio: 0 });
  });

  it('accepts parallelism 0 (all at once) and an empty update block', () => {
    const [a, b] = composeToSpecs(
      'services:\n  a:\n    image: a\n    deploy:\n      update_config: {parallelism: 0}\n  b:\n    image: b\n    ' +
        'deploy:\n      update_config:\n',
      'f',
      's',
    );
    expect(a.UpdateConfig).toEqual({ Parallelism: 0, MaxFailureRatio: 0 });
    expect(b.UpdateConfig).toEqual({ Parallelism: 1, MaxFailureRatio: 0 });
  });

  it('makes a global service, sorted by name with the others', () => {
    const specs = composeToSpecs(
      'services:\n  zeta:\n    image: z\n  agent:\n    image: a\n    deploy: {mode: global}\n',
      'f',
      's',
    );
    expect(specs.map((s) => [s.Name, s.Mode])).toEqual([
      ['s_agent', { Global: {} }],
      ['s_zeta', { Replicated: { Replicas: 1 } }],
    ]);
  });

  it('turns a list healthcheck test into itself and `disable: true` into NONE', () => {
    const specs = composeToSpecs(
      'services:\n  a:\n    image: a\n    healthcheck:\n      test: ["CMD", "true"]\n  b:\n    image: b\n    ' +
        'healthcheck: {disable: true}\n',
      'f',
      's',
    );
    expect(specs.map((s) => s.TaskTemplate.ContainerSpec.Healthcheck)).toEqual([
      { Test: ['CMD', 'true'] },
      { Test: ['NONE'] },
    ]);
  });

  it('falls back to the service-level restart: when deploy.restart_policy is absent', () => {
    const restart = (value: string) =>
      composeToSpecs(`services:\n  a:\n    image: a\n    restart: ${value}\n`, 'f', 's')[0].TaskTemplate.RestartPolicy;
    expect(restart('always')).toEqual({ Condition: 'any' });
    expect(restart('unless-stopped')).toEqual({ Condition: 'any' });
    expect(restart('on-failure:4')).toEqual({ Condition: 'on-failure', MaxAttempts: 4 });
    expect(restart('"no"')).toBeUndefined();
  });

  it('expands <<: merge keys, the keys written in the service winning', () => {
    const text =
      'x-base: &base\n  image: base:1\n  environment: {A: "1"}\nservices:\n  a:\n    <<: *base\n    image: a:2\n';
    const [a] = composeToSpecs(text, 'f', 's');
    expect([a.TaskTemplate.ContainerSpec.Image, a.TaskTemplate.ContainerSpec.Env]).toEqual(['a:2', ['A=1']]);
  });

  it('reads environment and labels given as lists', () => {
    const [a] = composeToSpecs(
      'services:\n  a:\n    image: a\n    environment: [Z=1, A=x=y, B]\n    deploy:\n      labels: [k=v]\n',
      'f',
      's',
    );
    expect(a.TaskTemplate.ContainerSpec.Env).toEqual(['A=x=y', 'B', 'Z=1']);
    expect(a.Labels.k).toBe('v');
  });

  it('has no service in a file without services:', () => {
    expect(composeToSpecs('version: "3"\n', 'f', 's')).toEqual([]);
  });
});

describe('composeToSpecs: errors name the file, the line and the key', () => {
  it.each([
    [
      'a misspelt service key',
      'services:\n  web:\n    imgae: nginx\n',
      'stack.yml:3: services.web.imgae: unknown key; did you mean "image"?',
    ],
    [
      'a misspelt top-level key',
      'servics:\n  web:\n    image: x\n',
      'stack.yml:1: servics: unknown key; did you mean "services"?',
    ],
    [
      'a service without an image',
      'services:\n  web:\n    deploy: {replicas: 2}\n',
      'stack.yml:3: services.web: a service needs an image (docker stack deploy does not build images)',
    ],
    [
      'replicas that are not a number',
      'services:\n  web:\n    image: x\n    deploy:\n      replicas: two\n',
      'stack.yml:5: services.web.deploy.replicas: expected a replica count (0 or more), got "two"',
    ],
    [
      'replicas on a global service',
      'services:\n  web:\n    image: x\n    deploy:\n      mode: global\n      replicas: 2\n',
      'stack.yml:6: services.web.deploy.replicas: replicas can only be used with replicated or replicated-job mode',
    ],
    [
      'an unknown mode',
      'services:\n  web:\n    image: x\n    deploy:\n      mode: sometimes\n',
      'stack.yml:5: services.web.deploy.mode: unknown mode: sometimes',
    ],
    [
      'a bad update order',
      'services:\n  web:\n    image: x\n    deploy:\n      update_config:\n        order: sideways\n',
      'stack.yml:6: services.web.deploy.update_config.order: expected one of start-first, stop-first, got "sideways"',
    ],
    [
      'a duration without a unit',
      'services:\n  web:\n    image: x\n    deploy:\n      update_config:\n        delay: 10\n',
      'stack.yml:6: services.web.deploy.update_config.delay: expected a Go duration such as 500ms, 1.5s or 2m, got ' +
        '10 (a Go duration needs a unit)',
    ],
    [
      'a misspelt update key',
      'services:\n  web:\n    image: x\n    deploy:\n      update_config:\n        paralelism: 2\n',
      'stack.yml:6: services.web.deploy.update_config.paralelism: unknown key; did you mean "parallelism"?',
    ],
    [
      'test and disable together',
      'services:\n  web:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n      disable: true\n',
      "stack.yml:4: services.web.healthcheck: test and disable can't be set at the same time",
    ],
    [
      'an unknown restart policy',
      'services:\n  web:\n    image: x\n    restart: sometimes\n',
      "stack.yml:4: services.web.restart: invalid restart policy: unknown policy 'sometimes' (must be one of 'no', " +
        "'always', 'on-failure', or 'unless-stopped')",
    ],
    [
      'a bad service name',
      'services:\n  "my web":\n    image: x\n',
      'stack.yml:2: services.my web: a service name may only hold letters, digits, ".", "_" and "-"',
    ],
    [
      'a YAML syntax error',
      'services:\n  web:\n    image: [x\n',
      'stack.yml:4: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('shifts lines by lineOffset (a file embedded in a scenario)', () => {
    try {
      composeToSpecs('services:\n  web:\n    imgae: x\n', 'scenario.yaml', 's', { lineOffset: 10 });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('scenario.yaml:13: services.web.imgae: unknown key; did you mean "image"?');
    }
  });
});

describe('composeToSpecs: files docker/cli refuses before converting', () => {
  it.each([
    ['', 'stack.yml:1: Top-level object must be a mapping'],
    ['# only a comment\n', 'stack.yml:1: Top-level object must be a mapping'],
    ['- web\n', 'stack.yml:1: Top-level object must be a mapping'],
    ['services:\n', 'stack.yml:1: services must be a mapping'],
    ['version: "3.8"\nservices: null\n', 'stack.yml:2: services must be a mapping'],
    ['services: [web]\n', 'stack.yml:1: services must be a mapping'],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('accepts a file with no services key or an empty services mapping (nothing to deploy)', () => {
    expect(composeToSpecs('version: "3.8"\n', 'stack.yml', 'shop')).toEqual([]);
    expect(composeToSpecs('services: {}\n', 'stack.yml', 'shop')).toEqual([]);
  });
});

describe(`composeToSpecs: \${VAR} interpolation from the given environment`, () => {
  const compose = (text: string, env: Record<string, string>) => composeToSpecs(text, 'stack.yml', 'shop', { env })[0];

  it(`substitutes $VAR, \${VAR}, the defaults and $$ in values, not in keys`, () => {
    const text = `
services:
  web:
    image: nginx:\${TAG:-1.25}
    environment:
      PLAIN: $HOME_DIR/x
      SOFT: \${EMPTY:-soft}
      HARD: \${EMPTY-hard}
      UNSET_HARD: \${NOPE-hard}
      MISSING: "[\${NOPE}]"
      DOLLAR: cost $$5
      $$KEY: kept
    deploy:
      replicas: \${REPLICAS:-2}
      update_config:
        max_failure_ratio: \${RATIO}
`;
    const spec = compose(text, { HOME_DIR: '/home/me', EMPTY: '', RATIO: '0.25' });
    expect(spec.TaskTemplate.ContainerSpec.Image).toBe('nginx:1.25');
    expect(spec.TaskTemplate.ContainerSpec.Env).toEqual([
      '$$KEY=kept',
      'DOLLAR=cost $5',
      'HARD=',
      'MISSING=[]',
      'PLAIN=/home/me/x',
      'SOFT=soft',
      'UNSET_HARD=hard',
    ]);
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(spec.UpdateConfig?.MaxFailureRatio).toBe(0.25);
    expect(compose(text, { TAG: '1.27', REPLICAS: '5', RATIO: '1' }).TaskTemplate.ContainerSpec.Image).toBe(
      'nginx:1.27',
    );
    expect(compose(text, { TAG: '1.27', REPLICAS: '5', RATIO: '1' }).Mode).toEqual({ Replicated: { Replicas: 5 } });
  });

  it('uses a nested default and leaves an image from the environment a string', () => {
    const text = `services:\n  web:\n    image: \${IMAGE:-nginx:\${TAG:-1}}\n`;
    expect(compose(text, { TAG: '2' }).TaskTemplate.ContainerSpec.Image).toBe('nginx:2');
    expect(
      composeToSpecs(`services:\n  web:\n    image: \${IMAGE}\n`, 'stack.yml', 'shop', { env: { IMAGE: 'web' } })[0]
        .TaskTemplate.ContainerSpec.Image,
    ).toBe('web');
  });

  it.each([
    [
      `image: \${TAG:?set TAG first}`,
      {},
      'stack.yml:3: invalid interpolation format for services.web.image: "required variable TAG is missing a value: ' +
        'set TAG first". You may need to escape any $ with another $.',
    ],
    [
      `image: \${TAG:?}`,
      { TAG: '' },
      'stack.yml:3: invalid interpolation format for services.web.image: "required variable TAG is missing a value: ' +
        '". You may need to escape any $ with another $.',
    ],
    [
      'image: nginx\n    command: [echo, "5$"]',
      {},
      'stack.yml:4: invalid interpolation format for services.web.command.[]: "5$". You may need to escape any $ ' +
        'with another $.',
    ],
    [
      `image: \${9TAG}`,
      {},
      `stack.yml:3: invalid interpolation format for services.web.image: "\${9TAG}". You may need to escape any $ ` +
        'with another $.',
    ],
  ])('%s is refused', (line, env, message) => {
    try {
      composeToSpecs(`services:\n  web:\n    ${line}\n`, 'stack.yml', 'shop', { env });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe(message);
    }
  });

  it(`accepts \${TAG?} when TAG is set, even empty, and reads nothing without an environment`, () => {
    expect(compose(`services:\n  web:\n    image: nginx\${TAG?}\n`, { TAG: '' }).TaskTemplate.ContainerSpec.Image).toBe(
      'nginx',
    );
    expect(
      composeToSpecs(`services:\n  web:\n    image: nginx:\${TAG:-1.25}\n`, 'stack.yml', 'shop')[0].TaskTemplate
        .ContainerSpec.Image,
    ).toBe('nginx:1.25');
  });
});

describe('composeToSpecs: ports, short and long syntax (docker/cli convertEndpointSpec)', () => {
  it('converts each port as the daemon stores it, sorted by published port', () => {
    const [spec] = composeToSpecs(
      `
services:
  web:
    image: nginx:1.25
    ports:
      - "8080:80"
      - 443
      - "53:53/udp"
      - target: 80
        published: 18080
        mode: host
      - {target: 9000, published: "9001", protocol: udp}
      - "7000-7001:70-71"
`,
      'stack.yml',
      'shop',
    );
    expect(spec.EndpointSpec).toEqual({
      Ports: [
        { Protocol: 'tcp', TargetPort: 443, PublishMode: 'ingress' },
        { Protocol: 'udp', TargetPort: 53, PublishedPort: 53, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 70, PublishedPort: 7000, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 71, PublishedPort: 7001, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
        { Protocol: 'udp', TargetPort: 9000, PublishedPort: 9001, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 18080, PublishMode: 'host' },
      ],
    });
  });

  it('refuses a bad port with its line', () => {
    expect(errorOf('services:\n  web:\n    image: nginx\n    ports: ["80/icmp"]\n')).toBe(
      'stack.yml:4: services.web.ports[0]: invalid proto: icmp',
    );
    expect(errorOf('services:\n  web:\n    image: nginx\n    ports:\n      - {published: 80}\n')).toBe(
      'stack.yml:5: services.web.ports[0]: a port mapping needs a target (the container port)',
    );
    expect(errorOf('services:\n  web:\n    image: nginx\n    ports:\n      - {target: 80, mode: bridge}\n')).toBe(
      'stack.yml:5: services.web.ports[0].mode: expected one of host, ingress, got bridge',
    );
  });
});
