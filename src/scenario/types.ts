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
  /** The variables `${VAR}` in its compose files read (the CLI's environment, as `docker stack deploy`); none when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** A run `swarmlab explore` found: from step `fromStep` (1-based) on, each choice takes the option in `picks`. */
  choices?: ScenarioChoices;
}

export interface ScenarioChoices {
  fromStep: number;
  picks: number[];
  /** Faults explore injected at event boundaries (`explore --faults`): each boundary is then a choice too. */
  faults?: BoundaryFaultConfig;
}
