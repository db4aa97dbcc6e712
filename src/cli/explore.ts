// `swarmlab explore FILE`: every distinct run of a scenario from its update command on; outcomes, broken requirements,
// replays.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { InputError } from '../errors.js';
import { DRAWN_CLUSTER_FAULTS, type DrawnClusterFault } from '../faults/registry.js';
import {
  DEFAULT_EXPLORE_RUNS,
  type ExploreReport,
  exploreContext,
  explorePart,
  exploreReport,
  type PartResult,
  partBudget,
  planParts,
} from '../lab/explore/explore.js';
import type { Requirement } from '../lab/requirements.js';
import { collectRequirement, faultList, option, wholeNumber } from './check-command.js';
import { type ExploreOptions, exploreJson, formatExploreReport } from './explore-format.js';
import { explorePartsInWorkers } from './explore-jobs.js';
import { writeExploreJUnit } from './explore-junit.js';
import { mergeShardFiles, shardJson } from './explore-merge.js';
import { type ComposeEnvIo, readScenarioFile, SCENARIO_FILE } from './files.js';
import { readInputFile } from './input-file.js';

export { EXPLORE_DISCRETISATION, type ExploreOptions, exploreJson, formatExploreReport } from './explore-format.js';

export interface ExploreRequest {
  kind: 'explore';
  /** Undefined with --merge (the shards' files name their scenario). */
  file?: string;
  options: ExploreOptions;
}

const DEFAULT_EXPLORE_DIR = 'swarmlab-replays';

export function defineExploreCommand(program: Command, done: (request: ExploreRequest) => void): void {
  program
    .command('explore')
    .description(
      "enumerate every distinct run of a scenario from its update command on (not seeds: all the engine's choices)",
    )
    .argument('[file]', 'scenario file (YAML)')
    .option('--service <name>', 'the service whose update is judged (default: the one the update command names)')
    .addOption(
      option(
        '--max-runs <n>',
        'stop after this many runs, split evenly over the parts of the choice tree (then it is not exhausted)',
        (t) => wholeNumber('--max-runs', t, 1, 10_000_000),
        DEFAULT_EXPLORE_RUNS,
      ),
    )
    .addOption(
      option(
        '--faults <list>',
        `inject these faults at every event boundary from the update on (any of ${DRAWN_CLUSTER_FAULTS.join(',')})`,
        parseBoundaryFaults,
        undefined as DrawnClusterFault[] | undefined,
        'none',
      ),
    )
    .addOption(
      option(
        '--max-faults <k>',
        'at most this many injected faults per run (with --faults)',
        (t) => wholeNumber('--max-faults', t, 1, 10),
        1,
      ),
    )
    .addOption(
      option(
        '--require <expr...>',
        'thresholds every run must meet, as for swarmlab check: min-available>=3 bad-tasks<=2 duration<=2m ' +
          'time-to-detect<=20s (exit 1 when broken)',
        collectRequirement,
        [] as Requirement[],
        'none',
      ),
    )
    .addOption(option('--jobs <n>', 'worker threads exploring parts of the tree at once', jobsOption, 1))
    .addOption(
      option(
        '--shard <k/n>',
        'explore only shard k of n of the parts (JSON for --merge)',
        parseShard,
        undefined,
        'all',
      ),
    )
    .option('--merge <paths...>', "join shards' JSON files (or every .json file of a directory) into one report")
    .option(
      '--no-symmetry',
      'play runs that differ only by which interchangeable slot holds which task (by default counted once)',
    )
    .option('--json', 'print the report as JSON (replay files inline)', false)
    .option('--out <dir>', `where replay files are written (default without --json: ${DEFAULT_EXPLORE_DIR})`)
    .option('--junit <file>', 'also write the requirements as JUnit XML (one test case per --require)')
    .action((file: string | undefined, options: ExploreOptions) => done({ kind: 'explore', file, options }));
}

function jobsOption(text: string): number {
  return wholeNumber('--jobs', text, 1, 64);
}

function parseShard(text: string): { index: number; of: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  if (!match || of < 1 || index < 1 || index > of)
    throw new InvalidArgumentError(`--shard takes k/n with 1 <= k <= n (shard k of n); got ${JSON.stringify(text)}.`);
  return { index, of };
}

function parseBoundaryFaults(text: string): DrawnClusterFault[] {
  return faultList(DRAWN_CLUSTER_FAULTS, text);
}

export interface ExploreIo extends ComposeEnvIo {
  out(text: string): void;
  err(text: string): void;
  progressStream?: NodeJS.WriteStream;
}

