// Fuzzing the docker command language: random argv through executeCommand never throws and always answers clearly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import { executeCommand } from '../../src/commands/execute.js';
import { cluster, converge, engine, spec } from '../helpers/engine.js';
import { dockerResultProblem } from './clear-message.js';
import { commandLine, serviceMutation } from './gen-command.js';

const COMPOSE = 'services:\n  api:\n    image: app:v1\n    deploy:\n      replicas: 2\n';
const OPTS = { tty: false, files: { 'compose.yml': COMPOSE, 'x.yaml': 'services: [' }, followLimitMs: 20_000 };
/** Commands run in batches on one engine (the state they leave behind is part of the input). */
const BATCH = 5;

function smallCluster(seed: number): Engine {
  const e = engine(seed, cluster({ nodeCount: 2 }));
  converge(e, spec('web', 'app:v1', 2));
  return e;
}

/** Runs each line; returns the first problem as text (with the line and its output) or null. */
function firstProblem(e: Engine, lines: readonly string[]): string | null {
  for (const line of lines) {
    let result: ReturnType<typeof executeCommand>;
    try {
      result = executeCommand(e, line, OPTS);
    } catch (err) {
      return `${JSON.stringify(line)} threw ${err instanceof Error ? err.stack : String(err)}`;
    }
    const problem = dockerResultProblem(line, result);
    if (problem)
      return (
        `${JSON.stringify(line)}: ${problem}\n--- exit ${result.exitCode}, stderr:\n${result.stderr}--- ` +
        `stdout:\n${result.stdout}`
      );
  }
  return null;
}

describe('docker command fuzzing (fast-check; the seed is printed on failure)', () => {
  it("answers 10,000 random command lines without an exception, in Docker's words and exit codes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(commandLine, { minLength: BATCH, maxLength: BATCH }),
        (seed, lines) => {
          expect(firstProblem(smallCluster(seed), lines)).toBeNull();
        },
      ),
      { numRuns: 10_000 / BATCH },
    );
  });

  it('runs 5,000 well-typed service mutations (create, update, rollback, scale, drain, kill), no exception', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(serviceMutation, { minLength: BATCH, maxLength: BATCH }),
        (seed, lines) => {
          expect(firstProblem(smallCluster(seed), lines)).toBeNull();
        },
      ),
      { numRuns: 5_000 / BATCH },
    );
  });
});
