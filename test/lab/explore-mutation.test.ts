// A bug only a rare run reaches (reversed slot order, flaky exits): explore finds it, 1,000 random seeds do not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/backend.js';
import type { ChoicePoint, Chooser } from '../../src/engine/chooser.js';
import type { EngineOptions } from '../../src/engine/records.js';
import { type ChooserFor, createSimulator } from '../../src/engine/simulator.js';
import { explore } from '../../src/lab/explore/explore.js';
import { measureRun, outcomeKey } from '../../src/lab/explore/outcome.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

/** How many choices from the update on must all take their last option for the planted bug to fire. */
const RARE_CHOICES = 5;

/**
 * Passes every choice through and notes whether the first RARE_CHOICES all took their last option (the reversed slot
 * order, the flaky image exiting, the later-set deadline first). Its flags are fields, not closure variables, so
 * explore's state hash sees them.
 */
class Watch implements Chooser {
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
 * the cluster loses node-2's agent at the next instant the runner looks. For the seeded runs (no `chooserFor`) every
 * choice is a seeded draw, same-instant deadlines included, so seeds can reach the bug, rarely: with 3 such choices
 * instead of 5, 16 of the 1,000 seeds below do.
 */
function mutatedEngine(options: EngineOptions, chooserFor: ChooserFor | undefined, watches: Watch[] = []): Engine {
  let watch: Watch | undefined;
  const engine = createSimulator(options, (seeded, clock) => {
    watch = new Watch(chooserFor ? chooserFor(seeded, clock) : seeded);
    watches.push(watch);
    return watch;
  });
  const bug = () => {
    if (!watch?.triggered || watch.fired) return;
    watch.fired = true;
    engine.nodeDown('node-2');
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

describe('explore finds what seeds miss', () => {
  const file = 'test/fixtures/explore/rare.yaml';
  const text = readFileSync(file, 'utf8');
  const scenario = loadScenario(text, file);

  it('a bug behind a rare slot order and flaky draws: found by explore, missed by seeds 1-1000', () => {
    const healthy = new Set(explore(scenario, text).outcomes.map((row) => outcomeKey(row.outcome)));
    const mutated = explore(scenario, text, { engine: (options, chooserFor) => mutatedEngine(options, chooserFor) });
    expect(mutated.exhausted).toBe(true);
    const found = mutated.outcomes.filter((row) => !healthy.has(outcomeKey(row.outcome)));
    expect(found.length).toBeGreaterThan(0);

    const watches: Watch[] = [];
    const seeded = new Set<string>();
    for (let seed = 1; seed <= 1000; seed++) {
      const run = runScenario(scenario, { seed, engine: (options) => mutatedEngine(options, undefined, watches) });
      seeded.add(outcomeKey(measureRun(run.trace, 'web')));
    }
    expect(watches.filter((w) => w.triggered)).toHaveLength(0);
    expect([...seeded].filter((key) => !healthy.has(key))).toEqual([]);
    // Every seeded run met the choices the bug needs; none took the last option at all of them.
    expect(watches.filter((w) => w.choices === RARE_CHOICES)).toHaveLength(1000);
  });
});
