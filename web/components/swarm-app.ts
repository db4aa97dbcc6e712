// The sandbox page: owns the session, the trace and the replay actor; lays out every panel; keyboard, import/export, share links.
import { css, html, LitElement, nothing } from 'lit';
import { type ClusterState, eventTimes, loadScenario, type Scenario, stateAt, type Trace } from '../../src/browser.js';
import { ReplayController } from '../controllers/replay-controller.js';
import type { ReplayEvent } from '../controllers/replay-machine.js';
import { getLang, type Lang, setLang, t, tr } from '../i18n/messages.js';
import { LESSONS, type Lesson } from '../lessons/lessons.js';
import { Session, SessionLimitError, type SessionStep, scenarioLines } from '../session/session.js';
import { decodeShare, encodeShare, isShareLink } from '../session/share.js';
import './swarm-availability.js';
import type { LabelledTrace } from '../lab/compare.js';
import './swarm-console.js';
import './swarm-controls.js';
import './swarm-lesson.js';
import './swarm-nodes.js';
import './swarm-timeline.js';
import './swarm-views.js';
import type { SwarmConsole } from './swarm-console.js';

type Tab = 'views' | 'nodes' | 'compare' | 'explorer';

export class SwarmApp extends LitElement {
  static override properties = {
    trace: { state: true },
    lesson: { state: true },
    readOnly: { state: true },
    lang: { state: true },
    large: { state: true },
    message: { state: true },
    tab: { state: true },
    compared: { state: true },
  };
  declare trace: Trace | null;
  declare lesson: Lesson | null;
  declare readOnly: boolean;
  declare lang: Lang;
  declare large: boolean;
  declare message: { kind: 'ok' | 'error'; text: string } | null;
  declare tab: Tab;
  /** Two traces shown side by side in the compare tab (explorer points or two imported files). */
  declare compared: [LabelledTrace, LabelledTrace] | null;
  session: Session | null = null;
  private scenarioName = '';
  readonly replay = new ReplayController(this);
  private viewState: { trace: Trace; cursorMs: number; state: ClusterState } | null = null;
  /** Wall ms from page start to the first trace shown (the "time to first replay" figure). */
  firstReplayMs: number | null = null;

  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; font-size: 14px; color: var(--fg); background: var(--bg); min-height: 100vh;
      --fg: #1f2933; --bg: #f5f7fa; --panel: #fff; --muted: #616e7c; --term-bg: #101418; --term-fg: #e4e7eb; --button: #eef1f4; }
    :host([large]) { font-size: 20px; }
    header { display: flex; gap: .6em; align-items: center; flex-wrap: wrap; padding: .4em .8em; background: #243b53; color: #fff; }
    header h1 { font-size: 1.1em; margin: 0 1em 0 0; }
    header select, header button { font: inherit; font-size: .9em; }
    .bar { padding: .4em .8em; background: var(--panel); border-bottom: 1px solid #d9e2ec; position: sticky; top: 0; z-index: 10; }
    .grid { display: grid; grid-template-columns: minmax(320px, 38%) minmax(0, 1fr); gap: .6em; padding: .6em; }
    section { background: var(--panel); border-radius: 6px; padding: .5em .7em; box-shadow: 0 1px 2px rgba(0,0,0,.08); margin-bottom: .6em; min-width: 0; }
    section h2 { font-size: .95em; margin: 0 0 .3em; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    .tabs button { font: inherit; border: 0; background: none; padding: .3em .7em; cursor: pointer; border-bottom: 3px solid transparent; color: inherit; }
    .tabs button[aria-selected='true'] { border-bottom-color: #2f80ed; font-weight: bold; }
    .message { padding: .3em .8em; white-space: pre-wrap; }
    .message.error { background: #ffe3e3; color: #8a1c1c; }
    .message.ok { background: #e3f9e5; color: #0e5814; }
    .legend { font-size: .8em; color: var(--muted); }
    :host([dragging]) { outline: 4px dashed #2f80ed; outline-offset: -4px; }
    .help { font-size: .8em; color: var(--muted); margin: .3em 0 0; }
    @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
  `;

  constructor() {
    super();
    this.trace = null;
    this.lesson = null;
    this.readOnly = false;
    this.lang = getLang();
    this.large = false;
    this.message = null;
    this.tab = 'views';
    this.compared = null;
    this.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.toggleAttribute('dragging', true);
    });
    this.addEventListener('dragleave', (e) => {
      if (e.target === this) this.toggleAttribute('dragging', false);
    });
    this.addEventListener('drop', (e) => {
      this.toggleAttribute('dragging', false);
      this.onDrop(e);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
    window.addEventListener('hashchange', this.onHash);
    this.openShared(true);
  }

  private readonly onHash = () => this.openShared(false);

  /** Opens the session a share link describes (or, on first load without one, lesson 1a). */
  private openShared(firstLoad: boolean): void {
    const shared = decodeShare(location.hash);
    const lesson = LESSONS.find((l) => l.id === shared?.lesson);
    if (shared && !lesson) this.message = { kind: 'error', text: `${t('shareUnknown')} ${shared.lesson}` };
    if (!shared && isShareLink(location.hash)) this.message = { kind: 'error', text: t('shareDamaged') };
    try {
      if (lesson && shared) this.startLesson(lesson, { seed: shared.seed, steps: shared.steps });
      else if (firstLoad) this.startLesson(LESSONS[0]);
    } catch (err) {
      if (!(err instanceof SessionLimitError)) throw err;
      this.message = { kind: 'error', text: t('shareDamaged') };
      if (firstLoad) this.startLesson(LESSONS[0]);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
    window.removeEventListener('hashchange', this.onHash);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.key === ' ') this.replay.send({ type: 'TOGGLE' });
    else if (event.key === 'ArrowRight') this.replay.send({ type: 'STEP_NEXT' });
    else if (event.key === 'ArrowLeft') this.replay.send({ type: 'STEP_PREV' });
    else return;
    event.preventDefault();
  };

  private show(trace: Trace, cursorMs: number, play: boolean): void {
    this.trace = trace;
    this.replay.send({ type: 'LOAD', durationMs: trace.duration_ms, times: eventTimes(trace), cursorMs, play });
    this.firstReplayMs ??= performance.now();
  }

  private startScenario(scenario: Scenario, setupSteps: number, shared?: { seed: number; steps: SessionStep[] }): void {
    const session = new Session({
      name: scenario.name,
      seed: shared?.seed ?? scenario.seed,
      cluster: scenario.cluster,
      files: scenario.files,
    });
    if (shared) session.restore(shared.steps);
    else session.typeAll(scenarioLines(scenario).slice(0, setupSteps));
    this.session = session;
    this.scenarioName = scenario.name;
    this.readOnly = false;
    this.show(session.trace, session.trace.duration_ms, false);
  }

  startLesson(lesson: Lesson, shared?: { seed: number; steps: SessionStep[] }): void {
    const scenario = loadScenario(lesson.scenarioYaml, `scenarios/course/${lesson.scenarioFile}`);
    this.startScenario(scenario, lesson.setupSteps, shared);
    this.lesson = lesson; // only once its session was built: a link past the limits leaves the open lesson as it was
  }

  private onCommand(text: string): void {
    if (!this.session || this.readOnly) {
      this.message = { kind: 'error', text: t('readOnly') };
      return;
    }
    try {
      const typedAt = this.session.type(text, this.replay.cursorMs);
      this.message = null;
      this.show(this.session.trace, typedAt, true);
    } catch (err) {
      const text =
        err instanceof SessionLimitError
          ? t('sessionLimit')
          : `${t('internalError')} ${err instanceof Error ? err.message : String(err)}`;
      this.message = { kind: 'error', text };
    }
  }

  /** Imports a file; a bad file leaves the session as it was and says why. */
  private async importFile(file: File): Promise<void> {
    try {
      // The reader and its validator load on the first import: the page opens without them.
      const { readImportFile } = await import('../session/import-file.js');
      const imported = await readImportFile(file);
      if (imported.kind === 'trace') this.openTrace(imported.trace, imported.trace.scenario);
      else {
        this.lesson = null;
        this.startScenario(imported.scenario, imported.scenario.steps.length);
      }
      this.message = { kind: 'ok', text: `${t('imported')} ${file.name}` };
    } catch (err) {
      this.message = { kind: 'error', text: `${t('importError')} ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** Shows a trace read only (an imported file from its start, or a rollout opened from the explorer at its end). */
  openTrace(trace: Trace, name: string, cursorMs = 0): void {
    this.session = null;
    this.lesson = null;
    this.readOnly = true;
    this.scenarioName = name;
    this.show(trace, cursorMs, false);
  }

  /** One file is imported; two trace files open side by side in the compare tab. */
  private async importFiles(files: File[]): Promise<void> {
    if (files.length < 2) return files[0] ? this.importFile(files[0]) : undefined;
    try {
      const { readTracePair } = await import('../lab/compare.js');
      this.showCompared(await readTracePair(files));
      this.message = { kind: 'ok', text: `${t('imported')} ${files.map((f) => f.name).join(', ')}` };
    } catch (err) {
      this.message = { kind: 'error', text: `${t('importError')} ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  private openTab(tab: Tab): void {
    // The compare view and the explorer (sweep library, chart) load on first use: the lessons do not need them.
    if (tab === 'compare') void import('./swarm-compare.js');
    if (tab === 'explorer') void import('./swarm-explorer.js');
    this.tab = tab;
  }

  private showCompared(pair: [LabelledTrace, LabelledTrace]): void {
    this.compared = pair;
    this.openTab('compare');
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    void this.importFiles([...(event.dataTransfer?.files ?? [])]);
  }

  private exportTrace(): void {
    if (!this.trace) return;
    const blob = new Blob([`${JSON.stringify(this.trace, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${this.trace.scenario || 'trace'}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
  }

  /** The URL of this session (lesson, seed, typed lines with their times); only a lesson's session can be shared. */
  shareLink(): string {
    if (!this.lesson || !this.session) {
      this.message = { kind: 'error', text: t('shareLessonsOnly') };
      return '';
    }
    const lesson = this.lesson.id;
    const fragment = encodeShare({ lesson, seed: this.session.setup.seed, steps: this.session.steps });
    history.replaceState(null, '', fragment);
    const url = location.href;
    navigator.clipboard?.writeText(url).catch(() => undefined);
    this.message = { kind: 'ok', text: `${t('shareCopied')}: ${url}` };
    return url;
  }

  private toggleLang(): void {
    setLang(this.lang === 'fr' ? 'en' : 'fr');
    this.lang = getLang();
  }

  private toggleLarge(): void {
    this.large = !this.large;
    this.toggleAttribute('large', this.large);
  }

  private onReplay(event: CustomEvent<ReplayEvent>): void {
    this.replay.send(event.detail);
  }

  private suggest(text: string): void {
    this.renderRoot.querySelector<SwarmConsole>('swarm-console')?.suggest(text);
  }

  /** The state the ps / inspect / node views show: at the cursor on every frame, one object while the cursor stays (views cache by it). */
  private stateForViews(trace: Trace, cursorMs: number): ClusterState {
    const cached = this.viewState;
    if (cached && cached.trace === trace && cached.cursorMs === cursorMs) return cached.state;
    this.viewState = { trace, cursorMs, state: stateAt(trace, cursorMs) };
    return this.viewState.state;
  }

  private renderHeader() {
    return html`<header>
      <h1>swarmlab</h1>
      <label>${t('lessons')}
        <select class="lesson-select" @change=${(e: Event) => {
          const lesson = LESSONS.find((l) => l.id === (e.target as HTMLSelectElement).value);
          if (lesson) this.startLesson(lesson);
        }}>${LESSONS.map((l) => html`<option value=${l.id} ?selected=${this.lesson?.id === l.id}>${tr(l.title)}</option>`)}
          ${this.lesson ? nothing : html`<option selected value="">${this.scenarioName}</option>`}</select></label>
      <button class="lang" @click=${this.toggleLang}>${t('language')}</button>
      <button class="large" aria-pressed=${this.large ? 'true' : 'false'} @click=${this.toggleLarge}>${t('largeFont')}</button>
      <button class="export" @click=${this.exportTrace}>${t('exportTrace')}</button>
      <button class="share" @click=${() => this.shareLink()}>${t('share')}</button>
      <button class="import-button" title=${t('importFile')} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input.import')?.click()}>${t('importShort')}</button>
      <input class="import" type="file" hidden multiple accept=".json,.yaml,.yml" aria-label=${t('importFile')} @change=${(
        e: Event,
      ) => {
        const input = e.target as HTMLInputElement;
        void this.importFiles([...(input.files ?? [])]);
        input.value = '';
      }}>
    </header>`;
  }

  override render() {
    const trace = this.trace;
    const cursor = this.replay.cursorMs;
    const state = trace ? this.stateForViews(trace, cursor) : null;
    return html`
      ${this.renderHeader()}
      ${this.message ? html`<div class="message ${this.message.kind}" role="status">${this.message.text}</div>` : nothing}
      <div class="bar"><swarm-controls .cursorMs=${cursor} .durationMs=${this.replay.durationMs} .playing=${this.replay.playing}
        .speed=${this.replay.speed} lang=${this.lang} @replay=${this.onReplay}></swarm-controls></div>
      <div class="grid">
        <div>
          ${
            this.lesson
              ? html`<section class="lesson-panel"><swarm-lesson .lesson=${this.lesson} .trace=${trace} .cursorMs=${cursor}
            lang=${this.lang} @suggest=${(e: CustomEvent<string>) => this.suggest(e.detail)}></swarm-lesson></section>`
              : nothing
          }
          <section><h2>${t('console')}</h2>
            <swarm-console .trace=${trace} .cursorMs=${cursor} .readOnly=${this.readOnly} lang=${this.lang}
              .completion=${{ services: this.session?.serviceNames() ?? [], nodes: this.session?.nodeNames() ?? [] }}
              @command=${(e: CustomEvent<string>) => this.onCommand(e.detail)}></swarm-console>
            <p class="help">${t('help')} · ${t('importFile')} : ${t('dropHere')}</p></section>
        </div>
        <div>
          <section><h2>${t('timeline')}</h2>
            <swarm-timeline .trace=${trace} .cursorMs=${cursor} .zoom=${this.large ? 1.4 : 1} .maxHeight=${this.large ? 440 : 320} lang=${this.lang} @seek=${(e: CustomEvent<number>) => this.replay.send({ type: 'SEEK', tMs: e.detail })}></swarm-timeline>
            <div class="legend">${t('legend')}</div></section>
          <section><h2>${t('availability')}</h2><swarm-availability .trace=${trace} .cursorMs=${cursor} .zoom=${this.large ? 1.4 : 1} lang=${this.lang}></swarm-availability></section>
          <section>
            <div class="tabs" role="tablist">
              ${(['views', 'nodes', 'compare', 'explorer'] as Tab[]).map(
                (tab) => html`<button role="tab" class="tab-${tab}" aria-selected=${this.tab === tab ? 'true' : 'false'}
                @click=${() => this.openTab(tab)}>${tab === 'views' ? `${t('ps')} / inspect` : tab === 'nodes' ? t('nodes') : t(tab)}</button>`,
              )}
            </div>
            ${this.tab === 'views' ? html`<swarm-views .state=${state} .trace=${trace} lang=${this.lang}></swarm-views>` : nothing}
            ${
              this.tab === 'nodes'
                ? html`<swarm-nodes .state=${state} .readOnly=${this.readOnly} lang=${this.lang}
              @command=${(e: CustomEvent<string>) => this.onCommand(e.detail)}></swarm-nodes>`
                : nothing
            }
            ${
              this.tab === 'compare'
                ? html`<swarm-compare .cluster=${this.session?.setup.cluster ?? null} .seed=${this.session?.setup.seed ?? 1} .given=${this.compared}
              .zoom=${this.large ? 1.4 : 1} .maxHeight=${this.large ? 280 : 200} lang=${this.lang}></swarm-compare>`
                : nothing
            }
            <swarm-explorer ?hidden=${this.tab !== 'explorer'} .zoom=${this.large ? 1.4 : 1} lang=${this.lang}
              @open-trace=${(e: CustomEvent<LabelledTrace>) => {
                this.openTrace(e.detail.trace, e.detail.label, e.detail.trace.duration_ms);
                this.message = { kind: 'ok', text: `${t('opened')} ${e.detail.label}` };
              }}
              @compare-traces=${(e: CustomEvent<[LabelledTrace, LabelledTrace]>) => this.showCompared(e.detail)}></swarm-explorer>
          </section>
        </div>
      </div>`;
  }
}

customElements.define('swarm-app', SwarmApp);
