// `swarmlab whatif TRACE --policy FLAGS...`: a recorded rollout replayed with its own policy and with others, side by
// side.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { formatWhatIf } from '../lab/whatif/format.js';
import { type WhatIfReport, whatIf } from '../lab/whatif/whatif.js';
import type { Trace } from '../types.js';
import { openBrowser } from './open-browser.js';
import { type ServedRun, serveRuns, webDirOf } from './serve-runs.js';
import { readTrace } from './swarm-commands.js';

export interface WhatIfRequest {
  kind: 'whatif';
  file: string;
  options: { policy: string[]; outDir?: string; open?: boolean };
}

export interface WhatIfIo {
  out(text: string): void;
  err(text: string): void;
  /** BROWSER and SWARMLAB_WEB_DIR (`--open`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Registers a Ctrl-C handler (what stops `--open`'s server); returns its removal. */
  onInterrupt?(stop: () => void): () => void;
}

export function defineWhatIfCommand(program: Command, done: (request: WhatIfRequest) => void): void {
  program
    .command('whatif')
    .description(
      'infer a scenario from a recorded rollout, check that its policy reproduces it, and simulate other policies ' +
        'side by side',
    )
    .argument('<trace>', 'trace JSON (swarmlab record, run --backend swarm --out, or run --json)')
    .option(
      '--policy <flags>',
      "docker service update flags to try instead, e.g. '--update-failure-action rollback --update-monitor 30s' " +
        '(repeatable)',
      (flags: string, previous: string[]) => [...previous, flags],
      [] as string[],
    )
    .option(
      '--out-dir <dir>',
      'write each simulated run there: its trace (simulated.json, policy-1.json…, for the page or compare) and its ' +
        'scenario (.yaml)',
    )
    .option(
      '--open',
      'show the recording and every run side by side in the page: serves it on 127.0.0.1 until Ctrl-C and opens a ' +
        'browser (BROWSER=none: only print the address; SWARMLAB_WEB_DIR: the built page)',
    )
    .action((file: string, options: WhatIfRequest['options']) => done({ kind: 'whatif', file, options }));
}

/**
 * Prints the report; 0 when the recorded policy reproduces the recording, 1 when not (bad input: InputError, 2).
 * With `--open`, the status comes when Ctrl-C stops the page's server.
 */
export function runWhatIfCommand(request: WhatIfRequest, io: WhatIfIo): number | Promise<number> {
  const { outDir, open } = request.options;
  const webDir = open ? webDirOf(io.env ?? {}) : null; // a page that is not built is said before the runs
  const trace = readTrace(request.file, 'whatif');
  const report = whatIf(trace, request.file, request.options.policy);
  io.out(formatWhatIf(report, request.file));
  const status = report.mismatches.length === 0 ? 0 : 1;
  if (webDir === null) {
    if (outDir !== undefined) writeRuns(report, outDir, io);
    return status;
  }
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'swarmlab-whatif-'));
  const runs = [recordingRun(trace, request.file, dir), ...writeRuns(report, dir, io)];
  return serveUntilInterrupted(webDir, runs, io)
    .then(
      () => status,
      (err: Error) => {
        io.err(`swarmlab whatif --open: cannot serve the page (${err.message})\n`);
        return 2;
      },
    )
    .finally(() => {
      if (outDir === undefined) rmSync(dir, { recursive: true, force: true });
    });
}

/** The recording itself, beside the runs, for the page (`recording.json`). */
function recordingRun(trace: Trace, file: string, dir: string): ServedRun {
  const written = join(dir, 'recording.json');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(written, JSON.stringify(trace));
  } catch (err) {
    throw new InputError(`--out-dir ${dir}: cannot write the runs (${(err as Error).message})`);
  }
  return { name: 'recording.json', file: written, label: `recorded (${basename(file)})` };
}

/**
 * Serves the page and `runs`, prints its address, opens a browser; resolves when Ctrl-C stops it (2 when it cannot
 * serve).
 */
async function serveUntilInterrupted(webDir: string, runs: readonly ServedRun[], io: WhatIfIo): Promise<void> {
  const server = await serveRuns(webDir, runs);
  io.out(`the runs in the page: ${server.pageUrl}\nserving them on 127.0.0.1 until Ctrl-C\n`);
  openBrowser(server.pageUrl, io.env ?? {}, (why) =>
    io.err(`swarmlab whatif --open: could not start a browser (${why}); open the address above\n`),
  );
  await new Promise<void>((stopped) => {
    const off = io.onInterrupt?.(() => {
      off?.();
      stopped();
    });
  });
  await server.close();
}

/**
 * `simulated.json` / `.yaml` for the recorded policy, `policy-N.json` / `.yaml` for each alternative; the traces as the
 * page gets them.
 */
function writeRuns(report: WhatIfReport, dir: string, io: WhatIfIo): ServedRun[] {
  const written: string[] = [];
  const served: ServedRun[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    report.runs.forEach((run, i) => {
      const name = i === 0 ? 'simulated' : `policy-${i}`;
      writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(run.trace, null, 2)}\n`);
      writeFileSync(join(dir, `${name}.yaml`), run.scenario);
      written.push(`${name}.json`);
      served.push({
        name: `${name}.json`,
        file: join(dir, `${name}.json`),
        label: i === 0 ? 'simulated (recorded policy)' : `policy ${i}: ${run.label}`,
      });
    });
  } catch (err) {
    throw new InputError(`--out-dir ${dir}: cannot write the runs (${(err as Error).message})`);
  }
  io.out(`wrote ${written.map((name) => join(dir, name)).join(', ')} (and their scenarios, .yaml)\n`);
  return served;
}
