// The bench rollout's whole trace on disk: bytes as indented JSON (counted, not built: at 100,000 replicas the text
// would
// not fit in one string) against the compact format as `swarmlab run --json --out` writes it; prints one JSON line.

import { gunzipSync } from 'node:zlib';
import { formatTraceOutput } from '../src/cli/trace-file.js';
import { checkTraceValue } from '../src/trace/validate.js';
import type { Trace } from '../src/types.js';
import { convergedService } from './rollout-setup.js';

const [replicas, nodes, seed] = process.argv.slice(2).map(Number);
const { engine, update } = convergedService(replicas, nodes, seed);
update();
let seen = engine.events().length;
let done = false;
engine.runUntil(() => {
  const events = engine.events();
  for (; seen < events.length; seen++) {
    const event = events[seen];
    if (event.type === 'update_status' && event.state === 'completed') done = true;
  }
  return done;
}, 360_000_000);
const trace = engine.exportTrace('bench');
const jsonBytes = indentedJsonBytes(trace);
let started = performance.now();
const compact = formatTraceOutput([trace], 'compact', true);
const writeMs = performance.now() - started;
started = performance.now();
const back = checkTraceValue(JSON.parse(gunzipSync(compact).toString('utf8')));
const readMs = performance.now() - started;
if (back.problem !== undefined || back.trace.events.length !== trace.events.length)
  throw new Error('did not read back');
console.log(
  JSON.stringify({ replicas, events: trace.events.length, jsonBytes, compactBytes: compact.length, writeMs, readMs }),
);

/**
 * The length of `JSON.stringify(trace, null, 2)` + "\n" as `--trace-format json` writes it, one task and event at a
 * time.
 */
function indentedJsonBytes(trace: Trace): number {
  const lists = ['tasks', 'events'] as const;
  // The trace with empty lists, then each list's items indented two levels deeper (4 spaces a line) and
  // comma-separated.
  let total = Buffer.byteLength(JSON.stringify({ ...trace, tasks: [], events: [] }, null, 2)) + 1;
  for (const key of lists) {
    const items: readonly unknown[] = trace[key];
    if (items.length === 0) continue;
    // "[]" becomes "[\n" … "\n  ]", items joined by ",\n"
    total += '\n'.length + '\n  '.length + 2 * (items.length - 1);
    for (const item of items) {
      const text = JSON.stringify(item, null, 2);
      let lines = 1;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
      total += Buffer.byteLength(text) + 4 * lines;
    }
  }
  return total;
}
