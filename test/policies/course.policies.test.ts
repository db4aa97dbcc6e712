// The course's rollout policies under fast-check: properties that hold, and ones that break with a replayable
// counter-example.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  badTasksStarted,
  containerKillArb,
  crashImage,
  drainArb,
  firstRollout,
  imageBehaviourArb,
  minAvailable,
  nodeLossArb,
  policyCaseArb,
  policyFromScenario,
  rolloutProperty,
  runCase,
  simulate,
  type Trace,
} from '../../src/index.js';

const policy = (name: string) =>
  policyFromScenario(readFileSync(`scenarios/course/${name}.yaml`, 'utf8'), `${name}.yaml`);
const bestPractices = policy('3-best-practices');
const rollbackOnFailure = policy('2b-rollback-on-failure');
const parallelismDelay = policy('1b-parallelism-delay');
const updateImage = policy('1a-update-image');
const crashesWithin = (maxMs: number) =>
  fc.integer({ min: 0, max: maxMs }).map((afterMs) => ({ fault: 'crash' as const, behaviour: crashImage(afterMs) }));

describe('course policies: properties that hold', () => {
  it('3 (start-first, healthcheck, rollback), any seed and never-healthy release: 4 of 4 serve, rolled back', () => {
    fc.assert(
      rolloutProperty(policyCaseArb(bestPractices, { image: imageBehaviourArb(['unhealthy']) }), (trace) => {
        expect(firstRollout(trace).outcome).toBe('rollback_completed');
        expect(minAvailable(trace)).toBe(4);
        expect(badTasksStarted(trace)).toBe(1);
      }),
      { numRuns: 15, seed: 7 },
    );
  });

  it('2b (monitor 5 s, failure action rollback): every crash inside the monitor window is caught, rolled back', () => {
    fc.assert(
      rolloutProperty(
        policyCaseArb(rollbackOnFailure, { image: crashesWithin(4_500) }),
        (trace) => firstRollout(trace).outcome === 'rollback_completed',
      ),
      { numRuns: 15, seed: 7 },
    );
  });
});

describe('course policies under cluster faults', () => {
  it('1a: a single container killed at any time of the rollout never leaves the service with nothing serving', () => {
    fc.assert(
      rolloutProperty(
        policyCaseArb(updateImage, { faults: containerKillArb(3, 15_000) }),
        (trace) => minAvailable(trace) >= 1,
      ),
      { numRuns: 20, seed: 1 },
    );
  });

  it('2b: "draining a node never turns a healthy rollout into a rollback" fails: a drain in the monitor counts', () => {
    const healthyRelease = { ...rollbackOnFailure, images: {} };
    const details = fc.check(
      rolloutProperty(
        policyCaseArb(healthyRelease, { faults: drainArb(3, 20_000) }),
        (trace) => firstRollout(trace).outcome === 'completed' || `ended ${firstRollout(trace).outcome}`,
      ),
      { numRuns: 40, seed: 1 },
    );
    expect(details.failed).toBe(true);
    const counterexample = details.counterexample![0];
    expect(counterexample.faults).toEqual([
      { atMs: expect.any(Number), kind: 'drain', node: expect.stringMatching(/^node-[23]$/) },
    ]);
    expect(firstRollout(runCase(counterexample)).outcome).toBe('rollback_completed');
  });
});

describe('course policies: properties that break, with the seed and the commands replaying the counter-example', () => {
  it('3: "any seed, any node loss: ≥ 3 replicas available, a bad image on ≤ 2 slots" does not hold', () => {
    const check = (trace: Trace): true | string => {
      if (minAvailable(trace) < 3) return `only ${minAvailable(trace)} replicas available`;
      if (badTasksStarted(trace) > 2) return `${badTasksStarted(trace)} bad tasks started`;
      return true;
    };
    const property = rolloutProperty(
      policyCaseArb(bestPractices, { faults: nodeLossArb(bestPractices.nodes, 30_000) }),
      check,
    );
    const details = fc.check(property, { numRuns: 30, seed: 42 });
    expect(details.failed).toBe(true);
    const report = fc.defaultReportMessage(details)!;
    // fast-check's own seed and path, then our reason, the case seed and a ready-to-run scenario file.
    expect(report).toContain('{ seed: 42, path: ');
    expect(report).toMatch(
      /Counterexample: \[seed \d+; new image shop\/web:1\.1; faults: node-down node-\d @[\d.]+s\n/,
    );
    expect(report).toContain('replay: save the scenario below as replay.yaml, then run: swarmlab run replay.yaml');
    // The scenario in the message replays the counter-example: the same loss of availability.
    const yaml = /\n---\n([\s\S]*?)\n---/.exec(report)![1];
    expect(yaml).toContain('swarmlab fault node-down node-');
    expect(`property "check" violated: ${check(simulate(yaml))}`).toBe(
      (details.errorInstance as Error).message.split('\n')[0],
    );
    // fc.assert throws the same report; the reason (`only N replicas available`) is its cause.
    let thrown: unknown;
    try {
      fc.assert(property, { numRuns: 30, seed: 42 });
    } catch (err) {
      thrown = err;
    }
    expect((thrown as Error).message).toMatch(/Property failed after \d+ tests[\s\S]*swarmlab run replay\.yaml/);
    expect(((thrown as Error).cause as Error).message).toMatch(
      /^property "check" violated: (only \d replicas available|\d+ bad tasks started)\nseed \d+;/,
    );
  });

  it('2b: "a crash in the monitor window reaches one slot at most" fails: with no delay the updater moves on', () => {
    const details = fc.check(
      rolloutProperty(
        policyCaseArb(rollbackOnFailure, { image: crashesWithin(4_500) }),
        (trace) => badTasksStarted(trace) <= 1 || `${badTasksStarted(trace)} slots got the crashing image`,
      ),
      { numRuns: 20, seed: 7 },
    );
    expect(details.failed).toBe(true);
    // Shrinking brings the crash time down to the earliest that still lets a second slot start.
    const counterexample = details.counterexample![0];
    expect(counterexample.images['nginx:bad'].exitAfterMs).toBeLessThan(4_500);
    expect(badTasksStarted(runCase(counterexample))).toBe(2);
    expect(fc.defaultReportMessage(details)).toMatch(
      /Counterexample: \[seed \d+; new image nginx:bad; faults: none\nreplay: /,
    );
  });

  it('1b (parallelism 2, pause): "a crashing release never takes more than one replica out" does not hold', () => {
    const crashes = imageBehaviourArb(['crash']);
    const details = fc.check(
      rolloutProperty(
        policyCaseArb(parallelismDelay, { image: crashes }),
        (trace) => minAvailable(trace) >= parallelismDelay.service.Mode.Replicated!.Replicas - 1,
      ),
      { numRuns: 20, seed: 3 },
    );
    expect(details.failed).toBe(true);
    expect(details.counterexample![0].service.UpdateConfig).toMatchObject({ Parallelism: 2, FailureAction: 'pause' });
    expect(fc.defaultReportMessage(details)).toMatch(
      new RegExp(
        'Counterexample: \\[seed \\d+; new image nginx:latest; faults: none\\n' +
          'replay: save the scenario below as replay.yaml, then run: swarmlab run replay.yaml\\n' +
          '---\\nname: course-1b-parallelism-delay-\\d+\\n',
      ),
    );
  });
});
