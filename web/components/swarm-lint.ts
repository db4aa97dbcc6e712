// The lint panel: the update-policy traps of the imported stack or scenario, each with its line, why and proof run.
import { css, html, LitElement, nothing } from 'lit';
import type { LintFinding } from '../../src/browser.js';
import type { LintState } from '../controllers/lint-state.js';
import { findingTexts } from '../i18n/lint-findings.js';
import { lintText } from '../i18n/lint-messages.js';

export class SwarmLint extends LitElement {
  static override properties = {
    state: { attribute: false },
    lang: { type: String },
  };
  declare state: LintState;
  declare lang: string;

  static override styles = css`
    :host { display: block; }
    p { margin: .2em 0; }
    ol { list-style: none; margin: 0; padding: 0; }
    li { border-top: 1px solid #d9e2ec; padding: .4em 0; overflow-wrap: anywhere; }
    .head { display: flex; flex-wrap: wrap; gap: .5em; align-items: baseline; }
    .level { font-weight: bold; padding: 0 .3em; border-radius: 3px; }
    .level.error { background: #ffe3e3; color: #8a1c1c; }
    .level.warning { background: #fff3c4; color: #5c3c00; }
    code { font-size: .95em; }
    .title { font-weight: bold; }
    .proof { color: #3e4c59; }
    dt { font-weight: bold; font-size: .85em; color: #3e4c59; }
    dd { margin: 0 0 .2em; }
    button { font: inherit; margin-top: .2em; }
    button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
  `;

  constructor() {
    super();
    this.state = { kind: 'none' };
    this.lang = 'en';
  }

  private open(finding: LintFinding): void {
    this.dispatchEvent(new CustomEvent('open-proof', { detail: finding, bubbles: true, composed: true }));
  }

  private renderFinding(finding: LintFinding) {
    const texts = findingTexts(finding);
    return html`<li class="finding" data-rule=${finding.ruleId} data-line=${finding.line}>
      <div class="head"><span class="level ${finding.level}">${lintText.level(finding.level)}</span>
        <code class="rule">${finding.ruleId}</code><span class="line">${lintText.line(finding.line)}</span>
        <span class="service">${lintText.service(finding.service)}</span></div>
      <p class="title">${texts.title}</p>
      <dl><dt>${lintText.why()}</dt><dd class="why">${texts.why}</dd>
        <dt>${lintText.proof()}</dt><dd class="proof">${texts.proof}</dd></dl>
      ${
        finding.proof
          ? html`<button class="open-proof" aria-label=${lintText.openProofOf(finding.ruleId, finding.line)}
          @click=${() => this.open(finding)}>${lintText.openProof()}</button>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const state = this.state;
    if (state.kind === 'none') return nothing;
    if (state.kind === 'running') return html`<p role="status">${lintText.running(state.file)}</p>`;
    if (state.kind !== 'done') {
      const why = state.kind === 'noUpdate' ? lintText.noUpdate(state.file) : lintText.failed(state.file);
      return html`<p role="status">${why}</p>`;
    }
    const { file, findings } = state;
    if (findings.length === 0) return html`<p role="status">${lintText.none(file)}</p>`;
    const errors = findings.filter((f) => f.level === 'error').length;
    return html`<p role="status" class="count">${lintText.count(file, errors, findings.length - errors)}</p>
      <ol>${findings.map((f) => this.renderFinding(f))}</ol>`;
  }
}

customElements.define('swarm-lint', SwarmLint);
