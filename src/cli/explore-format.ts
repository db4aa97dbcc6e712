// `swarmlab explore`'s output: the text report, and the `--json` shape shards and `--merge` print too.
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import type { DrawnClusterFault } from '../faults/registry.js';
import type { ExploreReport } from '../lab/explore/explore.js';
import type { Requirement } from '../lab/requirements.js';

/** `swarmlab explore`'s options, as parsed. */
export interface ExploreOptions {
  service?: string;
  maxRuns: number;
  require: Requirement[];
  json: boolean;
  out?: string;
  faults?: DrawnClusterFault[];
  maxFaults: number;
  jobs: number;
  shard?: { index: number; of: number };
  merge?: string[];
  /** `--junit FILE`: the requirements (and engine invariants) as JUnit XML too. */
  junit?: string;
  /** False with `--no-symmetry`: interchangeable slots are not counted as one. */
  symmetry: boolean;
}

/** What explore enumerates and how it discretises what is continuous; printed with every report. */
export const EXPLORE_DISCRETISATION =
  'slot orders: every order; flaky exit: both; one_of images: every behaviour per new task; timing ranges: min, ' +
  'midpoint, max; heartbeat phase: 0, half a period, a period less 1ms; deadlines due at the same instant: every ' +
  'order';

/** The `--json` shape (see the README, "Exploring every run"). */
export function exploreJson(report: ExploreReport): object {
  return {
    scenario: report.scenario,
    exhausted: report.exhausted,
    runs: report.runs,
    states: report.states,
    outcomes: report.outcomes.map((row) => ({
      update_status: row.outcome.updateStatus === 'none' ? null : row.outcome.updateStatus,
      message: row.outcome.message,
      running_images: row.outcome.runningImages,
      min_available: row.outcome.minAvailable,
      bad_tasks_started: row.outcome.badTasksStarted,
      duration_ms: row.durationMs,
      runs: row.runs,
      replay: row.replay,
    })),
    violations: [
      ...report.violations.map((v) => ({ requirement: v.requirement.text, replay: v.replay })),
      ...report.invariants.map((v) => ({
        requirement: `engine invariant: ${v.invariant}`,
        detail: v.detail,
        replay: v.replay,
      })),
    ],
  };
}

const SYMMETRY_LINE: Record<ExploreReport['symmetry'], string> = {
  on: 'states that differ only by which interchangeable slot holds which task count as one (--no-symmetry: not)',
  off: 'off (--no-symmetry)',
  inapplicable: 'off: a step after the update changes a replica count, brings a node back or kills a task by name',
};

const count = (n: number): string => n.toLocaleString('en-US');

/** "1,056 runs, 480 played, 216 cut, 536 states": runs counts every run, played and cut ones the runs replayed. */
export function runCounts(report: Pick<ExploreReport, 'runs' | 'played' | 'pruned' | 'states'>): string {
  return (
    `${count(report.runs)} runs, ${count(report.played)} played, ${count(report.pruned)} ` +
    `cut, ${count(report.states)} states`
  );
}

const seconds = (ms: number): string => formatGoDuration(Math.round(ms) * NS_PER_MS);

export function formatExploreReport(
  report: ExploreReport,
  file: string,
  paths: { outcomes: (string | undefined)[]; violations: (string | undefined)[]; invariants?: (string | undefined)[] },
): string {
  const lines: string[] = [];
  const service = report.service === undefined ? 'the first rollout' : `service ${report.service}`;
  lines.push(
    `swarmlab explore ${file}: ${service}; every choice from step ${report.fromStep} on (before it, the scenario's ` +
      'seed decides)',
  );
  lines.push(`enumerated: ${EXPLORE_DISCRETISATION}`);
  if (report.faults)
    lines.push(
      `faults: up to ${report.faults.max} of ${report.faults.kinds.join(', ')}, before every event from the update ` +
        'on (at the instant of the event before), on every target but interchangeable ones',
    );
  lines.push(`symmetry: ${SYMMETRY_LINE[report.symmetry]}`);
  const verdict = report.exhausted
    ? 'exhausted: every run was enumerated'
    : 'NOT exhausted: --max-runs stopped the search; other outcomes may exist';
  lines.push(`${runCounts(report)}: ${verdict}`);
  lines.push('');
  lines.push('outcomes:');
  report.outcomes.forEach((row, i) => {
    const o = row.outcome;
    const images = Object.entries(o.runningImages).map(([image, n]) => `${image}×${n}`);
    const [shortest, longest] = row.durationMs.map(seconds);
    lines.push(`  ${o.updateStatus}${o.message ? ` "${o.message}"` : ''}`);
    const span = shortest === longest ? shortest : `${shortest} to ${longest}`;
    lines.push(
      `      running ${images.join(' ') || 'nothing'}; ${o.minAvailable} available at worst; ${o.badTasksStarted} ` +
        `new-image task(s) started; ${span}${o.finished ? '' : ' (unfinished)'}; ${row.runs} run(s)`,
    );
    if (paths.outcomes[i]) lines.push(`      replay: swarmlab run ${paths.outcomes[i]}`);
  });
  if (report.violations.length || report.requirementsChecked.length) {
    lines.push('');
    lines.push('requirements:');
    for (const requirement of report.requirementsChecked) {
      const i = report.violations.findIndex((v) => v.requirement === requirement);
      if (i < 0) {
        lines.push(`  ok      ${requirement.text} in all ${report.runs} runs`);
        continue;
      }
      lines.push(`  BROKEN  ${requirement.text} in ${report.violations[i].runs} of ${report.runs} runs`);
      if (paths.violations[i]) lines.push(`      replay: swarmlab run ${paths.violations[i]}`);
    }
  }
  if (report.invariants.length) {
    lines.push('', 'engine invariants broken (a swarmlab bug: please report it with the replay file):');
    report.invariants.forEach((bug, i) => {
      lines.push(`  BROKEN  ${bug.invariant} in ${bug.runs} of ${report.runs} runs: ${bug.detail}`);
      if (paths.invariants?.[i]) lines.push(`      replay: swarmlab run ${paths.invariants[i]}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
