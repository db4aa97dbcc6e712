// A fault kind is declared once: the sandbox, `swarmlab check --faults`, tab completion, help and the arbitraries all
// offer exactly the registry's words, and the fault errors read the same from every backend.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNever } from '../../src/assert-never.js';
import { executeCommand } from '../../src/commands/execute.js';
import {
  CLUSTER_FAULT_KINDS,
  DRAWN_CLUSTER_FAULTS,
  FAULT_WORDS,
  IMAGE_FAULT_KINDS,
  SANDBOX_FAULT_VERBS,
} from '../../src/faults/registry.js';
import { faultScheduleArb, imageBehaviourArb } from '../../src/lab/arbitraries.js';
import { faultCommand } from '../../src/lab/faults.js';
import { complete } from '../../web/session/complete.js';
import { FakeEngine } from '../commands/fake-engine.js';
import { engine, spec } from '../helpers/engine.js';
import { main } from '../helpers/main.js';

const OPTS = { tty: false, files: {}, followLimitMs: 60_000 };
/** Every word any list knows, and words none does: what each consumer accepts is probed with all of them. */
const CANDIDATES = [...new Set([...CLUSTER_FAULT_KINDS, ...IMAGE_FAULT_KINDS, 'reboot', 'partition', 'help'])];

describe('the fault registry', () => {
  it('declares the kinds once, in order', () => {
    expect(CLUSTER_FAULT_KINDS).toEqual(['node-down', 'node-up', 'drain', 'kill']);
    expect(IMAGE_FAULT_KINDS).toEqual(['healthy', 'crash', 'unhealthy', 'slow', 'flaky']);
    expect(SANDBOX_FAULT_VERBS).toEqual(['node-down', 'node-up', 'kill']);
    expect(DRAWN_CLUSTER_FAULTS).toEqual(['node-down', 'drain', 'kill']);
    expect(FAULT_WORDS).toEqual(['crash', 'unhealthy', 'slow', 'flaky', 'node-down', 'drain', 'kill']);
  });

  it('the sandbox accepts exactly its verbs, and its usage lists them', () => {
    const accepted = CANDIDATES.filter((word) => {
      const result = executeCommand(new FakeEngine(), `swarmlab fault ${word} node-2`, OPTS);
      return result.exitCode !== 2;
    });
    expect(accepted).toEqual(['node-down', 'node-up', 'kill']);
    expect(executeCommand(new FakeEngine(), 'swarmlab help', OPTS).stdout).toBe(
      [
        'Usage:',
        '  swarmlab fault node-down NODE',
        '  swarmlab fault node-up NODE',
        '  swarmlab fault kill TASK|SERVICE.SLOT [--exit-code N]',
        '  swarmlab wait converged|settled|DURATION [SERVICE]',
        '',
      ].join('\n'),
    );
  });

  it("sweep's --image-behaviour offers exactly the image faults, in the registry's order", () => {
    let help = '';
    main(['sweep', '--help'], { out: (t) => (help += t), err: (t) => (help += t), stdoutIsTty: false });
    expect(help.split('\n').filter((line) => /image-behaviour|unhealthy, slow/.test(line))).toEqual([
      '  --image-behaviour <kind>  how the new image behaves: healthy, crash,',
      '                            unhealthy, slow, flaky (default: crash)',
    ]);
    let err = '';
    main(['sweep', '--image-behaviour', 'reboot'], { out: () => {}, err: (t) => (err += t), stdoutIsTty: false });
    expect(err).toContain('--image-behaviour must be one of healthy, crash, unhealthy, slow, flaky; got "reboot".');
  });

  it("check's --faults accepts exactly its words, and its help describes each", () => {
    const accepted = CANDIDATES.filter((word) => {
      let err = '';
      main(['check', '/nonexistent/stack.yml', '--faults', word], {
        out: () => {},
        err: (t) => {
          err += t;
        },
        stdoutIsTty: false,
      });
      return !err.includes('--faults takes');
    });
    expect(accepted).toEqual(['node-down', 'drain', 'kill', 'crash', 'unhealthy', 'slow', 'flaky']);
    let help = '';
    main(['check', '--help'], { out: (t) => (help += t), err: (t) => (help += t), stdoutIsTty: false });
    expect(help.slice(help.indexOf('Faults (--faults):'))).toBe(
      [
        'Faults (--faults):',
        '  crash      the new containers exit with code 1 some seconds after they start',
        "  unhealthy  the new image's healthcheck never passes",
        '  slow       the new image takes seconds longer to start (healthy afterwards)',
        '  flaky      a share of the new containers crash soon after they start',
        "  node-down  the node's agent stops answering (machine lost); Swarm marks it down after the heartbeat timeout",
        '  drain      the node is drained: its tasks are shut down and replaced on other nodes',
        "  kill       the task's container dies now (exit 137, or --exit-code N)",
        '',
      ].join('\n'),
    );
  });

  it('completion offers exactly the sandbox verbs, nodes after a node fault and the flags of kill', () => {
    const ctx = { services: ['web'], nodes: ['node-1', 'node-2'] };
    expect(complete('swarmlab fault ', ctx)).toEqual({
      line: 'swarmlab fault ',
      candidates: ['node-down', 'node-up', 'kill'],
    });
    expect(complete('swarmlab fault node-', ctx).candidates).toEqual(['node-down', 'node-up']);
    expect(complete('swarmlab fault node-up node', ctx).candidates).toEqual(['node-1', 'node-2']);
    expect(complete('swarmlab fault kill --', ctx)).toEqual({
      line: 'swarmlab fault kill --exit-code ',
      candidates: [],
    });
    expect(complete('swarmlab fault node-down --', ctx)).toEqual({
      line: 'swarmlab fault node-down --',
      candidates: [],
    });
  });

  it('the arbitraries draw every kind and no other', () => {
    const schedules = fc.sample(faultScheduleArb({ nodes: 3, replicas: 3, horizonMs: 10_000 }), {
      seed: 7,
      numRuns: 200,
    });
    const drawn = new Set(schedules.flat().map((fault) => fault.kind));
    expect(CLUSTER_FAULT_KINDS.filter((kind) => drawn.has(kind))).toEqual(['node-down', 'node-up', 'drain', 'kill']);
    expect(drawn.size).toBe(4);
    const images = new Set(fc.sample(imageBehaviourArb(), { seed: 7, numRuns: 200 }).map((d) => d.fault));
    expect(IMAGE_FAULT_KINDS.filter((kind) => images.has(kind))).toEqual([
      'healthy',
      'crash',
      'unhealthy',
      'slow',
      'flaky',
    ]);
    expect(images.size).toBe(5);
    // A single node cannot lose a worker: only kills are drawn.
    const alone = fc.sample(faultScheduleArb({ nodes: 1, replicas: 2, horizonMs: 10_000 }), { seed: 7, numRuns: 100 });
    expect([...new Set(alone.flat().map((fault) => fault.kind))]).toEqual(['kill']);
  });

  it('writes each kind as the command a scenario step runs', () => {
    expect(faultCommand({ atMs: 0, kind: 'node-down', node: 'node-2' }, 'web')).toBe('swarmlab fault node-down node-2');
    expect(faultCommand({ atMs: 0, kind: 'node-up', node: 'node-2' }, 'web')).toBe('swarmlab fault node-up node-2');
    expect(faultCommand({ atMs: 0, kind: 'drain', node: 'node-3' }, 'web')).toBe(
      'docker node update --availability drain node-3',
    );
    expect(faultCommand({ atMs: 0, kind: 'kill', slot: 2 }, 'web')).toBe('swarmlab fault kill web.2');
    expect(faultCommand({ atMs: 0, kind: 'kill', slot: 1, exitCode: 143 }, 'api')).toBe(
      'swarmlab fault kill api.1 --exit-code 143',
    );
  });
});

