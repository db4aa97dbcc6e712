// The daemon's object lookup (moby daemon/cluster/helpers.go): full ID, then exact name, then a unique ID prefix.

import { LABEL_STACK_NAMESPACE } from '../compose/labels.js';
import { DaemonError } from '../errors.js';
import { errNodeAmbiguous, errNoSuchNode, errNoSuchService, errServiceAmbiguous } from '../messages.js';
import type { ClusterState, Node, Service, Task } from '../types.js';

/** `docker service inspect/update/rm/scale REF`: throws the daemon's not-found / ambiguous error. */
export function findService(state: ClusterState, ref: string): Service {
  const byId = state.services.find((s) => s.ID === ref);
  if (byId) return byId;
  const byName = state.services.filter((s) => s.Spec.Name === ref);
  const matches = byName.length > 0 ? byName : state.services.filter((s) => s.ID.startsWith(ref));
  if (matches.length === 0) throw new DaemonError(errNoSuchService(ref));
  if (matches.length > 1) throw new DaemonError(errServiceAmbiguous(ref, matches.length));
  return matches[0];
}

/** `docker node update/inspect REF` (`self` is the leader manager, the node the CLI talks to). */
export function findNode(state: ClusterState, ref: string): Node {
  if (ref === 'self') {
    const self = state.nodes.find((n) => n.ManagerStatus?.Leader) ?? state.nodes.find((n) => n.Spec.Role === 'manager');
    if (self) return self;
  }
  const byId = state.nodes.find((n) => n.ID === ref);
  if (byId) return byId;
  const byName = state.nodes.filter((n) => n.Description.Hostname === ref);
  const matches = byName.length > 0 ? byName : state.nodes.filter((n) => n.ID.startsWith(ref));
  if (matches.length === 0) throw new DaemonError(errNoSuchNode(ref));
  if (matches.length > 1) throw new DaemonError(errNodeAmbiguous(ref, matches.length));
  return matches[0];
}

/** A task by full ID or unique ID prefix, or null. */
export function findTask(state: ClusterState, ref: string): Task | null {
  const byId = state.tasks.find((t) => t.ID === ref);
  if (byId) return byId;
  const matches = state.tasks.filter((t) => t.ID.startsWith(ref));
  return matches.length === 1 ? matches[0] : null;
}

/** The services `docker stack deploy STACK` created (label com.docker.stack.namespace=STACK). */
export function stackServices(state: ClusterState, stack: string): Service[] {
  return state.services.filter((s) => s.Spec.Labels?.[LABEL_STACK_NAMESPACE] === stack);
}
