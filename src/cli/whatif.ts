// `swarmlab whatif TRACE --policy FLAGS...`: a recorded rollout replayed with its own policy and with others, side by side.
import type { Command } from 'commander';
import { formatWhatIf } from '../lab/whatif/format.js';
import { whatIf } from '../lab/whatif/whatif.js';
import { readTrace } from './swarm-commands.js';

export interface WhatIfRequest {
  kind: 'whatif';
  file: string;
  options: { policy: string[] };
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
    .action((file: string, options: WhatIfRequest['options']) => done({ kind: 'whatif', file, options }));
}

/** Prints the report; 0 when the recorded policy reproduces the recording, 1 when not (bad input: InputError, 2). */
export function runWhatIfCommand(request: WhatIfRequest, io: WhatIfIo): number {
  const trace = readTrace(request.file, 'whatif');
  const report = whatIf(trace, request.file, request.options.policy);
  io.out(formatWhatIf(report, request.file));
  return report.mismatches.length === 0 ? 0 : 1;
}
