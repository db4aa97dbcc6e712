// Shapes of `swarmlab lint`: the services it reads (with where each setting is written), rules and their findings.
import type { Policy } from '../lab/policy.js';
import type { ImageBehaviour, ServiceSpec } from '../types.js';
import type { LintText } from './messages.js';

export type Level = 'error' | 'warning';

/** A setting a finding points at: its key in a stack file, its flag in a scenario. */
export type Setting =
  | 'service'
  | 'image'
  | 'replicas'
  | 'healthcheck'
  | 'update_config'
  | 'update.parallelism'
  | 'update.delay'
  | 'update.monitor'
  | 'update.failure_action'
  | 'update.max_failure_ratio'
  | 'update.order'
  | 'rollback_config'
  | 'rollback.parallelism'
  | 'rollback.delay'
  | 'ports';

/** A published port in host mode (long syntax, `mode: host`, with a fixed `published` port). */
export interface HostPort {
  published: number;
  target: number;
  line: number;
}

/** One service as the lint sees it: its spec, the rollout the proofs simulate, and where its settings are written. */
export interface LintTarget {
  file: string;
  /** The service's name as written (stack files) or as created (scenarios). */
  service: string;
  spec: ServiceSpec;
  /** Seed of the proof runs (a scenario's own, else swarmlab's default). */
  seed: number;
  /** The rollout the proofs run (null for a global service: the lab simulates replicated ones). */
  policy: Policy | null;
  /** Behaviour of the new image the file declares (scenarios only). */
  newImage?: { name: string; behaviour: ImageBehaviour; afterLine: number | null };
  hostPorts: HostPort[];
  /** The images the file names for the service (a scenario: the one created and the one it updates to), with lines. */
  images: { image: string; line: number }[];
  /** `monitor: 0` (or `--update-monitor 0`) written explicitly: the daemon drops it and Swarm monitors 5 s. */
  monitorZeroLine: number | null;
  /** The line of a setting, or of the nearest enclosing one that is written (at worst the service's own line). */
  lineOf(setting: Setting): number;
}

/** The simulated run behind a finding: the scenario file that replays it and what it shows. */
export interface Proof {
  /** The scenario (YAML) to save and replay with `swarmlab run FILE`. */
  scenario: string;
  figure: string;
}

export interface Finding {
  ruleId: string;
  level: Level;
  file: string;
  line: number;
  service: string;
  /** One sentence: why this setting is a trap. */
  message: string;
  /** The simulated consequence, or null when the simulator cannot show it (then `noProof` says why). */
  proof: Proof | null;
  noProof?: string;
  /** The same texts by key, for a reader in another language (the page); `message` etc. are their English. */
  texts: { why: LintText; figure?: LintText; noProof?: LintText };
}

export interface RuleMeta {
  id: string;
  level: Level;
  /** One line for `--help`, the README and SARIF's shortDescription. */
  summary: string;
  /** Where the behaviour is written down (swarmkit / moby / docker/cli source, docker docs). */
  source: string;
}

export interface Rule extends RuleMeta {
  check(target: LintTarget): Finding | null;
}
