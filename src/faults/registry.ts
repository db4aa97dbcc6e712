// The one table of fault kinds: the words the sandbox, `swarmlab check`, completion and help read, and what each does.
// Data only (no fast-check, no Node): the page imports it. The lab's arbitraries are keyed by these kinds.
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import type { ImageBehaviour, Millis, TraceEvent } from '../types.js';
import {
  CLUSTER_FAULT_KINDS,
  CLUSTER_FAULTS,
  type ClusterFaultKind,
  type DockerFault,
  type SandboxFault,
  type SandboxFaultOptions,
  type SandboxFaultVerb,
} from './cluster-faults.js';

export {
  CLUSTER_FAULT_KINDS,
  CLUSTER_FAULTS,
  type ClusterFaultKind,
  type FaultApi,
  SANDBOX_FAULT_VERBS,
  type SandboxFaultOptions,
  type SandboxFaultVerb,
} from './cluster-faults.js';

// --- What the new image does (the release's own faults) ------------------------------------------

/** A crashing image: exits with code 1 `afterMs` after it started (inside or after the monitor window). */
export const crashImage = (afterMs: Millis): ImageBehaviour => ({ exitCode: 1, exitAfterMs: afterMs });

/** An image whose healthcheck never passes (probes every `intervalMs`, `retries` failures make it unhealthy). */
export const unhealthyImage = (intervalMs: Millis = 2_000, retries = 3): ImageBehaviour => ({
  healthcheck: { intervalMs, retries, healthyAfterMs: 'never' },
});

/** An image that takes `startMs` more to come up (healthy afterwards). */
/**
 * Up `startMs` after its container starts, behind a healthcheck that passes once it is up: without one, Swarm would
 * see the task running at once.
 */
export const slowImage = (startMs: Millis): ImageBehaviour => ({
  startMs,
  healthcheck: { intervalMs: 1_000, retries: 3, startPeriodMs: startMs, healthyAfterMs: 0 },
});

/** An image whose containers crash `afterMs` after starting, but only a `share` of them (seeded). */
export const flakyImage = (share: number, afterMs: Millis = 1_000): ImageBehaviour => ({
  exitCode: 1,
  exitAfterMs: afterMs,
  failFraction: share,
});

interface ImageFaultSpec {
  /** One line, for help text. */
  description: string;
  /** Its default behaviour (`swarmlab sweep --image-behaviour`, the explorer). */
  behaviour: () => ImageBehaviour;
  /** A drawn behaviour in a few words, for `swarmlab check` reports. */
  describe: (behaviour: ImageBehaviour) => string;
}

const seconds = (ms: Millis): string => formatGoDuration(Math.round(ms) * NS_PER_MS);

/** How the new image of a release behaves; `healthy` is the absence of a fault (every check draws it). */
export const IMAGE_FAULTS = {
  healthy: {
    description: 'the new image starts and stays healthy',
    behaviour: () => ({}),
    describe: () => 'new image healthy',
  },
  crash: {
    description: 'the new containers exit with code 1 some seconds after they start',
    behaviour: () => crashImage(2_000),
    describe: (b) => `new image crashes ${seconds(b.exitAfterMs ?? 0)} after start`,
  },
  unhealthy: {
    description: "the new image's healthcheck never passes",
    behaviour: () => unhealthyImage(),
    describe: (b) =>
      `new image never healthy (probe every ${seconds(b.healthcheck?.intervalMs ?? 0)}, ` +
      `${b.healthcheck?.retries} retries)`,
  },
  slow: {
    description: 'the new image takes seconds longer to start (healthy afterwards)',
    behaviour: () => slowImage(20_000),
    describe: (b) => `new image starts ${seconds(b.startMs ?? 0)} slower`,
  },
  flaky: {
    description: 'a share of the new containers crash soon after they start',
    behaviour: () => flakyImage(0.3),
    describe: (b) => `${Math.round((b.failFraction ?? 1) * 100)}% of new containers crash`,
  },
} as const satisfies Record<string, ImageFaultSpec>;

export type ImageFault = keyof typeof IMAGE_FAULTS;
export const IMAGE_FAULT_KINDS: readonly ImageFault[] = Object.keys(IMAGE_FAULTS) as ImageFault[];

