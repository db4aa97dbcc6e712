// The policy explorer: a sweep grid form, the sweep run in the page, its scatter; opens a point's rollout, or two side
// by side.
import { css, html, LitElement, nothing } from 'lit';
import { DEFAULT_SWEEP_GRID, gridSettings, type SweepPoint } from '../../src/browser.js';
import { getLang, t } from '../i18n/messages.js';
import type { LabelledTrace } from '../lab/compare.js';
import {
  type ExplorerForm,
  type ExplorerLabels,
  type ExplorerRequest,
  GridError,
  IMAGE_FAULTS,
  parseExplorerForm,
  pointScenario,
  pointTrace,
  runExplorerSweep,
} from '../lab/explorer-sweep.js';
import './explorer-chart.js';
import './explorer-table.js';
import { loadYaml } from '../yaml-on-demand.js';

// An explorer point opens as a scenario file written in YAML: the parser comes with this chunk.
await loadYaml();

const seconds = (ms: number) => `${ms / 1000}s`;

export class SwarmExplorer extends LitElement {
  static override properties = {
    lang: { type: String },
    zoom: { type: Number },
    points: { state: true },
    progress: { state: true },
    error: { state: true },
    selected: { state: true },
    image: { state: true },
  };
  declare lang: string;
  declare zoom: number;
  declare points: SweepPoint[] | null;
  declare progress: { done: number; total: number } | null;
  declare error: string | null;
  declare selected: number[];
  /** The new image's behaviour chosen in the form (the failing share applies to `flaky`). */
  declare image: string;
  private request: ExplorerRequest | null = null;
  private runId = 0;

  static override styles = css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    form { display: grid; grid-template-columns: repeat(auto-fill, minmax(13em, 1fr)); gap: .3em .8em;
      margin-bottom: .4em; }
    label { display: flex; flex-direction: column; font-size: .9em; }
    input[type=text], input[type=number], select { font: inherit; font-family: ui-monospace, monospace; }
    fieldset { border: 1px solid #ccc; padding: .1em .4em; font-size: .9em; }
    fieldset label { display: inline; margin-right: .6em; }
    .actions { display: flex; gap: .6em; align-items: center; flex-wrap: wrap; margin: .3em 0; }
    .error { background: #ffe3e3; color: #8a1c1c; padding: .2em .5em; white-space: pre-wrap; }
    button { font: inherit; }
  `;

  constructor() {
    super();
    this.lang = 'fr';
    this.zoom = 1;
    this.points = null;
    this.progress = null;
    this.error = null;
    this.selected = [];
    this.image = DEFAULT_SWEEP_GRID.imageBehaviour;
  }

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${name}]`)?.value ?? '';
  }

