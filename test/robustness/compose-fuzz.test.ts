// Fuzzing compose files: mutations of real ones convert or fail with file:line, and `docker stack deploy` answers
// clearly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { composeToSpecs } from '../../src/compose/compose.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cluster, engine } from '../helpers/engine.js';
import { dockerResultProblem } from './clear-message.js';
import { inputErrorProblem, scenarioSources } from './file-checks.js';
import { mutatedFile } from './gen-yaml-mutation.js';

/** A compose file that uses every converted key (and a few accepted, ignored ones). */
const FULL = `version: "3.8"
services:
  web:
    image: app:v1
    command: nginx -g "daemon off;"
    entrypoint: ["/docker-entrypoint.sh"]
    environment:
      A: 1
      UNSET:
    labels: [team=web, tier]
    init: true
    stop_grace_period: 1m30s
    restart: on-failure:3
    ports: ["80:80"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
      interval: 10s
      timeout: 2s
      retries: 3
      start_period: 5s
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      labels: {com.example.owner: ops}
      update_config: &update
        parallelism: 2
        delay: 10s
        failure_action: rollback
        monitor: 30s
        max_failure_ratio: 0.25
        order: start-first
      rollback_config:
        <<: *update
        order: stop-first
      restart_policy:
        condition: on-failure
        delay: 5s
        max_attempts: 3
        window: 2m
      placement:
        constraints: [node.role==manager]
        max_replicas_per_node: 2
  agent:
    image: app:term1
    environment: [KEY=value, OTHER]
    healthcheck:
      disable: true
    deploy:
      mode: global
x-extra: {ignored: true}
networks: {default: {}}
`;

const SOURCES = [
  { file: 'full.yml', text: FULL },
  ...scenarioSources().flatMap(({ file, text }) => {
    if (!text.includes('files:')) return [];
    return Object.entries(loadScenario(text, file).files).map(([name, compose]) => ({ file: name, text: compose }));
  }),
];

describe('compose file fuzzing (fast-check; the seed is printed on failure)', () => {
  it('has seeds from scenarios/ besides its own', () => {
    expect(SOURCES.map((s) => s.file)).toEqual(['full.yml', 'stack-v1.yml', 'stack-v2.yml', 'v1.yml', 'v2.yml']);
    for (const source of SOURCES) expect(composeToSpecs(source.text, source.file, 'shop').length).toBeGreaterThan(0);
  });

  it('converts 10,000 mutated compose files or rejects each with an InputError naming file:line', () => {
    fc.assert(
      fc.property(mutatedFile(SOURCES), ({ file, text }) => {
        expect(inputErrorProblem(() => composeToSpecs(text, file, 'shop'), file, text, true)).toBeNull();
      }),
      { numRuns: 10_000 },
    );
  });

  // fast-check's counterexample in CI (seed -1103928838).
  it('a value that reads like a parameter (`{0}`) is echoed as typed, in both languages', () => {
    const file = 'full.yml';
    const text = FULL.replace('interval: 10s', 'interval: ({0}');
    expect(inputErrorProblem(() => composeToSpecs(text, file, 'shop'), file, text, true)).toBeNull();
    expect(() => composeToSpecs(text, file, 'shop')).toThrow(
      'full.yml:17: services.web.healthcheck.interval: expected a Go duration such as 500ms, 1.5s or 2m, got "({0}"',
    );
  });

  it('deploys mutated compose files with `docker stack deploy`: a clear answer, never an exception', () => {
    fc.assert(
      fc.property(mutatedFile(SOURCES), fc.boolean(), ({ file, text }, detach) => {
        const e = engine(1, cluster({ nodeCount: 2 }));
        const line = `docker stack deploy ${detach ? '' : '--detach=false '}-c ${file} shop`;
        const result = executeCommand(e, line, { tty: false, files: { [file]: text }, followLimitMs: 30_000 });
        expect(dockerResultProblem(line, result), `${result.stderr}\n--- file:\n${text}`).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
