// The console: a terminal-like transcript of the commands at the cursor, an input with history (↑/↓), Tab completion
// (Escape then Tab leaves) and whether it is busy.
import { css, html, LitElement, nothing } from 'lit';
import type { Trace } from '../../src/browser.js';
import { busyUntil, t } from '../i18n/messages.js';
import { type CompletionContext, complete } from '../session/complete.js';
import { type TranscriptEntry, transcript, visibleOutput } from '../session/transcript.js';

export class SwarmConsole extends LitElement {
  static override properties = {
    trace: { attribute: false },
    cursorMs: { type: Number },
    readOnly: { type: Boolean },
    locked: { type: Boolean },
    lang: { type: String },
    completion: { attribute: false },
    busy: { attribute: false },
    candidates: { state: true },
  };
  /** The line still running at the cursor: a line typed now runs when it returns. */
  declare busy: { text: string; untilMs: number } | null;
  declare trace: Trace | null;
  declare cursorMs: number;
  declare readOnly: boolean;
  /** A drill not predicted yet: no input (the page says why below the console). */
  declare locked: boolean;
  declare lang: string;
  declare completion: CompletionContext;
  declare candidates: string[];
  private history: string[] = [];
  private historyIndex = 0;
  /** Escape was the last key: the next Tab moves focus out instead of completing (no keyboard trap). */
  private escaped = false;
  private entries: { trace: Trace; list: TranscriptEntry[] } | null = null;

  static override styles = css`
    :host { display: flex; flex-direction: column; background: var(--term-bg, #111); color: var(--term-fg, #ddd);
      border-radius: 6px; min-height: 200px; }
    .out { flex: 1; overflow: auto; padding: .5em; font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: .85em; max-height: max(160px, calc(100vh - 500px)); }
    pre { margin: 0; white-space: pre; font: inherit; }
    pre.cmd { white-space: pre-wrap; word-break: break-word; }
    .cmd { color: #7fd1ff; }
    .err { color: #ff8a80; }
    .running { color: #f0b429; }
    .line { display: flex; align-items: center; border-top: 1px solid #333; padding: .3em .5em;
      font-family: ui-monospace, monospace; }
    .line span { color: #7fd1ff; margin-right: .4em; }
    input { flex: 1; min-width: 0; background: transparent; color: inherit; border: 0; font: inherit; outline: none; }
    .line:focus-within { outline: 3px solid #7fd1ff; outline-offset: -3px; }
    .busy { padding: .3em .5em; color: #f0b429; font-family: ui-monospace, monospace; font-size: .85em;
      border-top: 1px solid #333; }
    .out:focus-visible { outline: 3px solid #7fd1ff; outline-offset: -3px; }
    .cands { padding: 0 .5em .3em; color: #aaa; font-family: ui-monospace, monospace; font-size: .85em; }
  `;

  constructor() {
    super();
    this.trace = null;
    this.cursorMs = 0;
    this.readOnly = false;
    this.locked = false;
    this.lang = 'fr';
    this.completion = { services: [], nodes: [] };
    this.candidates = [];
    this.busy = null;
  }

  /** Puts a command in the input (a lesson's "try" button). */
  suggest(text: string): void {
    const input = this.renderRoot.querySelector('input');
    if (input) {
      input.value = text;
      input.focus();
    }
  }

  private get list(): TranscriptEntry[] {
    if (!this.trace) return [];
    if (this.entries?.trace !== this.trace) this.entries = { trace: this.trace, list: transcript(this.trace) };
    return this.entries.list;
  }

  private keydown(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    event.stopPropagation();
    const escaped = this.escaped;
    this.escaped = event.key === 'Escape';
    if (event.key === 'Escape') this.candidates = [];
    else if (event.key === 'Tab' && (escaped || event.shiftKey))
      return; // focus leaves the console
    else if (event.key === 'Enter') {
      const text = input.value.trim();
      if (!text) return;
      this.history.push(text);
      this.historyIndex = this.history.length;
      input.value = '';
      this.candidates = [];
      this.dispatchEvent(new CustomEvent('command', { detail: text, bubbles: true, composed: true }));
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      this.historyIndex = Math.max(
        0,
        Math.min(this.history.length, this.historyIndex + (event.key === 'ArrowUp' ? -1 : 1)),
      );
      input.value = this.history[this.historyIndex] ?? '';
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const result = complete(input.value, this.completion);
      input.value = result.line;
      this.candidates = result.candidates;
    }
  }

  override updated(): void {
    // Scrolled to the end at the next animation frame, once every panel has updated: reading scrollHeight here lays the
    // page out twice.
    requestAnimationFrame(() => {
      const out = this.renderRoot.querySelector('.out');
      if (out) out.scrollTop = out.scrollHeight;
    });
  }

  override render() {
    const trace = this.trace;
    const shown = trace ? this.list.filter((entry) => entry.tMs <= this.cursorMs) : [];
    return html`
      <div class="out" role="log" tabindex="0" aria-label=${t('console')}>
        ${shown.map((entry) => {
          const out = visibleOutput(trace!, entry, this.cursorMs);
          return html`<div class="entry"><pre class="cmd">$ ${entry.command}</pre>${
            out.stdout
              ? html`<pre
            class="stdout ${out.running ? 'running' : ''}">${out.stdout}</pre>`
              : nothing
          }${
            out.stderr
              ? html`<pre
            class="err">${out.stderr}</pre>`
              : nothing
          }</div>`;
        })}
      </div>
      ${this.candidates.length ? html`<div class="cands">${this.candidates.join('  ')}</div>` : nothing}
      ${
        this.busy && !this.readOnly && !this.locked
          ? html`<div class="busy"
        role="status">⏳ ${busyUntil(this.busy.text, this.busy.untilMs)}</div>`
          : nothing
      }
      ${
        this.locked
          ? nothing
          : this.readOnly
            ? html`<div class="line">${t('readOnly')}</div>`
            : html`<div class="line"><span>$</span>
        <input aria-label=${t('consoleName')} spellcheck="false" autocomplete="off" placeholder=${t('typeHere')}
          @keydown=${this.keydown}></div>`
      }
    `;
  }
}

customElements.define('swarm-console', SwarmConsole);
