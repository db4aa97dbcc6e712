// One explored run: replays a prefix of choices, takes option 0 after it, and hashes the state at each new choice
// point.
import type { Engine } from '../../backend.js';
import { EngineInvariantError } from '../../engine/assert.js';
import { type ChoiceMade, type ClockView, ScriptedChooser } from '../../engine/chooser.js';
import type { EngineOptions } from '../../engine/records.js';
import type { ChooserFor } from '../../engine/simulator.js';
import { type BoundaryFaultConfig, type BoundaryFaults, injectAtBoundaries } from '../../scenario/boundary-faults.js';
import { runScenario } from '../../scenario/run.js';
import type { Scenario } from '../../scenario/types.js';
import type { Trace } from '../../types.js';
import { HISTORY_FREE, historySoFar } from './history-free.js';
import { hashState, type StateView } from './state-hash.js';
import { type StoreOrder, SYMMETRY_STACK_FRAMES, safeForSymmetry, symmetricView } from './symmetry.js';
import type { StateTallies, Tally } from './tally.js';

/** How each run's engine is built, and the faults injected at its event boundaries. */
export interface RunHow {
  build: (options: EngineOptions, chooserFor: ChooserFor) => Engine;
  faults?: BoundaryFaultConfig;
  /** The service whose outcome is measured: what its outcome reads of the history so far is part of the state. */
  service?: string;
  /**
   * Hash states modulo a renaming of interchangeable slots (symmetry.ts) where the call stack allows it, keeping this
   * much of the store order; none when undefined.
   */
  symmetry?: StoreOrder;
}

/** Thrown from the chooser when a run meets a state met before: every run on from there was explored. */
class StateSeen extends Error {
  constructor(readonly tally: Tally) {
    super('state seen');
  }
}

export interface Attempt {
  made: ChoiceMade[];
  /** Undefined when the run was cut at a state met before, or stopped by an engine invariant. */
  trace?: Trace;
  /** When the run was cut at a state met before: the runs from that state on. */
  cut?: Tally;
  /** The engine invariant the run broke (a swarmlab bug), when it did. */
  broken?: { invariant: string; detail: string };
}

/**
 * One run that takes `picks` from step `fromStep` on, then option 0, hashing the state at each new choice point into
 * `states` (none when null: the run is played to its end); it is cut at the first state `states` has a tally for.
 */
export function replayPrefix(
  scenario: Scenario,
  fromStep: number,
  picks: readonly number[],
  states: Pick<StateTallies, 'meet'> | null,
  how: RunHow,
): Attempt {
  let engine: Engine | undefined;
  let chooser: ScriptedChooser | undefined;
  let injector: BoundaryFaults | undefined;
  let clock: ClockView | undefined;
  let step = '';
  /** Per choice: the synchronous stretch (step, deadlines fired) it was made in. */
  const stretches: string[] = [];
  const onChoice = (point: string, options: number, index: number) => {
    const stretch = `${step}/${clock?.fired()}`;
    stretches[index] = stretch;
    if (index < picks.length || !states) return;
    // Earlier choices of this stretch may live only in local variables (a half-done shuffle): they count too.
    const local = chooser?.made.filter((_, i) => stretches[i] === stretch).map((c) => c.taken) ?? [];
    const full = how.symmetry ? callSite(SYMMETRY_STACK_FRAMES, true) : callSite(40, false);
    // With the symmetry, the frames of whoever replays the run are left out: a part's first state, replayed by
    // another part to find out whether it mirrors it (parts.ts), hashes the same.
    const stack = how.symmetry ? withinRun(full) : full;
    const extra = `${step} ${point} ${options} [${local.join(',')}] ${injector?.injected} ${stack}`;
    const symmetric =
      how.symmetry && engine && safeForSymmetry(full, point, local.length === 0)
        ? symmetricView(engine, HISTORY_FREE, how.symmetry)
        : null;
    const view: StateView = symmetric ?? HISTORY_FREE;
    const key = hashState(
      engine,
      `${symmetric ? 'symmetric ' : ''}${extra} ${historySoFar(engine, how.service)}`,
      (o) => o instanceof ScriptedChooser,
      view,
    );
    const seen = states.meet(key, index);
    if (seen) throw new StateSeen(seen);
  };
  try {
    const result = RUN_FRAME.runFromHere(() =>
      runScenario(scenario, {
        engine: (options) => {
          engine = how.build(options, (seeded, view) => {
            clock = view;
            chooser = new ScriptedChooser(picks, seeded, onChoice);
            return chooser;
          });
          if (how.faults && chooser) injector = injectAtBoundaries(engine, chooser, how.faults);
          return engine;
        },
        beforeStep: (index) => {
          step = `${index}@${engine?.nowMs()}`;
          if (index === fromStep) chooser?.start();
        },
      }),
    );
    return { made: chooser?.made ?? [], trace: result.trace };
  } catch (err) {
    if (err instanceof StateSeen) return { made: chooser?.made ?? [], cut: err.tally };
    if (err instanceof EngineInvariantError)
      return { made: chooser?.made ?? [], broken: { invariant: err.invariant, detail: err.detail } };
    throw err;
  }
}

/**
 * The frame every run's stack passes through. A method, because a minifier keeps property names: the page's bundle
 * renames free functions, and the frames below a run (who replays it) would then be hashed too.
 */
const RUN_FRAME = {
  runFromHere<T>(run: () => T): T {
    return run();
  },
};

/** Its name in a stack frame: a method's name is its property key, which a minifier keeps. */
const RUN_FRAME_NAME = RUN_FRAME.runFromHere.name;
const RUN_FRAME_LINE = new RegExp(`^${RUN_FRAME_NAME}@`, 'm');

/** The frames of a call stack above RUN_FRAME's (all of them when it is not found). */
function withinRun(stack: string): string {
  const at = stack.search(RUN_FRAME_LINE);
  return at < 0 ? stack : stack.slice(0, at);
}

/**
 * Where in the engine the choice is made: the call stack's functions and positions (not its local variables), one
 * `name@line:column` a line. Read from V8's structured frames: formatting them as `Error.stack` does cost more than
 * the rest of a state's hash.
 */
function callSite(frames: number, withinRunOnly: boolean): string {
  const { stackTraceLimit, prepareStackTrace } = Error;
  if (typeof Error.captureStackTrace !== 'function') return new Error().stack ?? '';
  Error.stackTraceLimit = frames;
  Error.prepareStackTrace = withinRunOnly ? framesWithinRun : framesText;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, callSite);
  const stack = holder.stack ?? '';
  Error.stackTraceLimit = stackTraceLimit;
  Error.prepareStackTrace = prepareStackTrace;
  return stack;
}

function framesText(_error: Error, sites: NodeJS.CallSite[]): string {
  let text = '';
  for (const site of sites) text += frameText(site);
  return text;
}

/**
 * framesText up to RUN_FRAME's frame: the frames of whoever runs the run are only counted (an empty line each), as
 * safeForSymmetry judges the depth and withinRun cuts them off. Naming them was a third of the cost.
 */
function framesWithinRun(_error: Error, sites: NodeJS.CallSite[]): string {
  let text = '';
  for (let i = 0; i < sites.length; i++) {
    text += frameText(sites[i]);
    if (sites[i].getFunctionName() === RUN_FRAME_NAME) return text + '\n'.repeat(sites.length - i - 1);
  }
  return text;
}

function frameText(site: NodeJS.CallSite): string {
  return `${site.getFunctionName() ?? ''}@${site.getLineNumber()}:${site.getColumnNumber()}\n`;
}
