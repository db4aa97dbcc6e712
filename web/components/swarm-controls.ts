// Replay controls: go to start, play/pause (▶ at the end plays again from 0), speed, step to the previous/next event,
// a scrubber over virtual time (arrows: 1 s, Shift: 10 s, Home / End).
import { css, html, LitElement } from 'lit';
import type { ReplayEvent } from '../controllers/replay-machine.js';
import { SPEEDS, type Speed } from '../controllers/replay-machine.js';
import { formatSeconds } from '../draw/state-style.js';
import { t } from '../i18n/messages.js';

export class SwarmControls extends LitElement {
  static override properties = {
    cursorMs: { type: Number },
    durationMs: { type: Number },
    playing: { type: Boolean },
    speed: { attribute: false },
    lang: { type: String },
  };
  declare cursorMs: number;
  declare durationMs: number;
  declare playing: boolean;
  declare speed: Speed;
  declare lang: string;

  static override styles = css`
    :host { display: flex; gap: .5em; align-items: center; flex-wrap: wrap; }
    button { font: inherit; padding: .2em .6em; cursor: pointer; border: 1px solid #889; border-radius: 4px;
      background: var(--button, #f4f5f7); color: inherit; }
    button[aria-pressed='true'] { background: #1a5fb4; color: #fff; border-color: #1a5fb4; }
    input[type=range] { flex: 1; min-width: 160px; }
    .time { font-variant-numeric: tabular-nums; min-width: 12ch; text-align: right; }
    .speeds { display: inline-flex; gap: 2px; }
    button:focus-visible, input:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
    .lbl { font-size: .8em; }
  `;

  constructor() {
    super();
    this.cursorMs = 0;
    this.durationMs = 0;
    this.playing = false;
    this.speed = 5;
    this.lang = 'fr';
  }

  /** The scrubber's keys: ← → ↑ ↓ 1 s (Shift: 10 s), Page Up / Down 10 s, Home / End the ends of the trace. */
  private scrubKey(e: KeyboardEvent): void {
    const stepMs = e.shiftKey ? 10_000 : 1_000;
    const moves: Record<string, ReplayEvent> = {
      ArrowRight: { type: 'STEP_BY', deltaMs: stepMs },
      ArrowUp: { type: 'STEP_BY', deltaMs: stepMs },
      ArrowLeft: { type: 'STEP_BY', deltaMs: -stepMs },
      ArrowDown: { type: 'STEP_BY', deltaMs: -stepMs },
      PageUp: { type: 'STEP_BY', deltaMs: 10_000 },
      PageDown: { type: 'STEP_BY', deltaMs: -10_000 },
      Home: { type: 'START' },
      End: { type: 'SEEK', tMs: this.durationMs },
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    this.send(move);
  }

  private send(event: ReplayEvent): void {
    this.dispatchEvent(new CustomEvent('replay', { detail: event, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <button class="start" title=${t('goStart')} aria-label=${t('goStart')}
        @click=${() => this.send({ type: 'START' })}><span aria-hidden="true">|◀◀</span></button>
      <button class="prev" title=${t('prev')} aria-label=${t('prev')}
        @click=${() => this.send({ type: 'STEP_PREV' })}><span aria-hidden="true">|◀</span> <span
        class="lbl">${t('prevShort')}</span></button>
      <button class="play" title=${this.playing ? t('pause') : t('play')}
        aria-label=${this.playing ? t('pause') : t('play')}
        @click=${() => this.send({ type: 'TOGGLE' })}>${this.playing ? '❚❚' : '▶'}</button>
      <button class="next" title=${t('next')} aria-label=${t('next')}
        @click=${() => this.send({ type: 'STEP_NEXT' })}><span class="lbl">${t('nextShort')}</span> <span
        aria-hidden="true">▶|</span></button>
      <span class="speeds" role="group" aria-label=${t('speed')}>
        ${SPEEDS.map(
          (s) => html`<button class="speed" aria-pressed=${this.speed === s ? 'true' : 'false'}
          @click=${() => this.send({ type: 'SPEED', speed: s })}>${s === 'max' ? 'max' : `${s}×`}</button>`,
        )}
      </span>
      <input type="range" class="scrubber" aria-label=${t('cursor')} min="0" max=${this.durationMs} step="10"
        .value=${String(this.cursorMs)}
        aria-valuetext=${`${formatSeconds(this.cursorMs)} / ${formatSeconds(this.durationMs)}`}
        @keydown=${this.scrubKey}
        @input=${(e: Event) => this.send({ type: 'SEEK', tMs: Number((e.target as HTMLInputElement).value) })}>
      <span class="time">${formatSeconds(this.cursorMs)} / ${formatSeconds(this.durationMs)}</span>
    `;
  }
}

customElements.define('swarm-controls', SwarmControls);
