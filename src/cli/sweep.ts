// `swarmlab sweep`: a grid of update policies, a table of their duration / availability / bad-task exposure, an SVG
// chart.
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { sweepChartSvg } from '../lab/chart.js';
import { K8S_PROGRESS_DEADLINE_SECONDS, k8sSweep } from '../lab/k8s-sweep.js';
import { formatSweepTable, sweep } from '../lab/sweep.js';
import { type CheckIo, countProgress } from './check-command.js';
import type { SweepRequest } from './sweep-command.js';

/** Runs the sweep, prints the table, writes the chart. */
export function runSweepCommand(request: SweepRequest, io: CheckIo): number {
  const progress = countProgress(io, 'swarmlab sweep: policy', 1);
  let result: ReturnType<typeof sweep>;
  try {
    result =
      request.strategy === 'k8s'
        ? k8sSweep(request.grid, { onPoint: progress.tick })
        : sweep(request.grid, { onPoint: progress.tick });
  } finally {
    progress.done();
  }
  if (request.strategy === 'k8s') {
    io.out(
      'Kubernetes Deployment comparison model (not Swarm): parallelism → maxSurge (start-first) or maxUnavailable ' +
        '(stop-first),\n' +
        `delay → minReadySeconds; progressDeadlineSeconds ${K8S_PROGRESS_DEADLINE_SECONDS}; monitor and failure ` +
        `action have no counterpart\n` +
        '(a failed rollout is marked failed, never rolled back; stalled: still going after 1h).\n',
    );
  }
  io.out(formatSweepTable(result));
  io.out(
    `* on the Pareto front (shortest, most available, fewest bad tasks); worst of ${request.grid.seeds} seed(s) per ` +
      `policy\n`,
  );
  if (request.out !== undefined) {
    try {
      writeFileSync(request.out, sweepChartSvg(result));
    } catch (err) {
      throw new InputError(`--out ${request.out}: cannot write the file (${(err as Error).message})`);
    }
    io.out(`chart written to ${request.out}\n`);
  }
  return 0;
}
