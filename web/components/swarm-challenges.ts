// The challenges tab: one task per course section, the typed policy graded on 5 seeds and a node loss, each run
// openable on the timeline.
import { css, html, LitElement, nothing } from 'lit';
import { type ChallengeGrade, type ChallengeRun, gradeAnswer } from '../../src/browser.js';
import { formatSeconds } from '../draw/state-style.js';
import { cw, refusalText, requirementMeaning, runName, verdict } from '../i18n/challenge-messages.js';
import { tr } from '../i18n/messages.js';
import type { LabelledTrace } from '../lab/compare.js';
import { CHALLENGES, type Challenge } from '../lessons/challenges.js';
import type { SharedChallenge } from '../session/share.js';
import { loadYaml } from '../yaml-on-demand.js';

// A challenge's scenario is YAML, loaded when it is judged: the parser comes with this chunk.
await loadYaml();

export class SwarmChallenges extends LitElement {
  static override properties = {
    lang: { type: String },
    section: { state: true },
    answer: { state: true },
    grade: { state: true },
    checking: { state: true },
  };
  declare lang: string;
  declare section: string;
  declare answer: string;
  /** The grade of `answer` for `section`; null before the first check or after either changed. */
  declare grade: ChallengeGrade | null;
  declare checking: boolean;

