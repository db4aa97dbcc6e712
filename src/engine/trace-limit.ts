// The run's trace limit: a number of events, raised for a run whose services ask for many replicas.
import { TraceLimitError } from '../errors.js';
import { isGlobal, replicasOf } from './orchestrator/tasks.js';
import type { ServiceRecord } from './records.js';

export interface TraceLimit {
  /** Events any run may trace. */
  events: number;
  /** Events allowed per replica the run's services have asked for at most (0: the limit is `events`). */
  eventsPerReplica: number;
}

/**
 * A check to run after every deadline fired: throws TraceLimitError once the trace holds the limit, the larger of
 * `events` and `eventsPerReplica` × the most replicas the services have asked for at once so far (a global service
 * asks for one per node). Scaling down later keeps the allowance: the events already traced stay.
 */
export function traceLimitCheck(
  limit: TraceLimit,
  traced: { readonly length: number },
  services: ReadonlyMap<string, ServiceRecord>,
  nodeCount: () => number,
  nowMs: () => number,
): () => void {
  let mostReplicas = 0;
  return () => {
    if (limit.eventsPerReplica > 0) {
      let asked = 0;
      for (const service of services.values()) asked += isGlobal(service) ? nodeCount() : replicasOf(service);
      if (asked > mostReplicas) mostReplicas = asked;
    }
    const max = Math.max(limit.events, limit.eventsPerReplica * mostReplicas);
    if (traced.length >= max) throw new TraceLimitError(max, nowMs());
  };
}
