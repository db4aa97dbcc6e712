// The timeline: one lane per slot (per node for global services), a bar per task with state segments, markers, hover
// detail; lanes windowed.
import { axisBottom, type ScaleLinear, scaleLinear, select } from 'd3';
import { css, html, LitElement, nothing, type PropertyValues, type SVGTemplateResult, svg } from 'lit';
import { type Lane, lanes, type Marker, markers, type TaskBar, type Trace, taskBars } from '../../src/browser.js';
import { WidthController } from '../controllers/width-controller.js';
import { type LaneLayout, layoutLanes, visibleRange } from '../draw/lane-layout.js';
import { GLYPH_ROW_H, type MarkerRows, placeMarkers, STATUS_ROW_H } from '../draw/marker-rows.js';
import { patternDefs } from '../draw/patterns.js';
import { formatSeconds, LEGEND } from '../draw/state-style.js';
import { drawTaskBar } from '../draw/task-bar.js';
import { timeWindow, zoomedSpan } from '../draw/time-window.js';
import { AXIS_H, drawMarkers, ROW_H } from '../draw/timeline-markers.js';
import { t } from '../i18n/messages.js';

const LABEL_W = 120;
const OVERSCAN = 8;

let instances = 0;

export class SwarmTimeline extends LitElement {
  static override properties = {
    trace: { attribute: false },
    cursorMs: { type: Number },
    domainMs: { type: Number },
    lang: { type: String },
    maxHeight: { type: Number },
    zoom: { type: Number },
    width: { state: true },
    scrollTop: { state: true },
    hovered: { state: true },
    spanMs: { state: true },
  };
  /** The zoomed window's width in virtual ms (it follows the cursor); null shows the whole trace. */
  declare spanMs: number | null;
  declare trace: Trace | null;
  declare cursorMs: number;
  /** The time axis' end (two timelines compared share one); defaults to the trace's duration. */
  declare domainMs: number;
  declare lang: string;
  declare maxHeight: number;
  /** Drawing scale (the large-font mode draws everything bigger). */
  declare zoom: number;
  declare width: number;
  declare scrollTop: number;
  declare hovered: { bar: TaskBar; x: number; y: number } | null;

  private readonly patternId = `tl${++instances}`;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the controller registers itself with its host.
  private readonly widthTracker = new WidthController(this);
  private lastTrace: Trace | null = null;
  private laneList: Lane[] = [];
  private barsByLane = new Map<string, TaskBar[]>();
  private markerList: Marker[] = [];
  private workers = 0;
  private layout: LaneLayout = { lanes: [], tops: [0], rowHeight: 16, rowOf: new Map(), rowsOf: [] };
  private endedBars = new WeakMap<TaskBar, { key: string; drawn: SVGTemplateResult }>();
  private rows: MarkerRows = { key: '', rowOf: new Map(), statusRows: 1, glyphRows: 1 };
  /** Counted failures by lane. */
  private failuresByLane = new Map<string, Marker[]>();

  static override styles = css`
    :host { display: block; position: relative; font-size: .85em; min-width: 0; overflow: hidden; }
    .lanes:focus-visible { outline: 3px solid #1a5fb4; outline-offset: -3px; }
    .lanes { overflow-y: auto; position: relative; }
    svg { display: block; }
    text { font-family: inherit; }
    .lane-label { fill: var(--fg, #222); font-size: 11px; }
    .bar-label { fill: #fff; font-size: 10px; pointer-events: none; paint-order: stroke; stroke: rgba(0,0,0,.55);
      stroke-width: 2px; }
    .tip { position: absolute; z-index: 5; background: var(--panel, #fff); color: var(--fg, #222);
      border: 1px solid #888; border-radius: 4px;
      padding: 6px 8px; font-size: 1em; pointer-events: none; white-space: pre; box-shadow: 0 2px 8px rgba(0,0,0,.25);
      max-width: 420px; }
    .summary { font-size: .9em; color: var(--muted, #666); }
    .bottom { display: flex; flex-wrap: wrap; gap: .3em 1em; align-items: center; }
    .zoom button { font: inherit; min-width: 2em; cursor: pointer; }
    .state-legend { display: flex; flex-wrap: wrap; gap: .2em 1em; font-size: .9em; }
    .state-legend svg { display: inline-block; vertical-align: middle; }
  `;

