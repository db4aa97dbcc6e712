// The explorer's scatter (d3 scales and axes): duration against lowest availability, bad tasks as size and shade,
// Pareto front ringed.
import { axisBottom, axisLeft, interpolateRgb, line, scaleLinear, scaleSqrt, select } from 'd3';
import { css, html, LitElement, nothing, svg } from 'lit';
import type { SweepPoint } from '../../src/browser.js';
import { WidthController } from '../controllers/width-controller.js';
import { formatSeconds } from '../draw/state-style.js';
import { t } from '../i18n/messages.js';

const H = 300;
const M = { left: 52, right: 16, top: 14, bottom: 40 };
const FRONT = '#e67e22';
/** The largest point's radius (the most bad tasks). */
const MAX_R = 11;
const shade = interpolateRgb('#cfe3f7', '#0b2e59');

/** A point's settings and figures in one line, as the tooltip and the aria label give them. */
export function describePoint(p: SweepPoint, replicas: number): string {
  const outcomes = Object.entries(p.outcomes)
    .map(([o, n]) => (n > 1 ? `${o}×${n}` : o))
    .join(' ');
  return (
    `${p.label} ` +
    `— ${t('duration')} ${formatSeconds(p.durationMs)}, ${t('lowest')} ${p.minAvailable}/${replicas}, ` +
    `${t('badTasks')} ${p.badTasks}, ${outcomes}${p.pareto ? ` — ${t('paretoFront')}` : ''}`
  );
}

interface Placed {
  p: SweepPoint;
  index: number;
  cx: number;
  cy: number;
  r: number;
}

export class ExplorerChart extends LitElement {
  static override properties = {
    points: { attribute: false },
    replicas: { type: Number },
    selected: { attribute: false },
    zoom: { type: Number },
    lang: { type: String },
    width: { state: true },
    hovered: { state: true },
  };
  declare points: SweepPoint[];
  declare replicas: number;
  /** Indexes of the points chosen for comparison (at most two, in the order chosen). */
  declare selected: number[];
  declare zoom: number;
  declare lang: string;
  declare width: number;
  declare hovered: number | null;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the controller registers itself with its host.
  private readonly widthTracker = new WidthController(this);
  private placed: Placed[] = [];

  static override styles = css`
    :host { display: block; position: relative; font-size: .85em; }
    svg { display: block; }
    circle.point { cursor: pointer; }
    circle.point:focus { outline: none; stroke: #000; stroke-width: 2.5; }
    .tip { position: absolute; z-index: 5; background: var(--panel, #fff); border: 1px solid #888; border-radius: 4px;
      padding: 4px 6px;
      pointer-events: none; max-width: 360px; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
    .legend { color: var(--muted, #666); }
  `;

  constructor() {
    super();
    this.points = [];
    this.replicas = 1;
    this.selected = [];
    this.zoom = 1;
    this.lang = 'fr';
    this.width = 700;
    this.hovered = null;
  }

  private get w(): number {
    return this.width / this.zoom;
  }

  private scales() {
    const maxSeconds = Math.max(1, ...this.points.map((p) => p.durationMs / 1000));
    const x = scaleLinear()
      .domain([0, maxSeconds])
      .nice()
      .range([M.left, this.w - M.right]);
    const y = scaleLinear()
      .domain([0, Math.max(1, this.replicas, ...this.points.map((p) => p.minAvailable))])
      .range([H - M.bottom, M.top]);
    return { x, y };
  }

  /** Positions, with points drawn at (or near) the same place spread on a ring around it so each stays clickable. */
  private place(): Placed[] {
    const { x, y } = this.scales();
    const maxBad = Math.max(1, ...this.points.map((p) => p.badTasks));
    const r = scaleSqrt().domain([0, maxBad]).range([4, MAX_R]);
    // A point closer than a large radius to a group's first point joins it (it would cover that point's centre).
    const groups: { cx: number; cy: number; members: number[] }[] = [];
    this.points.forEach((p, index) => {
      const cx = x(p.durationMs / 1000);
      const cy = y(p.minAvailable);
      const near = groups.find((g) => Math.hypot(g.cx - cx, g.cy - cy) <= MAX_R + 1);
      if (near) near.members.push(index);
      else groups.push({ cx, cy, members: [index] });
    });
    const placed: Placed[] = [];
    for (const { cx, cy, members } of groups) {
      // On a ring wide enough that no neighbour covers a point's centre.
      const n = members.length;
      const spread = n > 1 ? Math.max(6 + 2 * n, (MAX_R + 1) / (2 * Math.sin(Math.PI / n))) : 0;
      members.forEach((index, k) => {
        const p = this.points[index];
        const angle = (2 * Math.PI * k) / n - Math.PI / 2;
        placed[index] = {
          p,
          index,
          cx: cx + spread * Math.cos(angle),
          cy: cy + spread * Math.sin(angle),
          r: r(p.badTasks),
        };
      });
    }
    return placed;
  }