describe('fault errors', () => {
  it('the simulator says which task it cannot kill', () => {
    const sim = engine();
    const service = sim.createService(spec('web', 'app:v1', 40));
    sim.runUntil(() => sim.isConverged('web'), 60_000);
    const tasks = sim.state().tasks.filter((t) => t.ServiceID === service.ID);
    expect(executeCommand(sim, 'swarmlab fault kill nosuchtask', OPTS)).toEqual({
      stdout: '',
      stderr: 'swarmlab: no such task: nosuchtask\n',
      exitCode: 1,
    });
    // 40 task IDs over 36 first characters: two of them start alike.
    const first = tasks.map((t) => t.ID[0]);
    const shared = first.find((c, i) => first.indexOf(c) !== i)!;
    expect(executeCommand(sim, `swarmlab fault kill ${shared}`, OPTS).stderr).toBe(
      `swarmlab: task ${shared} is ambiguous\n`,
    );
    sim.removeService('web');
    sim.runUntil(() => sim.state().tasks.every((t) => t.Status.State !== 'running'), 60_000);
    expect(executeCommand(sim, `swarmlab fault kill ${tasks[0].ID}`, OPTS).stderr).toBe(
      `swarmlab: task ${tasks[0].ID} has no running container\n`,
    );
  });

  it('assertNever names what it did not expect', () => {
    expect(() => assertNever('reboot' as never, 'fault kind')).toThrow('unexpected fault kind: "reboot"');
  });
});
