// The whatif report as text: what was inferred, whether the recorded policy reproduces the recording, the runs side by
// side.
import { quote, specFlags } from '../case.js';
import type { Figures, WhatIfReport } from './whatif.js';
import { REPRODUCE_TOLERANCE, seconds } from './whatif.js';

export function formatWhatIf(report: WhatIfReport, file: string): string {
  const { inferred } = report;
  const { rollout } = inferred;
  const lines = [
    `${file}: service ${rollout.service}, update ${rollout.fromImage} → ${rollout.toImage} ` +
      `at ${seconds(rollout.startMs)}`,
    'inferred:',
    `  swarm: ${plural(inferred.nodes, 'node')}, ${plural(inferred.replicas, 'replica')}`,
    ...inferred.images.map((image) => `  ${image.image}: ${image.seen.join('; ')}`),
    ...inferred.timingSeen.map((line) => `  ${line}`),
    `  recorded policy: ${specFlags(inferred.after).map(quote).join(' ') || '(the defaults)'}`,
    reproduction(report),
    '',
    ...report.runs.slice(1).map((run, i) => `policy ${i + 1}: ${run.label}`),
    table(report),
  ];
  return `${lines.join('\n')}\n`;
}

function reproduction(report: WhatIfReport): string {
  const simulated = report.runs[0].figures;
  if (report.mismatches.length === 0) {
    const ratio =
      report.recorded.durationMs && simulated.durationMs !== null
        ? ` (${signed(simulated.durationMs / report.recorded.durationMs - 1)})`
        : '';
    return (
      `the recorded policy reproduces the recording: ${simulated.outcome}, ${duration(report.recorded)} ` +
      `recorded, ${duration(simulated)} simulated${ratio}`
    );
  }
  return [
    'the recorded policy does NOT reproduce the recording (same outcome and a duration ' +
      `within ${REPRODUCE_TOLERANCE * 100} % expected):`,
    ...report.mismatches.map((line) => `  ${line}`),
  ].join('\n');
}

function table(report: WhatIfReport): string {
  const columns: [string, Figures][] = [
    ['recorded', report.recorded],
    ['simulated', report.runs[0].figures],
    ...report.runs.slice(1).map((run, i): [string, Figures] => [`policy ${i + 1}`, run.figures]),
  ];
  const replicas = report.inferred.replicas;
  const rows: [string, (f: Figures) => string][] = [
    ['duration', duration],
    ['lowest availability', (f) => `${f.minAvailable}/${replicas}`],
    ['bad tasks', (f) => String(f.badTasks)],
    ['final state', (f) => f.outcome],
    ['running at the end', running],
  ];
  const cells = [
    ['', ...columns.map(([name]) => name)],
    ...rows.map(([name, cell]) => [name, ...columns.map(([, f]) => cell(f))]),
  ];
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  return cells
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

const duration = (f: Figures) => (f.durationMs === null ? 'unfinished' : seconds(f.durationMs));
const running = (f: Figures) =>
  Object.entries(f.running)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([image, count]) => `${image}×${count}`)
    .join(' ') || 'none';
const signed = (ratio: number) => `${ratio >= 0 ? '+' : ''}${Math.round(ratio * 100)} %`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
