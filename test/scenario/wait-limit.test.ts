// `wait DURATION` is capped at the sandbox's one-hour wait limit: a longer wait is refused up front, before the trace
// grows.
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { defaultClusterConfig } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runCommands, runScenario } from '../../src/scenario/run.js';
import { type MainIo, main } from '../helpers/main.js';

const OPTS = { tty: false, files: {}, followLimitMs: 3_600_000 };

/**
 * A one-node cluster with a 4-replica service whose tasks crash 1 s after starting: every virtual minute adds events.
 */
function crashLoop() {
  const engine = createSimulator({
    seed: 1,
    cluster: { ...defaultClusterConfig(), images: { 'app:bad': { exitCode: 1, exitAfterMs: 1_000 } } },
  });
  expect(executeCommand(engine, 'docker service create -d --name web --replicas 4 app:bad', OPTS).exitCode).toBe(0);
  return engine;
}

const scenario = (waitStep: string) => `name: long-wait
description: a crash loop waited on for too long
seed: 1
images:
  app:bad: {exit: 1, after: 1s}
steps:
  - docker service create -d --name web --replicas 4 app:bad
${waitStep}
`;

describe('swarmlab wait DURATION', () => {
  it('refuses a wait longer than one hour of virtual time, before any time passes', () => {
    const engine = crashLoop();
    engine.advanceTo(10_000);
    const events = engine.events().length;
    expect(executeCommand(engine, 'swarmlab wait 1000h', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab wait: 1000h is longer than the limit of 1h0m0s of virtual time\n',
      exitCode: 2,
    });
    expect(executeCommand(engine, 'swarmlab wait 60m0.001s', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab wait: 60m0.001s is longer than the limit of 1h0m0s of virtual time\n',
      exitCode: 2,
    });
    expect([engine.nowMs(), engine.events().length]).toEqual([10_000, events]);
  });

  it('lets exactly the limit pass', () => {
    const engine = crashLoop();
    expect(executeCommand(engine, 'swarmlab wait 1h', OPTS)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(engine.nowMs()).toBe(3_600_000);
  });
});

describe('wait: DURATION steps', () => {
  it('a scenario file with a longer wait is a bad file naming the line', () => {
    expect(() => loadScenario(scenario('  - wait: 1000h'), 'long.yaml')).toThrow(
      /^long\.yaml:8: steps\[1\]\.wait: 1000h is longer than the limit of 1h0m0s of virtual time$/,
    );
    expect(() => loadScenario(scenario('  - "wait: 61m"'), 'long.yaml')).toThrow(
      /^long\.yaml:8: steps\[1\]: wait: 61m is longer than the limit of 1h0m0s of virtual time$/,
    );
  });

  it('a scenario waiting exactly one hour runs it', () => {
    const run = runScenario(loadScenario(scenario('  - wait: 1h'), 'hour.yaml'));
    expect([run.finished, run.trace.duration_ms]).toEqual([true, 3_600_000]);
  });

  it('swarmlab exec names the argument', () => {
    expect(() => runCommands(['docker service ls', 'wait: 2h'])).toThrow(
      /^swarmlab exec: argument 2: wait: 2h is longer than the limit of 1h0m0s of virtual time$/,
    );
  });

  it('the CLI exits 2 with the message, as for any bad scenario file', () => {
    let err = '';
    const io: MainIo = {
      out: () => undefined,
      err: (t) => {
        err += t;
      },
      stdoutIsTty: false,
    };
    expect(main(['exec', 'docker service ls', 'wait: 1000h'], io)).toBe(2);
    expect(err).toBe('swarmlab exec: argument 2: wait: 1000h is longer than the limit of 1h0m0s of virtual time\n');
  });
});
