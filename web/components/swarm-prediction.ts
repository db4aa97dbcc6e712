// A drill's prediction form: the learner answers before the scenario plays, then sees each prediction graded from the
// trace and the rule explained.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Scenario, Trace } from '../../src/browser.js';
import { tr } from '../i18n/messages.js';
import { dockerCommands } from '../lessons/trap-facts.js';
import { drillPlayed, type Grade, gradeDrill, score } from '../lessons/trap-grading.js';
import type { Drill, Question, Text } from '../lessons/trap-types.js';
import { scenarioLines } from '../session/session.js';

/** The drill as the lesson panel hands it over: the drill, its scenario and how many lines the lesson typed already. */
export interface DrillSource {
  id: string;
  drill: Drill;
  /** Its scenario, loaded when the page was built. */
  scenario: Scenario;
  scenarioFile: string;
  setupSteps: number;
}

const UI = {
  heading: { fr: 'Prédisez d’abord', en: 'Predict first' },
  submit: { fr: 'Je prédis, puis je regarde', en: 'Predict, then watch' },
  submitDocumented: { fr: 'Je prédis, puis je lis la réponse', en: 'Predict, then read the answer' },
  missing: { fr: 'Répondez à chaque question avant de regarder.', en: 'Answer every question before you watch.' },
  watching: {
    fr: 'Regardez la chronologie : la correction s’affiche quand la lecture atteint la fin.',
    en: 'Watch the timeline: the correction shows when the replay reaches the end.',
  },
  reveal: { fr: 'Voir la correction maintenant', en: 'Show the correction now' },
  result: { fr: 'Correction', en: 'Correction' },
  right: { fr: 'bonnes réponses', en: 'right' },
  yours: { fr: 'votre réponse', en: 'your answer' },
  actual: { fr: 'ce qui s’est passé', en: 'what happened' },
  documented: { fr: 'ce que Docker documente', en: 'what Docker documents' },
  rule: { fr: 'La règle', en: 'The rule' },
  sources: { fr: 'Sources', en: 'Sources' },
  colon: { fr: ' : ', en: ': ' },
} satisfies Record<string, Text>;

/** The page's root holding the console and the replay controls (the lesson panel sits in the app's shadow root). */
function appRoot(from: Node): ShadowRoot | Document | null {
  let node: Node = from;
  for (let depth = 0; depth < 5; depth++) {
    const root = node.getRootNode();
    if ((root instanceof ShadowRoot || root instanceof Document) && root.querySelector('swarm-console')) return root;
    if (!(root instanceof ShadowRoot)) return null;
    node = root.host;
  }
  return null;
}

export class SwarmPrediction extends LitElement {
  static override properties = {
    source: { attribute: false },
    trace: { attribute: false },
    cursorMs: { type: Number },
    lang: { type: String },
    locked: { type: Boolean },
    answers: { state: true },
    submitted: { state: true },
    revealed: { state: true },
    missing: { state: true },
  };
  declare source: DrillSource | null;
  declare trace: Trace | null;
  declare cursorMs: number;
  declare lang: string;
  /** The page holds the drill locked (a new session of it, a share link opened): the form is asked again. */
  declare locked: boolean;
  declare answers: Record<string, string>;
  declare submitted: boolean;
  declare revealed: boolean;
  declare missing: boolean;
  private answeredFor = '';

  static override styles = css`
    :host { display: block; margin: .4em 0; }
    h3 { font-size: 1em; margin: .3em 0; }
    fieldset { border: 1px solid #99a; border-radius: 4px; margin: .3em 0; padding: .2em .5em .4em; }
    legend { font-weight: bold; padding: 0 .2em; }
    label { display: block; margin: .15em 0; cursor: pointer; }
    button { cursor: pointer; margin: .3em .3em .3em 0; padding: .25em .6em; border-radius: 4px; border: 1px solid #99a;
      background: var(--button, #f4f5f7); color: inherit; }
    .missing { color: #c0392b; }
    .result { border-left: 4px solid #2f80ed; background: rgba(47,128,237,.08); padding: .3em .6em; border-radius: 4px;
      }
    li[data-correct=yes] { color: #1e8449; }
    li[data-correct=no] { color: #c0392b; }
    .why { font-style: italic; }
    ul { margin: .2em 0; padding-left: 1.2em; }
  `;

  constructor() {
    super();
    this.source = null;
    this.trace = null;
    this.cursorMs = 0;
    this.lang = 'fr';
    this.locked = false;
    this.answers = {};
    this.submitted = false;
    this.revealed = false;
    this.missing = false;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new drill (another lesson chosen), or a new session of this one (locked again), starts with a blank form.
    const id = this.source?.id ?? '';
    if (id !== this.answeredFor || (changed.has('locked') && this.locked && this.submitted)) {
      this.answeredFor = id;
      this.answers = {};
      this.submitted = this.revealed = this.missing = false;
    }
  }

  private choose(question: Question, value: string): void {
    this.answers = { ...this.answers, [question.id]: value };
    this.missing = false;
  }

