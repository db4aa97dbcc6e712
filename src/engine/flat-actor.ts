// A flat xstate machine (atomic and final states under its root) run as xstate's actor runs it, without an actor.
import { type AnyStateMachine, assign, enqueueActions } from 'xstate';

/** What a guard or an action is given (xstate gives the same two, among others). */
export interface FlatArgs<C, E> {
  context: C;
  event: E;
}

/**
 * An action as plain functions, so the xstate machine (through `xstateActions`) and `FlatMachine` run the same code: a
 * context update (xstate's `assign`), an effect, or updates and raised events in order (xstate's `enqueueActions`).
 */
export type FlatAction<C, E> =
  | { assign: (args: FlatArgs<C, E>) => Partial<C> }
  | { run: (args: FlatArgs<C, E>) => void }
  | { enqueue: (args: FlatArgs<C, E>) => ({ raise: E } | { assign: Partial<C> })[] };

export interface FlatSnapshot<C> {
  status: 'active' | 'done' | 'error';
  /** The active state's key. */
  value: string;
  context: C;
}

interface Transition {
  target: string | null;
  guard: string | null;
  actions: readonly string[];
}

interface StateTable {
  on: Map<string, Transition[]>;
  always: readonly Transition[];
  entry: readonly string[];
  exit: readonly string[];
  final: boolean;
}

/** The actions as xstate's setup() takes them. */
export function xstateActions<C, E>(actions: Record<string, FlatAction<C, E>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(actions)) {
    if ('assign' in action) out[name] = assign((args) => action.assign(args as unknown as FlatArgs<C, E>));
    else if ('run' in action) out[name] = (args: unknown) => action.run(args as FlatArgs<C, E>);
    else
      out[name] = enqueueActions(({ context, event, enqueue }) => {
        for (const op of action.enqueue({ context, event } as unknown as FlatArgs<C, E>))
          if ('raise' in op) enqueue.raise(op.raise as never);
          else enqueue.assign(op.assign as never);
      });
  }
  return out;
}

/**
 * The machine's states and transitions, read once from its xstate definition; its guards and actions by name. Only what
 * a flat machine uses is read: `flatMachineProblems` lists what else a definition holds (nested or parallel states,
 * delays, invocations, self or re-entering transitions, inline guards and actions, initial or final-state actions),
 * and a test keeps that list empty for every machine run this way (checked there, not at each page load).
 */
export class FlatMachine<C, E extends { type: string }> {
  private readonly states = new Map<string, StateTable>();
  readonly initial: string;

  constructor(
    machine: AnyStateMachine,
    private readonly guards: Record<string, (args: FlatArgs<C, E>) => boolean>,
    private readonly actions: Record<string, FlatAction<C, E>>,
  ) {
    const root = machine.root;
    // A state's transitions for an event, then its root's: the first enabled one of the list is taken.
    const rootOn = transitionsOf(root);
    for (const [key, node] of Object.entries(root.states)) {
      const on = transitionsOf(node);
      for (const [type, list] of rootOn) on.set(type, [...(on.get(type) ?? []), ...list]);
      this.states.set(key, {
        on,
        always: (node.always ?? []).map(transitionOf),
        entry: node.entry.map(actionName),
        exit: node.exit.map(actionName),
        final: node.type === 'final',
      });
    }
    this.initial = root.initial.target[0].key;
  }

  /** One event, and all it leads to (eventless transitions, raised events): xstate's macrostep, for flat machines. */
  macrostep(snapshot: FlatSnapshot<C>, event: E): FlatSnapshot<C> {
    const step = { value: snapshot.value, context: snapshot.context, done: false };
    const raised: E[] = [];
    this.microstep(step, this.select(step, event), event, raised);
    let current = event;
    let lookForEventless = true;
    while (!step.done) {
      let taken: Transition | null = lookForEventless
        ? this.selectFrom(step, this.states.get(step.value)!.always, current)
        : null;
      const eventless: boolean = taken !== null;
      if (!eventless) {
        const next = raised.shift();
        if (next === undefined) break;
        current = next;
        taken = this.select(step, current);
      }
      const { value, context } = step;
      this.microstep(step, taken, current, raised);
      lookForEventless = !eventless || step.value !== value || step.context !== context;
    }
    return { status: step.done ? 'done' : 'active', value: step.value, context: step.context };
  }

  private microstep(
    step: { value: string; context: C; done: boolean },
    transition: Transition | null,
    event: E,
    raised: E[],
  ): void {
    if (transition === null) return;
    const { target } = transition;
    if (target !== null) this.run(step, this.states.get(step.value)!.exit, event, raised);
    this.run(step, transition.actions, event, raised);
    if (target === null) return;
    step.value = target;
    const entered = this.states.get(target)!;
    this.run(step, entered.entry, event, raised);
    step.done = entered.final;
  }

  private run(step: { context: C }, names: readonly string[], event: E, raised: E[]): void {
    for (const name of names) {
      const action = this.actions[name];
      if ('assign' in action) step.context = { ...step.context, ...action.assign({ context: step.context, event }) };
      else if ('run' in action) action.run({ context: step.context, event });
      else
        for (const op of action.enqueue({ context: step.context, event })) {
          if ('raise' in op) raised.push(op.raise);
          else step.context = { ...step.context, ...op.assign };
        }
    }
  }