  constructor() {
    super();
    this.trace = null;
    this.cursorMs = 0;
    this.domainMs = 0;
    this.lang = 'fr';
    this.maxHeight = 320;
    this.zoom = 1;
    this.width = 800;
    this.scrollTop = 0;
    this.hovered = null;
    this.spanMs = null;
  }

  private index(trace: Trace): void {
    const bars = taskBars(trace);
    this.laneList = lanes(trace, bars);
    this.barsByLane = new Map();
    for (const bar of bars) {
      const list = this.barsByLane.get(bar.laneKey);
      if (list) list.push(bar);
      else this.barsByLane.set(bar.laneKey, [bar]);
    }
    this.layout = layoutLanes(this.laneList, this.barsByLane);
    this.markerList = markers(trace);
    this.rows = { key: '', rowOf: new Map(), statusRows: 1, glyphRows: 1 };
    const laneOf = new Map(bars.map((bar) => [bar.taskId, bar.laneKey]));
    this.failuresByLane = new Map();
    for (const m of this.markerList) {
      const lane = m.kind === 'failure' && m.taskId ? laneOf.get(m.taskId) : undefined;
      if (lane) this.failuresByLane.set(lane, [...(this.failuresByLane.get(lane) ?? []), m]);
    }
    this.workers = Math.max(0, ...this.markerList.filter((m) => m.kind === 'delay').map((m) => m.worker ?? 1));
    this.lastTrace = trace;
  }

  /** The drawing's width in its own units (CSS width / zoom). */
  private get w(): number {
    return this.width / this.zoom;
  }

