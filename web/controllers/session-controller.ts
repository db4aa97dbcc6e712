// Holds the page's session (or a read-only trace) and shows each new trace in the replay; re-renders its host on every
// change.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ClusterState, eventTimes, type Scenario, stateAt, type Trace } from '../../src/browser.js';
import { busyMoved, t } from '../i18n/messages.js';
import { LESSON_CATALOG, type LessonEntry } from '../lessons/catalog.js';
import type { Lesson } from '../lessons/lesson.js';
import { onDemand } from '../on-demand.js';
import { Session, SessionLimitError, type SessionStep, scenarioLines } from '../session/session.js';
import { loadYaml } from '../yaml-on-demand.js';
import type { ReplayController } from './replay-controller.js';

/** A line the page shows under the header: what went well (an import) or wrong (a refused line). */
export interface Notice {
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** The text in the page's current language, re-read when the language changes (an import's refusal). */
  live?: () => string;
}

/** The scenario file a session was started from (the outcome atlas explores it). */
export interface ScenarioSource {
  name: string;
  file: string;
  text: string;
}

/** A share link's seed and typed lines, restored as they were recorded. */
export interface SharedSteps {
  seed: number;
  steps: SessionStep[];
}

/** A drill's prediction panel, fetched with the first drill opened. */
const loadPredictionPanel = onDemand(() => import('../components/swarm-prediction.js'));

/**
 * Once the first replay is drawn, while the page is idle: the other lessons, the prediction panel and the YAML readers
 * fetched in the background, quietly (opening one fetches it again if need be, and says so when it fails), so that a
 * lesson opens at once and the course goes on when the connection drops. The first replay waits for none of them.
 * Resolves once every fetch has settled.
 */
async function prefetchLessons(): Promise<void> {
  await Promise.all([
    ...LESSON_CATALOG.map((entry) => entry.load.prefetch()),
    loadPredictionPanel.prefetch(),
    loadYaml.prefetch(),
  ]);
}

/** requestIdleCallback where the browser has it (Safari has not): else soon after the current task. */
const whenIdle = (run: () => void): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(run) : window.setTimeout(run, 50);
const cancelIdle = (handle: number): void =>
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : window.clearTimeout(handle);

export class SessionController implements ReactiveController {
  /** The session lines are typed into; null while a trace is shown read only. */
  session: Session | null = null;
  trace: Trace | null = null;
  lesson: Lesson | null = null;
  /**
   * The scenario the session was started from (its `expect:` block is what the JUnit export checks); null for a trace.
   */
  scenario: Scenario | null = null;
  readOnly = false;
  /** What the lesson menu shows when no lesson is open (an imported scenario or trace). */
  scenarioName = '';
  /** The scenario file of the open lesson, drill or imported scenario; null for a trace shown read only. */
  scenarioSource: ScenarioSource | null = null;
  /** Lines the learner typed in this session (not the lesson's setup): what changing lesson would discard. */
  typedLines = 0;
  /** The open drill's predictions were sent: what would reveal its outcome is unlocked. */
  private predicted = false;
  /** Wall ms from page start to the first trace shown (the "time to first replay" figure). */
  firstReplayMs: number | null = null;
  /** Settles once the background fetch started after the first replay has (prefetchLessons); null before it. */
  backgroundFetched: Promise<void> | null = null;
  /** The cluster at the replay cursor, as the ps / inspect / node views show it (refreshed before each render). */
  state: ClusterState | null = null;
  private stateOf: Trace | null = null;
  private idleHandle = 0;
  /**
   * The lesson being fetched to open, or null: any session asked for after it (lesson, scenario, trace) replaces it.
   */
  private pending: { id: string } | null = null;

