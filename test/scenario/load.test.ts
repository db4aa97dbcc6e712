// Scenario files: what loads, the defaults filled in, and every error naming file, line and key.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, DEFAULT_TASK_HISTORY_LIMIT, DEFAULT_TIMING } from '../../src/defaults.js';
import { InputError } from '../../src/errors.js';
import { loadScenario } from '../../src/scenario/load.js';

const FILE = 'scenarios/x.yaml';

/** The message of the InputError loading `text` throws (the test fails if it loads). */
function errorOf(text: string, opts?: Parameters<typeof loadScenario>[2]): string {
  try {
    loadScenario(text, FILE, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('loadScenario: a full scenario', () => {
  const text = [
    'name: rollback-on-failure', //                                        1
    'description: Swarm rolls back.', //                                    2
    'seed: 7', //                                                           3
    'cluster:', //                                                          4
    '  nodes:', //                                                          5
    '    - {name: m1, role: manager}', //                                   6
    '    - {name: w1, availability: drain, labels: {zone: a, tier: 2}}', // 7
    '  timing: {start: 400ms, stop_latency: {min: 1s, max: 1.5s}, heartbeat_timeout: 0, heartbeat_period: 2s}', // 8
    '  task_history_limit: 3', //                                          9
    'images:', //                                                          10
    '  nginx:bad: {exit: 1, after: 2s}', //                                11
    '  nginx:unhealthy: {healthcheck: {interval: 1s, retries: 2, healthy_after: never}}', // 12
    '  nginx:slow: {start: 20s}', //                                       13
    '  nginx:1.25: {ignores_sigterm: true}', //                            14
    '  nginx:missing: {pull: fail}', //                                    15
    '  app:v2: {logs: ["listening on :80"], exit: 3, fail_fraction: 0.25}', // 16
    'steps:', //                                                           17
    '  - docker service create --name my_service --replicas 4 nginx:1.25', // 18
    '  - wait: converged', //                                              19
    '  - {wait: converged, service: my_service}', //                        20
    '  - wait: 30s', //                                                    21
    '  - wait: settled', //                                                22
    '  - |', //                                                            23
    '    docker service update \\', //                                     24
    '      --image nginx:bad my_service', //                               25
    'expect:', //                                                          26
    '  service: my_service', //                                            27
    '  update_status: rollback_completed', //                              28
    '  update_message: rollback completed', //                             29
    '  running_images: {nginx:1.25: 4}', //                                30
    '  previous_spec: none', //                                            31
  ].join('\n');
  const scenario = loadScenario(text, FILE);

  it('reads the header', () => {
    expect([scenario.name, scenario.description, scenario.seed, scenario.file]).toEqual([
      'rollback-on-failure',
      'Swarm rolls back.',
      7,
      FILE,
    ]);
  });

  it('reads nodes, defaulting roles (first manager) and availability', () => {
    expect(scenario.cluster.nodes).toEqual([
      { name: 'm1', role: 'manager', availability: 'active' },
      { name: 'w1', role: 'worker', availability: 'drain', labels: { zone: 'a', tier: '2' } },
    ]);
  });

  it('reads timing overrides over the defaults, in ms, with ranges', () => {
    expect(scenario.cluster.timing).toEqual({
      ...DEFAULT_TIMING,
      startMs: 400,
      stopLatencyMs: { minMs: 1000, maxMs: 1500 },
      heartbeatTimeoutMs: 0,
      heartbeatPeriodMs: 2000,
    });
    expect(scenario.cluster.taskHistoryLimit).toBe(3);
  });

  it('reads image behaviours', () => {
    expect(scenario.cluster.images).toEqual({
      'nginx:bad': { exitCode: 1, exitAfterMs: 2000 },
      'nginx:unhealthy': { healthcheck: { intervalMs: 1000, retries: 2, healthyAfterMs: 'never' } },
      'nginx:slow': { startMs: 20000 },
      'nginx:1.25': { ignoresSigterm: true },
      'nginx:missing': { pull: 'fail' },
      'app:v2': { logs: ['listening on :80'], exitCode: 3, failFraction: 0.25 },
    });
  });

  it('reads steps with their lines; a backslash-continued command stays one step', () => {
    expect(scenario.steps).toEqual([
      {
        kind: 'command',
        text: 'docker service create --name my_service --replicas 4 nginx:1.25',
        at: { file: FILE, line: 18 },
      },
      { kind: 'wait', until: 'converged', at: { file: FILE, line: 19 } },
      { kind: 'wait', until: 'converged', service: 'my_service', at: { file: FILE, line: 20 } },
      { kind: 'wait', until: 'duration', durationMs: 30000, at: { file: FILE, line: 21 } },
      { kind: 'wait', until: 'settled', at: { file: FILE, line: 22 } },
      {
        kind: 'command',
        text: 'docker service update \\\n  --image nginx:bad my_service',
        at: { file: FILE, line: 23 },
      },
    ]);
  });

  it('reads expectations', () => {
    expect(scenario.expect).toEqual({
      service: 'my_service',
      update_status: 'rollback_completed',
      update_message: 'rollback completed',
      running_images: { 'nginx:1.25': 4 },
      previous_spec: 'none',
    });
  });
});

describe('loadScenario: defaults', () => {
  const scenario = loadScenario('steps:\n  - docker service ls\n', 'scenarios/drills/my-drill.yml');

  it('names the scenario after its file and uses the default seed, one manager node and timing', () => {
    expect(scenario.name).toBe('my-drill');
    expect(scenario.description).toBe('');
    expect(scenario.seed).toBe(DEFAULT_SEED);
    expect(scenario.cluster).toEqual({
      nodes: [{ name: 'node-1', role: 'manager', availability: 'active' }],
      timing: DEFAULT_TIMING,
      images: {},
      taskHistoryLimit: DEFAULT_TASK_HISTORY_LIMIT,
    });
    expect(scenario.files).toEqual({});
    expect(scenario.expect).toBeUndefined();
  });

  it('makes `nodes: 3` three default nodes', () => {
    const nodes = loadScenario('cluster: {nodes: 3}\nsteps: [docker service ls]\n', FILE).cluster.nodes;
    expect(nodes.map((n) => `${n.name}/${n.role}`)).toEqual(['node-1/manager', 'node-2/worker', 'node-3/worker']);
  });

  it('reads `update_status: none` as none, fills healthcheck defaults (30s, 3 retries, healthy at once)', () => {
    const scenario = loadScenario(
      'images: {a: {healthcheck: {}}}\nsteps: [docker service ls]\nexpect: {update_status: none}\n',
      FILE,
    );
    expect(scenario.expect).toEqual({ update_status: null });
    expect(scenario.cluster.images.a).toEqual({ healthcheck: { intervalMs: 30000, retries: 3, healthyAfterMs: 0 } });
  });
});

describe('loadScenario: inline compose files and compose references', () => {
  const stack = 'services:\n  web:\n    image: nginx\n';

  it('keeps inline files by name', () => {
    const scenario = loadScenario(
      `files:\n  stack.yml: |\n${indent(stack, 4)}steps: [docker stack deploy -c stack.yml s]\n`,
      FILE,
    );
    expect(scenario.files).toEqual({ 'stack.yml': stack });
  });

  it('reads `compose:` paths through the given reader, keyed by the path as written', () => {
    const asked: string[] = [];
    const scenario = loadScenario('compose: [a.yml, b/c.yml]\nsteps: [docker service ls]\n', FILE, {
      readFile: (path) => {
        asked.push(path);
        return { text: stack, file: `scenarios/${path}` };
      },
    });
    expect(asked).toEqual(['a.yml', 'b/c.yml']);
    expect(scenario.files).toEqual({ 'a.yml': stack, 'b/c.yml': stack });
  });

  it('reports an unreadable compose file at the compose: line', () => {
    expect(
      errorOf('steps: [docker service ls]\ncompose: gone.yml\n', {
        readFile: () => {
          throw new Error('no such file');
        },
      }),
    ).toBe('scenarios/x.yaml:2: compose: cannot read "gone.yml": no such file');
  });

  it('reports an error inside a referenced compose file at its own file and line', () => {
    const bad = 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: many\n';
    expect(
      errorOf('compose: stack.yml\nsteps: [docker service ls]\n', {
        readFile: () => ({ text: bad, file: 'scenarios/stack.yml' }),
      }),
    ).toBe('scenarios/stack.yml:5: services.web.deploy.replicas: expected a replica count (0 or more), got "many"');
  });
});

describe('loadScenario: errors name the file, the line and the key', () => {
  it.each([
    [
      'a bad exit code',
      'steps: [docker service ls]\nimages:\n  nginx:bad: {exit: x}\n',
      'scenarios/x.yaml:3: images.nginx:bad.exit: expected an integer exit code, got "x"',
    ],
    [
      'an exit code above 255',
      'steps: [docker service ls]\nimages:\n  nginx:bad:\n    exit: 300\n',
      'scenarios/x.yaml:4: images.nginx:bad.exit: an exit code is 0 to 255, got 300',
    ],
    [
      'after without exit',
      'steps: [docker service ls]\nimages:\n  nginx:bad:\n    after: 2s\n',
      'scenarios/x.yaml:4: images.nginx:bad.after: after needs an exit code (exit: N) to say how the container ends',
    ],
    [
      'an unknown word in one_of',
      'steps: [docker service ls]\nimages:\n  app:v2: {one_of: [healthy, sick]}\n',
      'scenarios/x.yaml:3: images.app:v2.one_of[1]: expected one of healthy, crash, unhealthy, slow, flaky, got "sick"',
    ],
    [
      'an empty one_of',
      'steps: [docker service ls]\nimages:\n  app:v2: {one_of: []}\n',
      'scenarios/x.yaml:3: images.app:v2.one_of: expected at least one behaviour (healthy, crash, unhealthy, slow, ' +
        'flaky, or a mapping)',
    ],
    [
      'one_of that is not a list',
      'steps: [docker service ls]\nimages:\n  app:v2: {one_of: healthy}\n',
      'scenarios/x.yaml:3: images.app:v2.one_of: expected a list of behaviours (healthy, crash, unhealthy, slow, ' +
        'flaky, or a mapping), got "healthy"',
    ],
    [
      'a behaviour key beside one_of',
      'steps: [docker service ls]\nimages:\n  app:v2: {exit: 1, one_of: [healthy]}\n',
      'scenarios/x.yaml:3: images.app:v2.exit: cannot be set beside one_of: write it into each behaviour of the list',
    ],
    [
      'a nested one_of',
      'steps: [docker service ls]\nimages:\n  app:v2:\n    one_of:\n      - {one_of: [healthy]}\n',
      'scenarios/x.yaml:5: images.app:v2.one_of[0].one_of: one_of cannot be nested: list every behaviour in the ' +
        'outer one_of',
    ],
    [
      'a one_of entry that is a number',
      'steps: [docker service ls]\nimages:\n  app:v2:\n    one_of:\n      - 3\n',
      'scenarios/x.yaml:5: images.app:v2.one_of[0]: expected healthy, crash, unhealthy, slow, flaky or a mapping ' +
        '({exit, after, fail_fraction, healthcheck, start, ignores_sigterm, pull, logs}), got 3',
    ],
    [
      'a one_of behaviour with after but no exit',
      'steps: [docker service ls]\nimages:\n  app:v2:\n    one_of:\n      - {after: 2s}\n',
      'scenarios/x.yaml:5: images.app:v2.one_of[0].after: after needs an exit code (exit: N) to say how the ' +
        'container ends',
    ],
    [
      'an unknown top-level key, with the nearest one suggested',
      'steps: [docker service ls]\nexpects:\n  update_status: paused\n',
      'scenarios/x.yaml:2: expects: unknown key; did you mean "expect"?',
    ],
    [
      'an unknown cluster key',
      'steps: [docker service ls]\ncluster:\n  timming: {start: 1s}\n',
      'scenarios/x.yaml:3: cluster.timming: unknown key; did you mean "timing"?',
    ],
    [
      'an unknown timing key',
      'steps: [docker service ls]\ncluster:\n  timing:\n    stop_latncy: 1s\n',
      'scenarios/x.yaml:4: cluster.timing.stop_latncy: unknown key; did you mean "stop_latency"?',
    ],
    [
      'an unknown key far from any valid one',
      'steps: [docker service ls]\nimages:\n  a: {zzzzzzzz: 1}\n',
      'scenarios/x.yaml:3: images.a.zzzzzzzz: unknown key; expected one of exit, after, fail_fraction, healthcheck, ' +
        'start, ignores_sigterm, pull, logs, one_of',
    ],
    [
      'a fail fraction above 1',
      'steps: [docker service ls]\nimages:\n  a:\n    exit: 1\n    fail_fraction: 1.5\n',
      'scenarios/x.yaml:5: images.a.fail_fraction: expected a fraction of the containers (0 to 1), got 1.5',
    ],
    [
      'a fail fraction without exit',
      'steps: [docker service ls]\nimages:\n  a:\n    fail_fraction: 0.5\n',
      'scenarios/x.yaml:4: images.a.fail_fraction: fail_fraction needs an exit code (exit: N) to say how the ' +
        'container ends',
    ],
    [
      'a duration without a unit',
      'steps: [docker service ls]\ncluster:\n  timing: {start: 400}\n',
      'scenarios/x.yaml:3: cluster.timing.start: expected a Go duration such as 500ms, 1.5s or 2m, got 400 (a Go ' +
        'duration needs a unit)',
    ],
    [
      'a bad duration',
      'steps: [docker service ls]\ncluster:\n  timing:\n    start: soon\n',
      'scenarios/x.yaml:4: cluster.timing.start: expected a Go duration such as 500ms, 1.5s or 2m, got "soon"',
    ],
    [
      'a negative duration',
      'steps: [docker service ls]\ncluster:\n  timing:\n    start: -1s\n',
      'scenarios/x.yaml:4: cluster.timing.start: a duration cannot be negative, got "-1s"',
    ],
    [
      'a range with max below min',
      'steps: [docker service ls]\ncluster:\n  timing:\n    start: {min: 2s,\n            max: 1s}\n',
      'scenarios/x.yaml:5: cluster.timing.start.max: max must not be below min',
    ],
    [
      'healthy_after that is neither a duration nor never',
      'steps: [docker service ls]\nimages:\n  a:\n    healthcheck:\n      healthy_after: later\n',
      'scenarios/x.yaml:5: images.a.healthcheck.healthy_after: expected a Go duration such as 500ms, 1.5s or 2m (or ' +
        'never), got "later"',
    ],
    [
      'a bad pull value',
      'steps: [docker service ls]\nimages:\n  a: {pull: failed}\n',
      'scenarios/x.yaml:3: images.a.pull: expected one of ok, fail, got "failed" (did you mean "fail"?)',
    ],
    [
      'ignores_sigterm that is not a boolean',
      'steps: [docker service ls]\nimages:\n  a: {ignores_sigterm: yes}\n',
      'scenarios/x.yaml:3: images.a.ignores_sigterm: expected true or false, got "yes"',
    ],
    [
      'zero nodes',
      'steps: [docker service ls]\ncluster:\n  nodes: 0\n',
      'scenarios/x.yaml:3: cluster.nodes: expected a node count (1 or more) or a list of nodes, got 0',
    ],
    [
      'two nodes with one name',
      'steps: [docker service ls]\ncluster:\n  nodes:\n    - {name: a}\n    - {name: a}\n',
      'scenarios/x.yaml:5: cluster.nodes[1].name: two nodes are named "a"',
    ],
    [
      'no manager',
      'steps: [docker service ls]\ncluster:\n  nodes:\n    - {name: a, role: worker}\n',
      'scenarios/x.yaml:4: cluster.nodes: a swarm needs at least one manager node',
    ],
    [
      'a bad availability',
      'steps: [docker service ls]\ncluster:\n  nodes:\n    - {name: a, availability: drained}\n',
      'scenarios/x.yaml:4: cluster.nodes[0].availability: expected one of active, pause, drain, got "drained" (did ' +
        'you mean "drain"?)',
    ],
    [
      'a seed that is not an integer',
      'seed: 1.5\nsteps: [docker service ls]\n',
      'scenarios/x.yaml:1: seed: expected an integer seed, got 1.5',
    ],
    ['missing steps', 'name: x\n', 'scenarios/x.yaml:1: steps: missing: a scenario needs a list of steps'],
    ['empty steps', 'name: x\nsteps: []\n', 'scenarios/x.yaml:2: steps: a scenario needs at least one step'],
    [
      'a bad wait',
      'steps:\n  - docker service ls\n  - wait: soon\n',
      'scenarios/x.yaml:3: steps[1].wait: expected converged, settled or a Go duration such as 30s, got "soon"',
    ],
    [
      'a service on a settled wait',
      'steps:\n  - {wait: settled, service: web}\n',
      'scenarios/x.yaml:2: steps[0].service: only applies to wait: converged',
    ],
    [
      'an unknown key in a wait step',
      'steps:\n  - {wait: converged, servce: web}\n',
      'scenarios/x.yaml:2: steps[0].servce: unknown key; did you mean "service"?',
    ],
    [
      'two commands in one step',
      'steps:\n  - |\n    docker service ls\n    docker node ls\n',
      'scenarios/x.yaml:2: steps[0]: one step holds one command: end a line with \\ to continue it, or start a new ' +
        'step',
    ],
    [
      'a step that is a number',
      'steps:\n  - 42\n',
      'scenarios/x.yaml:2: steps[0]: expected a command, or a wait: step, got 42',
    ],
    [
      'a bad expected status',
      'steps: [docker service ls]\nexpect:\n  update_status: rollback_complete\n',
      'scenarios/x.yaml:3: expect.update_status: expected one of updating, paused, completed, rollback_started, ' +
        'rollback_paused, rollback_completed, none, got "rollback_complete" (did you mean "rollback_completed"?)',
    ],
    [
      'a negative expected count',
      'steps: [docker service ls]\nexpect:\n  running_images:\n    nginx: -1\n',
      'scenarios/x.yaml:4: expect.running_images.nginx: expected a number of running tasks (0 or more), got -1',
    ],
    ['a duplicate key', 'steps: [docker service ls]\nseed: 1\nseed: 2\n', 'scenarios/x.yaml:3: seed: duplicate key'],
    [
      'a YAML syntax error',
      'steps: [docker service ls\nseed: 1\n',
      'scenarios/x.yaml:2: invalid YAML: flow sequence in block collection must be sufficiently indented and end ' +
        'with a ]',
    ],
    [
      'a file that is not a mapping',
      '- docker service ls\n',
      'scenarios/x.yaml:1: expected a scenario (a mapping with steps:), got a list',
    ],
    ['an empty file', '# nothing\n', 'scenarios/x.yaml:1: the scenario file is empty (it needs at least steps:)'],
    [
      'compose: without a file reader',
      'compose: stack.yml\nsteps: [docker service ls]\n',
      'scenarios/x.yaml:1: compose: compose files on disk can only be read when the scenario is loaded from a file; ' +
        'inline it under files:',
    ],
  ])('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('reports an error inside an inline compose file at the scenario line of the bad key', () => {
    const text = [
      'files:', //                    1
      '  stack.yml: |', //            2
      '    services:', //             3
      '      web:', //                4
      '        image: nginx', //      5
      '        deploy:', //           6
      '          update_config:', //  7
      '            order: sideways', // 8
      'steps: [docker stack deploy -c stack.yml s]',
    ].join('\n');
    expect(errorOf(text)).toBe(
      'scenarios/x.yaml:8: services.web.deploy.update_config.order: expected one of start-first, stop-first, got ' +
        '"sideways"',
    );
  });

  it('throws an InputError whose `at` is the file and line', () => {
    try {
      loadScenario('steps: [docker service ls]\nseed: x\n', FILE);
      expect.unreachable();
    } catch (err) {
      expect((err as InputError).at).toEqual({ file: FILE, line: 2 });
    }
  });
});

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');
}

describe('scenarios/README.md', () => {
  it('has an example that loads', () => {
    const example = readFileSync('scenarios/README.md', 'utf8').split('```yaml\n')[1].split('```')[0];
    const scenario = loadScenario(example, 'README.md', {
      readFile: (path) => ({ text: 'services: {db: {image: pg}}\n', file: path }),
    });
    expect(Object.keys(scenario.files)).toEqual(['stack.yml', 'stack-on-disk.yml']);
    expect(scenario.steps).toHaveLength(7);
    expect(scenario.expect?.update_message).toBe('update rolled back due to failure or early termination of task *');
  });
});
