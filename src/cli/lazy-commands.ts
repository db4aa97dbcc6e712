// The commands whose modules load fast-check or d3 (check, sweep): imported only when the command line names one, so
// every other command starts without them (~55 ms less per process, measured on `run`).
import type { runCheckCommand } from './check.js';
import type { runSweepCommand } from './sweep.js';

interface LazyCommands {
  check: typeof runCheckCommand;
  sweep: typeof runSweepCommand;
}

let loaded: LazyCommands | null = null;

/** Imports them; the entry point does when `mayNeedLazyCommands`, tests once per file (test/helpers/main.ts). */
export async function loadLazyCommands(): Promise<void> {
  const [check, sweep] = await Promise.all([import('./check.js'), import('./sweep.js')]);
  loaded = { check: check.runCheckCommand, sweep: sweep.runSweepCommand };
}

/** Whether `argv` may run one of them (any word naming one: over-loading costs only the time saved). */
export function mayNeedLazyCommands(argv: readonly string[]): boolean {
  return argv.includes('check') || argv.includes('sweep');
}

export function lazyCommand<K extends keyof LazyCommands>(kind: K): LazyCommands[K] {
  if (!loaded) throw new Error(`swarmlab ${kind}: its module was not loaded (loadLazyCommands)`);
  return loaded[kind];
}