// --- What happens to the cluster during the rollout ----------------------------------------------
// The table itself is src/faults/cluster-faults.ts (a leaf: the trace event type reads it); this is its public face.

type EventOf<K extends ClusterFaultKind> = (typeof CLUSTER_FAULTS)[K]['target'] extends 'node'
  ? { atMs: Millis; kind: K; node: string }
  : { atMs: Millis; kind: K; slot: number; exitCode?: number };

/** A fault at `atMs` after the update command: a node lost / back, drained, or a slot's running container killed. */
export type FaultEvent = { [K in ClusterFaultKind]: EventOf<K> }[ClusterFaultKind];

/** The cluster faults a schedule draws (node-up comes with a node-down). */
export type DrawnClusterFault = {
  [K in ClusterFaultKind]: (typeof CLUSTER_FAULTS)[K]['drawn'] extends true ? K : never;
}[ClusterFaultKind];
export const DRAWN_CLUSTER_FAULTS: readonly DrawnClusterFault[] = CLUSTER_FAULT_KINDS.filter(
  (kind): kind is DrawnClusterFault => CLUSTER_FAULTS[kind].drawn,
);

/**
 * The trace event of a fault applied through the FaultApi, recorded once it is done: every backend writes it with this
 * one function, so a real trace and a simulated one show the same events.
 */
export function faultTraceEvent(
  tMs: Millis,
  fault: SandboxFaultVerb,
  nodeId: string,
  kill?: { taskId: string; exitCode: number },
): Extract<TraceEvent, { type: 'fault' }> {
  return { t_ms: tMs, type: 'fault', fault, nodeId, ...kill };
}

const TARGET_ARG = { node: 'NODE', task: 'TASK|SERVICE.SLOT' } as const;

/** `swarmlab fault kill TASK|SERVICE.SLOT [--exit-code N]`: one usage line per sandbox verb. */
export const sandboxFaultUsage = (verb: SandboxFaultVerb): string => {
  const spec = CLUSTER_FAULTS[verb];
  return [`swarmlab fault ${verb} ${TARGET_ARG[spec.target]}`, ...spec.sandbox.flags.map((f) => `[--${f} N]`)].join(
    ' ',
  );
};

/**
 * The command a fault stands for, as a scenario step or the console types it: `swarmlab fault kill web.2 --exit-code
 * 1`.
 */
export function faultStep(kind: ClusterFaultKind, target: string, options: SandboxFaultOptions = {}): string {
  const spec: SandboxFault | DockerFault = CLUSTER_FAULTS[kind];
  if (spec.docker) return spec.docker(target);
  const flags = options.exitCode === undefined ? '' : ` --exit-code ${options.exitCode}`;
  return `swarmlab fault ${kind} ${target}${flags}`;
}

// --- `swarmlab check --faults` ---------------------------------------------------------------------

/** `--faults` words of `swarmlab check`: the image faults (but healthy), then the drawn cluster faults. */
export type FaultWord = Exclude<ImageFault, 'healthy'> | DrawnClusterFault;
export const FAULT_WORDS: readonly FaultWord[] = [
  ...IMAGE_FAULT_KINDS.filter((kind): kind is Exclude<ImageFault, 'healthy'> => kind !== 'healthy'),
  ...DRAWN_CLUSTER_FAULTS,
];

const isClusterFault = (word: string): word is ClusterFaultKind => Object.hasOwn(CLUSTER_FAULTS, word);

/** What a `--faults` word hits: the new image, a node or a task. */
export const faultWordTarget = (word: FaultWord): 'image' | 'node' | 'task' =>
  isClusterFault(word) ? CLUSTER_FAULTS[word].target : 'image';

/** `  crash       the new containers exit ...`: one line per `--faults` word, for `swarmlab check --help`. */
export const faultWordsHelp = (): string[] => {
  const width = Math.max(...FAULT_WORDS.map((word) => word.length)) + 2;
  return FAULT_WORDS.map((word) => {
    const description = isClusterFault(word) ? CLUSTER_FAULTS[word].description : IMAGE_FAULTS[word].description;
    return `  ${word.padEnd(width)}${description}`;
  });
};
