// Compare two update policies on the same seed and cluster: two timelines on one time axis, duration, lowest availability, bad tasks.
import { css, html, LitElement, nothing } from 'lit';
import { runCommands } from '../../src/scenario/run.js';
import { taskBars } from '../../src/trace/bars.js';
import { availabilitySeries, lowestAvailability } from '../../src/trace/series.js';
import type { ClusterConfig, Trace } from '../../src/types.js';
import { t } from '../i18n/messages.js';
import { formatSeconds } from './state-style.js';
import './swarm-timeline.js';

interface Outcome { trace: Trace; durationMs: number | null; lowest: number | null; badTasks: number; finalStatus: string }

/** Runs create → converge → update with `flags` → settle, and measures the update. */
export function runPolicy(cluster: ClusterConfig, seed: number, replicas: number, image: string, flags: string): Outcome {
  const run = runCommands([
    `docker service create -d --name web --replicas ${replicas} nginx:1.25`, 'wait: converged',
    `docker service update -d ${flags} --image ${image} web`, 'wait: settled',
  ], { seed, cluster });
  const trace = run.trace;
  const service = trace.services[0];
  const statuses = trace.events.filter((ev) => ev.type === 'update_status');
  const start = statuses.find((ev) => ev.state === 'updating');
  const end = statuses.at(-1);
  const series = service ? availabilitySeries(trace, service.ID) : null;
  return {
    trace,
    durationMs: start && end && end !== start ? end.t_ms - start.t_ms : null,
    lowest: series && start ? lowestAvailability(series, start.t_ms, trace.duration_ms) : null,
    badTasks: taskBars(trace).filter((b) => b.image === image && (b.finalState === 'failed' || b.finalState === 'rejected')).length,
    finalStatus: end && end.type === 'update_status' ? String(end.state) : '',
  };
}

export class SwarmCompare extends LitElement {
  static override properties = { cluster: { attribute: false }, seed: { type: Number }, lang: { type: String }, results: { state: true } };
  declare cluster: ClusterConfig | null;
  declare seed: number;
  declare lang: string;
  declare results: [Outcome, Outcome] | null;

  static override styles = css`
    :host { display: block; }
    label { margin-right: .8em; }
    input[type=text] { font-family: ui-monospace, monospace; width: 36em; max-width: 100%; }
    table { border-collapse: collapse; margin: .4em 0; }
    td, th { border: 1px solid #aaa; padding: .2em .5em; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
  `;

  constructor() {
    super();
    this.cluster = null;
    this.seed = 1;
    this.lang = 'fr';
    this.results = null;
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`[name=${name}]`)?.value ?? '').trim();
  }

  run(): void {
    if (!this.cluster) return;
    const cluster: ClusterConfig = { ...this.cluster, images: { 'nginx:bad': { exitCode: 1, exitAfterMs: 2_000 }, ...this.cluster.images } };
    const replicas = Math.max(1, Math.min(1000, Number(this.value('replicas')) || 6));
    const image = this.value('image') || 'nginx:latest';
    this.results = [runPolicy(cluster, this.seed, replicas, image, this.value('a')), runPolicy(cluster, this.seed, replicas, image, this.value('b'))];
  }

  override render() {
    const r = this.results;
    const domain = r ? Math.max(r[0].trace.duration_ms, r[1].trace.duration_ms) : 0;
    const row = (label: string, f: (o: Outcome) => string) => html`<tr><td>${label}</td><td>${f(r![0])}</td><td>${f(r![1])}</td></tr>`;
    return html`
      <div><label>${t('replicas')} <input name="replicas" type="number" value="6" min="1" max="1000" style="width:5em"></label>
        <label>${t('image')} <input name="image" type="text" value="nginx:latest" style="width:10em"></label></div>
      <div><label>${t('policyA')} <input name="a" type="text" value="--update-parallelism 1"></label></div>
      <div><label>${t('policyB')} <input name="b" type="text" value="--update-parallelism 2 --update-delay 10s"></label></div>
      <button class="run" @click=${() => this.run()}>${t('runCompare')}</button>
      ${r ? html`
        <table class="stats"><tr><th></th><th>A</th><th>B</th></tr>
          ${row(t('duration'), (o) => (o.durationMs === null ? '—' : formatSeconds(o.durationMs)))}
          ${row(t('lowest'), (o) => String(o.lowest ?? '—'))}
          ${row(t('badTasks'), (o) => String(o.badTasks))}
          ${row('UpdateStatus', (o) => o.finalStatus)}
        </table>
        <h4>A</h4><swarm-timeline class="a" .trace=${r[0].trace} .cursorMs=${r[0].trace.duration_ms} .domainMs=${domain} .maxHeight=${200} lang=${this.lang}></swarm-timeline>
        <h4>B</h4><swarm-timeline class="b" .trace=${r[1].trace} .cursorMs=${r[1].trace.duration_ms} .domainMs=${domain} .maxHeight=${200} lang=${this.lang}></swarm-timeline>`
        : nothing}
    `;
  }
}

customElements.define('swarm-compare', SwarmCompare);
