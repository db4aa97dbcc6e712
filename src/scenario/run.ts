// Runs a scenario's steps against a fresh simulated cluster: typed commands, waits, then the expectations.

import { DEFAULT_SEED, defaultClusterConfig } from '../defaults.js';
import { type ChoiceMade, type Chooser, ScriptedChooser } from '../engine/chooser.js';
import { createSimulator } from '../engine/simulator.js';
import { InputError } from '../errors.js';
import { renderInput } from '../input-messages.js';
import type { ClusterConfig, Trace } from '../types.js';
import { injectAtBoundaries } from './boundary-faults.js';
import { checkExpectations } from './expect.js';
import { type RunOptions, ScenarioSession, type StepOutput, traceLimitOptions } from './session.js';
import { stepFromText } from './steps.js';
import type { Scenario, ScenarioStep } from './types.js';

export type { RunOptions, RunProgress, StepOutput } from './session.js';

export interface RunResult {
  outputs: StepOutput[];
  /** Exported when first read (a getter: copy a result with `{ ...result, trace: result.trace }`). */
  trace: Trace;
  unmet: string[];
  /** False when `untilMs` or the trace limit stopped the run before its last step finished. */
  finished: boolean;
  /** The message (also the trace's last stderr output) when the trace reached its event limit and the run stopped. */
  truncated?: string;
  /** With the scenario's `choices:` (on the simulator): every choice the run made from its `from_step` on. */
  choicesMade?: ChoiceMade[];
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunResult {
  const engineOptions = {
    seed: opts.seed ?? scenario.seed,
    cluster: scenario.cluster,
    ...traceLimitOptions(opts),
  };
  const { choices } = scenario;
  let chooser: ScriptedChooser | undefined;
  const scripted = choices ? (seeded: Chooser) => (chooser = new ScriptedChooser(choices.picks, seeded)) : undefined;
  const engine = opts.engine?.(engineOptions, scripted) ?? createSimulator(engineOptions, scripted);
  if (chooser && choices?.faults) injectAtBoundaries(engine, chooser, choices.faults);
  const beforeStep = (step: number) => {
    if (step === choices?.fromStep) chooser?.start();
    opts.beforeStep?.(step);
  };
  const session = new ScenarioSession(engine, scenario.files, {
    ...opts,
    env: scenario.env,
    beforeStep,
    stepCount: scenario.steps.length,
  });
  const finished = session.applyAll(scenario.steps);
  const unmet = finished && scenario.expect ? checkExpectations(scenario.expect, session.state()) : [];
  // A simulator of its own, which nobody else can move on, exports its trace when first read: `swarmlab run` without
  // --json never reads it (copying a 100,000-replica run's events and building its final state was 3 % of that run).
  // An engine given by the caller (a real swarm, finished right after) is exported now.
  const result = new ScenarioRunResult(session, scenario.name, unmet, finished, opts.engine !== undefined);
  if (session.truncated !== undefined) result.truncated = session.truncated;
  if (chooser) result.choicesMade = chooser.made;
  return result;
}

/**
 * A run's result, its trace exported when first read. A class, not an object literal with a getter: each literal's
 * getter gave the object a hidden class of its own, and the transition to it kept the whole run alive through every
 * young-generation collection (a quarter to half of what small runs allocated survived one; runs took twice as long).
 */
class ScenarioRunResult implements RunResult {
  readonly outputs: StepOutput[];
  declare truncated?: string;
  declare choicesMade?: ChoiceMade[];
  #trace: Trace | undefined;
  #session: ScenarioSession | null;
  readonly #name: string;

  constructor(
    session: ScenarioSession,
    name: string,
    readonly unmet: string[],
    readonly finished: boolean,
    exportNow: boolean,
  ) {
    this.outputs = session.outputs;
    this.#name = name;
    this.#trace = exportNow ? session.trace(name) : undefined;
    this.#session = exportNow ? null : session;
  }

  get trace(): Trace {
    if (this.#trace === undefined) {
      this.#trace = (this.#session as ScenarioSession).trace(this.#name);
      this.#session = null;
    }
    return this.#trace;
  }

  /** JSON.stringify writes the trace as it did when the result was a plain object. */
  toJSON(): RunResult {
    const { outputs, trace, unmet, finished, truncated, choicesMade } = this;
    return { outputs, trace, unmet, finished, truncated, choicesMade };
  }
}

/**
 * `swarmlab exec`: typed commands (and `wait: ...` lines) on a default one-node cluster; a bad wait line is an
 * InputError.
 */
export function runCommands(
  commands: string[],
  opts: RunOptions & {
    name?: string;
    cluster?: ClusterConfig;
    files?: Record<string, string>;
    env?: Scenario['env'];
  } = {},
): RunResult {
  const file = '<exec>';
  const steps = commands.map((text, index): ScenarioStep => {
    const step = stepFromText(text, { file, line: index + 1 });
    if ('error' in step) throw new InputError(`swarmlab exec: argument ${index + 1}: ${renderInput(step.error)}`);
    return step;
  });
  const scenario: Scenario = {
    name: opts.name ?? 'exec',
    description: '',
    seed: opts.seed ?? DEFAULT_SEED,
    file,
    cluster: opts.cluster ?? defaultClusterConfig(),
    files: opts.files ?? {},
    steps,
  };
  if (opts.env) scenario.env = opts.env;
  return runScenario(scenario, opts);
}
