// The outcome atlas's worker protocol: the messages between the page and its worker, the worker's side (also run
// in-process by the tests), an outcome's trace.
import { ExploreWalk, type OutcomeRow, runScenario, type Trace } from '../../src/browser.js';
import { loadScenario } from '../../src/browser-on-demand.js';

/** The scenario the atlas explores: its name, its file name (for errors and replays) and its text. */
export interface AtlasSource {
  name: string;
  file: string;
  text: string;
}

export type AtlasRequest =
  | { type: 'start'; id: number; source: AtlasSource; maxRuns: number }
  | { type: 'stop'; id: number };

/** One row of the atlas: what explore reports for an outcome, in plain data (posted between threads). */
export interface AtlasOutcome {
  status: string;
  message: string;
  images: Record<string, number>;
  minAvailable: number;
  durationMs: [number, number];
  finished: boolean;
  runs: number;
  /** The first run that reached it, as a scenario file with `choices:`. */
  replay: string;
}

/**
 * How far the exploration went: every run counted (a run cut at a state met before counts as every run from that
 * state on), runs played to their end, runs cut, the budget (of runs played plus runs cut).
 */
export interface AtlasCount {
  id: number;
  runs: number;
  played: number;
  pruned: number;
  maxRuns: number;
  outcomes: AtlasOutcome[];
}

export type AtlasEnd = 'exhausted' | 'cut' | 'stopped';

export type AtlasReply =
  | ({ type: 'progress' } & AtlasCount)
  | ({ type: 'done'; end: AtlasEnd } & AtlasCount)
  | { type: 'error'; id: number; message: string };

/** Runs per step between two looks at the message queue: a stop is heard within a few runs. */
export const ATLAS_STEP_RUNS = 4;
/** The page's default and largest budgets (runs played plus runs cut). */
export const ATLAS_DEFAULT_RUNS = 2_000;
export const ATLAS_MAX_RUNS = 20_000;

interface Job {
  id: number;
  walk: ExploreWalk;
  stopped: boolean;
}

/**
 * The worker's side: `receive` takes the page's messages, `post` sends replies, `later` runs the next step after
 * the messages already queued (a stop) are handled. One job at a time: a new start ends the one before, silently.
 */
export class AtlasWorker {
  private job: Job | null = null;

  constructor(
    private readonly post: (reply: AtlasReply) => void,
    private readonly later: (next: () => void) => void,
    private readonly stepRuns = ATLAS_STEP_RUNS,
  ) {}

  receive(request: AtlasRequest): void {
    if (request.type === 'stop') {
      if (this.job?.id === request.id) this.job.stopped = true;
      return;
    }
    const { id, source, maxRuns } = request;
    try {
      const walk = new ExploreWalk(loadScenario(source.text, source.file), source.text, { maxRuns });
      const job = { id, walk, stopped: false };
      this.job = job;
      this.later(() => this.step(job));
    } catch (err) {
      this.job = null;
      this.post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  private step(job: Job): void {
    if (this.job !== job) return;
    const { walk } = job;
    const count = (): AtlasCount => ({
      id: job.id,
      runs: walk.runs,
      played: walk.played,
      pruned: walk.pruned,
      maxRuns: walk.maxRuns,
      outcomes: walk.outcomes().map(plainOutcome),
    });
    if (job.stopped) {
      this.job = null;
      this.post({ type: 'done', end: 'stopped', ...count() });
      return;
    }
    try {
      walk.step(this.stepRuns);
    } catch (err) {
      this.job = null;
      this.post({ type: 'error', id: job.id, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (walk.done) {
      this.job = null;
      this.post({ type: 'done', end: walk.exhausted ? 'exhausted' : 'cut', ...count() });
      return;
    }
    this.post({ type: 'progress', ...count() });
    this.later(() => this.step(job));
  }
}

function plainOutcome(row: OutcomeRow): AtlasOutcome {
  const o = row.outcome;
  return {
    status: o.updateStatus,
    message: o.message,
    images: { ...o.runningImages },
    minAvailable: o.minAvailable,
    durationMs: [row.durationMs[0], row.durationMs[1]],
    finished: o.finished,
    runs: row.runs,
    replay: row.replay,
  };
}

/** The trace of an outcome's replay run (the run explore met first with that outcome), for the timeline. */
export function outcomeTrace(source: AtlasSource, outcome: AtlasOutcome): Trace {
  return runScenario(loadScenario(outcome.replay, source.file)).trace;
}
