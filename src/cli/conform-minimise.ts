// `swarmlab conform FILE --minimise`: the smallest scenario that still differs on the swarm as FILE does (greedy cuts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../commands/tokenize.js';
import { failedRows, formatComparison } from '../real-swarm/compare.js';
import { type ConformResult, conformScenario, formatPaced, NotComparable } from '../real-swarm/conform.js';
import { scenarioReductions } from '../scenario/shrink.js';
import type { Scenario } from '../scenario/types.js';
import { type CaseClass, classifyConformed } from './conform-random.js';

/** Most trials one minimisation runs by default (each runs the scenario on the swarm: 10-60 s). */
export const DEFAULT_MAX_TRIALS = 30;
export const MAX_TRIALS_LIMIT = 500;

export interface MinimiseOptions {
  /** The scenario file's text and path (`file` names the cuts' files in errors). */
  text: string;
  file: string;
  /** Loads a scenario text as FILE would be loaded (its directory's compose files, the environment). */
  load: (text: string) => Scenario;
  host?: string;
  maxTrials: number;
  outDir?: string;
  /** Runs one scenario on both sides (tests give a stand-in for the swarm). */
  conform?: typeof conformScenario;
}

export interface MinimiseIo {
  out(text: string): void;
  err(text: string): void;
}

/** One run on both sides, judged: its class and the judged rows that differ (their labels). */
interface Trial {
  kind: CaseClass;
  rows: string[];
  conformed?: ConformResult;
  /** Why it could not run. */
  problem?: string;
}

/**
 * Cuts FILE one reduction at a time (a step, replicas, a flag), keeping a cut when its run still differs the same way:
 * the same class, and at least one of the same rows. Ends at a scenario no single cut of which keeps the difference, or
 * at `maxTrials`; then runs what it kept once more, since a race need not happen twice. Exit 1 when a difference is
 * shown, 0 when FILE is the same on both sides (nothing to minimise).
 */
export function minimiseConform(options: MinimiseOptions, io: MinimiseIo): number {
  const scenario = options.load(options.text);
  let original: Trial;
  try {
    // FILE's own run: a daemon that cannot be reached is said as `conform FILE` says it.
    original = judged((options.conform ?? conformScenario)(scenario, { host: options.host }));
  } catch (err) {
    if (!(err instanceof NotComparable)) throw err;
    io.out(`verdict: ${err.message} (not run on the swarm): nothing to minimise\n`);
    return 1;
  }
  if (original.kind === 'same') {
    io.out(`${options.file} is the same on the simulator and the swarm: nothing to minimise\n`);
    return 0;
  }
  io.err(`swarmlab conform --minimise: ${options.file} is ${original.kind}: ${original.rows.join('; ')}\n`);
  const log: string[] = [`${options.file}: ${original.kind} (${original.rows.join('; ')})`];
  const search = greedyCuts(options, scenario, original, (line) => {
    log.push(line);
    io.err(`swarmlab conform --minimise: ${line}\n`);
  });
  const again = runTrial(options, search.scenario);
  const reproduced = keepsDifference(original, again);
  io.out(report(options, scenario, original, search, reproduced));
  const kept = reproduced ? again : search.trial;
  if (options.outDir !== undefined) writeMinimised(options.outDir, search.text, kept, log);
  if (kept.conformed) io.out(`\n${verdictText(kept.conformed)}`);
  return 1;
}

interface Search {
  text: string;
  /** `text` loaded. */
  scenario: Scenario;
  trial: Trial;
  trials: number;
  /** No single cut of `text` keeps the difference (false: stopped at maxTrials). */
  minimal: boolean;
}

