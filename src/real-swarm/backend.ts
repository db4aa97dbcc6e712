// `--backend swarm`: runs a scenario's steps unchanged on a real swarm (dry run first, watchdog, cleanup, trace files).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type RunOptions, type RunResult, runScenario } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import type { Trace } from '../types.js';
import { cleanupHint } from './cleanup-hint.js';
import { SwarmEngine, SwarmRunError } from './engine.js';
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

/** Runs the scenario on the swarm at `host`; throws SwarmRunError (with the clean-up commands) when the daemon fails. */
export function runScenarioOnSwarm(scenario: Scenario, opts: SwarmRunOptions = {}): SwarmRunResult {
  const seed = opts.seed ?? scenario.seed;
  const footprint = scenarioFootprint(runScenario(scenario, { seed }).trace);
  const runId = `${scenario.name.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40)}-${randomBytes(4).toString('hex')}`;
  // A lab cluster's cable left pulled by an interrupted run is plugged back before the recording starts.
  const labBefore = labClusterAtHost(opts.host);
  let restored: string[] = [];
  // The scenario's nodes played by the lab's, in order (its manager by node-1): refused when the lab cannot play them.
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
      `the lab cluster ${labBefore!.id} is not usable: ${err instanceof Error ? err.message : String(err)} (swarmlab cluster down --id ${labBefore!.id}, then up again)`,
    );
  }
  // The lab's nodes back as they were (labels, availability) once the run is over; `--keep` leaves them as the run set them.
  const restoreNodes = () => {
    if (!labBefore || opts.keep) return;
    try {
      restoreLabNodes(labBefore, nodesBefore);
    } catch {
      // the lab cluster is being taken down: nothing to restore
    }
  };
  const watchdog = opts.keep ? null : startProcess('janitor', [runId, opts.host ?? '']);
  const release = () => {
    watchdog?.stdin?.end('done\n');
    watchdog?.unref();
  };
  let engine: SwarmEngine;
  try {
    engine = new SwarmEngine({
      seed,
      cluster: scenario.cluster,
      host: opts.host,
      runId,
      outFile: opts.recordFile,
      usedImages: footprint.images,
      serviceNames: footprint.serviceNames,
      hostnames: hostnameMap(pairs),
    });
  } catch (err) {
    // Nothing was created, or the watchdog removes what was (images built before the failure).
    watchdog?.stdin?.end('failed\n');
    watchdog?.unref();
    restoreNodes();
    throw err;
  }
  const warnings: string[] = restored.length
    ? [
        `${restored.join(', ')} of the lab cluster had its link down (an interrupted run?): brought back up before the run`,
      ]
    : [];
  const nodeCount = engine.state().nodes.length;
  const lab = engine.labCluster();
  if (nodeCount !== scenario.cluster.nodes.length) {
    warnings.push(
      `the scenario describes ${scenario.cluster.nodes.length} node(s); the swarm has ${nodeCount}: placement and node faults differ` +
        (lab ? '' : ' (node loss needs a lab cluster: swarmlab cluster up)'),
    );
  }
  // A lab cluster's workers have none of the images built on its manager: same IDs by docker save | docker load.
  const cleanLab = () => {
    restoreNodes();
    if (!lab || opts.keep) return;
    removeWorkerImages(lab, runId);
    try {
      labRestoreLinks(lab, { wait: false }); // a node the scenario left down comes back for the next run
    } catch {
      // the lab cluster is being taken down: nothing to restore
    }
  };
  if (lab) {
    try {
      distributeImages(
        lab,
        runId,
        footprint.images.filter((image) => !scenario.cluster.images[image]),
      );
    } catch (err) {
      engine.finish(opts.keep === true);
      release();
      cleanLab();
      throw new SwarmRunError(
        `could not copy the run's images to the lab cluster's workers: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  let result: RunResult;
  try {
    result = runScenario(scenario, { ...opts, seed, engine: () => engine });
  } catch (err) {
    let removed = false;
    try {
      engine.finish(opts.keep === true);
      removed = !opts.keep;
    } catch {
      // the daemon is gone: say how to clean up
    }
    release(); // cleaned up, or the message below says how: the watchdog has nothing left to do
    cleanLab();
    const message = err instanceof Error ? err.message : String(err);
    throw new SwarmRunError(
      removed
        ? `the swarm run failed: ${message}`
        : `the swarm run failed: ${message}\n${cleanupHint(runId, footprint.serviceNames)}`,
    );
  }
  const removedLines = engine.finish(opts.keep === true);
  release();
  cleanLab();
  if (opts.recordFile) writeFileSync(opts.recordFile, `${JSON.stringify(result.trace, null, 2)}\n`);
  return { ...result, runId, removed: removedLines, warnings };
}