  override updated(): void {
    if (this.points.length === 0) return;
    const { x, y } = this.scales();
    const g = this.renderRoot.querySelector<SVGGElement>('g.x-axis');
    if (g)
      select(g).call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(this.w / 80)))
          .tickFormat((d) => `${Number(d)}s`),
      );
    const gy = this.renderRoot.querySelector<SVGGElement>('g.y-axis');
    if (gy)
      select(gy).call(
        axisLeft(y)
          .ticks(Math.min(this.replicas, 6))
          .tickFormat((d) => String(d)),
      );
  }

  private emit(type: 'point-open' | 'point-select', index: number): void {
    this.dispatchEvent(new CustomEvent(type, { detail: index, bubbles: true, composed: true }));
  }

  private onClick(event: MouseEvent, index: number): void {
    this.emit(event.shiftKey ? 'point-select' : 'point-open', index);
  }

  private onKey(event: KeyboardEvent, index: number): void {
    if (event.key === 'Enter' && !event.shiftKey) this.emit('point-open', index);
    else if (event.key === ' ' || (event.key === 'Enter' && event.shiftKey)) this.emit('point-select', index);
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  /** The hovered point's tooltip, beside it and kept inside the chart's width. */
  private renderTip(tip: Placed) {
    const left = Math.min(tip.cx * this.zoom + 12, this.width - 300);
    const top = tip.cy * this.zoom + 12;
    const text = describePoint(tip.p, this.replicas);
    return html`<div class="tip" role="tooltip" style="left:${left}px;top:${top}px">${text}</div>`;
  }

  override render() {
    if (this.points.length === 0) return nothing;
    this.placed = this.place();
    const maxBad = Math.max(1, ...this.points.map((p) => p.badTasks));
    const front = this.placed
      .filter((q) => q.p.pareto)
      .sort((a, b) => a.p.durationMs - b.p.durationMs || b.p.minAvailable - a.p.minAvailable);
    const path =
      line<Placed>()
        .x((q) => q.cx)
        .y((q) => q.cy)(front) ?? '';
    const tip = this.hovered === null ? null : this.placed[this.hovered];
    return html`
      <svg class="scatter" width=${this.width} height=${H * this.zoom} viewBox="0 0 ${this.w} ${H}" role="group"
        aria-label=${t('explorer')}>
        <g class="x-axis" transform="translate(0,${H - M.bottom})"></g>
        <g class="y-axis" transform="translate(${M.left},0)"></g>
        <text x=${(M.left + this.w - M.right) / 2} y=${H - 6} text-anchor="middle"
          font-size="11">${t('duration')} (s)</text>
        <text transform="translate(12,${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle"
          font-size="11">${t('lowest')}</text>
        ${
          front.length > 1
            ? svg`<path class="front" d=${path} fill="none" stroke=${FRONT} stroke-width="1.5"
          stroke-dasharray="4 3"></path>`
            : nothing
        }
        ${this.placed.map((q) => {
          const pick = this.selected.indexOf(q.index);
          return svg`<circle class="point ${q.p.pareto ? 'pareto' : ''} ${pick >= 0 ? 'selected' : ''}"
            data-index=${q.index} data-label=${q.p.label}
            cx=${q.cx} cy=${q.cy} r=${q.r} fill=${shade(q.p.badTasks / maxBad)} fill-opacity=".85"
            stroke=${q.p.pareto ? FRONT : '#555'} stroke-width=${q.p.pareto ? 3 : 1} tabindex="0" role="button"
            aria-label=${describePoint(q.p, this.replicas)} aria-pressed=${pick >= 0 ? 'true' : 'false'}
            @click=${(e: MouseEvent) => this.onClick(e, q.index)}
            @keydown=${(e: KeyboardEvent) => this.onKey(e, q.index)}
            @mouseenter=${() => (this.hovered = q.index)} @mouseleave=${() => (this.hovered = null)}
            @focus=${() => (this.hovered = q.index)} @blur=${() => (this.hovered = null)}></circle>
            ${
              pick >= 0
                ? svg`<text class="pick" x=${q.cx + q.r + 2} y=${q.cy - q.r} font-weight="bold"
              font-size="12">${'AB'[pick]}</text>`
                : nothing
            }`;
        })}
      </svg>
      ${tip ? this.renderTip(tip) : nothing}
      <div class="legend">${t('explorerLegend')}</div>`;
  }
}

customElements.define('explorer-chart', ExplorerChart);