function greedyCuts(options: MinimiseOptions, scenario: Scenario, original: Trial, log: (line: string) => void) {
  const tried = new Set<string>();
  /** Cuts (by what they take away) that did not keep the difference: tried again after the others, each round. */
  const failedBefore = new Set<string>();
  let search: Search = { text: options.text, scenario, trial: original, trials: 0, minimal: false };
  for (;;) {
    const reductions = scenarioReductions(search.text);
    const ordered = [
      ...reductions.filter((r) => !failedBefore.has(r.what)),
      ...reductions.filter((r) => failedBefore.has(r.what)),
    ];
    let cutShort = false;
    const cut = ordered.find((reduction) => {
      if (tried.has(reduction.text)) return false;
      if (search.trials >= options.maxTrials) {
        cutShort = true;
        return false;
      }
      tried.add(reduction.text);
      const cutScenario = tryLoad(options, reduction.text);
      if (!cutScenario) return false;
      search = { ...search, trials: search.trials + 1 };
      const trial = runTrial(options, cutScenario);
      const keeps = keepsDifference(original, trial);
      const result = trial.problem ?? (trial.kind === 'same' ? 'same' : `${trial.kind} (${trial.rows.join('; ')})`);
      log(`trial ${search.trials}/${options.maxTrials}: ${reduction.what}: ${result}${keeps ? ': kept' : ''}`);
      if (keeps) search = { ...search, scenario: cutScenario, trial };
      else failedBefore.add(reduction.what);
      return keeps;
    });
    if (cut) {
      search = { ...search, text: cut.text };
      continue;
    }
    return { ...search, minimal: !cutShort };
  }
}

/** A cut loaded, or undefined when it does not load (e.g. a flag whose value another needs): it is not run. */
function tryLoad(options: MinimiseOptions, text: string): Scenario | undefined {
  try {
    return options.load(text);
  } catch {
    return undefined;
  }
}

/** A cut's run: what could not run (not comparable, a daemon error) is a trial that keeps nothing. */
function runTrial(options: MinimiseOptions, scenario: Scenario): Trial {
  try {
    return judged((options.conform ?? conformScenario)(scenario, { host: options.host }));
  } catch (err) {
    const kind = err instanceof NotComparable ? 'not comparable' : 'not run';
    return { kind, rows: [], problem: `${kind}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function judged(conformed: ConformResult): Trial {
  const kind = classifyConformed(conformed);
  return { kind, rows: failedRows(conformed.comparison).map((row) => row.what), conformed };
}

/** The same class, and at least one row that differed in the original differs again. */
function keepsDifference(original: Trial, trial: Trial): boolean {
  return trial.kind === original.kind && trial.rows.some((row) => original.rows.includes(row));
}

function report(
  options: MinimiseOptions,
  scenario: Scenario,
  original: Trial,
  search: Search,
  reproduced: boolean,
): string {
  const before = sizeOf(scenario);
  const after = sizeOf(search.scenario);
  const lines = [
    `minimised ${options.file} in ${search.trials} trial(s), each on the simulator and the swarm: ` +
      `steps ${before.steps} → ${after.steps}, flags ${before.flags} → ${after.flags}`,
    search.minimal
      ? 'minimal: no single cut of it (a step, fewer replicas, a flag) still differs this way'
      : `stopped at --max-trials ${options.maxTrials}: smaller, not shown minimal`,
    reproduced
      ? `re-checked on the swarm: ${original.kind} again`
      : "re-checked on the swarm: the difference did not happen again (a race, or the machine's pace)",
    '',
    search.text.trimEnd(),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function sizeOf(scenario: Scenario): { steps: number; flags: number } {
  let flags = 0;
  for (const step of scenario.steps) {
    if (step.kind === 'command') flags += tokenize(step.text).filter((word) => word.startsWith('-')).length;
  }
  return { steps: scenario.steps.length, flags };
}

function verdictText(conformed: ConformResult): string {
  return (
    formatComparison(conformed.comparison, ['simulator', 'swarm']) +
    (conformed.paced ? formatPaced(conformed.paced) : '')
  );
}

function writeMinimised(outDir: string, text: string, trial: Trial, log: string[]): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'minimal.yaml'), text);
  writeFileSync(join(outDir, 'trials.txt'), `${log.join('\n')}\n`);
  if (!trial.conformed) return;
  writeFileSync(join(outDir, 'simulator.json'), `${JSON.stringify(trial.conformed.simulated.trace)}\n`);
  writeFileSync(join(outDir, 'swarm.json'), `${JSON.stringify(trial.conformed.real.trace)}\n`);
  writeFileSync(join(outDir, 'verdict.txt'), verdictText(trial.conformed));
}
