// Starts the real `swarmlab whatif RECORDING --policy … --open` binary and tells when it serves and when it exits.
import { type ChildProcess, spawn } from 'node:child_process';

export interface WhatifOpen {
  child: ChildProcess;
  /** Its stdout once it printed that it serves the runs until Ctrl-C. */
  printed: Promise<string>;
  exited: Promise<number>;
}

/** `swarmlab whatif RECORDING --policy '--update-failure-action rollback' --open` with `env` added to this one's. */
export function startWhatifOpen(recording: string, env: Record<string, string>): WhatifOpen {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'whatif',
      recording,
      '--policy',
      '--update-failure-action rollback',
      '--open',
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const printed = new Promise<string>((done) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('until Ctrl-C\n')) done(out);
    });
  });
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? -1)));
  return { child, printed, exited };
}
