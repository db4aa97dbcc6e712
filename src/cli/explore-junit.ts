// `swarmlab explore --junit FILE`: one JUnit test case per requirement explored (and for the engine's invariants).
import type { JUnitCase, JUnitSuite } from '../export/junit.js';
import type { ExploreReport } from '../lab/explore/explore.js';
import { writeJUnitFile } from './junit-file.js';

/** Where each counter-example's replay file was written (as printReport names them), when it was. */
export interface ExploreReplayPaths {
  violations: (string | undefined)[];
  invariants?: (string | undefined)[];
}

/**
 * A requirement met in every run passes; a broken one fails with how many runs broke it and its counter-example:
 * `swarmlab run PATH` when the replay was written (--out), else the replay file itself. The engine invariants are one
 * case when they all held, else one failed case per broken invariant. A search --max-runs stopped says so.
 */
export function exploreSuite(report: ExploreReport, file: string, paths: ExploreReplayPaths): JUnitSuite {
  const classname = `swarmlab.explore.${report.service ?? 'rollout'}`;
  const searched = `${report.runs} runs${report.exhausted ? '' : ' (NOT exhausted: --max-runs stopped the search)'}`;
  const replay = (path: string | undefined, yaml: string): string =>
    path === undefined ? `replay file:\n${yaml}` : `replay: swarmlab run ${path}\n`;
  const requirements = report.requirementsChecked.map((requirement): JUnitCase => {
    const i = report.violations.findIndex((v) => v.requirement === requirement);
    if (i < 0) return { name: requirement.text, classname, systemOut: `met in all ${searched}` };
    const broken = report.violations[i];
    return {
      name: requirement.text,
      classname,
      failure: {
        message: `${requirement.text} broken in ${broken.runs} of ${searched}`,
        type: 'requirement',
        text: replay(paths.violations[i], broken.replay),
      },
    };
  });
  const invariants: JUnitCase[] = report.invariants.length
    ? report.invariants.map((bug, i) => ({
        name: `engine invariant: ${bug.invariant}`,
        classname,
        failure: {
          message:
            `${bug.invariant} broken in ${bug.runs} of ${searched}: ${bug.detail} (a swarmlab bug: please ` +
            'report it with the replay file)',
          type: 'invariant',
          text: replay(paths.invariants?.[i], bug.replay),
        },
      }))
    : [{ name: 'engine invariants', classname, systemOut: `held in all ${searched}` }];
  return {
    name: `swarmlab explore ${file}`,
    properties: { runs: report.runs, states: report.states, exhausted: String(report.exhausted) },
    cases: [...requirements, ...invariants],
  };
}

export function writeExploreJUnit(path: string, report: ExploreReport, file: string, paths: ExploreReplayPaths): void {
  writeJUnitFile(path, [exploreSuite(report, file, paths)]);
}
