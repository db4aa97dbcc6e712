// A planted bug only a rare run reaches (the last option at the first RARE_CHOICES choices from the update on).
import type { Engine } from '../../src/backend.js';
import type { ChoicePoint, Chooser } from '../../src/engine/chooser.js';
import type { EngineOptions } from '../../src/engine/records.js';
import { type ChooserFor, createSimulator } from '../../src/engine/simulator.js';

/** How many choices from the update on must all take their last option for the planted bug to fire. */
export const RARE_CHOICES = 5;

/**
 * Passes every choice through and notes whether the first RARE_CHOICES all took their last option (the reversed slot
 * order, the flaky image exiting, the later-set deadline first). Its flags are fields, not closure variables, so
 * explore's state hash sees them.
 */
export class Watch implements Chooser {
  /** Set when the service update is sent: choices before it (the initial rollout) do not count. */
  counting = false;
  choices = 0;
  allLast = true;
  fired = false;

  constructor(private readonly inner: Chooser) {}

  get triggered(): boolean {
    return this.choices >= RARE_CHOICES && this.allLast;
  }

  index(n: number, point: ChoicePoint): number {
    const taken = this.inner.index(n, point);
    if (n > 1) this.note(taken === n - 1);
    return taken;
  }
  chance(p: number, point: ChoicePoint): boolean {
    const exits = this.inner.chance(p, point);
    if (p > 0 && p < 1) this.note(exits);
    return exits;
  }
  between(minMs: number, maxMs: number, point: ChoicePoint): number {
    const value = this.inner.between(minMs, maxMs, point);
    if (maxMs > minMs) this.note(value === maxMs);
    return value;
  }
  offset(n: number, point: ChoicePoint): number {
    const value = this.inner.offset(n, point);
    if (n > 1) this.note(value === n - 1);
    return value;
  }

  private note(last: boolean): void {
    if (!this.counting || this.choices >= RARE_CHOICES) return;
    this.choices++;
    this.allLast &&= last;
  }
}

/**
 * The simulator with a planted bug: once the first RARE_CHOICES choices from the update on all took their last option,
 * `plant` runs at the next instant the runner looks (default: the cluster loses node-2's agent). For the seeded runs
 * (no `chooserFor`) every choice is a seeded draw, same-instant deadlines included, so seeds can reach the bug, rarely:
 * with 3 such choices instead of 5, 16 of the 1,000 seeds below do.
 */
export function mutatedEngine(
  options: EngineOptions,
  chooserFor: ChooserFor | undefined,
  watches: Watch[] = [],
  plant: (engine: Engine) => void = (engine) => engine.nodeDown('node-2'),
): Engine {
  let watch: Watch | undefined;
  const engine = createSimulator(options, (seeded, clock) => {
    watch = new Watch(chooserFor ? chooserFor(seeded, clock) : seeded);
    watches.push(watch);
    return watch;
  });
  const bug = () => {
    if (!watch?.triggered || watch.fired) return;
    watch.fired = true;
    plant(engine);
  };
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'updateService' && watch) watch.counting = true;
      if (property === 'runUntil')
        return (predicate: () => boolean, limitMs: number) =>
          target.runUntil(() => {
            bug();
            return predicate();
          }, limitMs);
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
