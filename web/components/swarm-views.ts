// `docker service ps` and `docker service inspect --pretty` of every service at the cursor, rendered by src/render/;
// long tables windowed.
import { css, html, LitElement, nothing, unsafeCSS } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  type ClusterState,
  inPsOrder,
  type PsTable,
  psTableText,
  psWindow,
  servicePretty,
  servicePsTable,
  type Trace,
  VIEW_LINES,
  WINDOWED_ABOVE,
} from '../../src/browser.js';
import { t } from '../i18n/messages.js';

/** Line height of a windowed table, in em of its font. */
const LINE_EM = 1.3;

/** A service's ps output: the whole text, or (long tables) its rows built as they are scrolled into view. */
interface Rendered {
  name: string;
  ps: string | PsTable;
  inspect: string;
}

export class SwarmViews extends LitElement {
  static override properties = {
    state: { attribute: false },
    trace: { attribute: false },
    lang: { type: String },
    topRows: { state: true },
  };
  declare state: ClusterState | null;
  /** The trace the state comes from (its tasks' ps order is ranked once per trace); optional. */
  declare trace: Trace | null;
  declare lang: string;
  /** The row at the top of the view of each windowed table, by service name. */
  declare topRows: ReadonlyMap<string, number>;
  private cache: { state: ClusterState; rendered: Rendered[] } | null = null;

  static override styles = css`
    :host { display: block; }
    pre:focus-visible, .ps-window:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
    pre { margin: 0 0 .6em; padding: .5em; background: var(--term-bg, #111); color: var(--term-fg, #ddd);
      overflow: auto; font-size: .85em; }
    /* ps at .75em: a failed task's ERROR column (up to 30 characters) fits beside the lesson at 1280 px */
    pre.ps { max-height: 27em; font-size: .75em; }
    .ps-window { margin: 0 0 .6em; background: var(--term-bg, #111); color: var(--term-fg, #ddd); overflow: auto;
      font-size: .75em; padding: 0 .5em; }
    .ps-window pre { font-size: 1em; line-height: ${unsafeCSS(LINE_EM)}em; margin: 0; padding: 0; overflow: visible;
      max-height: none; }
    .ps-window pre.ps-head { position: sticky; top: 0; z-index: 1; width: max-content; min-width: 100%; }
    .ps-spacer { position: relative; }
    .ps-window pre.ps { position: absolute; left: 0; }
    h3 { margin: .3em 0; font-size: .95em; }
  `;

  constructor() {
    super();
    this.state = null;
    this.trace = null;
    this.lang = 'fr';
    this.topRows = new Map();
  }

  /**
   * ps and inspect texts of every service, computed once per state (scrolling a table re-renders without re-running
   * them).
   */
  private rendered(state: ClusterState): Rendered[] {
    if (this.cache?.state === state) return this.cache.rendered;
    // Handing the renderer tasks already in ps order makes its (stable) sort linear: thousands of tasks on every seek.
    const ordered = this.trace ? { ...state, tasks: inPsOrder(this.trace, state.tasks) } : state;
    const rendered = state.services.map((service) => {
      const table = servicePsTable(ordered, [service]);
      return {
        name: service.Spec.Name,
        ps: table.rows + 1 > WINDOWED_ABOVE ? table : psTableText(wholeTable(table)),
        inspect: servicePretty(state, service),
      };
    });
    this.cache = { state, rendered };
    return rendered;
  }

  private onScroll(name: string, event: Event): void {
    const box = event.currentTarget as HTMLElement;
    const linePx = parseFloat(getComputedStyle(box.querySelector('pre.ps-head')!).lineHeight);
    const top = Math.floor(box.scrollTop / linePx);
    if (top === this.topRows.get(name)) return;
    this.topRows = new Map(this.topRows).set(name, top);
  }

  private renderPs(name: string, ps: string | PsTable) {
    if (typeof ps === 'string') {
      // A short table has no scroll: a window shown later again starts at its top, as its new box does.
      if (this.topRows.has(name)) (this.topRows as Map<string, number>).delete(name);
      return html`<pre class="ps" data-service=${name} tabindex="0"
        aria-label=${`docker service ps ${name}`}>${ps}</pre>`;
    }
    // Heights in em of the table's font: line k starts at k lines whatever the font size (the large-font mode).
    const w = psWindow(ps, this.topRows.get(name) ?? 0);
    return html`<div class="ps-window" data-service=${name} data-rows=${w.rows} tabindex="0" role="region"
        aria-label=${`docker service ps ${name}`} style="max-height:${(VIEW_LINES + 1) * LINE_EM}em"
        @scroll=${(e: Event) => this.onScroll(name, e)}>
      <pre class="ps-head">${w.header}</pre>
      <div class="ps-spacer" style="height:${w.rows * LINE_EM}em">
        <pre class="ps" data-service=${name} data-first=${w.first} style="top:${w.first * LINE_EM}em">${w.text}</pre>
      </div>
    </div>`;
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    if (state.services.length === 0) return html`<p class="empty">${t('noService')}</p>`;
    // Keyed by service: a table's scroll box stays with its service.
    return repeat(
      this.rendered(state),
      (r) => r.name,
      ({ name, ps, inspect }) => html`
        <h3>$ docker service ps ${name}</h3>
        ${this.renderPs(name, ps)}
        <h3>$ docker service inspect --pretty ${name}</h3>
        <pre class="inspect" data-service=${name} tabindex="0"
          aria-label=${`docker service inspect --pretty ${name}`}>${inspect}</pre>`,
    );
  }
}

/** Every cell of a short table, header row first. */
function wholeTable(table: PsTable): string[][] {
  return [[...table.header], ...Array.from({ length: table.rows }, (_, row) => table.cells(row))];
}

customElements.define('swarm-views', SwarmViews);
