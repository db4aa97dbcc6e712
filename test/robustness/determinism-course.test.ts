// Determinism of scenarios/course/: byte-identical traces for the same seed, seed-dependent slot orders.
import { describeDeterminism } from './determinism.js';

describeDeterminism('course', Number(process.env.DETERMINISM_SEEDS ?? 100));
