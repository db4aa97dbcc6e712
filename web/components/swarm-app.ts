// The sandbox page: lays out every panel around the session, replay, share, files, tabs and keys controllers.
import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ClusterState, LintFinding, Trace } from '../../src/browser.js';
import { ChunkNoticeController } from '../controllers/chunk-notice-controller.js';
import { FilesController } from '../controllers/files-controller.js';
import { KeysController } from '../controllers/keys-controller.js';
import { LintController } from '../controllers/lint-controller.js';
import { ReplayController } from '../controllers/replay-controller.js';
import type { ReplayEvent } from '../controllers/replay-machine.js';
import { type Notice, type ScenarioSource, SessionController } from '../controllers/session-controller.js';
import { ShareController } from '../controllers/share-controller.js';
import { loadTab, TABS, type Tab, TabsController } from '../controllers/tabs-controller.js';
import { UrlTracesController } from '../controllers/url-traces-controller.js';
import { lintText } from '../i18n/lint-messages.js';
import { getLang, type Lang, setLang, t, tr } from '../i18n/messages.js';
import type { LabelledTrace } from '../lab/compare.js';
import { LESSON_CATALOG, type LessonEntry, lessonEntry } from '../lessons/catalog.js';
import type { Lesson } from '../lessons/lesson.js';
import type { Session } from '../session/session.js';
import type { SharedChallenge } from '../session/share.js';
import type { SwarmChallenges } from './swarm-challenges.js';
import './swarm-availability.js';
import './swarm-console.js';
import './swarm-controls.js';
import './swarm-lesson.js';
import './swarm-nodes.js';
import './swarm-timeline.js';
import './swarm-views.js';
import type { SwarmConsole } from './swarm-console.js';
import type { SwarmLesson } from './swarm-lesson.js';

