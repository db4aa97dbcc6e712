// The library's front door: a scenario (object or YAML text) and a seed in, the whole trace out.
import { loadScenario } from '../scenario/load.js';
import { runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import type { Trace } from '../types.js';

export interface SimulateOptions {
  /** Seed of the run (default: the scenario's own `seed:`). */
  seed?: number;
  /** Name used in error messages when `scenario` is YAML text (default `scenario.yaml`). */
  file?: string;
  /** Compose files a YAML scenario's `compose:` names, by the path it uses (a browser has no file system). */
  files?: Record<string, string>;
}

/** Runs a scenario and returns its trace: the same scenario and seed always give the same trace. */
export function simulate(scenario: Scenario | string, opts: SimulateOptions = {}): Trace {
  const loaded =
    typeof scenario === 'string'
      ? loadScenario(scenario, opts.file ?? 'scenario.yaml', {
          readFile: opts.files
            ? (path) => {
                const text = opts.files![path];
                if (text === undefined) throw new Error('no such file');
                return { text, file: path };
              }
            : undefined,
        })
      : scenario;
  return runScenario(loaded, opts.seed === undefined ? {} : { seed: opts.seed }).trace;
}