  private submit(event: Event): void {
    event.preventDefault();
    const source = this.source;
    if (!source) return;
    if (source.drill.questions.some((q) => !(q.id in this.answers))) {
      this.missing = true;
      return;
    }
    // The page unlocks what would show the outcome (console, compare, atlas) before the drill's lines are typed.
    this.dispatchEvent(new CustomEvent('predicted', { detail: source.id, bubbles: true, composed: true }));
    this.submitted = true;
    if (!source.drill.documented) this.play(source);
  }

  /** Types the drill's remaining scenario lines in the console, then replays from its first watched command. */
  private play(source: DrillSource): void {
    const root = appRoot(this);
    const terminal = root?.querySelector('swarm-console');
    if (!root || !terminal) return;
    // A share link (or the learner) may have typed the drill's lines already: then it only replays them.
    if (!drillPlayed(source.drill, this.trace)) {
      for (const line of scenarioLines(source.scenario).slice(source.setupSteps))
        terminal.dispatchEvent(new CustomEvent('command', { detail: line }));
    }
    const trace = (root instanceof ShadowRoot ? (root.host as unknown as { trace: Trace | null }).trace : null) ?? null;
    const first = trace ? dockerCommands(trace)[source.drill.phases[0] ?? 0] : undefined;
    this.replay(root, first ? { type: 'SEEK', tMs: first.t_ms } : null);
    this.replay(root, { type: 'PLAY' });
  }

  /** Focus on the form's first choice (the locked panels' "Go to the predictions" button). */
  focusForm(): void {
    this.renderRoot.querySelector<HTMLElement>('form.predict input, form.predict button')?.focus();
  }

  private replay(root: ParentNode, event: { type: string; tMs?: number } | null): void {
    if (event) root.querySelector('swarm-controls')?.dispatchEvent(new CustomEvent('replay', { detail: event }));
  }

  private reveal(): void {
    this.revealed = true;
    const root = appRoot(this);
    if (root && this.trace) this.replay(root, { type: 'SEEK', tMs: this.trace.duration_ms });
  }

  override render() {
    const source = this.source;
    if (!source) return nothing;
    const drill = source.drill;
    if (!this.submitted) return this.form(drill);
    const played = drillPlayed(drill, this.trace);
    const atEnd = this.trace !== null && this.cursorMs >= this.trace.duration_ms;
    if (!drill.documented && !(played && (atEnd || this.revealed)))
      return html`<p class="watching" role="status">${tr(UI.watching)}</p>
        <button class="reveal" @click=${this.reveal}>${tr(UI.reveal)}</button>`;
    return this.result(drill, gradeDrill(drill, this.trace, this.answers));
  }

  private form(drill: Drill) {
    return html`<form class="predict" @submit=${this.submit} aria-labelledby="predict-heading">
      <h3 id="predict-heading">${tr(UI.heading)}</h3>
      ${drill.questions.map(
        (q) => html`<fieldset data-question=${q.id}><legend>${tr(q.prompt)}</legend>
          ${q.choices.map(
            (c) => html`<label><input type="radio" name=${q.id} value=${c.value}
              .checked=${this.answers[q.id] === c.value}
              @change=${() => this.choose(q, c.value)}> ${tr(c.label)}</label>`,
          )}</fieldset>`,
      )}
      ${this.missing ? html`<p class="missing" role="alert">${tr(UI.missing)}</p>` : nothing}
      <button type="submit" class="predict-submit">${tr(drill.documented ? UI.submitDocumented : UI.submit)}</button>
    </form>`;
  }

  private result(drill: Drill, grades: Grade[]) {
    const { right, total } = score(grades);
    const label = (q: Question, value: string | null) =>
      value === null ? '—' : tr(q.choices.find((c) => c.value === value)?.label ?? { fr: value, en: value });
    return html`<section class="result" aria-live="polite">
      <h3>${tr(UI.result)}${tr(UI.colon)}<span class="score">${right} / ${total}</span> ${tr(UI.right)}</h3>
      ${drill.documented ? html`<p class="why">${tr(drill.documented.why)}</p>` : nothing}
      <ul class="grades">${grades.map((g) => {
        const q = drill.questions.find((question) => question.id === g.questionId) as Question;
        return html`<li data-question=${g.questionId} data-correct=${g.correct ? 'yes' : 'no'}>
          ${g.correct ? '✓' : '✗'} ${tr(q.prompt)} — ${tr(UI.yours)}${tr(UI.colon)}${label(q, g.predicted)} ;
          ${tr(drill.documented ? UI.documented : UI.actual)}${tr(UI.colon)}<strong
            class="actual">${label(q, g.actual)}</strong></li>`;
      })}</ul>
      <p class="rule"><strong>${tr(UI.rule)}</strong>${tr(UI.colon)}${tr(drill.rule)}</p>
      <p><strong>${tr(UI.sources)}</strong></p>
      <ul class="sources">${drill.sources.map((s) => html`<li><code>${s}</code></li>`)}</ul>
    </section>`;
  }
}

customElements.define('swarm-prediction', SwarmPrediction);
