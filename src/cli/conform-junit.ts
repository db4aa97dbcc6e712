// `swarmlab conform --junit FILE`: one JUnit test case per scenario (or per drawn case), skipped when not comparable.
import { join } from 'node:path';
import type { JUnitCase, JUnitSuite } from '../export/junit.js';

/** A conformed case as conform judges it (`kind`: same, timing, pace, different, not comparable or not run). */
export interface JudgedCase {
  name: string;
  kind: string;
  /** The rows that made it differ, or why it could not be compared or run. */
  detail: string;
  /** The full verdict, or the case's files, shown under a failure. */
  text?: string;
}

/** Classes that say nothing about the simulator: JUnit's `<skipped>`, with the reason. */
const SKIPPED = ['not comparable', 'not run'];

const CLASSNAME = 'swarmlab.conform';

/** `same` passes; `not comparable` and `not run` are skipped; every other class fails with its class and the rows. */
export function conformCase(judged: JudgedCase): JUnitCase {
  const { name, kind, detail } = judged;
  if (kind === 'same') return { name, classname: CLASSNAME, systemOut: 'same on the simulator and the swarm' };
  // A not-comparable reason names its class already ("not comparable: --mount is not simulated").
  const message = detail.startsWith(`${kind}:`) ? detail : `${kind}: ${detail}`;
  if (SKIPPED.includes(kind)) return { name, classname: CLASSNAME, skipped: { message } };
  return { name, classname: CLASSNAME, failure: { message, type: kind, text: judged.text } };
}

/** `swarmlab conform FILE`: a suite of one case. */
export function conformFileSuite(file: string, judged: JudgedCase): JUnitSuite {
  return { name: `swarmlab conform ${file}`, cases: [conformCase(judged)] };
}

/** `swarmlab conform --random N`: one case per drawn case, named `ID summary`; its --out files under a failure. */
export function campaignSuite(
  results: readonly { id: string; summary: string; kind: string; detail: string }[],
  seed: number,
  outDir?: string,
): JUnitSuite {
  return {
    name: `swarmlab conform --random ${results.length} --seed ${seed}`,
    properties: { seed, cases: results.length },
    cases: results.map((r) =>
      conformCase({
        name: `${r.id} ${r.summary}`,
        kind: r.kind,
        detail: r.detail,
        text:
          outDir === undefined
            ? `draw it again: swarmlab conform --random ${results.length} --seed ${seed} --out DIR\n`
            : `scenario, both traces and verdict: ${join(outDir, r.id)}/\nreplay: swarmlab ` +
              `conform ${join(outDir, r.id, 'scenario.yaml')}\n`,
      }),
    ),
  };
}
