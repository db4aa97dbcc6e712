// `swarmlab check`'s command line: its options parsed into a request, and the option helpers sweep and explore share.
// It loads no fast-check: `check` itself (check.ts) is imported only when it runs (lazy-commands.ts).
import { type Command, InvalidArgumentError, Option } from 'commander';
import { FAULT_WORDS, type FaultWord, faultWordsHelp } from '../faults/registry.js';
import { parseRequirement, type Requirement } from '../lab/requirements.js';
import type { ComposeEnvIo } from './files.js';
import { parseSeed } from './seed-option.js';

export interface CheckRequest {
  kind: 'check';
  file: string;
  options: {
    service?: string;
    runs: number;
    faults: FaultWord[];
    require: Requirement[];
    seed: number;
    nodes: number;
    replayDir: string;
    /** `--junit FILE`: the requirements as JUnit XML too. */
    junit?: string;
  };
}

export const DEFAULT_CHECK_RUNS = 200;
export const DEFAULT_CHECK_FAULTS: FaultWord[] = ['crash', 'unhealthy', 'slow', 'node-down'];
export const DEFAULT_REPLAY_DIR = 'swarmlab-replays';

/** Adds `check` to the program; `done` receives the parsed request. */
export function defineCheckCommand(program: Command, done: (request: CheckRequest) => void): void {
  program
    .command('check')
    .description("run a stack service's update and rollback policy against seeded faults and report the worst cases")
    .argument(
      '<stack-file>',
      'compose file (docker stack deploy -c), or a scenario file: the policy of its first image update',
    )
    .option('--service <name>', 'the service to check (needed when the file has several)')
    .addOption(
      option('--runs <n>', 'number of seeded runs', (t) => wholeNumber('--runs', t, 1, 100_000), DEFAULT_CHECK_RUNS),
    )
    .addOption(
      option(
        '--faults <list>',
        `faults to draw from: ${FAULT_WORDS.join(',')}`,
        parseFaults,
        DEFAULT_CHECK_FAULTS,
        DEFAULT_CHECK_FAULTS.join(','),
      ),
    )
    .addOption(
      option(
        '--require <expr...>',
        'thresholds every run must meet, e.g. min-available>=3 bad-tasks<=2 duration<=2m time-to-detect<=20s (exit 1 ' +
          'when broken)',
        collectRequirement,
        [] as Requirement[],
        'none',
      ),
    )
    .addOption(option('--seed <n>', 'base seed of the runs', parseSeed, 1))
    .addOption(option('--nodes <count>', 'nodes of the simulated swarm', (t) => wholeNumber('--nodes', t, 1, 1000), 3))
    .addOption(
      option('--replay-dir <dir>', "where the worst cases' scenario files are written", (t) => t, DEFAULT_REPLAY_DIR),
    )
    .option('--junit <file>', 'also write the requirements as JUnit XML (one test case per --require)')
    .addHelpText('after', `\nFaults (--faults):\n${faultWordsHelp().join('\n')}`)
    .action((file: string, options: CheckRequest['options']) => done({ kind: 'check', file, options }));
}

/** An option whose default shows as `shown` (commander would print arrays and milliseconds as JSON). */
export function option<T>(
  flags: string,
  description: string,
  parse: (text: string, previous: T) => T,
  value: T,
  shown = String(value),
): Option {
  return new Option(flags, description).argParser(parse).default(value, shown);
}

export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}.`);
  return value;
}

/** A `--faults` list: comma-separated words of `known`, each once; a clear refusal otherwise. */
export function faultList<W extends string>(known: readonly W[], text: string): W[] {
  const words = text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const unknown = words.filter((w) => !(known as readonly string[]).includes(w));
  if (unknown.length || words.length === 0)
    throw new InvalidArgumentError(
      `--faults takes a comma-separated list of ${known.join(', ')}; got ${JSON.stringify(text)}.`,
    );
  return [...new Set(words)] as W[];
}

const parseFaults = (text: string): FaultWord[] => faultList(FAULT_WORDS, text);

/** A repeatable `--require EXPR`: each expression parsed as `check` and `explore` read it. */
export function collectRequirement(text: string, previous: Requirement[]): Requirement[] {
  try {
    return [...previous, parseRequirement(text)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
}

export interface CheckIo extends ComposeEnvIo {
  out(text: string): void;
  err(text: string): void;
  /** Where `run i/N` is drawn, when it is a terminal. */
  progressStream?: NodeJS.WriteStream;
}

/** `label: i/N` redrawn on a terminal's stderr (every `every` calls), erased at the end. */
export function countProgress(
  io: CheckIo,
  label: string,
  every: number,
): { tick(done: number, total: number): void; done(): void } {
  const stream = io.progressStream?.isTTY ? io.progressStream : undefined;
  let drawn = false;
  return {
    tick(done, total) {
      if (!stream || (done % every !== 0 && done !== total)) return;
      stream.write(`\r\x1b[2K${label}: ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) stream!.write('\r\x1b[2K');
    },
  };
}
