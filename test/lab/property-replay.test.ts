// A broken rolloutProperty writes a replay naming the property and what broke; `swarmlab run` of it shows that verdict.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  badTasksStarted,
  minAvailable,
  nodeLossArb,
  policyCaseArb,
  policyFromScenario,
  RolloutPropertyError,
  rolloutProperty,
  rollouts,
} from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

const policy = policyFromScenario(readFileSync('scenarios/course/3-best-practices.yaml', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'swarmlab-property-replay-'));

/** The error fast-check ends with (after shrinking) for this property, seed 1. */
function failure(property: fc.IPropertyWithHooks<[unknown]>): RolloutPropertyError {
  const result = fc.check(property as fc.IPropertyWithHooks<[unknown]>, { seed: 1, numRuns: 50 });
  expect(result.failed).toBe(true);
  expect(result.errorInstance).toBeInstanceOf(RolloutPropertyError);
  return result.errorInstance as RolloutPropertyError;
}

/** The scenario file between the `---` lines of the message, saved as `name`. */
function saveReplay(error: RolloutPropertyError, name: string, edit = (text: string) => text): string {
  const lines = error.message.split('\n');
  const first = lines.indexOf('---');
  const last = lines.lastIndexOf('---');
  const file = join(dir, name);
  writeFileSync(file, edit(`${lines.slice(first + 1, last).join('\n')}\n`));
  return file;
}

describe('the README property (node loss, three available, two bad tasks at most)', () => {
  const property = rolloutProperty(
    policyCaseArb(policy, { faults: nodeLossArb(policy.nodes, 30_000) }),
    (trace) => minAvailable(trace) >= 3 && badTasksStarted(trace) <= 2,
    'three available, two bad tasks at most',
  );
  const error = failure(property as fc.IPropertyWithHooks<[unknown]>);

  it('the failure names the property and carries the failing run in the replay file', () => {
    expect(error.message.split('\n').slice(0, 2)).toEqual([
      'property "three available, two bad tasks at most" violated: the property does not hold',
      'seed 1; new image shop/web:1.1; faults: node-down node-2 @0.17s',
    ]);
    expect(error.violation).toEqual({
      property: 'three available, two bad tasks at most',
      found: 'the property does not hold',
      service: 'shop_web',
      observed: { update_status: 'unfinished', min_available: 3, bad_tasks_started: 3, duration_ms: null },
    });
  });

  it('swarmlab run REPLAY: the property, the violation, "reproduced", exit 1', () => {
    const file = saveReplay(error, 'replay.yaml');
    const { code, err } = runCli('run', file);
    expect(code).toBe(1);
    expect(err).toBe(
      `swarmlab: ${file}: 1 wait did not reach what it waited for:\n` +
        '  - wait settled timed out after 1h0m0s\n' +
        `swarmlab: ${file}: property "three available, two bad tasks at most" violated: the property does not hold\n` +
        `swarmlab: ${file}: reproduced: shop_web ended as in the failing run (update_status unfinished, ` +
        `min_available 3, bad_tasks_started 3, duration_ms none)\n`,
    );
  });
});

describe('a property whose runs settle (the exit status is the verdict alone)', () => {
  const property = rolloutProperty(
    policyCaseArb(policy),
    (trace) => {
      const outcome = rollouts(trace, 'shop_web')[0]?.outcome;
      return outcome === 'completed' || `the update ended ${outcome}`;
    },
    'the update completes',
  );
  const error = failure(property as fc.IPropertyWithHooks<[unknown]>);

  it('reproduced: exit 1, and nothing else on stderr', () => {
    const file = saveReplay(error, 'settles.yaml');
    const { code, err } = runCli('run', file);
    // start-first, one unhealthy task of 1.1 (healthy_after: never), rolled back 8.63 s after the update began
    expect(error.violation?.observed).toEqual({
      update_status: 'rollback_completed',
      min_available: 4,
      bad_tasks_started: 1,
      duration_ms: 8630,
    });
    expect({ code, err }).toEqual({
      code: 1,
      err:
        `swarmlab: ${file}: property "the update completes" violated: the update ended rollback_completed\n` +
        `swarmlab: ${file}: reproduced: shop_web ended as in the failing run (update_status rollback_completed, ` +
        `min_available 4, bad_tasks_started 1, duration_ms 8630)\n`,
    });
  });

  it('a run that ends differently (the policy was edited): not reproduced, says what changed, exit 0', () => {
    const file = saveReplay(error, 'edited.yaml', (text) =>
      text.replace('--update-failure-action rollback', '--update-failure-action pause'),
    );
    const { code, err } = runCli('run', file);
    expect({ code, err }).toEqual({
      code: 0,
      err:
        `swarmlab: ${file}: the recorded run violated property "the update completes": the update ended ` +
        `rollback_completed\n` +
        `swarmlab: ${file}: not reproduced: shop_web ended differently from the failing run (update_status ` +
        `rollback_completed → paused); the property's check is code: run its test again to know whether it holds\n`,
    });
  });
});

describe('a check that throws (a failed expect) and an unnamed property', () => {
  it("the thrown message is what broke; the property goes by its function's name", () => {
    const error = failure(
      rolloutProperty(policyCaseArb(policy), function noBadTask(trace) {
        if (badTasksStarted(trace) > 0) throw new Error(`expected 0 bad tasks, saw ${badTasksStarted(trace)}`);
      }) as fc.IPropertyWithHooks<[unknown]>,
    );
    expect([error.violation?.property, error.violation?.found]).toEqual(['noBadTask', 'expected 0 bad tasks, saw 1']);
  });
});

describe('a violation block that is not one', () => {
  it('names the file, the line and the key; exit 2', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'steps:\n  - wait: 1s\nviolation:\n  property: p\n  found: f\n  service: web\n');
    expect(runCli('run', file)).toEqual({
      code: 2,
      out: '',
      err: `${file}:4: violation: missing observed:\n`,
    });
  });
});
