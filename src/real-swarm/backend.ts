// `--backend swarm`: runs a scenario's steps unchanged on a real swarm (dry run first, watchdog, cleanup, trace files).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { errSwarmUnsentFlags } from '../messages.js';
import { type RunOptions, type RunResult, runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import type { Trace } from '../types.js';
import { cleanupHint } from './cleanup-hint.js';
import { SwarmEngine, SwarmNotStartedError, SwarmRunError } from './engine.js';
import type { LabCluster } from './lab-cluster/cluster.js';
import {
  applyScenarioNodes,
  hostnameMap,
  type LabNodeSpec,
  type NodePairing,
  pairNodes,
  restoreLabNodes,
} from './lab-cluster/names.js';
import { distributeImages, labClusterAtHost, labRestoreLinks, removeWorkerImages } from './lab-cluster/nodes.js';
import { startProcess } from './module-runner.js';
import { unsimulatedComposeKeys, unsimulatedFlags } from './unsimulated.js';

export interface SwarmRunOptions extends Omit<RunOptions, 'engine'> {
  /** Docker host (default DOCKER_HOST, then unix:///var/run/docker.sock). */
  host?: string;
  /** Leave the run's services, containers and images on the swarm. */
  keep?: boolean;
  /** Every event appended here as a JSON line while the run goes; replaced by the whole Trace JSON at the end. */
  recordFile?: string;
}

export interface SwarmRunResult extends RunResult {
  runId: string;
  /** What the cleanup removed, one line each (`removed service web`). */
  removed: string[];
  /** Where the real swarm cannot be what the scenario describes (e.g. fewer nodes). */
  warnings: string[];
}

/** What a scenario will create and use, from a simulated dry run: service names and image names. */
export function scenarioFootprint(trace: Trace): { serviceNames: string[]; images: string[] } {
  const serviceNames = new Set<string>();
  const images = new Set<string>();
  for (const event of trace.events) {
    if (event.type !== 'service_spec') continue;
    if (event.action === 'create') serviceNames.add(event.name);
    images.add(event.spec.TaskTemplate.ContainerSpec.Image);
  }
  return { serviceNames: [...serviceNames], images: [...images] };
}

/**
 * Runs the scenario on the swarm at `host`; throws SwarmRunError (with the clean-up commands) when the daemon fails.
 */
export function runScenarioOnSwarm(scenario: Scenario, opts: SwarmRunOptions = {}): SwarmRunResult {
  const seed = opts.seed ?? scenario.seed;
  const simulated = runScenario(scenario, { seed }).trace;
  // The spec builder leaves out the flags the simulator does not model: on the swarm that would run something other
  // than what was typed, so such a scenario is refused here (conform reports it "not comparable").
  const unsimulated = [...unsimulatedFlags(simulated), ...unsimulatedComposeKeys(scenario)];
  if (unsimulated.length) throw new InputError(errSwarmUnsentFlags(unsimulated));
  const footprint = scenarioFootprint(simulated);
  const runId = `${scenario.name.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40)}-${randomBytes(4).toString('hex')}`;
  const prepared = prepareLabCluster(scenario, opts.host);
  const watchdog = startWatchdog(runId, opts);
  const run: SwarmRun = { scenario, opts, seed, runId, footprint, prepared, watchdog };
  const engine = openEngine(run);
  const nodeCount = engine.state().nodes.length;
  const lab = engine.labCluster();
  const warnings = runWarnings(run, nodeCount, lab);
  copyImagesToWorkers(run, engine, lab);
  const result = runOnEngine(run, engine, lab);
  const removedLines = engine.finish(opts.keep === true);
  watchdog.release();
  cleanLab(run, lab);
  if (opts.recordFile) writeFileSync(opts.recordFile, `${JSON.stringify(result.trace, null, 2)}\n`);
  return { ...result, trace: result.trace, runId, removed: removedLines, warnings };
}

/** The lab cluster at the host (null on any other swarm), as it was before the run and as the run pairs its nodes. */
interface PreparedLab {
  labBefore: LabCluster | null;
  /** The scenario's nodes played by the lab's, in order (its manager by node-1). */
  pairs: NodePairing[];
  /** Lab nodes whose link was down and is brought back up. */
  restored: string[];
  /** The lab's nodes (labels, availability) before the scenario's were applied. */
  nodesBefore: LabNodeSpec[];
}

/** One run's fixed facts, shared by its steps. */
interface SwarmRun {
  scenario: Scenario;
  opts: SwarmRunOptions;
  seed: number;
  runId: string;
  footprint: { serviceNames: string[]; images: string[] };
  prepared: PreparedLab;
  watchdog: Watchdog;
}

/** Makes the lab cluster (if any) play the scenario's nodes; refused when the lab cannot play them. */
function prepareLabCluster(scenario: Scenario, host: string | undefined): PreparedLab {
  // A lab cluster's cable left pulled by an interrupted run is plugged back before the recording starts.
  const labBefore = labClusterAtHost(host);
  let restored: string[] = [];
  let pairs: NodePairing[] = [];
  try {
    if (labBefore) pairs = pairNodes(scenario.cluster.nodes, labBefore);
  } catch (err) {
    throw new SwarmRunError((err as Error).message);
  }
  let nodesBefore: LabNodeSpec[] = [];
  try {
    if (labBefore) {
      restored = labRestoreLinks(labBefore, { wait: true });
      nodesBefore = applyScenarioNodes(labBefore, pairs);
    }
  } catch (err) {
    throw new SwarmRunError(
      `the lab cluster ${labBefore!.id} is not usable: ${err instanceof Error ? err.message : String(err)} (swarmlab ` +
        `cluster down --id ${labBefore!.id}, then up again)`,
    );
  }
  return { labBefore, pairs, restored, nodesBefore };
}

/**
 * The lab's nodes back as they were (labels, availability) once the run is over; `--keep` leaves them as the run set
 * them.
 */
function restoreNodes(run: SwarmRun): void {
  const { labBefore, nodesBefore } = run.prepared;
  if (!labBefore || run.opts.keep) return;
  try {
    restoreLabNodes(labBefore, nodesBefore);
  } catch {
    // the lab cluster is being taken down: nothing to restore
  }
}

/** The janitor process that removes the run's leftovers if this process dies; none with `--keep`. */
interface Watchdog {
  /** The run cleaned up (or says how): the watchdog has nothing left to do. */
  release(): void;
  /** The engine could not start: the watchdog removes what was created. */
  fail(): void;
}

function startWatchdog(runId: string, opts: SwarmRunOptions): Watchdog {
  const watchdog = opts.keep ? null : startProcess('janitor', [runId, opts.host ?? '']);
  const tell = (word: string) => {
    watchdog?.stdin?.end(word);
    watchdog?.unref();
  };
  return { release: () => tell('done\n'), fail: () => tell('failed\n') };
}

function openEngine(run: SwarmRun): SwarmEngine {
  try {
    return new SwarmEngine({
      seed: run.seed,
      cluster: run.scenario.cluster,
      host: run.opts.host,
      runId: run.runId,
      outFile: run.opts.recordFile,
      usedImages: run.footprint.images,
      serviceNames: run.footprint.serviceNames,
      hostnames: hostnameMap(run.prepared.pairs),
    });
  } catch (err) {
    // Nothing was created (the janitor has nothing to do), or the watchdog removes what was (images built).
    if (err instanceof SwarmNotStartedError) run.watchdog.release();
    else run.watchdog.fail();
    restoreNodes(run);
    throw err;
  }
}

/** Where the real swarm differs from the scenario: links found down, a different node count. */
function runWarnings(run: SwarmRun, nodeCount: number, lab: LabCluster | null): string[] {
  const { restored } = run.prepared;
  const scenarioNodes = run.scenario.cluster.nodes.length;
  const warnings: string[] = restored.length
    ? [
        `${restored.join(', ')} of the lab cluster had its link down (an interrupted run?): brought back up before ` +
          'the run',
      ]
    : [];
  if (nodeCount !== scenarioNodes) {
    warnings.push(
      `the scenario describes ${scenarioNodes} node(s); the swarm has ${nodeCount}: placement and node faults differ` +
        (lab ? '' : ' (node loss needs a lab cluster: swarmlab cluster up)'),
    );
  }
  return warnings;
}

/** The lab's nodes and links back for the next run, the run's images off its workers (unless `--keep`). */
function cleanLab(run: SwarmRun, lab: LabCluster | null): void {
  restoreNodes(run);
  if (!lab || run.opts.keep) return;
  removeWorkerImages(lab, run.runId);
  try {
    labRestoreLinks(lab, { wait: false }); // a node the scenario left down comes back for the next run
  } catch {
    // the lab cluster is being taken down: nothing to restore
  }
}

/** A lab cluster's workers have none of the images built on its manager: same IDs by docker save | docker load. */
function copyImagesToWorkers(run: SwarmRun, engine: SwarmEngine, lab: LabCluster | null): void {
  if (!lab) return;
  try {
    distributeImages(
      lab,
      run.runId,
      run.footprint.images.filter((image) => !run.scenario.cluster.images[image]),
    );
  } catch (err) {
    engine.finish(run.opts.keep === true);
    run.watchdog.release();
    cleanLab(run, lab);
    throw new SwarmRunError(
      `could not copy the run's images to the lab cluster's ` +
        `workers: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The scenario's steps on the real engine; a failure cleans up (or says how) and throws SwarmRunError. */
function runOnEngine(run: SwarmRun, engine: SwarmEngine, lab: LabCluster | null): RunResult {
  try {
    return runScenario(run.scenario, { ...run.opts, seed: run.seed, engine: () => engine });
  } catch (err) {
    let removed = false;
    try {
      engine.finish(run.opts.keep === true);
      removed = !run.opts.keep;
    } catch {
      // the daemon is gone: say how to clean up
    }
    run.watchdog.release(); // cleaned up, or the message below says how: the watchdog has nothing left to do
    cleanLab(run, lab);
    const message = err instanceof Error ? err.message : String(err);
    throw new SwarmRunError(
      removed
        ? `the swarm run failed: ${message}`
        : `the swarm run failed: ${message}\n${cleanupHint(run.runId, run.footprint.serviceNames)}`,
    );
  }
}
