// Slot symmetry for explore's state hash: states that differ only by which interchangeable slot holds which task merge.
import { TaskWatchers } from '../../engine/orchestrator/context.js';
import { Orchestrator } from '../../engine/orchestrator/orchestrator.js';
import { TaskReaper } from '../../engine/orchestrator/reaper.js';
import { RestartSupervisor } from '../../engine/orchestrator/restart.js';
import { Scheduler } from '../../engine/orchestrator/scheduler.js';
import type { Updater } from '../../engine/orchestrator/updater.js';
import type { ServiceRecord, TaskRecord } from '../../engine/records.js';
import { SimulatedCluster } from '../../engine/sim-agent.js';
import { type SlotKey, Store } from '../../engine/store.js';
import { isAfterRunning } from '../../engine/task-state.js';
import type { Scenario } from '../../scenario/types.js';
import type { StateView } from './state-hash.js';

/**
 * What the slot symmetry assumes, and why it is sound (README, "Exploring every run"):
 *
 * - Only the slots of a replicated service are renamed, and only among the slots it holds, all numbered 1..replicas
 *   (its previous spec has as many replicas, and no later step changes them): the one place the engine reads a slot
 *   number as a number is reconcile filling the missing slots lowest first, which then fills all of 1..replicas not
 *   in use, whatever the names. Elsewhere a slot number is a key (the store's slot lists, the restart history, the
 *   updater's slots handed out, the reaper's dirty slots): renamed the same way everywhere.
 * - A task's creation and last write times are left out, and so is when its state last changed unless a restart
 *   window reads it: nothing else in the engine does (the trace keeps them, and what the outcome reads of the trace so
 *   far is hashed with the state).
 * - Task IDs are renamed after their slot and their place in its list (a task deleted since, in the order the hash
 *   meets them); nothing else is (nodes are not interchangeable: the scheduler breaks spread ties by node order, the
 *   fault injector offers the first of equal workers).
 * - Collection orders the engine reads are kept: the slots the updater has yet to hand out (the others are never read
 *   again), the scheduler's waiting tasks, the reaper's
 *   sets, and the store order of the tasks still meant to run, as far as it is read (`StoreOrder`): a kill fault is
 *   offered on the first of equal tasks in that order, a lost or drained node's tasks are restarted in it. Orders
 *   only looked up by key are sorted (restart history, watchers, counts), and so are the agent's runtimes (walked in
 *   order only when a node comes back: no step after the update may bring one back) and a service's slots (reconcile
 *   shuffles them, and every order of a shuffle is enumerated).
 * - No step after the update kills a task by name (`swarmlab fault kill web.2`, or an ID drawn in another order).
 * - The renamed hash is taken only where no engine frame on the stack walks one of those sorted collections or holds
 *   a slot number in a local variable (`safeForSymmetry`).
 */
export function symmetricView(engine: object, base: StateView, order: StoreOrder): StateView | null {
  const parts = componentsOf(engine);
  if (!parts) return null;
  const plan = planNames(parts, order);
  const { relabel, names } = plan;
  const created = taskIdsOf(engine);
  const lazy = new Map<string, string>();
  const rename = (id: string): string => {
    const known = names.get(id);
    if (known !== undefined || !created.has(id)) return known ?? id;
    let name = lazy.get(id);
    if (name === undefined) lazy.set(id, (name = `u${lazy.size}`));
    return name;
  };
  const made = new WeakSet<object>();
  const replacements = collectionViews(parts, plan);
  return {
    replace(object) {
      if (made.has(object)) return undefined;
      const view = replacements.get(object)?.() ?? taskView(object, relabel);
      if (view !== undefined && typeof view === 'object' && view !== null) made.add(view);
      return view ?? base.replace(object);
    },
    omit: (object, key) => base.omit(object, key),
    text(value) {
      if (value.length < 25) return value;
      if (value.length === 25) return OBJECT_ID.test(value) ? rename(value) : value;
      return value.replace(OBJECT_IDS, rename);
    },
  };
}

