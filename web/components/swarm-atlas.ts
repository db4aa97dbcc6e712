// The outcome atlas: every run of the open scenario explored in a worker; its outcomes with their share of runs, each
// opening its run on the timeline.
import { css, html, LitElement, nothing } from 'lit';
import { formatSeconds } from '../draw/state-style.js';
import { type AtlasKey, at, endText, openedName, openLabel, progressText, shareText } from '../i18n/atlas-messages.js';
import {
  ATLAS_DEFAULT_RUNS,
  ATLAS_MAX_RUNS,
  type AtlasCount,
  type AtlasEnd,
  type AtlasReply,
  type AtlasRequest,
  type AtlasSource,
  outcomeTrace,
} from '../lab/atlas-protocol.js';
import type { LabelledTrace } from '../lab/compare.js';
import { loadYaml } from '../yaml-on-demand.js';

// An outcome's replay is a scenario file in YAML: the parser comes with this chunk.
await loadYaml();

const COLUMNS: AtlasKey[] = ['status', 'images', 'lowest', 'duration', 'share'];

export class SwarmAtlas extends LitElement {
  static override properties = {
    lang: { type: String },
    source: { attribute: false },
    count: { state: true },
    end: { state: true },
    error: { state: true },
  };
  declare lang: string;
  /** The scenario of the open lesson, drill or file; null when a trace is shown read only. */
  declare source: AtlasSource | null;
  /** The last figures the worker posted; null before the first run. */
  declare count: AtlasCount | null;
  /** How the last exploration ended; null while one runs. */
  declare end: AtlasEnd | null;
  declare error: string | null;
  /** The scenario the figures are of (the open one may have changed since). */
  private explored: AtlasSource | null = null;
  private worker: Worker | null = null;
  private runId = 0;

