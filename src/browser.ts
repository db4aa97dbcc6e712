// The library as the web sandbox's first load sees it: with src/browser-on-demand.ts, the only modules web/ imports
// from src/ (dependency-cruiser rule web-through-browser-entry).

export { CREATE_FLAGS, ROLLBACK_FLAGS, UPDATE_FLAGS } from './commands/service-flags.js';
// Imported files: a loader's error in either language (the compose reader and the scenario loader are in
// src/browser-on-demand.ts).
export { CLI_POLL_INTERVAL_MS, DEFAULT_WAIT_LIMIT_MS, defaultClusterConfig, defaultNodes } from './defaults.js';
export { InputError } from './errors.js';
export { CLUSTER_FAULTS, SANDBOX_FAULT_VERBS } from './faults/registry.js';
// The policy lab: the explorer's sweep and the compare tab's figures.
export { caseYaml, runCase } from './lab/case.js';
// Challenges: a typed policy graded on seeds and a node loss, with `swarmlab check`'s requirements.
export {
  type AnswerRefusal,
  type ChallengeGrade,
  type ChallengePlan,
  type ChallengeRequirementResult,
  type ChallengeRun,
  gradeAnswer,
} from './lab/challenge.js';
// The outcome atlas: explore's walk, a few runs at a time (in the page's worker).
export type { OutcomeRow } from './lab/explore/explore.js';
export { ExploreWalk } from './lab/explore/walk.js';
export { flakyImage, type ImageFault, imageBehaviourOf } from './lab/faults.js';
export { GridValueError, gridDuration, oneOfValues, valueList } from './lab/grid-values.js';
export { badTasksStarted, failedTasks, firstRollout, minAvailable } from './lab/queries.js';
export {
  DEFAULT_SWEEP_GRID,
  gridSettings,
  type Measure,
  markPareto,
  measureRollout,
  type SweepGrid,
  type SweepPoint,
  type SweepSettings,
  sweep,
  sweepCase,
} from './lab/sweep.js';
// `swarmlab lint` on an imported stack or scenario: findings, their texts in both languages, each proof's scenario.
export { lintScenario, lintStack } from './policy-lint/lint.js';
export type { Finding as LintFinding } from './policy-lint/types.js';
// Docker CLI output the views and the console show.
export { ProgressTracker } from './render/progress.js';
export { servicePretty } from './render/service-inspect.js';
export { type PsTable, psTableText, servicePsTable } from './render/service-ps.js';
export { runCommands, runScenario } from './scenario/run.js';
export {
  createScenarioSession,
  type ScenarioSession,
  type SessionSetup,
  type StepOutput,
} from './scenario/session.js';
// Sessions: the scenario runner's step runner (one engine, one step at a time), scenario files, defaults.
export type { Scenario, ScenarioStep } from './scenario/types.js';
export { availableByImage } from './trace/availability.js';
// Folds over traces the panels draw.
export { type Lane, lanes, type TaskBar, taskBars } from './trace/bars.js';
export { eventTimes, type Marker, markers } from './trace/markers.js';
export { inPsOrder, psWindow, VIEW_LINES, WINDOWED_ABOVE } from './trace/ps-table.js';
export { replayOf, stateAt } from './trace/replay.js';
export { type AvailabilitySeries, availabilityAt, availabilitySeries, lowestAvailability } from './trace/series.js';
export { checkTraceValue, eventLinesProblem } from './trace/validate.js';
// Shapes the page reads: traces, cluster states, the cluster a session starts from.
export type {
  ClusterConfig,
  ClusterState,
  FailureAction,
  Millis,
  Task,
  TaskState,
  Trace,
  TraceEvent,
  UpdateOrder,
} from './types.js';
