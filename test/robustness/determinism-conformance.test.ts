// Determinism of scenarios/conformance/: byte-identical traces for the same seed, seed-dependent slot orders.
import { describeDeterminism } from './determinism.js';

describeDeterminism('conformance', Number(process.env.DETERMINISM_SEEDS ?? 10));
