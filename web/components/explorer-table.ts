// The explorer's points as a table (the scatter's alternative, where points that share a place are each a row): open
// one, choose two.
import { css, html, LitElement, nothing } from 'lit';
import type { SweepPoint } from '../../src/browser.js';
import { formatSeconds } from '../draw/state-style.js';
import { t } from '../i18n/messages.js';

export class ExplorerTable extends LitElement {
  static override properties = {
    points: { attribute: false },
    replicas: { type: Number },
    selected: { attribute: false },
    lang: { type: String },
  };
  declare points: SweepPoint[];
  declare replicas: number;
  /** Indexes of the points chosen for comparison (at most two, in the order chosen). */
  declare selected: number[];
  declare lang: string;

  static override styles = css`
    :host { display: block; font-size: .85em; }
    summary { cursor: pointer; font-weight: bold; }
    .scroll { overflow: auto; max-height: 24em; max-width: 100%; }
    table { border-collapse: collapse; }
    th, td { border-bottom: 1px solid #d9e2ec; padding: .15em .4em; text-align: left; white-space: nowrap; }
    td.num { text-align: right; }
    thead th { position: sticky; top: 0; background: var(--panel, #fff); }
    button { font: inherit; }
    button[aria-pressed=true] { font-weight: bold; background: #cfe3f7; }
    .scroll:focus-visible, summary:focus-visible, button:focus-visible { outline: 3px solid #1a5fb4;
      outline-offset: 1px; }
  `;

  constructor() {
    super();
    this.points = [];
    this.replicas = 1;
    this.selected = [];
    this.lang = 'fr';
  }

  private emit(type: 'point-open' | 'point-select', index: number): void {
    this.dispatchEvent(new CustomEvent(type, { detail: index, bubbles: true, composed: true }));
  }

  override render() {
    if (this.points.length === 0) return nothing;
    const outcomes = (p: SweepPoint) =>
      Object.entries(p.outcomes)
        .map(([o, n]) => (n > 1 ? `${o}×${n}` : o))
        .join(' ');
    return html`<details><summary>${t('pointsTable')} (${this.points.length})</summary>
      <div class="scroll" role="region" tabindex="0" aria-label=${t('pointsTable')}><table class="points">
        <thead><tr><th scope="col">#</th><th scope="col">${t('settings')}</th><th scope="col">${t('duration')}</th>
          <th scope="col">${t('lowest')}</th><th scope="col">${t('badTasks')}</th><th scope="col">${t('outcomes')}</th>
          <th scope="col">${t('paretoFront')}</th><th scope="col">${t('timeline')}</th><th
            scope="col">${t('compare')}</th></tr></thead>
        <tbody>${this.points.map((p, i) => {
          const pick = this.selected.indexOf(i);
          return html`<tr data-label=${p.label}>
            <th scope="row">${i + 1}</th><td class="label">${p.label}</td>
            <td class="num">${formatSeconds(p.durationMs)}</td><td class="num">${p.minAvailable}/${this.replicas}</td>
            <td class="num">${p.badTasks}</td><td>${outcomes(p)}</td><td>${p.pareto ? '✓' : ''}</td>
            <td><button class="open" aria-label=${`${t('openPoint')} ${t('pointNumber')} ${i + 1}`}
              @click=${() => this.emit('point-open', i)}>${t('openPoint')}</button></td>
            <td><button class="choose" aria-pressed=${pick >= 0 ? 'true' : 'false'}
              aria-label=${`${t('choosePoint')} ${t('pointNumber')} ${i + 1}`}
              @click=${() => this.emit('point-select', i)}>${t('choosePoint')}${
                pick >= 0 ? ` (${'AB'[pick]})` : ''
              }</button></td>
          </tr>`;
        })}</tbody></table></div></details>`;
  }
}

customElements.define('explorer-table', ExplorerTable);
