// Fault vocabulary of the policy lab: timed cluster faults and the named behaviours a new image can have.
import type { ImageBehaviour, Millis } from '../types.js';

/** A fault at `atMs` after the update command: a node lost / back, drained, or a slot's running container killed. */
export type FaultEvent =
  | { atMs: Millis; kind: 'node-down' | 'node-up' | 'drain'; node: string }
  | { atMs: Millis; kind: 'kill'; slot: number; exitCode?: number };

export type FaultKind = FaultEvent['kind'];

/** What can go wrong with the release itself: how the new image behaves. */
export type ImageFault = 'healthy' | 'crash' | 'unhealthy' | 'slow' | 'flaky';

/** `--faults` words of `swarmlab check`: image faults and cluster faults. */
export const FAULT_WORDS = ['crash', 'unhealthy', 'slow', 'flaky', 'node-down', 'drain', 'kill'] as const;
export type FaultWord = (typeof FAULT_WORDS)[number];

/** A crashing image: exits with code 1 `afterMs` after it started (inside or after the monitor window). */
export const crashImage = (afterMs: Millis): ImageBehaviour => ({ exitCode: 1, exitAfterMs: afterMs });

/** An image whose healthcheck never passes (probes every `intervalMs`, `retries` failures make it unhealthy). */
export const unhealthyImage = (intervalMs: Millis = 2_000, retries = 3): ImageBehaviour => ({
  healthcheck: { intervalMs, retries, healthyAfterMs: 'never' },
});

/** An image that takes `startMs` more to come up (healthy afterwards). */
export const slowImage = (startMs: Millis): ImageBehaviour => ({ startMs });

/** An image whose containers crash `afterMs` after starting, but only a `share` of them (seeded). */
export const flakyImage = (share: number, afterMs: Millis = 1_000): ImageBehaviour => ({
  exitCode: 1,
  exitAfterMs: afterMs,
  failFraction: share,
});

/** The default behaviour of each image fault, as `swarmlab sweep --image-behaviour` uses it. */
export function imageBehaviourOf(fault: ImageFault): ImageBehaviour {
  switch (fault) {
    case 'healthy':
      return {};
    case 'crash':
      return crashImage(2_000);
    case 'unhealthy':
      return unhealthyImage();
    case 'slow':
      return slowImage(20_000);
    default:
      return flakyImage(0.3);
  }
}

/** The step(s) a fault becomes in a scenario file. */
export function faultCommand(fault: FaultEvent, service: string): string {
  switch (fault.kind) {
    case 'node-down':
      return `swarmlab fault node-down ${fault.node}`;
    case 'node-up':
      return `swarmlab fault node-up ${fault.node}`;
    case 'drain':
      return `docker node update --availability drain ${fault.node}`;
    default:
      return `swarmlab fault kill ${service}.${fault.slot}${fault.exitCode === undefined ? '' : ` --exit-code ${fault.exitCode}`}`;
  }
}

/** A fault in a few words, for reports: `node-down node-2 @12.5s`. */
export function describeFault(fault: FaultEvent): string {
  const at = `@${+(fault.atMs / 1000).toFixed(3)}s`;
  return fault.kind === 'kill' ? `kill slot ${fault.slot} ${at}` : `${fault.kind} ${fault.node} ${at}`;
}
