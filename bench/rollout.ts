// One measured rollout, in its own process so peak RSS is its own: prints one JSON line.
import { bareHeapLoopMs } from './floor.js';
import { convergedService } from './rollout-setup.js';

const [replicas, nodes, seed] = process.argv.slice(2).map(Number);
let peakRss = process.memoryUsage.rss();
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const { engine, update } = convergedService(replicas, nodes, seed);
sample();
const startEvents = engine.eventCount();
const started = performance.now();
update();
let seen = startEvents;
let done = false;
let polls = 0;
engine.runUntil(() => {
  if (++polls % 1000 === 0) sample();
  // Each new event read once, as a reader of the trace would, without keeping it.
  for (const count = engine.eventCount(); seen < count; seen++) {
    const event = engine.eventAt(seen);
    if (event?.type === 'update_status' && event.state === 'completed') done = true;
  }
  return done;
}, 360_000_000);
const wallMs = performance.now() - started;
sample();
let transitions = 0;
let failed = 0;
const eventCount = engine.eventCount() - startEvents;
for (let i = startEvents; i < engine.eventCount(); i++) {
  const event = engine.eventAt(i);
  if (event?.type !== 'task_state') continue;
  transitions++;
  if (event.state === 'failed') failed++;
}
// The floor, in this same process after the rollout: as many events as the rollout traced, one live timer per replica.
const floorMs = Math.min(...[0, 1, 2].map(() => bareHeapLoopMs(eventCount, replicas)));
console.log(
  JSON.stringify({
    replicas,
    nodes,
    wallMs,
    peakRssMb: peakRss / 1e6,
    transitions,
    events: eventCount,
    floorMs,
    failed,
    virtualMs: engine.nowMs(),
    completed: done,
  }),
);
