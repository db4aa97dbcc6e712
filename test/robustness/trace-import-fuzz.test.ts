// Fuzzing trace import (web/session/import-file.ts): a mutated `--json` trace is refused with a clear, file-named
// message,
// or it passed validation and every view function (stateAt, ps, inspect, timeline bars, markers, availability, console,
// compare) takes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTraces, formatComparison } from '../../src/real-swarm/compare.js';
import { renderNodeLs } from '../../src/render/node-ls.js';
import { renderServiceInspect, servicePretty } from '../../src/render/service-inspect.js';
import { renderServiceLs } from '../../src/render/service-ls.js';
import { renderServicePs, servicePsTable } from '../../src/render/service-ps.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { lanes, taskBars } from '../../src/trace/bars.js';
import { eventTimes, markers } from '../../src/trace/markers.js';
import { inPsOrder, psWindow } from '../../src/trace/ps-table.js';
import { stateAt } from '../../src/trace/replay.js';
import { availabilitySeries, lowestAvailability } from '../../src/trace/series.js';
import type { Trace } from '../../src/types.js';
import { layoutLanes } from '../../web/draw/lane-layout.js';
import { shortImage, stateStyle } from '../../web/draw/state-style.js';
import { ImportError, readImport } from '../../web/session/import-file.js';
import { transcript, visibleOutput } from '../../web/session/transcript.js';
import { leakIn } from './clear-message.js';
import { scenarioSources } from './file-checks.js';

const FILE = 'trace.json';
const SEEDS = scenarioSources()
  .filter((s) => /(2b-rollback-on-failure|node-down-mid-rollout|update-during-update)\.yaml$/.test(s.file))
  .map((s) => runScenario(loadScenario(s.text, s.file)).trace)
  // Cut down (every kind of event is still there): mutating and serialising whole traces 10,000 times is slow.
  .map((trace) => ({
    ...trace,
    tasks: trace.tasks.slice(0, 4),
    events: trace.events.filter((_, i) => i % 6 === 0).slice(0, 120),
  }));

/** Values of another type or shape than expected (the validator must refuse them). */
const JUNK: unknown[] = [
  null,
  0,
  -1,
  1e308,
  'x',
  '',
  'running',
  [],
  {},
  true,
  [null],
  { t_ms: 'x' },
  '2026-13-45T99:00:00Z',
];
/** Values of the same type as the original that a validator cannot refuse: odd times, foreign IDs, HTML, empty text. */
const PLAUSIBLE_NUMBERS = [0, -1, 0.5, 1e12, -1e12, 2 ** 31, 99_999, 7];
const PLAUSIBLE_STRINGS = [
  '',
  'x',
  'running',
  'rollback_started',
  '<img src=x onerror=alert(1)>',
  'nosuchtask0000000000000000',
  '2026-01-01T00:00:00Z',
];

type Json = unknown;
/** Every [container, key] in `value`, depth first (the root's container is null). */
function places(value: Json, out: [Record<string, Json> | Json[], string | number][] = []): typeof out {
  if (Array.isArray(value))
    value.forEach((item, i) => {
      out.push([value, i]);
      places(item, out);
    });
  else if (value && typeof value === 'object')
    for (const key of Object.keys(value)) {
      out.push([value as Record<string, Json>, key]);
      places((value as Record<string, Json>)[key], out);
    }
  return out;
}

/** The same content as another JSON type: 5 → "5", "5" → 5, [a] → {0: a}, {…} → [values], true → "true". */
function retyped(value: Json): Json {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? 0 : Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value && typeof value === 'object') return Object.values(value);
  return {};
}

function plausible(value: Json, pick: number): Json {
  if (typeof value === 'number') return PLAUSIBLE_NUMBERS[pick % PLAUSIBLE_NUMBERS.length];
  if (typeof value === 'string') return PLAUSIBLE_STRINGS[pick % PLAUSIBLE_STRINGS.length];
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return pick % 2 === 0 ? [] : [...value].reverse();
  return value;
}

type Op = 'delete' | 'replace' | 'duplicate' | 'retype' | 'plausible';
type Edit = { at: number; op: Op; pick: number };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<Op>('delete', 'replace', 'replace', 'duplicate', 'retype', 'plausible', 'plausible', 'plausible'),
  pick: fc.nat(),
});

