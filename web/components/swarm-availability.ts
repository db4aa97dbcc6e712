// Availability chart (d3): running tasks per image stacked over time, the desired replicas as a step line, the cursor
// (drawn once, clipped at the cursor).
import { area, axisBottom, axisLeft, curveStepAfter, line, type ScaleLinear, scaleLinear, select, stack } from 'd3';
import { css, html, LitElement, nothing, svg } from 'lit';
import { type AvailabilitySeries, availabilityAt, availabilitySeries, type Trace } from '../../src/browser.js';
import { WidthController } from '../controllers/width-controller.js';
import { imageColour } from '../draw/state-style.js';
import { t } from '../i18n/messages.js';

const H = 150;
const M = { left: 120, right: 8, top: 8, bottom: 20 };

interface Shapes {
  /** What they were computed for (the drawing's width). */
  key: string;
  max: number;
  x: ScaleLinear<number, number>;
  name: string;
  layers: { image: string; d: string; fill: string }[];
  desired: string;
}

let instances = 0;

export class SwarmAvailability extends LitElement {
  static override properties = {
    trace: { attribute: false },
    cursorMs: { type: Number },
    lang: { type: String },
    zoom: { type: Number },
    width: { state: true },
  };
  declare trace: Trace | null;
  declare cursorMs: number;
  declare lang: string;
  declare width: number;
  declare zoom: number;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the controller registers itself with its host.
  private readonly widthTracker = new WidthController(this);
  private cache: { trace: Trace; series: AvailabilitySeries[] } | null = null;
  private shapeCache = new WeakMap<AvailabilitySeries, Shapes>();
  /** The trace the axes were last drawn for. */
  private axesFor: Trace | null = null;
  private readonly clipId = `av${++instances}`;

  static override styles = css`
    :host { display: block; font-size: .85em; }
    .legend { display: flex; gap: 1em; flex-wrap: wrap; }
    .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
  `;

  constructor() {
    super();
    this.trace = null;
    this.cursorMs = 0;
    this.lang = 'fr';
    this.width = 800;
    this.zoom = 1;
  }

  private get w(): number {
    return this.width / this.zoom;
  }

  private series(): AvailabilitySeries[] {
    const trace = this.trace!;
    if (this.cache?.trace !== trace) {
      const ids = [
        ...new Set(
          trace.services
            .map((s) => s.ID)
            .concat(
              trace.events.flatMap((ev) =>
                ev.type === 'service_spec' && ev.action === 'create' ? [ev.serviceId] : [],
              ),
            ),
        ),
      ];
      this.cache = { trace, series: ids.map((id) => availabilitySeries(trace, id)).filter((s) => s.points.length > 0) };
    }
    return this.cache.series;
  }