  /** The active state's first enabled transition for the event (its own, then its root's). */
  private select(step: { value: string; context: C }, event: E): Transition | null {
    return this.selectFrom(step, this.states.get(step.value)!.on.get(event.type) ?? [], event);
  }

  private selectFrom(step: { context: C }, list: readonly Transition[], event: E): Transition | null {
    for (const t of list) if (t.guard === null || this.guards[t.guard]({ context: step.context, event })) return t;
    return null;
  }
}

type StateNodeOf = AnyStateMachine['root'];

interface TransitionDefinition {
  target?: readonly { key: string; parent?: unknown }[];
  guard?: unknown;
  actions: readonly unknown[];
  reenter?: boolean;
}

function transitionsOf(node: StateNodeOf): Map<string, Transition[]> {
  const out = new Map<string, Transition[]>();
  for (const [type, list] of node.transitions) out.set(type, list.map(transitionOf));
  return out;
}

function transitionOf(t: TransitionDefinition): Transition {
  const guard = typeof t.guard === 'string' ? t.guard : null;
  return { target: t.target?.[0]?.key ?? null, guard, actions: t.actions.map(actionName) };
}

function actionName(action: unknown): string {
  return typeof action === 'string' ? action : String((action as { type?: unknown } | null)?.type);
}

/**
 * What `FlatMachine` would not run as xstate does, in `machine` with these guards and actions: one line each, none
 * for a machine it runs faithfully.
 */
export function flatMachineProblems(
  machine: AnyStateMachine,
  guards: Record<string, unknown>,
  actions: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const root = machine.root;
  if (root.type !== 'compound') problems.push(`its root is ${root.type}, not one level of states`);
  if (root.entry.length + root.exit.length > 0 || root.always) problems.push('its root has actions');
  const initial = root.initial?.target?.[0];
  if (initial?.parent !== root) problems.push('it does not start in one of its states');
  const check = (where: string, t: TransitionDefinition) => {
    if (t.reenter || (t.target?.length ?? 0) > 1)
      problems.push(`${where}: a re-entering or multiple-target transition`);
    if (t.target?.[0]?.key === where) problems.push(`${where}: a self transition`);
    if (t.guard !== undefined && !(typeof t.guard === 'string' && t.guard in guards))
      problems.push(`${where}: a guard that is not one of the named guards`);
    for (const a of t.actions) if (!(actionName(a) in actions)) problems.push(`${where}: an unnamed action`);
  };
  for (const list of root.transitions.values()) for (const t of list) check('root', t);
  for (const [key, node] of Object.entries(root.states)) {
    if (node.type !== 'atomic' && node.type !== 'final') problems.push(`${key}: a ${node.type} state`);
    if (node.invoke.length + node.after.length > 0) problems.push(`${key}: a delay or an invocation`);
    for (const a of [...node.entry, ...node.exit])
      if (!(actionName(a) in actions)) problems.push(`${key}: an unnamed action`);
    if (node.type === 'final' && node.exit.length > 0) problems.push(`${key}: a final state with exit actions`);
    if (node === initial && (node.entry.length > 0 || node.always))
      problems.push(`${key}: an initial state with actions`);
    for (const list of node.transitions.values()) for (const t of list) check(key, t);
    for (const t of node.always ?? []) check(key, t);
  }
  return problems;
}

/** What the owner of a FlatActor hears: a done snapshot, or an error thrown by a guard or an action. */
export interface FlatObserver {
  done(): void;
  error(error: unknown): void;
}

/**
 * A running FlatMachine as xstate's actor runs a machine: an event sent while one is being processed waits its turn
 * (its mailbox), `getSnapshot()` shows the last finished step, and once done or failed it takes no more events.
 */
export class FlatActor<C, E extends { type: string }> {
  private snapshot: FlatSnapshot<C>;
  private readonly mailbox: E[] = [];
  private processing = false;

  constructor(
    private readonly machine: FlatMachine<C, E>,
    context: C,
    private observer: FlatObserver | null,
  ) {
    this.snapshot = { status: 'active', value: machine.initial, context };
  }

  getSnapshot(): FlatSnapshot<C> {
    return this.snapshot;
  }

  /** The events sent while one is being processed, in the order they will be. */
  get waiting(): readonly E[] {
    return this.mailbox;
  }

  send(event: E): void {
    this.mailbox.push(event);
    if (this.processing) return;
    this.processing = true;
    try {
      for (let next = this.mailbox.shift(); next !== undefined; next = this.mailbox.shift()) this.process(next);
    } finally {
      this.processing = false;
    }
  }

  private process(event: E): void {
    if (this.snapshot.status !== 'active') return;
    let next: FlatSnapshot<C>;
    try {
      next = this.machine.macrostep(this.snapshot, event);
    } catch (error) {
      this.snapshot = { ...this.snapshot, status: 'error' };
      this.stop()?.error(error);
      return;
    }
    this.snapshot = next;
    if (next.status === 'done') this.stop()?.done();
  }

  /** No more events (xstate clears a stopped actor's mailbox) and no more calls to the observer. */
  private stop(): FlatObserver | null {
    this.mailbox.length = 0;
    const observer = this.observer;
    this.observer = null;
    return observer;
  }
}
