// Determinism of scenarios/drills/: byte-identical traces for the same seed, seed-dependent slot orders.
import { describeDeterminism } from './determinism.js';

describeDeterminism('drills', Number(process.env.DETERMINISM_SEEDS ?? 100));