  override updated(): void {
    if (!this.trace) return;
    // The axes only change with the trace, the width or the scale: redrawn then, not on every cursor move.
    const x = scaleLinear()
      .domain([0, Math.max(1, this.trace.duration_ms)])
      .range([M.left, this.w - M.right]);
    const xKey = `${this.w}|${this.trace.duration_ms}`;
    this.renderRoot.querySelectorAll<SVGGElement>('g.x-axis').forEach((g) => {
      if (g.dataset.drawn === xKey && this.axesFor === this.trace) return;
      select(g).call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(this.w / 90)))
          .tickFormat((d) => `${Number(d) / 1000}s`),
      );
      g.dataset.drawn = xKey;
    });
    this.renderRoot.querySelectorAll<SVGGElement>('g.y-axis').forEach((g) => {
      if (g.dataset.drawn === g.dataset.max && this.axesFor === this.trace) return;
      const max = Number(g.dataset.max);
      select(g).call(
        axisLeft(
          scaleLinear()
            .domain([0, max])
            .range([H - M.bottom, M.top]),
        ).ticks(Math.min(max, 5)),
      );
      g.dataset.drawn = g.dataset.max;
    });
    this.axesFor = this.trace;
  }

  private nameOf(serviceId: string): string {
    for (const ev of this.trace!.events)
      if (ev.type === 'service_spec' && ev.serviceId === serviceId) return ev.spec.Name;
    return serviceId;
  }

  /** A series' shapes over the whole trace (computed once per trace and width); the cursor only moves their clip. */
  private shapes(series: AvailabilitySeries): Shapes {
    const trace = this.trace!;
    const key = `${this.w}`;
    const cached = this.shapeCache.get(series);
    if (cached?.key === key) return cached;
    const max = Math.max(1, ...series.points.map((p) => Math.max(p.total, p.desired)));
    const x = scaleLinear()
      .domain([0, Math.max(1, trace.duration_ms)])
      .range([M.left, this.w - M.right]);
    const y = scaleLinear()
      .domain([0, max])
      .range([H - M.bottom, M.top]);
    const last = series.points[series.points.length - 1];
    const extended = [...series.points, { ...last, tMs: Math.max(last.tMs, trace.duration_ms) }];
    const rows = extended.map((p) => ({ tMs: p.tMs, ...p.running }));
    const layers = stack<Record<string, number>>()
      .keys(series.images)
      .value((d, k) => d[k] ?? 0)(rows as Record<string, number>[]);
    const band = area<[number, number] & { data: Record<string, number> }>()
      .curve(curveStepAfter)
      .x((d) => x(d.data.tMs))
      .y0((d) => y(d[0]))
      .y1((d) => y(d[1]));
    const desired = line<{ tMs: number; desired: number }>()
      .curve(curveStepAfter)
      .x((d) => x(d.tMs))
      .y((d) => y(d.desired));
    const shapes: Shapes = {
      key,
      max,
      x,
      name: this.nameOf(series.serviceId),
      layers: layers.map((layer) => ({
        image: layer.key,
        d: band(layer as never) ?? '',
        fill: imageColour(series.images, layer.key),
      })),
      desired: desired(extended) ?? '',
    };
    this.shapeCache.set(series, shapes);
    return shapes;
  }

  private chart(series: AvailabilitySeries, index: number) {
    const trace = this.trace!;
    const end = Math.min(this.cursorMs, trace.duration_ms);
    const now = availabilityAt(series, end);
    if (!now) return nothing;
    const { max, x, name, layers, desired } = this.shapes(series);
    const clip = `${this.clipId}-${index}`;
    return html`
      <div class="legend"><strong>${name}</strong>
        ${series.images.map(
          (image) => html`<span><span class="swatch"
          style="background:${imageColour(series.images, image)}"></span>${image}: ${now.running[image] ?? 0}</span>`,
        )}
        <span>— ${t('desired')}: ${now.desired}</span>
      </div>
      <svg width=${this.width} height=${H * this.zoom} viewBox="0 0 ${this.w} ${H}" class="availability"
        data-service=${String(name)}>
        <clipPath id=${clip}><rect x="0" y="0" width=${Math.max(0, x(end))} height=${H}></rect></clipPath>
        <g clip-path="url(#${clip})">
          ${layers.map(
            (layer) => svg`<path class="layer" data-image=${layer.image} d=${layer.d} fill=${layer.fill}
            opacity=".8"></path>`,
          )}
          <path class="desired" d=${desired} fill="none" stroke="#222" stroke-width="2" stroke-dasharray="6 3"></path>
        </g>
        <line x1=${x(end)} x2=${x(end)} y1=${M.top} y2=${H - M.bottom} stroke="#e03" stroke-width="1.5"></line>
        <g class="x-axis" transform="translate(0,${H - M.bottom})"></g>
        <g class="y-axis" data-max=${max} transform="translate(${M.left},0)"></g>
      </svg>`;
  }

  override render() {
    if (!this.trace) return nothing;
    return this.series().map((s, i) => this.chart(s, i));
  }
}

customElements.define('swarm-availability', SwarmAvailability);