/** Frames that walk a collection the symmetric view sorts, or hold a slot number, across a choice (see above). */
const UNSAFE_FRAMES = /\b(?:reconcileReplicated|scaleDownOrder|reconcileGlobal|removeService|nodeChanged|nodeBack)\b/g;
const CHOOSER_FRAME = /\btake\b/;
/** Stack frames captured to look for them: a deeper stack is not judged. */
export const SYMMETRY_STACK_FRAMES = 200;

/**
 * The renamed hash may be taken at a choice made under this call stack (captured with SYMMETRY_STACK_FRAMES), `first`
 * when it is the first choice of its synchronous stretch. The first draw of reconcile's shuffle may: the slots' order
 * is all its local state holds then, and every order comes out of the shuffle whatever the order going in.
 */
export function safeForSymmetry(stack: string, point: string, first: boolean): boolean {
  // A stack without the chooser's own frame names no function this can be judged by (a minifier renamed them).
  if (!CHOOSER_FRAME.test(stack) || stack.split('\n').length > SYMMETRY_STACK_FRAMES) return false;
  const unsafe = stack.match(UNSAFE_FRAMES) ?? [];
  return (
    unsafe.length === 0 || (first && point === 'shuffle' && unsafe.every((name) => name === 'reconcileReplicated'))
  );
}

/**
 * Steps after the update the symmetry does not hold across: a replica count changed (slot numbers above it would be
 * read as numbers), a node brought back (its runtimes walked in order), a task killed by name.
 */
const BREAKS_SYMMETRY = /\bscale\b|--replicas\b|--mode\b|\bstack\b|\bcompose\b|\bnode-up\b|\bkill\b/;

/** Steps that lose or drain a node: its tasks are restarted in store order. */
const NODE_CHANGE = /\bnode\b|\bdrain\b/;

/**
 * How much of the store order of the tasks still meant to run the engine may read: none; each node's (a node lost or
 * drained restarts its tasks in that order); all of it (a kill fault is offered on the first of equal tasks).
 */
export type StoreOrder = 'none' | 'node' | 'all';

/** The store order the symmetry keeps for `scenario` explored with `faults`; null when it does not hold. */
export function symmetryOrder(
  scenario: Scenario,
  fromStep: number,
  faults: readonly string[] | undefined,
): StoreOrder | null {
  const commands = scenario.steps.flatMap((step) => (step.kind === 'command' ? [step.text] : []));
  const later = scenario.steps.slice(fromStep).flatMap((step) => (step.kind === 'command' ? [step.text] : []));
  if (later.some((text) => BREAKS_SYMMETRY.test(text))) return null;
  if (faults?.includes('kill')) return 'all';
  // A node lost before the update is marked down after it: any node step counts, wherever it is.
  return faults?.length || commands.some((text) => NODE_CHANGE.test(text)) ? 'node' : 'none';
}

const OBJECT_ID = /^[0-9a-z]{25}$/;

const createdIds = new WeakMap<object, { seen: number; ids: Set<string> }>();

/** Every task ID the run has created (its trace's task_created events, read once each). */
function taskIdsOf(engine: object): Set<string> {
  const events = (engine as { events(): readonly { type: string; taskId?: string }[] }).events();
  let known = createdIds.get(engine);
  if (!known) createdIds.set(engine, (known = { seen: 0, ids: new Set() }));
  for (; known.seen < events.length; known.seen++) {
    const event = events[known.seen];
    if (event.type === 'task_created' && event.taskId) known.ids.add(event.taskId);
  }
  return known.ids;
}
const OBJECT_IDS = /\b[0-9a-z]{25}\b/g;

interface Parts {
  store: Store;
  scheduler: Scheduler;
  restarts: RestartSupervisor;
  reaper: TaskReaper;
  orchestrator: Orchestrator;
  agent: SimulatedCluster;
  watchers: TaskWatchers;
}

/**
 * A field of an engine object (private in TypeScript, plain in JavaScript); one the engine renamed fails here, loudly.
 */
