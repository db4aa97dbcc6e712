// `swarmlab lint FILE`: the update-policy traps of a stack file or a scenario, each with its simulated proof.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../errors.js';
import { formatFindings, LINT_FORMATS, type LintFormat, proofFileName } from '../policy-lint/format.js';
import { lintExitCode, lintScenario, lintStack } from '../policy-lint/lint.js';
import { isScenarioText } from '../policy-lint/source.js';
import type { Finding } from '../policy-lint/types.js';
import { type ComposeEnvIo, LINT_FILE, readScenarioFile } from './files.js';
import { readInputFile } from './input-file.js';

export interface LintRequest {
  kind: 'lint';
  file: string;
  options: { format: LintFormat; nodes: number; replayDir?: string };
}

export interface LintIo extends ComposeEnvIo {
  out(text: string): void;
}

export function defineLintCommand(program: Command, done: (request: LintRequest) => void): void {
  program
    .command('lint')
    .description('find the update-policy traps of a stack file (or a scenario) and prove each with a simulated run')
    .argument(
      '<file>',
      'compose file (docker stack deploy -c), or a scenario file: the service of its first image update',
    )
    .addOption(new Option('--format <format>', 'output format').choices(LINT_FORMATS).default('text'))
    .addOption(
      new Option('--nodes <count>', "nodes of the simulated swarm a stack file's proofs run on")
        .argParser(parseNodes)
        .default(3),
    )
    .option('--replay-dir <dir>', "write each proof's scenario file there (the text output then names the files)")
    .action((file: string, options: LintRequest['options']) => done({ kind: 'lint', file, options }));
}

function parseNodes(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text.trim()) || count < 1 || count > 1000)
    throw new InvalidArgumentError('--nodes must be a number of nodes (1 to 1000).');
  return count;
}

/** Prints the findings; exit 1 when one is an error, 0 otherwise (bad input throws InputError: exit 2). */
export function runLintCommand(request: LintRequest, io: LintIo, version: string): number {
  const { file, options } = request;
  const text = readInputFile(file, LINT_FILE);
  const findings = isScenarioText(text, file)
    ? lintScenario(text, readScenarioFile(file, text, io.env))
    : lintStack(text, file, { nodes: options.nodes, env: io.env });
  if (options.replayDir !== undefined) writeProofs(findings, options.replayDir);
  io.out(formatFindings(findings, options.format, version, { replayDir: options.replayDir }));
  return lintExitCode(findings);
}

function writeProofs(findings: readonly Finding[], dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const finding of findings)
      if (finding.proof) writeFileSync(join(dir, proofFileName(finding)), finding.proof.scenario);
  } catch (err) {
    throw new InputError(`--replay-dir ${dir}: cannot write the scenario files (${(err as Error).message})`);
  }
}
