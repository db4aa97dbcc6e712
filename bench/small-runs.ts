// The conformance recordings simulated round after round, nothing else: the process whose collector
// bench/young-survival.ts reads (run with --trace-gc-nvp).
import { runScenario } from '../src/scenario/run.js';
import { loadRecording, RECORDINGS } from './virtual-vs-real.js';

const rounds = Number(process.argv[2] ?? 300);
const scenarios = RECORDINGS.map(loadRecording);
for (let round = 0; round < rounds; round++) for (const scenario of scenarios) runScenario(scenario);