  private checked(name: string): string {
    return [...this.renderRoot.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)]
      .map((i) => i.value)
      .join(',');
  }

  /** The fields as their labels read on the page, for a refusal to name them. */
  private labels(): ExplorerLabels {
    return {
      replicas: t('replicas'),
      nodes: t('nodeCount'),
      parallelism: '--update-parallelism',
      delay: '--update-delay',
      monitor: '--update-monitor',
      order: '--update-order',
      failureAction: '--update-failure-action',
      image: t('newImage'),
      failShare: t('failShare'),
      seed: t('seed'),
      seeds: t('seedCount'),
    };
  }

  private form(): ExplorerForm {
    return {
      replicas: this.field('replicas'),
      nodes: this.field('nodes'),
      parallelism: this.field('parallelism'),
      delay: this.field('delay'),
      monitor: this.field('monitor'),
      order: this.checked('order'),
      failureAction: this.checked('failureAction'),
      image: this.field('image'),
      failShare: this.field('failShare'),
      seed: this.field('seed'),
      seeds: this.field('seeds'),
    };
  }

  /** Runs the grid of the form; a bad field is reported and nothing runs. */
  async run(): Promise<void> {
    let request: ExplorerRequest;
    try {
      request = parseExplorerForm(this.form(), this.labels());
    } catch (err) {
      this.error = `${t('gridError')} ${err instanceof GridError ? err.inLang(getLang()) : String(err)}`;
      return;
    }
    const id = ++this.runId;
    this.error = null;
    this.points = null;
    this.selected = [];
    this.progress = { done: 0, total: gridSettings(request.grid).length };
    try {
      const points = await runExplorerSweep(request, {
        onPoint: (done, total) => {
          if (id === this.runId) this.progress = { done, total };
        },
        cancelled: () => id !== this.runId,
      });
      if (id !== this.runId || !points) return;
      this.request = request;
      this.points = points;
    } catch (err) {
      if (id === this.runId) this.error = `${t('internalError')} ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      if (id === this.runId) this.progress = null;
    }
  }

  private stop(): void {
    this.runId++;
    this.progress = null;
  }

  private labelled(index: number): LabelledTrace {
    const p = this.points![index];
    const req = this.request!;
    return { label: `${p.label} · seed ${req.firstSeed}`, trace: pointTrace(req, p) };
  }

  private open(index: number): void {
    const detail: LabelledTrace = {
      ...this.labelled(index),
      source: pointScenario(this.request!, this.points![index]),
    };
    this.dispatchEvent(new CustomEvent('open-trace', { detail, bubbles: true, composed: true }));
  }

  private toggle(index: number): void {
    this.selected = this.selected.includes(index)
      ? this.selected.filter((i) => i !== index)
      : [...this.selected, index].slice(-2);
  }

  private compareSelected(): void {
    if (this.selected.length !== 2) return;
    const detail = [this.labelled(this.selected[0]), this.labelled(this.selected[1])];
    this.dispatchEvent(new CustomEvent('compare-traces', { detail, bubbles: true, composed: true }));
  }

  private renderForm() {
    const d = DEFAULT_SWEEP_GRID;
    const box = (name: string, value: string, on: boolean) =>
      html`<label><input type="checkbox" name=${name} value=${value} ?checked=${on}>${value}</label>`;
    return html`<form @submit=${(e: Event) => {
      e.preventDefault();
      void this.run();
    }}>
      <label>${t('replicas')}<input name="replicas" type="number" min="1" max="200" value=${d.replicas}></label>
      <label>${t('nodeCount')}<input name="nodes" type="number" min="1" max="50" value=${d.nodes}></label>
      <label>--update-parallelism<input name="parallelism" type="text" value=${d.parallelism.join(',')}></label>
      <label>--update-delay<input name="delay" type="text" value=${d.delayMs.map(seconds).join(',')}></label>
      <label>--update-monitor<input name="monitor" type="text" value=${d.monitorMs.map(seconds).join(',')}></label>
      <fieldset><legend>--update-order</legend>${['stop-first', 'start-first'].map((o) =>
        box('order', o, true),
      )}</fieldset>
      <fieldset><legend>--update-failure-action</legend>${['pause', 'continue', 'rollback'].map((a) =>
        box('failureAction', a, a !== 'continue'),
      )}</fieldset>
      <label>${t('newImage')}<select name="image"
        @change=${(e: Event) => (this.image = (e.target as HTMLSelectElement).value)}>
        ${IMAGE_FAULTS.map(
          (f) => html`<option value=${f}
          ?selected=${f === this.image}>${f}</option>`,
        )}</select></label>
      <label>${t('failShare')}<input name="failShare" type="number" min="0" max="100" value="30"
        ?disabled=${this.image !== 'flaky'}></label>
      <label>${t('seed')}<input name="seed" type="number" min="0" value="1"></label>
      <label>${t('seedCount')}<input name="seeds" type="number" min="1" max="20" value=${d.seeds}></label>
    </form>`;
  }

  override render() {
    const points = this.points;
    const replicas = this.request?.grid.replicas ?? 1;
    return html`
      ${this.renderForm()}
      <div class="actions">
        <button class="run" @click=${() => void this.run()}
          ?disabled=${this.progress !== null}>${t('runSweep')}</button>
        ${
          this.progress
            ? html`<progress max=${this.progress.total} value=${this.progress.done}></progress>
          <span class="progress" role="status">${this.progress.done} / ${this.progress.total}</span>
          <button class="stop" @click=${() => this.stop()}>${t('stop')}</button>`
            : nothing
        }
        ${
          points
            ? html`<button class="compare-selected" ?disabled=${this.selected.length !== 2}
          @click=${() => this.compareSelected()}>${t('compareSelected')} (${this.selected.length}/2)</button>`
            : nothing
        }
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${
        points
          ? html`<p class="help">${t('explorerHelp')}</p>
        <explorer-chart .points=${points} .replicas=${replicas} .selected=${this.selected} .zoom=${this.zoom}
          lang=${this.lang}
          @point-open=${(e: CustomEvent<number>) => this.open(e.detail)}
          @point-select=${(e: CustomEvent<number>) => this.toggle(e.detail)}></explorer-chart>
        <explorer-table .points=${points} .replicas=${replicas} .selected=${this.selected} lang=${this.lang}
          @point-open=${(e: CustomEvent<number>) => this.open(e.detail)}
          @point-select=${(e: CustomEvent<number>) => this.toggle(e.detail)}></explorer-table>`
          : nothing
      }`;
  }
}

customElements.define('swarm-explorer', SwarmExplorer);
