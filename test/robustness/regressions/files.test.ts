// Counter-examples the scenario and compose fuzzers found, kept with their exact error messages.
import { describe, expect, it } from 'vitest';
import { composeToSpecs } from '../../../src/compose/compose.js';
import { loadScenario } from '../../../src/scenario/load.js';

function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('scenario and compose fuzzer regressions', () => {
  it("names a duplicated key whose first occurrence has an empty value, at the duplicate's line", () => {
    // It said `f.yaml:2: : duplicate key` (no key, the first occurrence's line).
    expect(
      errorOf(() => loadScenario('seed: 1\ncluster:\ncluster:\n  nodes: 3\nsteps: [docker service ls]\n', 'f.yaml')),
    ).toBe('f.yaml:3: cluster: duplicate key');
    expect(errorOf(() => loadScenario('seed: 1\nseed: 2\nsteps: [x]\n', 'f.yaml'))).toBe(
      'f.yaml:2: seed: duplicate key',
    );
    expect(errorOf(() => loadScenario('a:\n  :\n  :\nsteps: [x]\n', 'f.yaml'))).toBe(
      'f.yaml:3: an empty key (nothing before ":") appears twice',
    );
  });

  it('rejects an empty or null key instead of reading it as "null"', () => {
    expect(errorOf(() => loadScenario('name: x\n: y\nsteps: [docker service ls]\n', 'f.yaml'))).toBe(
      'f.yaml:2: keys must be plain strings',
    );
    expect(errorOf(() => loadScenario('~: 1\nsteps: [docker service ls]\n', 'f.yaml'))).toBe(
      'f.yaml:1: keys must be plain strings',
    );
  });

  it('shows a wrong value as written (`.nan`, `1e400`), not as JavaScript prints it (NaN, Infinity)', () => {
    const compose = (value: string) => `services:\n  web:\n    image: app:v1\n    deploy:\n      replicas: ${value}\n`;
    expect(errorOf(() => composeToSpecs(compose('.nan'), 'c.yml', 's'))).toBe(
      'c.yml:5: services.web.deploy.replicas: expected a replica count (0 or more), got .nan',
    );
    expect(errorOf(() => composeToSpecs(compose('1e400'), 'c.yml', 's'))).toBe(
      'c.yml:5: services.web.deploy.replicas: expected a replica count (0 or more), got 1e400',
    );
    expect(errorOf(() => loadScenario('seed: .inf\nsteps: [x]\n', 'f.yaml'))).toBe(
      'f.yaml:1: seed: expected an integer seed, got .inf',
    );
  });

  it('rejects a mapping that merges (<<) itself instead of recursing until the stack overflows', () => {
    const text =
      'services:\n  web:\n    image: app:v1\n    deploy:\n      update_config: &u\n        <<: *u\n        delay: 1s\n';
    expect(errorOf(() => composeToSpecs(text, 'c.yml', 's'))).toBe(
      'c.yml:6: services.web.deploy.update_config: a mapping cannot merge (<<) itself',
    );
    const cycle =
      'services:\n  web:\n    image: app:v1\n    deploy: &d\n      update_config: &u\n        <<: *d\n      <<: *u\n';
    expect(errorOf(() => composeToSpecs(cycle, 'c.yml', 's'))).toBe(
      'c.yml:6: services.web.deploy: a mapping cannot merge (<<) itself',
    );
  });
});

describe('a wait on a service that does not exist', () => {
  it('says so and the run goes on (found by scenario fuzzing)', async () => {
    const { loadScenario } = await import('../../../src/scenario/load.js');
    const { runScenario } = await import('../../../src/scenario/run.js');
    const scenario = loadScenario(
      'name: w\ndescription: d\nseed: 1\nsteps:\n  - {wait: converged, service: junk}\n  - docker service ls\n',
      'w.yaml',
    );
    const result = runScenario(scenario);
    expect(result.outputs.map((o) => [o.stderr, o.exitCode])).toEqual([
      ['no such service: junk\n', 1],
      ['', 0],
    ]);
  });
});
