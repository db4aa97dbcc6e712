// `swarmlab explore --shard K/N` writes its parts as JSON; `--merge` joins every shard's parts into the one-run report.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TRACE_FILE_LIMIT_BYTES } from '../defaults.js';
import { InputError } from '../errors.js';
import { type ExploreReport, exploreReport, type PartResult } from '../lab/explore/explore.js';
import { parseRequirement } from '../lab/requirements.js';
import type { ExploreOptions } from './explore-format.js';
import { exploreJson } from './explore-format.js';
import { readInputFile } from './input-file.js';

const SHARD_FILE = { what: 'shard file', limitBytes: TRACE_FILE_LIMIT_BYTES };

/** What must be the same in every shard of one exploration. */
interface ShardSettings {
  file: string;
  scenario: string;
  service: string | null;
  from_step: number;
  max_runs: number;
  requirements: string[];
  faults: { kinds: string[]; max: number } | null;
  symmetry: ExploreReport['symmetry'];
}

interface ShardBlock {
  index: number;
  of: number;
  parts: number;
  settings: ShardSettings;
  results: PartResult[];
}

/** A shard's JSON: the report of its own parts (not exhausted alone), and under `shard` what --merge needs. */
export function shardJson(report: ExploreReport, parts: PartResult[], file: string, options: ExploreOptions): object {
  const block: ShardBlock = {
    index: options.shard?.index ?? 1,
    of: options.shard?.of ?? 1,
    parts: report.parts,
    settings: {
      file: file.replace(/^.*[\\/]/, ''),
      scenario: report.scenario,
      service: report.service ?? null,
      from_step: report.fromStep,
      max_runs: options.maxRuns,
      requirements: report.requirementsChecked.map((r) => r.text),
      faults: report.faults ? { kinds: [...report.faults.kinds], max: report.faults.max } : null,
      symmetry: report.symmetry,
    },
    results: parts,
  };
  return { ...exploreJson(report), shard: block };
}

/** Every shard file named (a directory: its .json files, by name), checked to be one whole exploration, joined. */
export function mergeShardFiles(paths: readonly string[]): { report: ExploreReport; file: string } {
  const files = paths.flatMap((path) =>
    isDirectory(path)
      ? readdirSync(path)
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
  if (files.length === 0) throw new InputError(`swarmlab explore --merge: no .json file in ${paths.join(' ')}`);
  const shards = files.map((file) => ({ file, block: readShard(file) }));
  const first = shards[0];
  const settings = JSON.stringify(first.block.settings);
  const byIndex = new Map<number, string>();
  for (const { file, block } of shards) {
    if (JSON.stringify(block.settings) !== settings || block.of !== first.block.of || block.parts !== first.block.parts)
      throw new InputError(
        `${file}: not a shard of the same exploration as ${first.file} (other file, options or shard count)`,
      );
    const twice = byIndex.get(block.index);
    if (twice) throw new InputError(`${file}: shard ${block.index}/${block.of} is also in ${twice}`);
    byIndex.set(block.index, file);
  }
  const missing = Array.from({ length: first.block.of }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length)
    throw new InputError(
      'swarmlab explore --merge: missing ' +
        `shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.block.of}`).join(', ')}`,
    );
  const s = first.block.settings;
  const header = {
    scenario: { name: s.scenario },
    service: s.service ?? undefined,
    fromStep: s.from_step,
    requirements: s.requirements.map(parseRequirement),
    symmetry: s.symmetry ?? 'off',
  };
  const results = shards.flatMap(({ block }) => block.results);
  const faults = s.faults ? { kinds: s.faults.kinds as never[], max: s.faults.max } : undefined;
  return { report: exploreReport(header, results, first.block.parts, faults), file: s.file };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readShard(file: string): ShardBlock {
  let json: { shard?: ShardBlock };
  try {
    json = JSON.parse(readInputFile(file, SHARD_FILE));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: not JSON (${(err as Error).message})`);
  }
  const block = json?.shard;
  if (!block || !Array.isArray(block.results) || typeof block.index !== 'number')
    throw new InputError(`${file}: not the JSON of swarmlab explore --shard K/N --json`);
  return block;
}
