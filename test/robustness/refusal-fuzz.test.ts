// Fuzzing input Docker refuses: non-finite ratios, garbage for typed flags swarmlab does not simulate, huge commands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { executeCommand } from '../../src/commands/execute.js';
import { cluster, converge, engine, spec } from '../helpers/engine.js';
import { dockerResultProblem } from './clear-message.js';

const OPTS = { tty: false, files: {}, followLimitMs: 20_000 };

function smallCluster(seed: number): Engine {
  const e = engine(seed, cluster({ nodeCount: 2 }));
  converge(e, spec('web', 'app:v1', 2));
  return e;
}

/**
 * Runs `line` and checks it was refused with `exitCode` and left the services as they were. `clear` also applies the
 * fuzzers' yardstick, whose leak check would take Docker's own `NaN` for a JavaScript artefact.
 */
function refused(seed: number, line: string, exitCode: number, clear = true): { stderr: string } {
  const e = smallCluster(seed);
  const before = JSON.stringify(e.state().services.map((s) => s.Spec));
  const result = executeCommand(e, line, OPTS);
  if (clear) expect(dockerResultProblem(line, result)).toBeNull();
  expect(result.exitCode).toBe(exitCode);
  expect(result.stdout).toBe('');
  expect(JSON.stringify(e.state().services.map((s) => s.Spec))).toBe(before);
  return result;
}

const caseVariants = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
/** Every spelling strconv.ParseFloat reads as NaN or ±Inf, with what encoding/json calls it. */
const nonFinite: fc.Arbitrary<[string, string]> = fc.oneof(
  caseVariants('nan').map((w): [string, string] => [w, 'NaN']),
  fc
    .tuple(fc.constantFrom('', '+', '-'), fc.oneof(caseVariants('inf'), caseVariants('infinity')))
    .map(([sign, w]): [string, string] => [`${sign}${w}`, sign === '-' ? '-Inf' : '+Inf']),
);
const ratioFlag = fc.constantFrom('update-max-failure-ratio', 'rollback-max-failure-ratio');
const mutation = fc.constantFrom('docker service update -d {} web', 'docker service create -d {} app:v1');

describe('input Docker refuses (fast-check; the seed is printed on failure)', () => {
  it('refuses 300 non-finite failure ratios with json: unsupported value, changing nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        nonFinite,
        ratioFlag,
        mutation,
        (seed, [word, shown], flag, cmd) => {
          const { stderr } = refused(seed, cmd.replace('{}', `--${flag} ${word}`), 1, false);
          expect(stderr).toBe(`json: unsupported value: ${shown}\n`);
        },
      ),
      { numRuns: 300 },
    );
  });

  const letters = fc.stringMatching(/^[a-zA-Z_]{1,12}$/);
  it('refuses 300 digit-free values for --limit-cpu, --reserve-cpu, --limit-memory, --reserve-memory, -p', () => {
    const cases = fc.oneof(
      fc
        .tuple(fc.constantFrom('limit-cpu', 'reserve-cpu'), letters)
        .filter(([, v]) => !/^(nan|[+-]?inf(inity)?)$/i.test(v))
        .map(([flag, v]) => [flag, v, `failed to parse ${v} as a rational number`]),
      fc
        .tuple(fc.constantFrom('limit-memory', 'reserve-memory'), letters)
        .map(([flag, v]) => [flag, v, `invalid size: '${v}'`]),
      letters.filter((v) => v.length > 0).map((v) => ['publish', v, `invalid containerPort: ${v}`]),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), cases, mutation, (seed, [flag, v, cause], cmd) => {
        const name = flag === 'publish' && cmd.includes('update') ? 'publish-add' : flag;
        const shown = name === 'publish' ? '-p, --publish' : `--${name}`;
        const { stderr } = refused(seed, cmd.replace('{}', `--${name} ${v}`), 125);
        expect(stderr.split('\n')[0]).toBe(`invalid argument "${v}" for "${shown}" flag: ${cause}`);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts 200 well-formed resource and port values Docker accepts (resources not simulated: a note)', () => {
    const cpu = fc
      .tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 999 }))
      .map(([a, b]) => `${a}.${b}`);
    const memory = fc
      .tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('', 'b', 'k', 'KB', 'm', 'MiB', 'g', 'Gi'))
      .filter(([, unit]) => unit !== 'Gi')
      .map(([n, unit]) => `${n}${unit}`);
    const port = fc
      .tuple(
        fc.integer({ min: 1, max: 65535 }),
        fc.integer({ min: 1, max: 65535 }),
        fc.constantFrom('', '/tcp', '/udp'),
      )
      .map(([host, container, proto]) => `${host}:${container}${proto}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), cpu, memory, port, (seed, c, m, p) => {
        const line = `docker service create -d --limit-cpu ${c} --reserve-memory ${m} -p ${p} app:v1`;
        const result = executeCommand(smallCluster(seed), line, OPTS);
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stderr).toBe('swarmlab: --limit-cpu, --reserve-memory not simulated; ignored\n');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses 200 constraints without an operator and health durations under 1ms (daemon InvalidArgument)', () => {
    const DAEMON = 'Error response from daemon: rpc error: code = InvalidArgument desc = ';
    const cases = fc.oneof(
      fc
        .stringMatching(/^[a-z.=<>]{1,16}$/)
        .filter((c) => !c.includes('==') && !c.includes('!='))
        .map((c) => [`--constraint '${c}'`, 'constraint expected one operator from ==, !=']),
      fc
        .tuple(
          fc.constantFrom(['interval', 'Interval'], ['timeout', 'Timeout'], ['start-period', 'StartPeriod']),
          fc.integer({ min: 1, max: 999_999 }),
        )
        .map(([[flag, field], nanos]) => [
          `--health-cmd true --health-${flag} ${nanos}ns`,
          `ContainerSpec: ${field} in HealthConfig cannot be less than 1ms`,
        ]),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), cases, (seed, [flags, desc]) => {
        const { stderr } = refused(seed, `docker service create -d ${flags} app:v1`, 1);
        expect(stderr).toBe(`${DAEMON}${desc}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('answers 6 commands of 20,000 to 80,000 words without overflowing the stack', () => {
    const word = fc.constantFrom(
      'x',
      'web',
      '-q',
      '--label-add=a=b',
      '--constraint-add=node.role==worker',
      '--',
      'a=b',
    );
    const head = fc.constantFrom(
      'docker service ps',
      'docker service update -d',
      'docker service create -d app:v1',
      'docker service inspect',
      'docker service rm',
      'docker node ps',
      'docker service logs',
      'docker service scale',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        head,
        word,
        fc.integer({ min: 20_000, max: 80_000 }),
        (seed, h, w, n) => {
          const line = `${h} ${Array.from({ length: n }, () => w).join(' ')}`;
          let result: ReturnType<typeof executeCommand>;
          try {
            result = executeCommand(smallCluster(seed), line, OPTS);
          } catch (err) {
            throw new Error(`${h} ${w} ×${n} threw ${err instanceof Error ? err.message : String(err)}`);
          }
          expect(dockerResultProblem(line, result)).toBeNull();
        },
      ),
      { numRuns: 6 },
    );
  });
});
