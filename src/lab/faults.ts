// Fault vocabulary of the policy lab: timed cluster faults and the named behaviours a new image can have.
// The kinds themselves are declared once, in src/faults/registry.ts; this module is the lab's view of them.
import { type FaultEvent, faultStep, IMAGE_FAULTS, type ImageFault } from '../faults/registry.js';
import type { ImageBehaviour } from '../types.js';

export {
  crashImage,
  FAULT_WORDS,
  type FaultEvent,
  type FaultWord,
  flakyImage,
  type ImageFault,
  slowImage,
  unhealthyImage,
} from '../faults/registry.js';

export type FaultKind = FaultEvent['kind'];

/** The default behaviour of each image fault, as `swarmlab sweep --image-behaviour` uses it. */
export const imageBehaviourOf = (fault: ImageFault): ImageBehaviour => IMAGE_FAULTS[fault].behaviour();

/** What a fault hits, as a command names it: the node, or `service.slot`. */
const targetOf = (fault: FaultEvent, service: string): string =>
  'node' in fault ? fault.node : `${service}.${fault.slot}`;

/** The step(s) a fault becomes in a scenario file. */
export function faultCommand(fault: FaultEvent, service: string): string {
  return faultStep(fault.kind, targetOf(fault, service), 'slot' in fault ? { exitCode: fault.exitCode } : {});
}

/** A fault in a few words, for reports: `node-down node-2 @12.5s`, `kill slot 2 @3s`. */
export function describeFault(fault: FaultEvent): string {
  const at = `@${+(fault.atMs / 1000).toFixed(3)}s`;
  return 'slot' in fault ? `${fault.kind} slot ${fault.slot} ${at}` : `${fault.kind} ${fault.node} ${at}`;
}
