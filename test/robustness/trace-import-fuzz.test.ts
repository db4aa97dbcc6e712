// Fuzzing trace import (web/session/import-file.ts): mutated `--json` traces load or fail with a clear, file-named message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { ImportError, readImport } from '../../web/session/import-file.js';
import { leakIn } from './clear-message.js';
import { scenarioSources } from './file-checks.js';

const FILE = 'trace.json';
const SEEDS = scenarioSources()
  .filter((s) => /(2b-rollback-on-failure|node-down-mid-rollout|update-during-update)\.yaml$/.test(s.file))
  .map((s) => runScenario(loadScenario(s.text, s.file)).trace)
  // Cut down (every kind of event is still there): mutating and serialising whole traces 10,000 times is slow.
  .map((trace) => ({ ...trace, tasks: trace.tasks.slice(0, 4), events: trace.events.filter((_, i) => i % 6 === 0).slice(0, 120) }));

const JUNK: unknown[] = [null, 0, -1, 1e308, 'x', '', 'running', [], {}, true, [null], { t_ms: 'x' }, '2026-13-45T99:00:00Z'];

type Json = unknown;
/** Every [container, key] in `value`, depth first (the root's container is null). */
function places(value: Json, out: [Record<string, Json> | Json[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((item, i) => { out.push([value, i]); places(item, out); });
  else if (value && typeof value === 'object') for (const key of Object.keys(value)) { out.push([value as Record<string, Json>, key]); places((value as Record<string, Json>)[key], out); }
  return out;
}

type Edit = { at: number; op: 'delete' | 'replace' | 'duplicate'; junk: number };
const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'replace', 'replace', 'duplicate'), junk: fc.nat(JUNK.length - 1) });

function mutated(trace: unknown, edits: Edit[]): unknown {
  const copy = structuredClone(trace);
  for (const e of edits) {
    const all = places(copy);
    if (all.length === 0) break;
    const [container, key] = all[e.at % all.length];
    if (Array.isArray(container)) {
      const i = key as number;
      if (e.op === 'delete') container.splice(i, 1);
      else if (e.op === 'duplicate') container.splice(i, 0, structuredClone(container[i]));
      else container[i] = structuredClone(JUNK[e.junk]);
    } else if (e.op === 'delete') delete container[key as string];
    else container[key as string] = structuredClone(JUNK[e.junk]);
  }
  return copy;
}

const mutatedText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([trace, edits, asList]) => JSON.stringify(asList ? [mutated(trace, edits)] : mutated(trace, edits))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.nat()).map(([trace, at]) => { const text = JSON.stringify(trace); return text.slice(0, at % text.length); }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `{${s}`) },
);

function importProblem(text: string): string | null {
  try {
    readImport(text, FILE);
    return null;
  } catch (err) {
    if (!(err instanceof ImportError)) return `threw ${err instanceof Error ? err.stack : String(err)}`;
    if (!err.message.startsWith(`${FILE}: `)) return `message does not name the file: ${err.message}`;
    const leak = leakIn(err.message, text);
    return leak ? `leaks ${JSON.stringify(leak)}: ${err.message}` : null;
  }
}

describe('trace import fuzzing (fast-check; the seed is printed on failure)', () => {
  it('imports 10,000 mutated traces or rejects each with an ImportError naming the file', () => {
    fc.assert(fc.property(mutatedText, (text) => {
      expect(importProblem(text)).toBeNull();
    }), { numRuns: 10_000 });
  });
});
