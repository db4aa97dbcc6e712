// swarmlab as a library: simulate scenarios, query their traces, and test rollout policies with fast-check (the policy
// lab).

export type * from './backend.js';
export type * from './commands/result.js';
export { composeToSpecs } from './compose/compose.js';
export type * from './engine/records.js';
export { createSimulator } from './engine/simulator.js';
export type { SourceRef } from './errors.js';
export { DaemonError, InputError } from './errors.js';
export {
  clusterArb,
  containerKillArb,
  drainArb,
  faultScheduleArb,
  imageBehaviourArb,
  nodeLossArb,
  policyCaseArb,
  rollbackConfigArb,
  seedArb,
  updateConfigArb,
  workerNames,
} from './lab/arbitraries.js';
export { caseSteps, caseYaml, createCommand, type RolloutCase, runCase } from './lab/case.js';
export { sweepChartSvg } from './lab/chart.js';
export {
  type CheckOptions,
  type CheckReport,
  type CheckRun,
  caseSeed,
  checkCase,
  checkPolicy,
  type Metric,
  measureCase,
  type Outcome,
  parseRequirement,
  type Requirement,
  type RequirementResult,
} from './lab/check.js';
export {
  crashImage,
  describeFault,
  FAULT_WORDS,
  type FaultEvent,
  type FaultKind,
  type FaultWord,
  faultCommand,
  flakyImage,
  type ImageFault,
  imageBehaviourOf,
  slowImage,
  unhealthyImage,
} from './lab/faults.js';
export { simulateK8sRollout } from './lab/k8s.js';
export {
  type IntOrPercent,
  type K8sResult,
  type K8sRollout,
  resolveSurgeUnavailable,
} from './lab/k8s-spec.js';
export { K8S_PROGRESS_DEADLINE_SECONDS, k8sRolloutOf, k8sSweep } from './lab/k8s-sweep.js';
export { nextImage, type Policy, policyCase, policyFromCompose, policyFromScenario } from './lab/policy.js';
export { RolloutPropertyError, replayText, rolloutProperty } from './lab/property.js';
export {
  type AvailabilityOptions,
  availability,
  badTasksStarted,
  duration,
  failedTasks,
  firstRollout,
  minAvailable,
  type Rollout,
  rollouts,
  serviceId,
  timeToDetect,
  timeToRollback,
} from './lab/queries.js';
export { type SimulateOptions, simulate } from './lab/simulate.js';
export {
  DEFAULT_SWEEP_GRID,
  formatSweepTable,
  gridSettings,
  type Measure,
  markPareto,
  type SweepGrid,
  type SweepPoint,
  type SweepResult,
  type SweepSettings,
  settingsLabel,
  sweep,
  sweepCase,
} from './lab/sweep.js';
export { loadScenario } from './scenario/load.js';
export { type RunOptions, type RunResult, runCommands, runScenario, type StepOutput } from './scenario/run.js';
export type * from './scenario/types.js';
export { stateAt } from './trace/replay.js';
export type * from './types.js';
