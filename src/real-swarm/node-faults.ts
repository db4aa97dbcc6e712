// The node faults a run applied on a lab cluster, recorded as the same trace events the simulator records.
import { faultTraceEvent } from '../faults/registry.js';
import type { Millis, TraceEvent } from '../types.js';

/**
 * Which nodes this run has cut, so that node-down and node-up record what the simulator records: one `node-down` per
 * cut (a node-down of a node already cut does nothing), one `node-up` when a cut node is plugged back.
 */
export class NodeFaultLog {
  private readonly cut = new Set<string>();

  constructor(
    private readonly record: (event: TraceEvent) => void,
    private readonly nowMs: () => Millis,
  ) {}

  /**
   * Pulls the node's cable with `pull` (which may refuse, e.g. the manager: then nothing is recorded), unless this run
   * already did.
   */
  down(nodeId: string, pull: () => void): void {
    if (this.cut.has(nodeId)) return;
    pull();
    this.cut.add(nodeId);
    this.record(faultTraceEvent(this.nowMs(), 'node-down', nodeId));
  }

  /** Plugs the cable back with `plug` (harmless on a node never cut: then nothing is recorded). */
  up(nodeId: string, plug: () => void): void {
    plug();
    if (this.cut.delete(nodeId)) this.record(faultTraceEvent(this.nowMs(), 'node-up', nodeId));
  }
}
