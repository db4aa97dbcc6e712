// compare and conform: a run that gave a flag the simulator does not model is "not comparable", never "same".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/cli/conform-random.js';
import { compareTraces, formatComparison } from '../../src/real-swarm/compare.js';
import { unsimulatedComposeKeys, unsimulatedFlags } from '../../src/real-swarm/unsimulated.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runCommands } from '../../src/scenario/run.js';
import { runCli } from '../helpers/cli.js';

const traceOf = (create: string) =>
  runCommands([create, 'wait: converged', 'docker service update -d --image app:v2 web', 'wait: settled']).trace;

describe('flags the simulator accepts without modelling them', () => {
  it('are found in the create and update commands of a trace, as the flag table names them', () => {
    const trace = runCommands([
      'docker service create -d --name web --mount type=volume,target=/data --limit-memory 64m app:v1',
      'docker service update -d --network-add front web',
      'docker service update -d --publish-add 8080:80 web',
    ]).trace;
    expect(unsimulatedFlags(trace)).toEqual(['--limit-memory', '--mount', '--network-add']);
  });

  it('make the verdict "not comparable", even when both traces are the same run', () => {
    const trace = traceOf('docker service create -d --name web --replicas 2 --mount type=volume,target=/data app:v1');
    const comparison = compareTraces(trace, trace);
    expect(comparison.ok).toBe(false);
    expect(comparison.unsimulated).toEqual(['--mount']);
    expect(classify(comparison)).toBe('not comparable');
    expect(formatComparison(comparison).split('\n').slice(-2)).toEqual([
      'verdict: not comparable: --mount is not simulated',
      '',
    ]);
  });

  it('name every such flag', () => {
    const trace = traceOf('docker service create -d --name web --user 1000 --limit-cpu 0.5 app:v1');
    expect(formatComparison(compareTraces(trace, trace))).toContain(
      'verdict: not comparable: --user, --limit-cpu are not simulated\n',
    );
  });

  it('--publish is modelled: a run that publishes ports is comparable', () => {
    const trace = traceOf(
      'docker service create -d --name web --replicas 2 --publish mode=host,target=80,published=8080 app:v1',
    );
    const comparison = compareTraces(trace, trace);
    expect(comparison.unsimulated).toEqual([]);
    expect(classify(comparison)).toBe('same');
    expect(formatComparison(comparison)).toContain('verdict: same (');
  });

  it('swarmlab compare prints the verdict and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-comparable-'));
    const file = join(dir, 'trace.json');
    writeFileSync(file, JSON.stringify(traceOf('docker service create -d --name web --hostname box app:v1')));
    const result = runCli('compare', file, file);
    expect(result.code).toBe(1);
    expect(result.out.endsWith('\nverdict: not comparable: --hostname is not simulated\n')).toBe(true);
  });
});

describe('conform and run --backend swarm never run a scenario whose flags the simulator leaves out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'not-sent-'));
  const file = join(dir, 'mount.yaml');
  writeFileSync(
    file,
    [
      'name: mount',
      'steps:',
      '  - docker service create -d --name web --mount type=volume,target=/data app:v1',
      '  - wait: converged',
      '',
    ].join('\n'),
  );

  it('conform says "not comparable" without asking the swarm', () => {
    expect(runCli('conform', file, '--host', 'tcp://127.0.0.1:9')).toEqual({
      code: 1,
      out: 'verdict: not comparable: --mount is not simulated (not run on the swarm)\n',
      err: '',
    });
  });

  it('run --backend swarm refuses it (exit 2) instead of dropping the flag', () => {
    const result = runCli('run', file, '--backend', 'swarm', '--host', 'tcp://127.0.0.1:9');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      '--mount is not simulated and swarmlab does not send it to a swarm: the scenario is not run there (it would ' +
        'run something other than what is typed)\n',
    );
  });
});

describe('compose keys the stack converter accepts without modelling them', () => {
  const stackScenario = (service: string) =>
    loadScenario(
      [
        'name: stack-keys',
        'files:',
        '  app.yml: |',
        '    services:',
        ...service.split('\n').map((line) => `      ${line}`),
        'steps:',
        '  - docker stack deploy --compose-file app.yml shop',
        '',
      ].join('\n'),
      'stack-keys.yaml',
    );

  it('are named by their path; ports are modelled and not listed', () => {
    const scenario = stackScenario(
      'web:\n  image: web:1\n  ports: ["8080:80"]\n  volumes: [data:/data]\n  deploy: {resources: {limits: {memory: ' +
        '64M}}}',
    );
    expect(unsimulatedComposeKeys(scenario)).toEqual(['services.web.volumes', 'services.web.deploy.resources']);
    expect(unsimulatedComposeKeys(stackScenario('web:\n  image: web:1\n  ports: ["8080:80"]'))).toEqual([]);
  });

  it('make conform say "not comparable" without asking the swarm', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-keys-'));
    const file = join(dir, 'stack.yaml');
    writeFileSync(
      file,
      'name: stack-keys\nfiles:\n  app.yml: |\n    services:\n      web: {image: web:1, networks: [front]}\nsteps:\n ' +
        ' - docker stack deploy -c app.yml shop\n',
    );
    expect(runCli('conform', file, '--host', 'tcp://127.0.0.1:9')).toEqual({
      code: 1,
      out: 'verdict: not comparable: services.web.networks is not simulated (not run on the swarm)\n',
      err: '',
    });
  });
});