  static override styles = css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    h3 { font-size: 1em; margin: .5em 0 .2em; }
    p { margin: .3em 0; line-height: 1.35; }
    label { display: block; margin: .3em 0; }
    input[type=text] { display: block; box-sizing: border-box; width: 100%; font-family: ui-monospace, monospace;
      font-size: .9em; padding: .3em; }
    select, button, input { font: inherit; }
    button { margin: .3em .4em .3em 0; cursor: pointer; }
    :is(button, select, input, summary, .runs):focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
    ul { margin: .2em 0; padding-left: 1.2em; }
    code { font-family: ui-monospace, monospace; }
    .verdict { padding: .3em .5em; border-radius: 4px; border-left: 4px solid #c0392b; background: #fdecea;
      color: #6b1a12; }
    .verdict.passed { border-left-color: #1e7b3a; background: #e3f9e5; color: #0e4a1d; }
    pre.docker { background: var(--term-bg, #111); color: var(--term-fg, #ddd); padding: .4em; white-space: pre-wrap;
      margin: .3em 0; }
    .runs { overflow-x: auto; max-width: 100%; }
    table { border-collapse: collapse; margin: .3em 0; font-size: .9em; }
    th, td { border: 1px solid #aab; padding: .2em .4em; text-align: left; vertical-align: top; }
    td.broken { color: #8a1c1c; font-weight: bold; }
    td.ok { color: #0e5814; }
    details { margin: .3em 0; }
    summary { cursor: pointer; }
  `;

  constructor() {
    super();
    this.lang = 'fr';
    this.section = CHALLENGES[0].section;
    this.answer = '';
    this.grade = null;
    this.checking = false;
  }

  get challenge(): Challenge {
    return CHALLENGES.find((c) => c.section === this.section) ?? CHALLENGES[0];
  }

  /**
   * Opens a challenge with an answer (a share link: graded at once) or without (from a lesson: the answer field gets
   * the focus); false when no challenge has that section.
   */
  async open(shared: SharedChallenge): Promise<boolean> {
    if (!CHALLENGES.some((c) => c.section === shared.section)) return false;
    this.section = shared.section;
    this.answer = shared.answer;
    this.grade = null;
    if (shared.answer.trim()) await this.check();
    else {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input.answer')?.focus();
    }
    return true;
  }

  /** Grades the typed answer (after the "checking" state is drawn: the six runs take a moment). */
  async check(): Promise<void> {
    this.checking = true;
    await this.updateComplete;
    await new Promise((done) => requestAnimationFrame(done));
    try {
      this.grade = gradeAnswer(this.challenge.plan, this.answer);
    } finally {
      this.checking = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.verdict')?.focus();
  }

  private choose(section: string): void {
    this.section = section;
    this.answer = '';
    this.grade = null;
  }

  private openRun(run: ChallengeRun): void {
    const label = `${tr(this.challenge.title)} — ${runName(run.seed, run.nodeLoss)}`;
    const detail: LabelledTrace = { label, trace: run.trace };
    this.dispatchEvent(new CustomEvent('open-trace', { detail, bubbles: true, composed: true }));
  }

  private share(): void {
    const detail: SharedChallenge = { section: this.section, answer: this.answer };
    this.dispatchEvent(new CustomEvent('share-challenge', { detail, bubbles: true, composed: true }));
  }

  private renderRuns(grade: Extract<ChallengeGrade, { kind: 'graded' }>) {
    const brokenRuns = grade.runs.filter((r) => r.broken.length > 0).length;
    const ms = (value: number | null, finished = true) =>
      value === null ? cw('never') : finished ? formatSeconds(value) : `> ${formatSeconds(value)}`;
    return html`<p class="verdict ${grade.passed ? 'passed' : ''}" tabindex="-1"
      role="status">${verdict(grade.passed, grade.runs.length, brokenRuns)}</p>
      <div class="runs" role="region" tabindex="0" aria-label=${cw('results')}><table>
        <thead><tr><th scope="col">${cw('run')}</th><th scope="col">${cw('outcome')}</th><th
          scope="col">${cw('duration')}</th>
          <th scope="col">${cw('lowest')}</th><th scope="col">${cw('detect')}</th><th
            scope="col">${cw('broken')}</th><th scope="col">${cw('timeline')}</th></tr></thead>
        <tbody>${grade.runs.map(
          (run, index) => html`<tr class="run-${index}">
            <th scope="row">${runName(run.seed, run.nodeLoss)}</th>
            <td>${run.outcome}</td>
            <td>${ms(run.durationMs, run.finished)}</td>
            <td>${run.minAvailable}</td>
            <td>${ms(run.timeToDetectMs)}</td>
            <td class=${run.broken.length ? 'broken' : 'ok'}>${
              run.broken.length ? run.broken.join(', ') : cw('none')
            }</td>
            <td><button class="open-run" @click=${() => this.openRun(run)}
              aria-label="${cw('open')} : ${runName(run.seed, run.nodeLoss)}">${cw('openShort')}</button></td>
          </tr>`,
        )}</tbody></table></div>`;
  }

  private renderGrade() {
    const grade = this.grade;
    if (this.checking) return html`<p role="status">${cw('checking')}</p>`;
    if (!grade) return nothing;
    if (grade.kind === 'graded') return this.renderRuns(grade);
    const { refusal } = grade;
    return html`<p class="verdict" tabindex="-1" role="status">${refusalText(refusal)}</p>
      ${refusal.reason === 'docker-error' ? html`<pre class="docker">${refusal.stderr}</pre>` : nothing}`;
  }

  override render() {
    const challenge = this.challenge;
    return html`
      <label>${cw('pick')}
        <select class="challenge-select" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          ${CHALLENGES.map(
            (c) => html`<option value=${c.section}
            ?selected=${c.section === this.section}>${tr(c.title)}</option>`,
          )}
        </select></label>
      <h3>${tr(challenge.title)}</h3>
      <p class="task">${tr(challenge.task)}</p>
      <p>${cw('requirements')} :</p>
      <ul class="requirements">${challenge.plan.requirements.map(
        (text) => html`<li><code>${text}</code> — ${requirementMeaning(text)}</li>`,
      )}</ul>
      <p class="runs-note">${cw('runs')}</p>
      <details><summary>${cw('hint')}</summary><p>${tr(challenge.hint)}</p></details>
      <form @submit=${(e: Event) => {
        e.preventDefault();
        void this.check();
      }}>
        <label>${cw('answer')}
          <input type="text" class="answer" name="answer" autocomplete="off" spellcheck="false"
            placeholder=${challenge.placeholder} .value=${this.answer}
            @input=${(e: Event) => {
              this.answer = (e.target as HTMLInputElement).value;
              this.grade = null;
            }}></label>
        <button type="submit" class="check" ?disabled=${this.checking}>${cw('check')}</button>
        <button type="button" class="share-challenge" @click=${() => this.share()}>${cw('share')}</button>
      </form>
      ${this.renderGrade()}`;
  }
}

customElements.define('swarm-challenges', SwarmChallenges);