function field<T>(object: object, key: string): T {
  if (!(key in object))
    throw new Error(`explore's symmetry reads ${object.constructor.name}.${key}: the engine has no such field`);
  return (object as Record<string, unknown>)[key] as T;
}

/** The same for an engine that may not be the simulator. */
function fieldIfAny<T>(object: object, key: string): T | undefined {
  return (object as Record<string, unknown>)[key] as T | undefined;
}

function componentsOf(engine: object): Parts | null {
  const store = fieldIfAny<unknown>(engine, 'store');
  const m = fieldIfAny<{ watchers?: unknown }>(engine, 'm');
  const parts = {
    store,
    scheduler: fieldIfAny<unknown>(engine, 'scheduler'),
    restarts: fieldIfAny<unknown>(engine, 'restarts'),
    reaper: fieldIfAny<unknown>(engine, 'reaper'),
    orchestrator: fieldIfAny<unknown>(engine, 'orchestrator'),
    agent: fieldIfAny<unknown>(engine, 'agent'),
    watchers: m?.watchers,
  };
  const ok =
    parts.store instanceof Store &&
    parts.scheduler instanceof Scheduler &&
    parts.restarts instanceof RestartSupervisor &&
    parts.reaper instanceof TaskReaper &&
    parts.orchestrator instanceof Orchestrator &&
    parts.agent instanceof SimulatedCluster &&
    parts.watchers instanceof TaskWatchers;
  return ok ? (parts as Parts) : null;
}

interface Plan {
  /** serviceId → slot → its canonical slot (services whose slots are interchangeable only). */
  relabel: Map<string, Map<number, number>>;
  /** task ID → canonical name: service index, canonical slot, place in the slot's list. */
  names: Map<string, string>;
  /** Tasks still meant to run, in the store order kept (see StoreOrder). */
  live: TaskRecord[];
  slots: Map<string, Map<SlotKey, TaskRecord[]>>;
}

function planNames(parts: Parts, order: StoreOrder): Plan {
  const { store } = parts;
  const slots = field<Map<string, Map<SlotKey, TaskRecord[]>>>(store, 'slots');
  const live = order === 'none' ? [] : [...store.tasks.values()].filter((task) => !isAfterRunning(task.desired));
  // Each node's order only: the tasks grouped by node (in node order), each group in store order.
  if (order === 'node') live.sort((a, b) => nodeAt(store, a) - nodeAt(store, b));
  const signature = slotSignatures(parts, live);
  const relabel = new Map<string, Map<number, number>>();
  const names = new Map<string, string>();
  let index = 0;
  for (const [serviceId, lists] of slots) {
    const service = store.services.get(serviceId);
    const perm = service && interchangeable(parts, service, lists) ? canonicalSlots(serviceId, lists, signature) : null;
    if (perm) relabel.set(serviceId, perm);
    for (const [key, list] of lists) {
      const label = typeof key === 'number' ? (perm?.get(key) ?? key) : key;
      list.forEach((task, j) => {
        names.set(task.id, `t${index}.${label}.${j}`);
      });
    }
    index++;
  }
  return { relabel, names, live, slots };
}

function nodeAt(store: Store, task: TaskRecord): number {
  return task.nodeId === null ? -1 : [...store.nodes.keys()].indexOf(task.nodeId);
}

/** A replicated service whose slots are all numbered 1..replicas, as many as its previous spec had. */
function interchangeable(parts: Parts, service: ServiceRecord, lists: Map<SlotKey, TaskRecord[]>): boolean {
  const replicas = service.spec.Mode.Replicated?.Replicas;
  if (replicas === undefined || service.spec.Mode.Global !== undefined) return false;
  if (service.previousSpec && service.previousSpec.Mode.Replicated?.Replicas !== replicas) return false;
  for (const key of lists.keys()) if (typeof key !== 'number' || key < 1 || key > replicas) return false;
  const history = field<Map<string, unknown>>(parts.restarts, 'history');
  for (const key of history.keys()) {
    const [id, slot] = key.split('|');
    if (id === service.id && !(Number(slot) >= 1 && Number(slot) <= replicas)) return false;
  }
  return true;
}

