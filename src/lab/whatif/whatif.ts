// `swarmlab whatif`: a recorded rollout replayed in the simulator with its own policy (which must reproduce it) and
// with others.
import { tokenize } from '../../commands/tokenize.js';
import { InputError } from '../../errors.js';
import { isFailure } from '../../task-states.js';
import { foldTrace } from '../../trace/fold.js';
import type { ImageBehaviour, Millis, Trace } from '../../types.js';
import { caseYaml, type RolloutCase, runCase, specFlags } from '../case.js';
import { firstRollout, minAvailable } from '../queries.js';
import { type InferredRollout, inferRollout } from './infer.js';

/** How far the simulated duration of the recorded policy may be from the recorded one and still reproduce it. */
export const REPRODUCE_TOLERANCE = 0.15;
/** The seed of every simulated run (the same report for the same trace and policies). */
export const WHATIF_SEED = 1;

/** What one run (recorded or simulated) of the rollout came to. */
export interface Figures {
  /** Update start → final UpdateStatus; null when it did not end. */
  durationMs: Millis | null;
  /** Lowest count of serving tasks from the update's start to its end. */
  minAvailable: number;
  /** Tasks of the new image that failed (or were rejected) before the rollout ended. */
  badTasks: number;
  /** The final UpdateStatus state (`unfinished` when none). */
  outcome: string;
  /** Tasks running at the rollout's end, per image. */
  running: Record<string, number>;
}

export interface PolicyRun {
  /** `recorded`, or the policy's flags as given. */
  label: string;
  flags: string[];
  figures: Figures;
  /** The scenario file that replays this run (`swarmlab run`). */
  scenario: string;
  trace: Trace;
}

export interface WhatIfReport {
  inferred: InferredRollout;
  recorded: Figures;
  /** The recorded policy simulated first, then each alternative. */
  runs: PolicyRun[];
  /** Empty when the recorded policy reproduces the recording; else why not, one line each. */
  mismatches: string[];
}

/** Infers the scenario, simulates the recorded policy and each of `policies` (docker service update flags). */
export function whatIf(trace: Trace, file: string, policies: readonly string[]): WhatIfReport {
  const inferred = inferRollout(trace, file);
  const recorded = figuresOf(trace, inferred.rollout.toImage);
  const runs = [
    simulatePolicy(inferred, 'recorded', []),
    ...policies.map((policy) => simulatePolicy(inferred, policy, policyWords(policy))),
  ];
  return { inferred, recorded, runs, mismatches: mismatches(recorded, runs[0].figures) };
}

function policyWords(policy: string): string[] {
  let words: string[];
  try {
    words = tokenize(policy);
  } catch (err) {
    throw new InputError(`--policy ${policy}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const positional = words.find((word, i) => !word.startsWith('-') && (i === 0 || !words[i - 1].startsWith('--')));
  if (words.length === 0 || positional !== undefined)
    throw new InputError(
      `--policy ${JSON.stringify(policy)}: expected docker service update flags, such as --update-failure-action ` +
        'rollback',
    );
  return words;
}

/** The recorded rollout's case: the service as it was, then the update it sent plus `flags`. */
export function rolloutCase(inferred: InferredRollout, flags: readonly string[]): RolloutCase {
  const images: Record<string, ImageBehaviour> = {};
  for (const observed of inferred.images) images[observed.image] = observed.behaviour;
  return {
    name: `whatif-${inferred.rollout.service}`,
    seed: WHATIF_SEED,
    nodes: inferred.nodes,
    service: inferred.before,
    newImage: inferred.rollout.toImage,
    images,
    faults: [],
    timing: inferred.timing,
    updateFlags: [...specFlags(inferred.after), ...flags],
  };
}

function simulatePolicy(inferred: InferredRollout, label: string, flags: string[]): PolicyRun {
  const c = rolloutCase(inferred, flags);
  const trace = runCase(c);
  const update = trace.events.find((ev) => ev.type === 'command' && ev.text.startsWith('docker service update'));
  if (update?.type === 'command' && update.exitCode !== 0) {
    const output = trace.events.find((ev) => ev.type === 'output' && ev.t_ms >= update.t_ms && ev.stream === 'stderr');
    throw new InputError(
      `--policy ${label}: docker service update refused ` +
        `it: ${output?.type === 'output' ? output.text.trim() : `exit ${update.exitCode}`}`,
    );
  }
  return { label, flags, figures: figuresOf(trace, inferred.rollout.toImage), scenario: caseYaml(c), trace };
}

/** The figures of the trace's first rollout (an update to `newImage`). */
export function figuresOf(trace: Trace, newImage: string): Figures {
  const rollout = firstRollout(trace);
  const endMs = rollout.endMs ?? trace.duration_ms;
  const failed = new Set<string>();
  foldTrace(trace, (s, ev) => {
    if (ev.type !== 'task_state' || ev.t_ms > endMs || !isFailure(ev.state)) return;
    const task = s.tasks.get(ev.taskId);
    if (task?.serviceId === rollout.serviceId && task.image === newImage) failed.add(ev.taskId);
  });
  return {
    durationMs: rollout.endMs === null ? null : rollout.endMs - rollout.startMs,
    minAvailable: minAvailable(trace, rollout.serviceId),
    badTasks: failed.size,
    outcome: rollout.outcome,
    running: runningAt(trace, rollout.serviceId, endMs),
  };
}

/** Tasks running (desired running) per image at `tMs`. */
function runningAt(trace: Trace, serviceId: string, tMs: Millis): Record<string, number> {
  let counts: Record<string, number> = {};
  foldTrace(trace, (state, ev, endOfInstant) => {
    if (!endOfInstant || ev.t_ms > tMs) return;
    counts = {};
    for (const task of state.tasks.values())
      if (task.serviceId === serviceId && task.state === 'running' && task.desired === 'running')
        counts[task.image] = (counts[task.image] ?? 0) + 1;
  });
  return counts;
}

function mismatches(recorded: Figures, simulated: Figures): string[] {
  const out: string[] = [];
  if (recorded.outcome !== simulated.outcome)
    out.push(`outcome: recorded ${recorded.outcome}, simulated ${simulated.outcome}`);
  if (recorded.durationMs !== null && simulated.durationMs !== null) {
    const ratio = simulated.durationMs / recorded.durationMs - 1;
    if (Math.abs(ratio) > REPRODUCE_TOLERANCE)
      out.push(
        `duration: recorded ${seconds(recorded.durationMs)}, simulated ${seconds(simulated.durationMs)} ` +
          `(${ratio > 0 ? '+' : ''}${Math.round(ratio * 100)} %, more than ${REPRODUCE_TOLERANCE * 100} %)`,
      );
  }
  return out;
}

export const seconds = (ms: Millis) => `${(ms / 1000).toFixed(1)} s`;