  /** The lesson being fetched to open (the menu shows it meanwhile), or null. */
  get opening(): string | null {
    return this.pending?.id ?? null;
  }
  private stateAtMs = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly replay: ReplayController,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    cancelIdle(this.idleHandle);
  }

  /** Before each render: the state at the cursor, one object while trace and cursor stay (the views cache by it). */
  hostUpdate(): void {
    const trace = this.trace;
    const cursorMs = this.replay.cursorMs;
    if (!trace) this.state = null;
    else if (!this.state || this.stateOf !== trace || this.stateAtMs !== cursorMs) {
      this.state = stateAt(trace, cursorMs);
      this.stateOf = trace;
      this.stateAtMs = cursorMs;
    }
  }

  /**
   * Opens lesson `entry`, its content fetched first when it is not loaded yet (with the YAML parser when its
   * `docker stack deploy` reads compose files, with the prediction panel for a drill): resolves once it is open, or
   * when another session was opened meanwhile (the later choice wins), or when the fetch failed (the notice says so,
   * on-demand.ts, and the open lesson stays).
   * Rejects with SessionLimitError for a share link past the limits.
   */
  async openLesson(entry: LessonEntry, shared?: SharedSteps): Promise<void> {
    const request = { id: entry.id };
    this.pending = request;
    let lesson: Lesson | null = null;
    try {
      lesson = await entry.load();
      if (Object.keys(lesson.scenario.files).length > 0) await loadYaml();
      if (lesson.drill) await loadPredictionPanel();
    } catch {
      lesson = null; // not fetched: the menu shows the open lesson again
    }
    if (request !== this.pending) return;
    this.pending = null;
    if (lesson) this.startLesson(lesson, shared);
    else this.host.requestUpdate();
  }

  /** Opens a loaded lesson's scenario with its setup lines typed, or the lines of a share link restored. */
  startLesson(lesson: Lesson, shared?: SharedSteps): void {
    // A copy: the session keeps the scenario it plays, and the lesson's is shared by every opening.
    this.startScenario(structuredClone(lesson.scenario), lesson.setupSteps, shared, lesson.scenarioYaml);
    this.lesson = lesson; // only once its session was built: a link past the limits leaves the open lesson as it was
    // A drill's share link that played it: shown just before its first watched line, not at its (unpredicted) outcome.
    const watchedAtMs = lesson.drill ? shared?.steps[lesson.setupSteps]?.atMs : undefined;
    if (watchedAtMs !== undefined) this.replay.send({ type: 'SEEK', tMs: Math.max(0, watchedAtMs - 1) });
  }

  /**
   * A new session on `scenario` with its first `setupSteps` lines typed (an imported scenario types them all);
   * `text`, the scenario's file, is what the outcome atlas explores.
   */
  startScenario(scenario: Scenario, setupSteps: number, shared?: SharedSteps, text?: string): void {
    this.pending = null;
    const session = new Session({
      name: scenario.name,
      seed: shared?.seed ?? scenario.seed,
      cluster: scenario.cluster,
      files: scenario.files,
    });
    if (shared) session.restore(shared.steps);
    else session.typeAll(scenarioLines(scenario).slice(0, setupSteps));
    this.session = session;
    this.scenario = scenario;
    this.typedLines = 0;
    this.predicted = false;
    this.scenarioName = scenario.name;
    this.scenarioSource = text === undefined ? null : { name: scenario.name, file: scenario.file, text };
    this.readOnly = false;
    this.show(session.trace, session.trace.duration_ms, false);
    this.prepareWhenIdle();
  }

  /**
   * Shows a trace read only (an imported file from its start, or a rollout opened from the explorer at its end);
   * `source`, the scenario file that played it (an explorer point's), is what the outcome atlas then explores.
   */
  openTrace(trace: Trace, name: string, cursorMs = 0, source: ScenarioSource | null = null): void {
    this.pending = null;
    this.session = null;
    this.scenario = null;
    this.lesson = null;
    this.readOnly = true;
    this.typedLines = 0;
    this.predicted = false;
    this.scenarioName = name;
    this.scenarioSource = source;
    this.show(trace, cursorMs, false);
  }

  /**
   * A misconception drill whose predictions are not sent yet: the console, the node map's actions, the compare tab
   * and the outcome atlas (everything that would show the outcome before it is predicted) stay locked.
   */
  get locked(): boolean {
    return Boolean(this.lesson?.drill) && !this.predicted;
  }

  /** The drill's predictions were sent: the outcome may be watched and explored. */
  unlock(): void {
    this.predicted = true;
    this.host.requestUpdate();
  }

  /**
   * Types a line at the replay cursor and plays from when it was typed until it returns (a node map action, to the end
   * of the trace: its effect is what it is for); a refused line says why, and
   * a line typed while an earlier one still ran says when it ran instead.
   */
  type(text: string, playToEnd = false): Notice | null {
    if (!this.session || this.readOnly) return { kind: 'error', text: t('readOnly') };
    if (this.locked) return { kind: 'error', text: t('predictFirst') };
    try {
      const cursorMs = this.replay.cursorMs;
      const busy = this.session.busyAt(cursorMs);
      const typedAt = this.session.type(text, cursorMs);
      this.typedLines++;
      this.show(this.session.trace, typedAt, true, playToEnd ? undefined : this.session.lastReturnMs);
      this.prepareWhenIdle();
      return busy && typedAt > cursorMs ? { kind: 'info', text: busyMoved(busy.text, cursorMs, typedAt) } : null;
    } catch (err) {
      const text =
        err instanceof SessionLimitError
          ? t('sessionLimit')
          : `${t('internalError')} ${err instanceof Error ? err.message : String(err)}`;
      return { kind: 'error', text };
    }
  }

  /** Service and node names at the end of the trace, for the console's completion. */
  completion(): { services: string[]; nodes: string[] } {
    return { services: this.session?.serviceNames() ?? [], nodes: this.session?.nodeNames() ?? [] };
  }

  /**
   * While the page is idle, the session rebuilds its spare engine a step at a time: the next line typed is one step.
   */
  private prepareWhenIdle(): void {
    const session = this.session;
    if (!session) return;
    const step = () => {
      if (this.session === session && !session.prepareStep()) this.idleHandle = whenIdle(step);
    };
    cancelIdle(this.idleHandle);
    this.idleHandle = whenIdle(step);
  }

  /** The line still running at the cursor (the console is busy until it returns), or null. */
  busy(): { text: string; untilMs: number } | null {
    return this.readOnly ? null : (this.session?.busyAt(this.replay.cursorMs) ?? null);
  }

  private show(trace: Trace, cursorMs: number, play: boolean, stopAtMs?: number): void {
    this.trace = trace;
    const times = eventTimes(trace);
    this.replay.send({ type: 'LOAD', durationMs: trace.duration_ms, times, cursorMs, play, stopAtMs });
    if (this.firstReplayMs === null) {
      this.firstReplayMs = performance.now();
      this.backgroundFetched = new Promise((resolve) => whenIdle(() => resolve(prefetchLessons())));
    }
    this.host.requestUpdate();
  }
}
