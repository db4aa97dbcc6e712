// One measured rollout, in its own process so peak RSS is its own: prints one JSON line.
import { defaultClusterConfig } from '../src/defaults.js';
import { createSimulator } from '../src/engine/simulator.js';
import type { ServiceSpec } from '../src/types.js';
import { bareHeapLoopMs } from './floor.js';

const [replicas, nodes, seed] = process.argv.slice(2).map(Number);
const cluster = defaultClusterConfig();
cluster.nodes = Array.from({ length: nodes }, (_, i) => ({
  name: `node-${i + 1}`,
  role: i === 0 ? ('manager' as const) : ('worker' as const),
  availability: 'active' as const,
}));
// 5 % of the new tasks fail two seconds after they start (a seeded draw per container).
cluster.images = { 'app:v1': {}, 'app:v2': { exitCode: 1, exitAfterMs: 2_000, failFraction: 0.05 } };
const engine = createSimulator({ seed, cluster });
const spec: ServiceSpec = {
  Name: 'bench',
  Labels: {},
  Mode: { Replicated: { Replicas: replicas } },
  TaskTemplate: { ContainerSpec: { Image: 'app:v1' }, ForceUpdate: 0, RestartPolicy: { Condition: 'none' } },
  UpdateConfig: { Parallelism: 50, FailureAction: 'continue', MaxFailureRatio: 0, Monitor: 5e9 },
};
let peakRss = process.memoryUsage.rss();
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
engine.createService(spec);
engine.runUntil(() => engine.isConverged('bench'), 36_000_000);
sample();
const startEvents = engine.events().length;
const started = performance.now();
engine.updateService('bench', { ...spec, TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { Image: 'app:v2' } } });
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