  private scale(): ScaleLinear<number, number> {
    const end = Math.max(1, this.domainMs || this.trace?.duration_ms || 1);
    return scaleLinear()
      .domain(timeWindow(end, this.spanMs, this.cursorMs))
      .range([LABEL_W, Math.max(LABEL_W + 50, this.w - 8)]);
  }

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('trace') && this.trace && this.trace !== this.lastTrace) this.index(this.trace);
  }

  override updated(): void {
    // The axis changes with the width or the time domain only: not redrawn on a cursor move.
    const axis = this.renderRoot.querySelector<SVGGElement>('g.axis');
    const [from, to] = this.scale().range();
    const key = `${from}|${to}|${this.scale().domain().join('|')}`;
    if (!axis || axis.dataset.drawn === key) return;
    select(axis).call(
      axisBottom(this.scale())
        .ticks(Math.max(2, Math.floor(this.w / 90)))
        .tickFormat((d) => `${Number(d) / 1000}s`),
    );
    axis.dataset.drawn = key;
  }

  private hover(bar: TaskBar, event: MouseEvent): void {
    const box = this.getBoundingClientRect();
    this.hovered = {
      bar,
      x: Math.max(0, Math.min(event.clientX - box.left + 12, this.width - 320)),
      y: event.clientY - box.top + 12,
    };
  }

  private seek(event: MouseEvent): void {
    const x = (event.clientX - (event.currentTarget as Element).getBoundingClientRect().left) / this.zoom;
    if (x < LABEL_W) return;
    this.dispatchEvent(new CustomEvent('seek', { detail: this.scale().invert(x), bubbles: true, composed: true }));
  }

  /**
   * A bar that ended before the cursor draws the same whatever the cursor: its template is kept (per position and
   * scale).
   */
  private renderBar(bar: TaskBar, x: ScaleLinear<number, number>, y: number, h: number) {
    if (!(bar.ended && bar.endMs <= this.cursorMs)) return this.drawBarNow(bar, x, y, h);
    const key = `${y}|${h}|${x.domain().join('|')}|${x.range()[1]}|${this.patternId}|${this.lang}`;
    const kept = this.endedBars.get(bar);
    if (kept?.key === key) return kept.drawn;
    const drawn = this.drawBarNow(bar, x, y, h);
    this.endedBars.set(bar, { key, drawn });
    return drawn;
  }

  private drawBarNow(bar: TaskBar, x: ScaleLinear<number, number>, y: number, h: number) {
    return drawTaskBar(bar, x, y, h, {
      cursorMs: this.cursorMs,
      patternId: this.patternId,
      onEnter: (e) => this.hover(bar, e),
      onLeave: () => (this.hovered = null),
    });
  }

  private renderMarkers(x: ScaleLinear<number, number>, totalH: number) {
    const { rowOf, statusRows } = this.markerRows(x);
    return drawMarkers(this.markerList, x, {
      cursorMs: this.cursorMs,
      widthPx: this.w,
      totalH,
      rowOf,
      statusRows,
      bandsY: this.bandsY(),
      workers: this.workers,
    });
  }

  /** Rows for the status labels and glyphs (kept while the scale and the markers stay). */
  private markerRows(x: ScaleLinear<number, number>): MarkerRows {
    const key = `${x.range()[1]}|${x.domain().join('|')}|${this.markerList.length}`;
    if (this.rows.key !== key) this.rows = placeMarkers(this.markerList, x, this.w, key);
    return this.rows;
  }

  /** The y of the first row under the glyph rows (the delay and monitor rows). */
  private bandsY(): number {
    return AXIS_H + 2 + this.rows.statusRows * STATUS_ROW_H + this.rows.glyphRows * GLYPH_ROW_H;
  }

  /** A red ring where a counted failure happened in this lane (the one that paused or rolled back the update). */
  private failuresIn(laneKey: string, x: ScaleLinear<number, number>, cy: number) {
    if (!this.trace) return nothing;
    return (this.failuresByLane.get(laneKey) ?? [])
      .filter((m) => m.tMs <= this.cursorMs)
      .map(
        (m) =>
          svg`<circle class="failure-ring" cx=${x(m.tMs)} cy=${cy} r="7" fill="none" stroke="#d64545"
            stroke-width="2.5"><title>${t('failure')}: ${m.taskId}</title></circle>`,
      );
  }

  /** Height of the strip above the lanes: axis, status row, one row per worker, monitor row. */
  private laneTop(): number {
    return this.bandsY() + (this.workers + 1) * ROW_H;
  }

  private renderTip() {
    const h = this.hovered;
    if (!h) return nothing;
    const b = h.bar;
    const lines = [
      `${t('task')} ${b.taskId}`,
      `${b.serviceName}${b.slot ? `.${b.slot}` : ''}  ${b.image}`,
      ...b.segments.map(
        (s) => `  ${s.state.padEnd(10)} ${formatSeconds(s.startMs)}${s.message ? `  ${s.message}` : ''}`,
      ),
      ...b.desiredChanges.slice(1).map((d) => `  ${t('desiredTo')} ${d.desired} ${formatSeconds(d.tMs)}`),
      ...(b.err ? [`${t('error')}: ${b.err}`] : []),
      ...(b.exitCode !== null ? [`${t('exitCode')}: ${b.exitCode}`] : []),
    ];
    return html`<div class="tip" style="left:${h.x}px;top:${h.y}px">${lines.join('\n')}</div>`;
  }

  /** Zoom in / out around the cursor, or back to the whole trace (a long trace's seconds become readable). */
  private renderZoom() {
    const end = Math.max(1, this.domainMs || this.trace?.duration_ms || 1);
    const zoom = (direction: 'in' | 'out') => (this.spanMs = zoomedSpan(end, this.spanMs, direction));
    return html`<span class="zoom" role="group" aria-label="zoom">
      <button class="zoom-in" aria-label=${t('zoomIn')} title=${t('zoomIn')} @click=${() => zoom('in')}>+</button>
      <button class="zoom-out" aria-label=${t('zoomOut')} title=${t('zoomOut')} ?disabled=${this.spanMs === null}
        @click=${() => zoom('out')}>−</button>
      <button class="zoom-all" title=${t('zoomReset')} ?disabled=${this.spanMs === null}
        @click=${() => (this.spanMs = null)}>${t('zoomReset')}</button></span>`;
  }

  override render() {
    if (!this.trace) return nothing;
    const x = this.scale();
    this.markerRows(x);
    const top = this.laneTop();
    const { tops, rowHeight } = this.layout;
    const lanesH = tops[tops.length - 1];
    const z = this.zoom;
    const w = this.w;
    const viewH = Math.min(this.maxHeight / z, lanesH + 4);
    const [first, last] = visibleRange(this.layout, this.scrollTop / z, viewH, OVERSCAN);
    const offset = tops[first] ?? 0;
    const windowH = (tops[last] ?? lanesH) - offset;
    const cx = x(Math.min(this.cursorMs, this.domainMs || this.trace.duration_ms));
    const visibleLanes = this.laneList.slice(first, last);
    return html`
      <svg width=${this.width} height=${top * z} viewBox="0 0 ${w} ${top}" class="head" @click=${this.seek}
        data-view=${x
          .domain()
          .map((ms) => Math.round(ms))
          .join('-')}>
        ${patternDefs(this.patternId)}
        <clipPath id="${this.patternId}-head"><rect x=${LABEL_W - 8} y="0" width=${w} height=${top}></rect></clipPath>
        <g class="axis" transform="translate(0,${AXIS_H - 19})"></g>
        ${
          this.workers
            ? Array.from(
                { length: this.workers },
                (_, i) => svg`<text x="4"
          y=${this.bandsY() + i * ROW_H + 9} font-size="10"
          class="lane-label">${t('delay')} w${i + 1}</text>`,
              )
            : nothing
        }
        <text x="4" y=${this.bandsY() + this.workers * ROW_H + 9} font-size="10"
          class="lane-label">${t('monitor')}</text>
        <g clip-path="url(#${this.patternId}-head)">${this.renderMarkers(x, top)}</g>
        <line class="cursor" x1=${cx} x2=${cx} y1="0" y2=${top} stroke="#e03" stroke-width="1.5"></line>
      </svg>
      <div class="lanes" tabindex="0" role="group" aria-label=${t('timeline')} style="max-height:${viewH * z}px"
        @scroll=${(e: Event) => (this.scrollTop = (e.target as HTMLElement).scrollTop)}>
        <div style="height:${lanesH * z}px;position:relative">
          <svg width=${this.width} height=${windowH * z} viewBox="0 0 ${w} ${windowH}"
            style="position:absolute;top:${offset * z}px" @click=${this.seek}>
            <clipPath id="${this.patternId}-lanes"><rect x=${LABEL_W} y="0" width=${w}
              height=${windowH}></rect></clipPath>
            ${visibleLanes.map((lane, i) => {
              const y = tops[first + i] - offset;
              const laneH = tops[first + i + 1] - tops[first + i];
              const pad = (laneH - this.layout.rowsOf[first + i] * rowHeight) / 2;
              return svg`<g class="lane" data-lane=${lane.label}>
                <rect x="0" y=${y} width=${w} height=${laneH}
                  fill=${(first + i) % 2 ? 'rgba(0,0,0,.035)' : 'transparent'}></rect>
                <text class="lane-label" x="4" y=${y + Math.min(laneH, 22) - (rowHeight > 10 ? 7 : 2)}
                  font-size=${rowHeight > 10 ? 11 : 9}>${lane.label}</text>
                <g clip-path="url(#${this.patternId}-lanes)">${(this.barsByLane.get(lane.key) ?? [])
                  .filter((b) => b.createdMs <= this.cursorMs)
                  .map((b) =>
                    this.renderBar(
                      b,
                      x,
                      y + pad + (this.layout.rowOf.get(b.taskId) ?? 0) * rowHeight + 1,
                      rowHeight - 2,
                    ),
                  )}
                ${this.failuresIn(lane.key, x, y + laneH / 2)}</g>
              </g>`;
            })}
            <line class="cursor" x1=${cx} x2=${cx} y1="0" y2=${windowH} stroke="#e03" stroke-width="1.5"></line>
          </svg>
        </div>
      </div>
      <div class="bottom"><div
        class="summary">${this.laneList.length} ${t('lanes')} · ${taskBars(this.trace).length} ${t('bars')}</div>
        ${this.renderZoom()}</div>
      <div class="state-legend">${LEGEND.map(
        (entry) => html`<span><svg width="22" height="10">
          <rect width="22" height="10" fill=${entry.style.fill}></rect>
          ${
            entry.style.pattern
              ? svg`<rect width="22" height="10"
            fill="url(#${this.patternId}-${entry.style.pattern})"></rect>`
              : nothing
          }
        </svg> ${
          entry.style.group === 'failed' || entry.style.group === 'stopped' ? `${entry.style.letter} ` : ''
        }${entry.label}</span>`,
      )}</div>
      ${this.renderTip()}`;
  }
}

customElements.define('swarm-timeline', SwarmTimeline);
