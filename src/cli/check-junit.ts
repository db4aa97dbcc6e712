// `swarmlab check --junit FILE`: one JUnit test case per --require, failed with the run furthest off and its replay.
import type { JUnitSuite } from '../export/junit.js';
import type { CheckReport, CheckRun } from '../lab/check.js';

/**
 * The suite of a check: a requirement met in every run passes; a broken one fails with how many runs broke it and
 * the furthest-off run in the report's words (`describe`: its seed, faults, outcome and `replay:` command).
 */
export function checkSuite(
  report: CheckReport,
  file: string,
  seed: number,
  describe: (run: CheckRun) => string[],
): JUnitSuite {
  const runs = report.runs.length;
  const classname = `swarmlab.check.${report.policy.name}`;
  return {
    name: `swarmlab check ${file}`,
    properties: { service: report.policy.service.Name, runs, seed },
    cases: report.requirements.map(({ requirement, broken, brokenRuns }) =>
      broken
        ? {
            name: requirement.text,
            classname,
            failure: {
              message: `${requirement.text} broken in ${brokenRuns} of ${runs} runs`,
              type: 'requirement',
              text: `furthest off:\n${describe(broken)
                .map((line) => line.trim())
                .join('\n')}\n`,
            },
          }
        : { name: requirement.text, classname, systemOut: `met in all ${runs} runs` },
    ),
  };
}