  static override styles = css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    .actions { display: flex; gap: .6em; align-items: center; flex-wrap: wrap; margin: .3em 0; }
    label { display: flex; gap: .3em; align-items: center; font-size: .9em; }
    input { font: inherit; width: 6em; }
    button { font: inherit; }
    .bar { width: 12em; max-width: 100%; height: .8em; background: #d9e2ec; border-radius: 3px; overflow: hidden; }
    .bar span { display: block; height: 100%; background: #2f80ed; }
    .error { background: #ffe3e3; color: #8a1c1c; padding: .2em .5em; white-space: pre-wrap; }
    .scroll { overflow-x: auto; max-width: 100%; }
    .scroll:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px;
      }
    table { border-collapse: collapse; font-size: .9em; }
    caption { text-align: left; font-weight: bold; padding: .2em 0; }
    th, td { border-bottom: 1px solid #d9e2ec; padding: .2em .5em; text-align: left; vertical-align: top; }
    td.share, td.lowest { text-align: right; white-space: nowrap; }
    td.duration { white-space: nowrap; }
    .message { color: #52606d; font-size: .9em; }
    .help { font-size: .85em; color: #52606d; margin: .2em 0; }
  `;

  constructor() {
    super();
    this.lang = 'fr';
    this.source = null;
    this.count = null;
    this.end = null;
    this.error = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.worker?.terminate();
    this.worker = null;
  }

  get running(): boolean {
    return this.count !== null && this.end === null && this.error === null;
  }

  private send(request: AtlasRequest): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../lab/atlas-worker.ts', import.meta.url), { type: 'module' });
      this.worker.addEventListener('message', (e: MessageEvent<AtlasReply>) => this.receive(e.data));
      // The worker itself failed (its script did not load, or it threw outside a step): the run ends, with why.
      this.worker.addEventListener('error', (e: ErrorEvent) => {
        this.error = e.message ?? '';
        this.worker?.terminate();
        this.worker = null;
      });
    }
    this.worker.postMessage(request);
  }

  private receive(reply: AtlasReply): void {
    if (reply.id !== this.runId) return;
    if (reply.type === 'error') {
      this.error = reply.message;
      return;
    }
    this.count = reply;
    if (reply.type === 'done') this.end = reply.end;
  }

  /** Explores the open scenario up to the budget typed (runs played plus runs cut). */
  run(): void {
    const source = this.source;
    if (!source) return;
    const typed = Number(this.renderRoot.querySelector<HTMLInputElement>('input.max-runs')?.value);
    const maxRuns = Number.isInteger(typed) && typed >= 1 ? Math.min(typed, ATLAS_MAX_RUNS) : ATLAS_DEFAULT_RUNS;
    const id = ++this.runId;
    this.explored = source;
    this.error = null;
    this.end = null;
    this.count = { id, runs: 0, played: 0, pruned: 0, maxRuns, outcomes: [] };
    this.send({ type: 'start', id, source, maxRuns });
  }

  stop(): void {
    if (this.running) this.send({ type: 'stop', id: this.runId });
  }

  private open(index: number): void {
    const source = this.explored;
    const outcome = this.count?.outcomes[index];
    if (!source || !outcome) return;
    const detail: LabelledTrace = { label: openedName(source.name, index + 1), trace: outcomeTrace(source, outcome) };
    this.dispatchEvent(new CustomEvent('open-trace', { detail, bubbles: true, composed: true }));
  }

  private renderProgress(count: AtlasCount) {
    const done = count.played + count.pruned;
    const width = Math.round((done / count.maxRuns) * 100);
    return html`<div class="bar" role="progressbar" aria-label=${at('progress')} aria-valuemin="0"
        aria-valuemax=${count.maxRuns} aria-valuenow=${done} aria-valuetext=${progressText(done, count.maxRuns)}>
        <span style="width:${width}%"></span></div>
      <span class="progress">${progressText(done, count.maxRuns)}</span>
      <button class="stop" @click=${() => this.stop()}>${at('stop')}</button>`;
  }

  private renderTable(count: AtlasCount) {
    const rows = count.outcomes;
    if (!rows.length) return nothing;
    const images = (row: (typeof rows)[number]) =>
      Object.entries(row.images)
        .map(([image, n]) => `${image} × ${n}`)
        .join(', ') || at('nothing');
    const duration = ([shortest, longest]: [number, number], finished: boolean) =>
      `${formatSeconds(shortest)}${shortest === longest ? '' : ` – ${formatSeconds(longest)}`}` +
      `${finished ? '' : ` ${at('unfinished')}`}`;
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${at('tableRegion')}><table class="outcomes">
      <caption>${at('caption')} · ${this.explored?.name ?? ''}</caption>
      <thead><tr><th scope="col">#</th>${COLUMNS.map((c) => html`<th scope="col">${at(c)}</th>`)}<th
        scope="col">${at('timelineColumn')}</th></tr></thead>
      <tbody>${rows.map(
        (row, i) => html`<tr>
          <th scope="row">${i + 1}</th>
          <td class="status">${row.status}${
            row.message
              ? html`<div
            class="message">${row.message}</div>`
              : nothing
          }</td>
          <td class="images">${images(row)}</td>
          <td class="lowest">${row.minAvailable}</td>
          <td class="duration">${duration(row.durationMs, row.finished)}</td>
          <td class="share">${shareText(row.runs, count.runs)}</td>
          <td><button class="open" aria-label=${openLabel(i + 1)}
            @click=${() => this.open(i)}>${at('open')}</button></td>
        </tr>`,
      )}</tbody></table></div>`;
  }

  override render() {
    const count = this.count;
    return html`<p class="help">${at('intro')}</p>
      ${this.source ? nothing : html`<p class="help no-scenario">${at('noScenario')}</p>`}
      <div class="actions">
        <label>${at('maxRuns')}<input class="max-runs" type="number" min="1" max=${ATLAS_MAX_RUNS}
          value=${ATLAS_DEFAULT_RUNS}></label>
        <button class="run" ?disabled=${!this.source || this.running} @click=${() => this.run()}>${at('run')}</button>
        ${count && this.running ? this.renderProgress(count) : nothing}
      </div>
      ${this.error ? html`<div class="error" role="alert">${at('failed')} ${this.error}</div>` : nothing}
      ${count && this.end ? html`<p class="end" role="status">${endText(this.end, count)}</p>` : nothing}
      ${count ? this.renderTable(count) : nothing}`;
  }
}

customElements.define('swarm-atlas', SwarmAtlas);