/**
 * Explores (or joins shards), prints the report (text or JSON), writes the replay files; 1 when a requirement is
 * broken.
 */
export function runExploreCommand(request: ExploreRequest, io: ExploreIo): number {
  const { file, options } = request;
  if (options.merge) {
    if (file !== undefined)
      throw new InputError(`swarmlab explore --merge: no scenario file (got ${file}): the shards name it`);
    const merged = mergeShardFiles(options.merge);
    return printReport(merged.report, merged.file, options, io);
  }
  if (file === undefined) throw new InputError('swarmlab explore: a scenario file is needed (or --merge DIR...)');
  if (options.shard && !options.json)
    throw new InputError('swarmlab explore --shard: a shard is JSON for --merge; add --json');
  if (options.shard && options.junit !== undefined)
    throw new InputError('swarmlab explore --shard: --junit goes with --merge, which joins the shards');
  const text = readInputFile(file, SCENARIO_FILE);
  const ctx = exploreContext(readScenarioFile(file, text, io.env), text, {
    service: options.service,
    requirements: options.require,
    faults: options.faults && { kinds: options.faults, max: options.maxFaults },
    symmetry: options.symmetry,
  });
  const progress = partProgress(io);
  let parts: PartResult[];
  let prefixes: number[][];
  try {
    prefixes = planParts(ctx);
    const shard = options.shard ?? { index: 1, of: 1 };
    const indices = prefixes.map((_, i) => i).filter((i) => i % shard.of === shard.index - 1);
    const budget = (i: number) => partBudget(options.maxRuns, prefixes.length, i);
    parts =
      options.jobs > 1 && indices.length > 1
        ? explorePartsInWorkers({
            file,
            env: io.env,
            options,
            prefixes,
            indices,
            jobs: options.jobs,
            onPart: progress.tick,
          })
        : indices.map((i) => {
            const part = explorePart(ctx, i, prefixes[i], budget(i), undefined, prefixes);
            progress.tick(part, indices.length);
            return part;
          });
  } finally {
    progress.done();
  }
  const report = exploreReport(ctx, parts, prefixes.length, ctx.how.faults);
  if (options.shard) {
    io.out(`${JSON.stringify(shardJson(report, parts, file, options), null, 2)}\n`);
    return exitCodeOf(report);
  }
  return printReport(report, file, options, io);
}

function printReport(report: ExploreReport, file: string, options: ExploreOptions, io: ExploreIo): number {
  const dir = options.out ?? (options.json ? undefined : DEFAULT_EXPLORE_DIR);
  const base = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  const paths = {
    outcomes: report.outcomes.map(
      (row, i) => dir && writeReplay(join(dir, `${base}-outcome-${i + 1}.yaml`), row.replay),
    ),
    violations: report.violations.map(
      (v, i) => dir && writeReplay(join(dir, `${base}-broken-${i + 1}.yaml`), v.replay),
    ),
    invariants: report.invariants.map((v, i) => dir && writeReplay(join(dir, `${base}-bug-${i + 1}.yaml`), v.replay)),
  };
  io.out(options.json ? `${JSON.stringify(exploreJson(report), null, 2)}\n` : formatExploreReport(report, file, paths));
  if (options.junit !== undefined) writeExploreJUnit(options.junit, report, file, paths);
  return exitCodeOf(report);
}

/** 1 when a requirement or an engine invariant was broken in some run. */
function exitCodeOf(report: ExploreReport): number {
  return report.violations.length || report.invariants.length ? 1 : 0;
}

/** A bar on a terminal's stderr: parts of the choice tree done, runs so far. */
function partProgress(io: ExploreIo): { tick(part: PartResult, total: number): void; done(): void } {
  const stream = io.progressStream?.isTTY ? io.progressStream : undefined;
  let done = 0;
  let runs = 0;
  return {
    tick(part, total) {
      done++;
      runs += part.runs + part.pruned;
      if (!stream) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(
        `\r\x1b[2Kswarmlab explore: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ` +
          `parts, ${runs} runs`,
      );
    },
    done() {
      if (stream && done) stream.write('\r\x1b[2K');
    },
  };
}

function writeReplay(path: string, yaml: string): string {
  try {
    mkdirSync(path.replace(/[\\/][^\\/]*$/, ''), { recursive: true });
    writeFileSync(path, yaml);
  } catch (err) {
    throw new InputError(`--out: cannot write ${path} (${(err as Error).message})`);
  }
  return path;
}
