// The lesson panel: the lesson's text, commands to try, its goal checked from the trace at the cursor, hints and
// Docker's differences.
import { css, html, LitElement, nothing } from 'lit';
import type { Trace } from '../../src/browser.js';
import { t, tr } from '../i18n/messages.js';
import { CHALLENGE_SECTIONS } from '../lessons/challenge-sections.js';
import { goalInput } from '../lessons/goals.js';
import type { Lesson } from '../lessons/lesson.js';
import { missedReason } from '../lessons/missed.js';
import type { DrillSource, SwarmPrediction } from './swarm-prediction.js';

export class SwarmLesson extends LitElement {
  static override properties = {
    lesson: { attribute: false },
    trace: { attribute: false },
    cursorMs: { type: Number },
    lang: { type: String },
    locked: { type: Boolean },
  };
  declare lesson: Lesson | null;
  declare trace: Trace | null;
  declare cursorMs: number;
  declare lang: string;
  /** A drill not predicted yet: its commands to try (which would run it) are not offered. */
  declare locked: boolean;

  static override styles = css`
    :host { display: block; }
    h2 { font-size: 1.05em; margin: .2em 0; }
    p { margin: .3em 0; line-height: 1.35; }
    code, button.try { font-family: ui-monospace, monospace; font-size: .85em; }
    button.try { display: block; text-align: left; margin: 2px 0; cursor: pointer; background: var(--button, #f4f5f7);
      color: inherit; border: 1px solid #99a; border-radius: 4px; padding: .2em .4em; white-space: pre-wrap; }
    .goal { padding: .3em .5em; border-radius: 4px; border-left: 4px solid #f2994a; background: rgba(242,153,74,.12); }
    .goal.met { border-left-color: #27ae60; background: rgba(39,174,96,.15); }
    details { margin: .3em 0; }
    summary { cursor: pointer; font-weight: bold; }
    ul { margin: .2em 0; padding-left: 1.2em; }
    button.to-challenge { margin: .4em 0; cursor: pointer; font: inherit; }
    button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
  `;

  constructor() {
    super();
    this.lesson = null;
    this.trace = null;
    this.cursorMs = 0;
    this.lang = 'fr';
    this.locked = false;
  }

  /** Focus on the drill's prediction form. */
  focusPrediction(): void {
    this.renderRoot.querySelector<SwarmPrediction>('swarm-prediction')?.focusForm();
  }

  private suggest(text: string): void {
    this.dispatchEvent(new CustomEvent('suggest', { detail: text, bubbles: true, composed: true }));
  }

  private toChallenge(section: string): void {
    this.dispatchEvent(new CustomEvent('open-challenge', { detail: section, bubbles: true, composed: true }));
  }

  override render() {
    const lesson = this.lesson;
    if (!lesson) return nothing;
    const input = this.trace ? goalInput(this.trace, this.cursorMs) : null;
    const met = input ? lesson.check(input) : false;
    const missed = input && !met ? missedReason(lesson.id, input) : null;
    return html`
      <h2>${tr(lesson.title)}</h2>
      <details class="text" open><summary>${t('lessonText')}</summary><p>${tr(lesson.text)}</p></details>
      ${
        lesson.drill
          ? html`<swarm-prediction .source=${lesson as DrillSource} .trace=${this.trace}
        .cursorMs=${this.cursorMs} lang=${this.lang} ?locked=${this.locked}></swarm-prediction>`
          : nothing
      }
      ${
        this.locked
          ? nothing
          : html`<div><strong>${t('tryThese')}</strong>
        ${lesson.commands.map((c) => html`<button class="try" @click=${() => this.suggest(c)}>$ ${c}</button>`)}</div>`
      }
      <div class="goal ${met ? 'met' : ''}" data-met=${met ? 'yes' : 'no'}>
        <strong>${t('goal')}</strong> : ${tr(lesson.goal)}<br><em
          class="goal-status">${met ? t('goalMet') : t('goalNotMet')}</em>
        ${
          missed
            ? html`<p class="missed"
          role="status"><strong>${t('goalMissed')}</strong> ${tr(missed)}</p>`
            : nothing
        }
      </div>
      ${
        CHALLENGE_SECTIONS.includes(lesson.id)
          ? html`<button class="to-challenge"
            @click=${() => this.toChallenge(lesson.id)}>${t('takeChallenge')}</button>`
          : nothing
      }
      <details><summary>${t('hints')}</summary><ul>${lesson.hints.map((h) => html`<li>${tr(h)}</li>`)}</ul></details>
      <details class="differs"><summary>${t('differs')}</summary><ul>${lesson.differs.map(
        (d) => html`<li>${tr(d)}</li>`,
      )}</ul></details>
    `;
  }
}

customElements.define('swarm-lesson', SwarmLesson);
