// A scenario as loaded from its file: cluster, steps, expectations.
import type { SourceRef } from '../errors.js';
import type { ClusterConfig, Millis, UpdateState } from '../types.js';
import type { BoundaryFaultConfig } from './boundary-faults.js';

export type ScenarioStep =
  | { kind: 'command'; text: string; at: SourceRef }
  | { kind: 'wait'; until: 'converged' | 'settled'; service?: string; at: SourceRef }
  | { kind: 'wait'; until: 'duration'; durationMs: Millis; at: SourceRef };

export interface ScenarioExpect {
  service?: string;
  update_status?: UpdateState | null;
  update_message?: string;
  running_images?: Record<string, number>;
  previous_spec?: 'none' | 'present';
}

/** The first rollout of a service as a replay records it (snake_case: it is written into the scenario file). */
export interface ObservedRollout {
  /** Final UpdateStatus of the first rollout, `unfinished`, or `none` when the trace holds no rollout. */
  update_status: string;
  min_available: number | null;
  bad_tasks_started: number | null;
  duration_ms: Millis | null;
}

export const OBSERVED_KEYS = ['update_status', 'min_available', 'bad_tasks_started', 'duration_ms'] as const;

/** A library property this run broke (`rolloutProperty`'s replay): `swarmlab run` says whether it reproduces. */
export interface ScenarioViolation {
  /** The property's name. */
  property: string;
  /** What broke: the check's reason or failed assertion. */
  found: string;
  service: string;
  /** The failing run's figures; a run with the same figures reproduces the violation. */
  observed: ObservedRollout;
}

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  file: string;
  cluster: ClusterConfig;
  /** Compose files referenced by `docker stack deploy -c NAME`, keyed by the name used in the step. */
  files: Record<string, string>;
  steps: ScenarioStep[];
  expect?: ScenarioExpect;
  /**
   * The variables `${VAR}` in its compose files read (the CLI's environment, as `docker stack deploy`); none when
   * absent.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** A run `swarmlab explore` found: from step `fromStep` (1-based) on, each choice takes the option in `picks`. */
  choices?: ScenarioChoices;
  violation?: ScenarioViolation;
}

export interface ScenarioChoices {
  fromStep: number;
  picks: number[];
  /** Faults explore injected at event boundaries (`explore --faults`): each boundary is then a choice too. */
  faults?: BoundaryFaultConfig;
}
