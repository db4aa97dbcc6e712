// swarmlab as a library: simulate scenarios, query their traces, and test rollout policies with fast-check (the policy lab).
export type * from './types.js';
export type * from './backend.js';
export type * from './engine/records.js';
export type * from './scenario/types.js';
export type * from './commands/result.js';
export type { SourceRef } from './errors.js';
export { DaemonError, InputError } from './errors.js';
export { createSimulator } from './engine/simulator.js';
export { loadScenario } from './scenario/load.js';
export { runScenario, runCommands, type RunOptions, type RunResult, type StepOutput } from './scenario/run.js';
export { composeToSpecs } from './compose/compose.js';
export { stateAt } from './trace/replay.js';

export { simulate, type SimulateOptions } from './lab/simulate.js';
export {
  availability, badTasksStarted, duration, failedTasks, firstRollout, minAvailable, rollouts, serviceId, timeToDetect, timeToRollback,
  type AvailabilityOptions, type Rollout,
} from './lab/queries.js';
export {
  clusterArb, containerKillArb, drainArb, faultScheduleArb, imageBehaviourArb, nodeLossArb, policyCaseArb, rollbackConfigArb,
  seedArb, updateConfigArb, workerNames,
} from './lab/arbitraries.js';
export { caseSteps, caseYaml, createCommand, runCase, type RolloutCase } from './lab/case.js';
export {
  crashImage, describeFault, faultCommand, flakyImage, imageBehaviourOf, slowImage, unhealthyImage, FAULT_WORDS,
  type FaultEvent, type FaultKind, type FaultWord, type ImageFault,
} from './lab/faults.js';
export { nextImage, policyCase, policyFromCompose, policyFromScenario, type Policy } from './lab/policy.js';
export { replayText, rolloutProperty, RolloutPropertyError } from './lab/property.js';
export {
  caseSeed, checkCase, checkPolicy, measureCase, parseRequirement,
  type CheckOptions, type CheckReport, type CheckRun, type Metric, type Outcome, type Requirement, type RequirementResult,
} from './lab/check.js';
export {
  DEFAULT_SWEEP_GRID, formatSweepTable, gridSettings, markPareto, settingsLabel, sweep, sweepCase,
  type Measure, type SweepGrid, type SweepPoint, type SweepResult, type SweepSettings,
} from './lab/sweep.js';
export { sweepChartSvg } from './lab/chart.js';
export {
  resolveSurgeUnavailable, simulateK8sRollout, type IntOrPercent, type K8sResult, type K8sRollout,
} from './lab/k8s.js';
export { k8sRolloutOf, k8sSweep, K8S_PROGRESS_DEADLINE_SECONDS } from './lab/k8s-sweep.js';
