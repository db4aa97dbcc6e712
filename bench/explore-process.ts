// Explore throughput in a fresh process, as the baseline was measured: one warm-up exploration, then COUNT timed;
// prints one JSON line (the figures of each timed exploration).
import { measureExploreThroughput } from './explore.js';

const count = Number(process.argv[2] ?? 5);
measureExploreThroughput();
const explorations = Array.from({ length: count }, () => measureExploreThroughput());
console.log(JSON.stringify(explorations));