/** Slots sorted by what tells them apart besides their number; the numbers they hold, handed out in that order. */
function canonicalSlots(
  serviceId: string,
  lists: Map<SlotKey, TaskRecord[]>,
  signature: (serviceId: string, slot: number, tasks: TaskRecord[]) => string,
): Map<number, number> {
  const keyed = [...lists].map(([slot, tasks], at) => ({
    slot: slot as number,
    at,
    sig: signature(serviceId, slot as number, tasks),
  }));
  keyed.sort((a, b) => (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : a.at - b.at));
  const numbers = keyed.map((k) => k.slot).sort((a, b) => a - b);
  return new Map(keyed.map((k, i) => [k.slot, numbers[i]]));
}

/**
 * What a slot holds, without its number or its tasks' IDs: its tasks as the engine sees them (and where they stand in
 * the orders kept), its restart history, its place in the service's updater. Equal signatures: ties, kept in store
 * order (a tie broken differently only misses a merge).
 */
function slotSignatures(parts: Parts, live: TaskRecord[]) {
  const liveAt = new Map(live.map((task, i) => [task, i]));
  const unassigned = [...field<Set<TaskRecord>>(parts.scheduler, 'unassigned')];
  const counted = field<Map<string, number>>(parts.scheduler, 'counted');
  const gates = field<Map<string, unknown>>(parts.restarts, 'pendingStarts');
  const waiters = field<Map<string, unknown>>(parts.restarts, 'waiters');
  const history = field<Map<string, { specVersion: number; restartsMs: number[] }>>(parts.restarts, 'history');
  const updaters = field<Map<string, Updater>>(parts.orchestrator, 'updaters');
  const dirty = field<Map<string, Set<SlotKey>>>(parts.reaper, 'dirty');
  const byTask = field<Map<string, unknown[]>>(parts.watchers, 'byTask');
  const taskSig = (task: TaskRecord, created: Map<string, unknown> | undefined) => {
    const runtime = task.agentState as Record<string, unknown> | null;
    return [
      task.specVersion,
      task.state,
      task.desired,
      task.nodeId,
      stateTime(task),
      task.message.replace(OBJECT_IDS, '*'),
      task.err.replace(OBJECT_IDS, '*'),
      task.exitCode,
      task.origin,
      task.removed,
      liveAt.get(task) ?? -1,
      unassigned.indexOf(task),
      counted.get(task.id) ?? -1,
      gates.has(task.id),
      waiters.has(task.id),
      byTask.get(task.id)?.length ?? 0,
      created?.get(task.id),
      runtime && [
        runtime.phase,
        (runtime.timers as unknown[]).length,
        runtime.healthFailures,
        runtime.started,
        runtime.parkedAtReady,
        runtime.behaviour,
        runtime.selfExit,
        runtime.pullMs,
        runtime.stopUnhealthy,
        runtime.endReport,
        runtime.endReportPending,
        runtime.endExitCode,
        runtime.endUnhealthy,
        runtime.endRequested,
      ],
    ];
  };
  return (serviceId: string, slot: number, tasks: TaskRecord[]): string => {
    const updater = updaters.get(serviceId);
    const created = updater && field<Map<string, unknown>>(updater, 'created');
    const queue = updater ? waiting(updater) : [];
    const queued = queue.findIndex((entry) => entry[0]?.slot === slot);
    const reaped = [...(dirty.get(serviceId) ?? [])].indexOf(slot);
    return JSON.stringify([
      tasks.map((task) => taskSig(task, created)),
      history.get(`${serviceId}|${slot}`) ?? null,
      queued,
      queued >= 0 ? queue[queued].map((task) => taskSig(task, created)) : null,
      updater ? field<Set<SlotKey>>(updater, 'handedOut').has(slot) : null,
      reaped,
    ]);
  };
}

