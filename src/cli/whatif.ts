// `swarmlab whatif TRACE --policy FLAGS...`: a recorded rollout replayed with its own policy and with others, side by side.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { formatWhatIf } from '../lab/whatif/format.js';
import { type WhatIfReport, whatIf } from '../lab/whatif/whatif.js';
import { readTrace } from './swarm-commands.js';

export interface WhatIfRequest {
  kind: 'whatif';
  file: string;
  options: { policy: string[]; outDir?: string };
}

export interface WhatIfIo {
  out(text: string): void;
}

export function defineWhatIfCommand(program: Command, done: (request: WhatIfRequest) => void): void {
  program
    .command('whatif')
    .description(
      'infer a scenario from a recorded rollout, check that its policy reproduces it, and simulate other policies side by side',
    )
    .argument('<trace>', 'trace JSON (swarmlab record, run --backend swarm --out, or run --json)')
    .option(
      '--policy <flags>',
      "docker service update flags to try instead, e.g. '--update-failure-action rollback --update-monitor 30s' (repeatable)",
      (flags: string, previous: string[]) => [...previous, flags],
      [] as string[],
    )
    .option(
      '--out-dir <dir>',
      'write each simulated run there: its trace (simulated.json, policy-1.json…, for the page or compare) and its scenario (.yaml)',
    )
    .action((file: string, options: WhatIfRequest['options']) => done({ kind: 'whatif', file, options }));
}

/** Prints the report; 0 when the recorded policy reproduces the recording, 1 when not (bad input: InputError, 2). */
export function runWhatIfCommand(request: WhatIfRequest, io: WhatIfIo): number {
  const trace = readTrace(request.file, 'whatif');
  const report = whatIf(trace, request.file, request.options.policy);
  io.out(formatWhatIf(report, request.file));
  if (request.options.outDir !== undefined) writeRuns(report, request.options.outDir, io);
  return report.mismatches.length === 0 ? 0 : 1;
}

/** `simulated.json` / `.yaml` for the recorded policy, `policy-N.json` / `.yaml` for each alternative. */
function writeRuns(report: WhatIfReport, dir: string, io: WhatIfIo): void {
  const written: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    report.runs.forEach((run, i) => {
      const name = i === 0 ? 'simulated' : `policy-${i}`;
      writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(run.trace, null, 2)}\n`);
      writeFileSync(join(dir, `${name}.yaml`), run.scenario);
      written.push(`${name}.json`);
    });
  } catch (err) {
    throw new InputError(`--out-dir ${dir}: cannot write the runs (${(err as Error).message})`);
  }
  io.out(`wrote ${written.map((name) => join(dir, name)).join(', ')} (and their scenarios, .yaml)\n`);
}
