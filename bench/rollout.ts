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
const startEvents = engine.events().length;
const started = performance.now();
update();
let seen = startEvents;
let done = false;
let polls = 0;
engine.runUntil(() => {
  if (++polls % 1000 === 0) sample();
  const events = engine.events();
  for (; seen < events.length; seen++) {
    const event = events[seen];
    if (event.type === 'update_status' && event.state === 'completed') done = true;
  }
  return done;
}, 360_000_000);
const wallMs = performance.now() - started;
sample();
const updateEvents = engine.events().slice(startEvents);
const transitions = updateEvents.filter((e) => e.type === 'task_state').length;
const failed = updateEvents.filter((e) => e.type === 'task_state' && e.state === 'failed').length;
// The floor, in this same process after the rollout: as many events as the rollout traced, one live timer per replica.
const floorMs = Math.min(...[0, 1, 2].map(() => bareHeapLoopMs(updateEvents.length, replicas)));
console.log(
  JSON.stringify({
    replicas,
    nodes,
    wallMs,
    peakRssMb: peakRss / 1e6,
    transitions,
    events: updateEvents.length,
    floorMs,
    failed,
    virtualMs: engine.nowMs(),
    completed: done,
  }),
);