/** The collections hashed in another shape: sorted by canonical name, or with their slot keys renamed. */
function collectionViews(parts: Parts, plan: Plan): Map<object, () => unknown> {
  const { names, relabel } = plan;
  const views = new Map<object, () => unknown>();
  const byName = (map: Map<string, unknown>) => {
    views.set(map, () => sortedByName(map, names));
  };
  const { store } = parts;
  views.set(store.tasks, () => ({
    live: plan.live.map((task) => names.get(task.id)),
    all: sortedByName(store.tasks, names),
  }));
  const runtimes = field<Map<string, Record<string, unknown>>>(parts.agent, 'runtimes');
  views.set(runtimes, () => sortedByName(runtimes, names));
  byName(field(parts.scheduler, 'counted'));
  byName(field(parts.restarts, 'pendingStarts'));
  byName(field(parts.restarts, 'waiters'));
  byName(field(parts.watchers, 'byTask'));
  const history = field<Map<string, unknown>>(parts.restarts, 'history');
  views.set(history, () => renamedHistory(history, relabel));
  const dirty = field<Map<string, Set<SlotKey>>>(parts.reaper, 'dirty');
  for (const [serviceId, perm] of relabel) {
    const lists = plan.slots.get(serviceId)!;
    views.set(lists, () => [...lists].map(([slot, list]) => [perm.get(slot as number), list]).sort(bySlot));
    const keys = dirty.get(serviceId);
    if (keys) views.set(keys, () => [...keys].map((slot) => perm.get(slot as number) ?? slot));
  }
  for (const [serviceId, updater] of field<Map<string, Updater>>(parts.orchestrator, 'updaters')) {
    byName(field(updater, 'created'));
    views.set(field(updater, 'queue'), () => waiting(updater));
    const perm = relabel.get(serviceId);
    const handedOut = field<Set<SlotKey>>(updater, 'handedOut');
    if (perm) views.set(handedOut, () => [...handedOut].map((slot) => perm.get(slot as number) ?? slot).sort());
  }
  return views;
}

/** The slots an updater has yet to hand out, in its order (the ones handed out are never read again). */
function waiting(updater: Updater): TaskRecord[][] {
  return field<TaskRecord[][]>(updater, 'queue').slice(field<number>(updater, 'nextSlot'));
}

function bySlot(a: unknown[], b: unknown[]): number {
  return (a[0] as number) - (b[0] as number);
}

/** The map's entries by canonical name; undefined (hashed as it is) when a key has none. */
function sortedByName(map: Map<string, unknown>, names: Map<string, string>): unknown {
  const entries: [string, unknown][] = [];
  for (const [id, value] of map) {
    const name = names.get(id);
    if (name === undefined) return undefined;
    entries.push([name, value]);
  }
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function renamedHistory(history: Map<string, unknown>, relabel: Map<string, Map<number, number>>) {
  const entries = [...history].map(([key, value]): [string, unknown] => {
    const [serviceId, slot] = key.split('|');
    const label = relabel.get(serviceId)?.get(Number(slot));
    return [label === undefined ? key : `${serviceId}|${label}`, value];
  });
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * A task record as the symmetric hash sees it: its canonical slot, and without the times nothing reads (when it was
 * created and last written; when its state last changed, unless a restart window counts from it). Slots replaced at
 * different instants stay interchangeable.
 */
function taskView(object: object, relabel: Map<string, Map<number, number>>): unknown {
  if (!('slot' in object && 'serviceId' in object && 'agentState' in object)) return undefined;
  const task = object as TaskRecord;
  const slot = relabel.get(task.serviceId)?.get(task.slot) ?? task.slot;
  return { ...task, slot, createdMs: 0, updatedMs: 0, stateMs: stateTime(task) };
}

/** When the task's state last changed, if its restart policy reads it (a window with a maximum of attempts). */
function stateTime(task: TaskRecord): number {
  const policy = task.spec.RestartPolicy;
  return policy?.MaxAttempts && policy.Window ? task.stateMs : 0;
}