export class SwarmApp extends LitElement {
  static override properties = {
    lang: { state: true },
    large: { state: true },
    message: { state: true },
  };
  declare lang: Lang;
  declare large: boolean;
  declare message: Notice | null;
  readonly replay = new ReplayController(this);
  readonly sessions = new SessionController(this, this.replay);
  private readonly tabs = new TabsController(this);
  private readonly say = (notice: Notice) => {
    this.message = notice;
  };
  private readonly share = new ShareController(
    this,
    this.sessions,
    this.say,
    (shared) => void this.openChallenge(shared),
  );
  /** The lint of the imported stack or scenario file, shown under the console. */
  readonly lint = new LintController(this);
  private readonly files = new FilesController(this, this.sessions, this.tabs, this.say, this.lint);
  /** The traces the URL names (`?trace=…&label=…`): opened after the share link's lesson, in its place. */
  readonly urlTraces = new UrlTracesController(this, this.sessions, this.tabs, this.say);
  readonly keys = new KeysController(this, this.replay);
  /** Says so when a part of the page fetched on demand could not be (offline). */
  readonly chunks = new ChunkNoticeController(this, this.say);

  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; font-size: 14px; color: var(--fg);
      background: var(--bg); min-height: 100vh;
      --fg: #1f2933; --bg: #f5f7fa; --panel: #fff; --muted: #616e7c; --term-bg: #101418; --term-fg: #e4e7eb;
      --button: #eef1f4; }
    :host([large]) { font-size: 20px; }
    header { display: flex; gap: .6em; align-items: center; flex-wrap: wrap; padding: .4em .8em; background: #243b53;
      color: #fff; }
    header h1 { font-size: 1.1em; margin: 0 1em 0 0; }
    header select, header button { font: inherit; font-size: .9em; }
    header details.exports summary { display: inline-block; cursor: pointer; font-size: .9em; }
    header details.exports button { margin-left: .4em; }
    header details.exports summary:focus-visible { outline: 3px solid #fff; outline-offset: 1px; }
    .bar { padding: .4em .8em; background: var(--panel); border-bottom: 1px solid #d9e2ec; position: sticky; top: 0;
      z-index: 10; }
    .grid { display: grid; grid-template-columns: minmax(320px, 34%) minmax(0, 1fr); gap: .6em; padding: .6em; }
    section { background: var(--panel); border-radius: 6px; padding: .5em .7em; box-shadow: 0 1px 2px rgba(0,0,0,.08);
      margin-bottom: .6em; min-width: 0; }
    section h2 { font-size: .95em; margin: 0 0 .3em; color: var(--muted); text-transform: uppercase;
      letter-spacing: .04em; }
    .tabs button { font: inherit; border: 0; background: none; padding: .3em .7em; cursor: pointer;
      border-bottom: 3px solid transparent; color: inherit; }
    .tabs button[aria-selected='true'] { border-bottom-color: #2f80ed; font-weight: bold; }
    .message { padding: .3em .8em; white-space: pre-wrap; }
    .message.error { background: #ffe3e3; color: #8a1c1c; }
    .message.ok { background: #e3f9e5; color: #0e5814; }
    .message.info { background: #fff3c4; color: #5c3c00; }
    .legend { font-size: .8em; color: var(--muted); }
    :host([dragging]) { outline: 4px dashed #2f80ed; outline-offset: -4px; }
    .locked { margin: .4em 0; padding: .3em .6em; border-left: 4px solid #f2994a; background: rgba(242,153,74,.12);
      border-radius: 4px; }
    .locked p { margin: 0 0 .3em; }
    .locked button { font: inherit; cursor: pointer; }
    .locked button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
    .help { font-size: .8em; color: var(--muted); margin: .3em 0 0; }
    .grid > div { min-width: 0; }
    .tabs { display: flex; flex-wrap: wrap; }
    .tabs button:focus-visible, header button:focus-visible, header select:focus-visible { outline: 3px solid #1a5fb4;
      outline-offset: 1px; }
    header button:focus-visible, header select:focus-visible { outline-color: #fff; }
    @media (max-width: 900px) { .grid { grid-template-columns: minmax(0, 1fr); padding: .3em; } }
  `;
  constructor() {
    super();
    this.lang = getLang();
    this.large = false;
    this.message = null;
  }

  get trace(): Trace | null {
    return this.sessions.trace;
  }

  get session(): Session | null {
    return this.sessions.session;
  }

  get lesson(): Lesson | null {
    return this.sessions.lesson;
  }

  /** Wall ms from page start to the first trace shown (the "time to first replay" figure). */
  get firstReplayMs(): number | null {
    return this.sessions.firstReplayMs;
  }

  /** Settles once the lessons, prediction panel and YAML readers fetched in the background after it have. */
  get backgroundFetched(): Promise<void> | null {
    return this.sessions.backgroundFetched;
  }

  /** Opens lesson `entry` (fetched first if need be); resolves once it is open. */
  startLesson(entry: LessonEntry): Promise<void> {
    return this.sessions.openLesson(entry);
  }

  openTrace(trace: Trace, name: string, cursorMs = 0, source: LabelledTrace['source'] = undefined): void {
    this.sessions.openTrace(trace, name, cursorMs, source ?? null);
  }

  /** The URL of this session (lesson, seed, typed lines with their times); only a lesson's session can be shared. */
  shareLink(): string {
    return this.share.link();
  }

  /** Opens the challenges tab on a shared challenge and grades its answer. */
  private async openChallenge(shared: SharedChallenge): Promise<void> {
    this.tabs.open('challenges');
    await loadTab('challenges');
    await this.updateComplete;
    const opened = await this.renderRoot.querySelector<SwarmChallenges>('swarm-challenges')?.open(shared);
    if (!opened) this.message = { kind: 'error', text: `${t('shareUnknown')} ${shared.section}` };
  }

  private readonly onOpenTrace = (e: CustomEvent<LabelledTrace>) => this.openAtEnd(e.detail, t('discardExplorer'));

  /** Whether the typed session may be discarded: asked first (FR/EN) when the learner typed lines in it. */
  private mayDiscard(question: string): boolean {
    return this.sessions.typedLines === 0 || window.confirm(question);
  }

  private readonly onLessonChosen = (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const chosen = lessonEntry(select.value);
    if (chosen && this.mayDiscard(t('discardAsk'))) void this.startLesson(chosen);
    else select.value = this.sessions.lesson?.id ?? ''; // kept: the menu shows the open lesson again
  };

  /** The tab bar's keys (ARIA tabs): ← → move between tabs, Home / End to the first / last. */
  private readonly onTabKey = (e: KeyboardEvent) => {
    const at = TABS.indexOf(this.tabs.tab);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (at + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    e.stopPropagation();
    this.tabs.open(TABS[to]);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${TABS[to]}`)?.focus());
  };

  /** An explorer point, a challenge run or an atlas outcome on the timeline, read only, at its end (asked first). */
  private openAtEnd(opened: LabelledTrace, question: string): void {
    if (!this.mayDiscard(question)) return;
    this.openTrace(opened.trace, opened.label, opened.trace.duration_ms, opened.source);
    this.message = { kind: 'ok', text: `${t('opened')} ${opened.label}` };
  }

  /** A lint finding's proof run as the session (the scenario `swarmlab lint` writes for it), asked first. */
  private readonly onOpenProof = async (e: CustomEvent<LintFinding>) => {
    const finding = e.detail;
    // Null too when the YAML parser could not be fetched: the notice says so (on-demand.ts).
    const scenario = await this.lint.proofScenario(finding).catch(() => null);
    if (!scenario || !this.mayDiscard(lintText.discard())) return;
    this.sessions.lesson = null;
    this.sessions.startScenario(scenario, scenario.steps.length, undefined, finding.proof?.scenario);
    this.message = { kind: 'ok', text: lintText.opened(finding.ruleId) };
  };

  private onCommand(text: string, playToEnd = false): void {
    this.message = this.sessions.type(text, playToEnd);
  }

  /** The last notice; an import's refusal is re-read in the language just chosen. */
  private renderMessage() {
    const message = this.message;
    if (!message) return nothing;
    return html`<div class="message ${message.kind}" role="status">${message.live?.() ?? message.text}</div>`;
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

  /** Where a drill not predicted yet would show its outcome: why it is locked, and a way to the prediction form. */
  private renderLocked(where: string) {
    return html`<div class="locked ${where}-locked" role="note"><p>🔒 ${t('predictFirst')}</p>
      <button class="to-prediction" @click=${this.focusPrediction}>${t('toPrediction')}</button></div>`;
  }

  private readonly focusPrediction = () =>
    this.renderRoot.querySelector<SwarmLesson>('swarm-lesson')?.focusPrediction();

  private suggest(text: string): void {
    this.renderRoot.querySelector<SwarmConsole>('swarm-console')?.suggest(text);
  }

  /** The import button: the hidden file input's picker. */
  private readonly pickImport = () => this.renderRoot.querySelector<HTMLInputElement>('input.import')?.click();

  private renderHeader() {
    const { lesson, scenarioName } = this.sessions;
    return html`<header>
      <h1>swarmlab</h1>
      <label>${t('lessons')}
        <select class="lesson-select" .value=${live(this.sessions.opening ?? lesson?.id ?? '')}
          @change=${this.onLessonChosen}>${LESSON_CATALOG.map(
            (l) => html`<option value=${l.id} ?selected=${lesson?.id === l.id}>${tr(l.title)}</option>`,
          )}
          ${lesson ? nothing : html`<option selected value="">${scenarioName}</option>`}</select></label>
      <button class="lang" @click=${this.toggleLang}>${t('language')}</button>
      <button class="large" aria-pressed=${this.large ? 'true' : 'false'}
        @click=${this.toggleLarge}>${t('largeFont')}</button>
      <button class="export" @click=${() => this.files.exportTrace()}>${t('exportTrace')}</button>
      <details class="exports"><summary>${t('exportFor')}</summary>
        <button class="export-perfetto" @click=${() => this.files.exportFor('perfetto')}>${t('exportPerfetto')}</button>
        <button class="export-events"
          @click=${() => this.files.exportFor('docker-events')}>${t('exportDockerEvents')}</button>
        ${
          this.files.canExportJUnit()
            ? html`<button class="export-junit"
          @click=${() => this.files.exportFor('junit')}>${t('exportJUnit')}</button>`
            : nothing
        }
      </details>
      <button class="share" @click=${() => this.shareLink()}>${t('share')}</button>
      <button class="import-button" title=${t('importFile')} @click=${this.pickImport}>${t('importShort')}</button>
      <input class="import" type="file" hidden multiple accept=".json,.yaml,.yml" aria-label=${t('importFile')}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void this.files.importFiles([...(input.files ?? [])]);
          input.value = '';
        }}>
    </header>`;
  }

  /** The lesson (when one is open) and the console. */
  private renderLeft(trace: Trace | null, cursor: number) {
    const { lesson, readOnly, locked } = this.sessions;
    return html`<div>
      ${
        lesson
          ? html`<section class="lesson-panel" aria-label=${t('lessonPanel')}><swarm-lesson .lesson=${lesson}
            .trace=${trace} .cursorMs=${cursor}
        lang=${this.lang} ?locked=${locked} @suggest=${(e: CustomEvent<string>) => this.suggest(e.detail)}
        @predicted=${() => this.sessions.unlock()}
        @open-challenge=${(e: CustomEvent<string>) =>
          void this.openChallenge({ section: e.detail, answer: '' })}></swarm-lesson></section>`
          : nothing
      }
      <section><h2>${t('console')}</h2>
        <swarm-console .trace=${trace} .cursorMs=${cursor} .readOnly=${readOnly} ?locked=${locked} lang=${this.lang}
          .completion=${this.sessions.completion()} .busy=${this.sessions.busy()}
          @command=${(e: CustomEvent<string>) => this.onCommand(e.detail)}></swarm-console>
        ${locked ? this.renderLocked('console') : nothing}
        <p class="help">${t('help')} · ${t('importFile')} : ${t('dropHere')}</p></section>
      ${this.renderLint()}
    </div>`;
  }

  /** The lint panel: the imported file's findings, and a button to lint the open lesson's or scenario's file. */
  private renderLint() {
    const source = this.sessions.scenarioSource;
    if (this.lint.state.kind === 'none' && !source) return nothing;
    return html`<section class="lint-panel" aria-labelledby="lint-heading"><h2
      id="lint-heading">${lintText.heading()}</h2>
      ${source ? this.renderLintButton(source) : nothing}
      <swarm-lint .state=${this.lint.state} lang=${this.lang} @open-proof=${this.onOpenProof}></swarm-lint></section>`;
  }

  /** The button that lints the open lesson's or scenario's file. */
  private renderLintButton(source: ScenarioSource) {
    const onClick = () => this.lint.lint('scenario', source.text, source.file);
    return html`<button class="lint-scenario" @click=${onClick}>${lintText.lintScenario(source.name)}</button>`;
  }

  /** The tab bar and the open tab (the explorer stays in the page once opened: a sweep runs on while hidden). */
  private renderTabs(trace: Trace | null, state: ClusterState | null) {
    const { tab, compared } = this.tabs;
    const { session, locked } = this.sessions;
    const zoom = this.large ? 1.4 : 1;
    const label = (name: Tab) => (name === 'views' ? `${t('ps')} / inspect` : name === 'nodes' ? t('nodes') : t(name));
    return html`<section>
      <div class="tabs" role="tablist" aria-label=${t('tabsLabel')} @keydown=${this.onTabKey}>
        ${TABS.map(
          (name) => html`<button role="tab" class="tab-${name}" id="tab-${name}" aria-controls="panel-${name}"
          aria-selected=${tab === name ? 'true' : 'false'} tabindex=${tab === name ? '0' : '-1'}
          @click=${() => this.tabs.open(name)}>${label(name)}</button>`,
        )}
      </div>
      <div role="tabpanel" id="panel-${tab}" aria-labelledby="tab-${tab}">
      ${tab === 'views' ? html`<swarm-views .state=${state} .trace=${trace} lang=${this.lang}></swarm-views>` : nothing}
      ${
        tab === 'nodes'
          ? html`<swarm-nodes .state=${state} .readOnly=${this.sessions.readOnly || locked} lang=${this.lang}
        @command=${(e: CustomEvent<string>) => this.onCommand(e.detail, true)}></swarm-nodes>`
          : nothing
      }
      ${locked && (tab === 'compare' || tab === 'atlas') ? this.renderLocked(tab) : nothing}
      ${
        tab === 'compare' && !locked
          ? html`<swarm-compare .cluster=${session?.setup.cluster ?? null} .seed=${session?.setup.seed ?? 1}
            .given=${compared}
        .zoom=${zoom} .maxHeight=${this.large ? 280 : 200} lang=${this.lang}></swarm-compare>`
          : nothing
      }
      <swarm-challenges ?hidden=${tab !== 'challenges'} lang=${this.lang} @open-trace=${this.onOpenTrace}
        @share-challenge=${(e: CustomEvent<SharedChallenge>) => this.share.challengeLink(e.detail)}></swarm-challenges>
      <swarm-explorer ?hidden=${tab !== 'explorer'} .zoom=${zoom} lang=${this.lang}
        @open-trace=${this.onOpenTrace}
        @compare-traces=${(e: CustomEvent<readonly LabelledTrace[]>) =>
          this.tabs.showCompared(e.detail)}></swarm-explorer>
      <swarm-atlas ?hidden=${tab !== 'atlas' || locked} .source=${locked ? null : this.sessions.scenarioSource}
        lang=${this.lang}
        @open-trace=${(e: CustomEvent<LabelledTrace>) => this.openAtEnd(e.detail, t('discardAtlas'))}></swarm-atlas>
      </div>
    </section>`;
  }

  override render() {
    const trace = this.trace;
    const cursor = this.replay.cursorMs;
    const state = this.sessions.state;
    const zoom = this.large ? 1.4 : 1;
    return html`
      ${this.renderHeader()}
      <main aria-label=${t('mainLabel')}>
      ${this.renderMessage()}
      <div class="bar"><swarm-controls .cursorMs=${cursor} .durationMs=${this.replay.durationMs}
        .playing=${this.replay.playing}
        .speed=${this.replay.speed} lang=${this.lang} @replay=${this.onReplay}></swarm-controls></div>
      <div class="grid">
        ${this.renderLeft(trace, cursor)}
        <div>
          <section><h2>${t('timeline')}</h2>
            <swarm-timeline .trace=${trace} .cursorMs=${cursor} .zoom=${zoom} .maxHeight=${this.large ? 440 : 320}
              lang=${this.lang}
              @seek=${(e: CustomEvent<number>) => this.replay.send({ type: 'SEEK', tMs: e.detail })}></swarm-timeline>
            <div class="legend">${t('legend')}</div></section>
          <section><h2>${t('availability')}</h2><swarm-availability .trace=${trace} .cursorMs=${cursor} .zoom=${zoom}
            lang=${this.lang}></swarm-availability></section>
          ${this.renderTabs(trace, state)}
        </div>
      </div>
      </main>`;
  }
}

customElements.define('swarm-app', SwarmApp);
