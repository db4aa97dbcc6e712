// `swarmlab explore` throughput on the 4-replica, 3-node scope (course 2b: update to a crashing image, rollback).
import { readFileSync } from 'node:fs';
import { explore } from '../src/lab/explore/explore.js';
import { loadScenario } from '../src/scenario/load.js';

export const EXPLORE_SCENARIO = 'scenarios/course/2b-rollback-on-failure.yaml';

export interface ExploreThroughput {
  /** Every run of the space; of them, runs played to the end and runs cut at a state met before (replayed up to it). */
  runs: number;
  played: number;
  pruned: number;
  states: number;
  exhausted: boolean;
  wallMs: number;
}

/** One whole exploration of the scenario, as `swarmlab explore FILE` does it (without the terminal). */
export function measureExploreThroughput(): ExploreThroughput {
  const text = readFileSync(EXPLORE_SCENARIO, 'utf8');
  const scenario = loadScenario(text, EXPLORE_SCENARIO);
  const started = performance.now();
  const report = explore(scenario, text);
  const wallMs = performance.now() - started;
  return {
    runs: report.runs,
    played: report.played,
    pruned: report.pruned,
    states: report.states,
    exhausted: report.exhausted,
    wallMs,
  };
}
