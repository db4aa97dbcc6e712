// Compare rollouts on one time axis: two policies run on the same seed and cluster, or given traces (explorer points,
// imported files, a URL's traces).
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ClusterConfig } from '../../src/browser.js';
import { formatSeconds } from '../draw/state-style.js';
import { t } from '../i18n/messages.js';
import { type LabelledTrace, type Outcome, outcomeOf, PolicyError, readTracePair, runPolicy } from '../lab/compare.js';
import './swarm-timeline.js';

export class SwarmCompare extends LitElement {
  static override properties = {
    cluster: { attribute: false },
    seed: { type: Number },
    lang: { type: String },
    given: { attribute: false },
    zoom: { type: Number },
    maxHeight: { type: Number },
    results: { state: true },
    error: { state: true },
  };
  declare cluster: ClusterConfig | null;
  declare seed: number;
  declare lang: string;
  /**
   * Two or more traces to show (explorer points, imported files, a URL's traces); replaced by a policy run until it
   * changes again.
   */
  declare given: readonly LabelledTrace[] | null;
  /** Drawing scale and lane-area height of each timeline (the large-text mode passes bigger ones). */
  declare zoom: number;
  declare maxHeight: number;
  declare results: Outcome[] | null;
  declare error: string | null;

  static override styles = css`
    :host { display: block; }
    label { margin-right: .8em; }
    label { display: inline-block; max-width: 100%; }
    input[type=text] { font-family: ui-monospace, monospace; width: 36em; max-width: 100%; box-sizing: border-box; }
    table { border-collapse: collapse; margin: .4em 0; }
    td, th { border: 1px solid #aaa; padding: .2em .5em; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    .error { background: #ffe3e3; color: #8a1c1c; padding: .2em .5em; white-space: pre-wrap;
      font-family: ui-monospace, monospace; }
    .pair { margin: .4em 0; font-size: .9em; }
    .stats-scroll { overflow-x: auto; max-width: 100%; }
    .stats-scroll:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
    h3 { font-size: 1em; margin: .4em 0 .2em; }
  `;

  constructor() {
    super();
    this.cluster = null;
    this.seed = 1;
    this.lang = 'fr';
    this.given = null;
    this.zoom = 1;
    this.maxHeight = 200;
    this.results = null;
    this.error = null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('given') && this.given) this.results = this.given.map(outcomeOf);
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`[name=${name}]`)?.value ?? '').trim();
  }

  run(): void {
    if (!this.cluster) return;
    const cluster: ClusterConfig = {
      ...this.cluster,
      images: { 'nginx:bad': { exitCode: 1, exitAfterMs: 2_000 }, ...this.cluster.images },
    };
    const replicas = Math.max(1, Math.min(1000, Number(this.value('replicas')) || 6));
    const image = this.value('image') || 'nginx:latest';
    this.error = null;
    const refused: string[] = [];
    const outcome = (label: 'A' | 'B', field: 'a' | 'b'): Outcome | null => {
      try {
        return outcomeOf({ label, trace: runPolicy(cluster, this.seed, replicas, image, this.value(field)) });
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        refused.push(`${t(label === 'A' ? 'policyA' : 'policyB')} — ${err.message}`);
        return null;
      }
    };
    const a = outcome('A', 'a');
    const b = outcome('B', 'b');
    if (refused.length) {
      // docker refused a policy's flags: its own words, as the console prints them; no figures for a run that did not
      // happen
      this.error = refused.join('\n');
      this.results = null;
    } else if (a && b) this.results = [a, b];
  }

  private async importPair(input: HTMLInputElement): Promise<void> {
    const files = [...(input.files ?? [])];
    input.value = '';
    try {
      const pair = await readTracePair(files);
      this.error = null;
      this.results = pair.map(outcomeOf);
    } catch (err) {
      this.error = `${t('importError')} ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Timelines a, b, c… in the given order. */
  private timeline(o: Outcome, i: number, domainMs: number) {
    const cls = String.fromCharCode(97 + i);
    return html`<h3 class="label-${cls}">${o.label}</h3><swarm-timeline class=${cls} .trace=${o.trace}
      .cursorMs=${o.trace.duration_ms} .domainMs=${domainMs}
      .zoom=${this.zoom} .maxHeight=${this.maxHeight} lang=${this.lang}></swarm-timeline>`;
  }

  override render() {
    const r = this.results;
    const domain = r ? Math.max(...r.map((o) => o.trace.duration_ms)) : 0;
    const row = (label: string, f: (o: Outcome) => string) =>
      html`<tr><td>${label}</td>${r!.map((o) => html`<td>${f(o)}</td>`)}</tr>`;
    return html`
      <div><label>${t('replicas')} <input name="replicas" type="number" value="6" min="1" max="1000"
        style="width:5em"></label>
        <label>${t('image')} <input name="image" type="text" value="nginx:latest" style="width:10em"></label></div>
      <div><label>${t('policyA')} <input name="a" type="text" value="--update-parallelism 1"></label></div>
      <div><label>${t('policyB')} <input name="b" type="text"
        value="--update-parallelism 2 --update-delay 10s"></label></div>
      <button class="run" @click=${() => this.run()}>${t('runCompare')}</button>
      <div class="pair"><label>${t('compareFiles')} <input class="import-pair" type="file" multiple accept=".json"
        @change=${(e: Event) => void this.importPair(e.target as HTMLInputElement)}></label></div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${
        r
          ? html`
        <div class="stats-scroll" role="region" tabindex="0" aria-label=${t('compareFigures')}>
        <table class="stats"><tr><td></td>${r.map((o) => html`<th>${o.label}</th>`)}</tr>
          ${row(t('duration'), (o) => (o.durationMs === null ? '—' : formatSeconds(o.durationMs)))}
          ${row(t('lowest'), (o) => String(o.lowest ?? '—'))}
          ${row(t('badTasks'), (o) => String(o.badTasks ?? '—'))}
          ${row('UpdateStatus', (o) => o.finalStatus)}
        </table></div>
        ${r.map((o, i) => this.timeline(o, i, domain))}`
          : nothing
      }
    `;
  }
}

customElements.define('swarm-compare', SwarmCompare);