function mutated(trace: unknown, edits: Edit[]): unknown {
  const copy = structuredClone(trace);
  for (const e of edits) {
    const all = places(copy);
    if (all.length === 0) break;
    const [container, key] = all[e.at % all.length];
    const slot = container as Record<string | number, Json>;
    if (e.op === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete slot[key];
    } else if (e.op === 'duplicate' && Array.isArray(container))
      container.splice(key as number, 0, structuredClone(container[key as number]));
    else if (e.op === 'retype') slot[key] = retyped(slot[key]);
    else if (e.op === 'plausible') slot[key] = plausible(slot[key], e.pick);
    else slot[key] = structuredClone(JUNK[e.pick % JUNK.length]);
  }
  return copy;
}

const mutatedText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([trace, edits, asList]) => JSON.stringify(asList ? [mutated(trace, edits)] : mutated(trace, edits))),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.nat()).map(([trace, at]) => {
      const text = JSON.stringify(trace);
      return text.slice(0, at % text.length);
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `{${s}`) },
);

/** Everything the sandbox's views and `swarmlab compare` compute from an imported trace. */
function useEverywhere(trace: Trace): void {
  const bars = taskBars(trace);
  const laneList = lanes(trace, bars);
  const byLane = new Map<string, typeof bars>();
  for (const bar of bars) byLane.set(bar.laneKey, [...(byLane.get(bar.laneKey) ?? []), bar]);
  layoutLanes(laneList, byLane);
  markers(trace);
  const times = eventTimes(trace);
  for (const id of new Set([
    ...trace.services.map((s) => s.ID),
    ...trace.events.flatMap((ev) => ('serviceId' in ev ? [ev.serviceId] : [])),
  ])) {
    lowestAvailability(availabilitySeries(trace, id), 0, trace.duration_ms);
  }
  for (const bar of bars) {
    stateStyle(bar.finalState);
    shortImage(bar.image);
  }
  for (const tMs of [
    0,
    times[Math.floor(times.length / 2)] ?? 0,
    trace.duration_ms / 3,
    trace.duration_ms,
    trace.duration_ms + 1,
  ]) {
    const state = stateAt(trace, tMs);
    renderServicePs(state, state.services);
    // as swarm-views draws each service: tasks in ps order, a windowed table of cells for long ones
    const ordered = { ...state, tasks: inPsOrder(trace, state.tasks) };
    for (const service of state.services) psWindow(servicePsTable(ordered, [service]), 1);
    renderServiceLs(state);
    renderNodeLs(state);
    renderServiceInspect(
      state,
      state.services.map((s) => s.ID),
    );
    for (const service of state.services) servicePretty(state, service);
  }
  for (const entry of transcript(trace)) visibleOutput(trace, entry, entry.tMs);
  formatComparison(compareTraces(trace, trace));
  JSON.stringify(trace); // the export button
}

const tally = { imported: 0, refused: 0 };

function importProblem(text: string): string | null {
  let imported: ReturnType<typeof readImport>;
  try {
    imported = readImport(text, FILE);
  } catch (err) {
    tally.refused++;
    if (!(err instanceof ImportError)) return `threw ${err instanceof Error ? err.stack : String(err)}`;
    if (!err.message.startsWith(`${FILE}: `)) return `message does not name the file: ${err.message}`;
    const leak = leakIn(err.message, text);
    return leak ? `leaks ${JSON.stringify(leak)}: ${err.message}` : null;
  }
  tally.imported++;
  if (imported.kind !== 'trace') return `read as a ${imported.kind}`;
  try {
    useEverywhere(imported.trace);
    return null;
  } catch (err) {
    return `passed validation, then a view threw ${err instanceof Error ? err.stack : String(err)}`;
  }
}

describe('trace import fuzzing (fast-check; the seed is printed on failure)', () => {
  it('the unmutated seeds import and every view takes them', () => {
    for (const trace of SEEDS) expect(importProblem(JSON.stringify(trace))).toBeNull();
  });

  it('10,000 mutated traces: each refused with an ImportError naming the file, or imported; no view throws', () => {
    tally.imported = 0;
    tally.refused = 0;
    fc.assert(
      fc.property(mutatedText, (text) => {
        expect(importProblem(text)).toBeNull();
      }),
      { numRuns: 10_000 },
    );
    // both outcomes are exercised in volume (a validator refusing everything, or nothing, would fail here)
    expect(tally.imported).toBeGreaterThan(1_000);
    expect(tally.refused).toBeGreaterThan(3_000);
  });
});
