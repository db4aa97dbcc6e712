// The compare tab's figures: two policies run on the scenario runner with one seed and cluster, a trace's first rollout
// measured, two trace files read.
import {
  badTasksStarted,
  type ClusterConfig,
  failedTasks,
  firstRollout,
  minAvailable,
  runCommands,
  type Trace,
} from '../../src/browser.js';
import { t } from '../i18n/messages.js';
import { ImportError, readImportFile } from '../session/import-file.js';
import { transcript } from '../session/transcript.js';

/** A policy whose flags docker refuses: its message is the console's (docker's own stderr). */
export class PolicyError extends Error {}

/** A trace with the name it is shown under (and, for an explorer point, the scenario file that plays it). */
export interface LabelledTrace {
  label: string;
  trace: Trace;
  source?: { name: string; file: string; text: string };
}

export interface Outcome {
  label: string;
  trace: Trace;
  durationMs: number | null;
  lowest: number | null;
  badTasks: number | null;
  finalStatus: string;
}

/**
 * The figures of a trace's first rollout, as the policy lab measures them (the explorer's and `swarmlab sweep`'s
 * figures).
 */
export function outcomeOf({ label, trace }: LabelledTrace): Outcome {
  try {
    const rollout = firstRollout(trace);
    return {
      label,
      trace,
      durationMs: rollout.endMs === null ? null : rollout.endMs - rollout.startMs,
      lowest: minAvailable(trace, rollout.serviceId),
      // A release the updater never saw fail and none of whose tasks failed is not a bad one: its tasks are not bad
      // tasks.
      badTasks:
        rollout.firstFailureMs !== null || failedTasks(trace, rollout.serviceId) > 0
          ? badTasksStarted(trace, rollout.serviceId)
          : 0,
      finalStatus: rollout.outcome,
    };
  } catch {
    // A trace without a rollout (or an imported one missing its service's spec): the timeline still shows, the figures
    // do not.
    return { label, trace, durationMs: null, lowest: null, badTasks: null, finalStatus: '—' };
  }
}

/** Runs create → converge → update with `flags` → settle; flags docker refuses throw a PolicyError with its message. */
export function runPolicy(cluster: ClusterConfig, seed: number, replicas: number, image: string, flags: string): Trace {
  const trace = runCommands(
    [
      `docker service create -d --name web --replicas ${replicas} nginx:1.25`,
      'wait: converged',
      `docker service update -d ${flags} --image ${image} web`,
      'wait: settled',
    ],
    { seed, cluster },
  ).trace;
  const refused = transcript(trace).find((entry) => entry.exitCode !== 0);
  if (refused) throw new PolicyError(refused.stderr.trim() || `exit status ${refused.exitCode}`);
  return trace;
}

/**
 * Two trace files (the CLI's --json or --out), read for side-by-side viewing; anything else is refused with the reason.
 */
export async function readTracePair(files: readonly File[]): Promise<[LabelledTrace, LabelledTrace]> {
  if (files.length !== 2) throw new ImportError(`${t('twoTraces')} (${files.length})`);
  const read = async (file: File): Promise<LabelledTrace> => {
    const imported = await readImportFile(file);
    if (imported.kind !== 'trace') throw new ImportError(`${file.name}: ${t('notATrace')}`);
    return { label: file.name, trace: imported.trace };
  };
  return [await read(files[0]), await read(files[1])];
}
