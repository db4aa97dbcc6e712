// The timeline's markers over its lanes: UpdateStatus changes, update and rollback starts, counted failures, the
// updater's delays and monitor windows, typed commands; each drawn up to the replay cursor.
import type { ScaleLinear } from 'd3';
import { nothing, svg } from 'lit';
import type { Marker } from '../../src/browser.js';
import { t } from '../i18n/messages.js';
import { GLYPH_ROW_H, STATUS_ROW_H, statusAnchorEnd } from './marker-rows.js';
import { formatSeconds } from './state-style.js';

/** Height of the time axis at the top of the timeline. */
export const AXIS_H = 28;
/** Height of one delay or monitor band row. */
export const ROW_H = 12;

const STATUS_COLOUR: Record<string, string> = {
  updating: '#2f80ed',
  completed: '#27ae60',
  paused: '#f2994a',
  rollback_started: '#9b51e0',
  rollback_paused: '#f2994a',
  rollback_completed: '#9b51e0',
};

export interface MarkerContext {
  cursorMs: number;
  widthPx: number;
  /** The bottom of the lanes, where a status line ends. */
  totalH: number;
  /** Each status or glyph marker's row, and how many status rows there are (src: marker-rows.ts). */
  rowOf: Map<Marker, number>;
  statusRows: number;
  /** The y of the first delay band row. */
  bandsY: number;
  /** The updater's workers: one delay row each, the monitor row under them. */
  workers: number;
}

export function drawMarkers(list: readonly Marker[], x: ScaleLinear<number, number>, ctx: MarkerContext) {
  const cursor = ctx.cursorMs;
  const visible = list.filter((m) => m.tMs <= cursor);
  const statusY = AXIS_H + 2;
  const { rowOf, statusRows, totalH } = ctx;
  const glyphY = (m: Marker) => statusY + statusRows * STATUS_ROW_H + 12 + (rowOf.get(m) ?? 0) * GLYPH_ROW_H;
  const bandsY = ctx.bandsY;
  return visible.map((m) => {
    const mx = x(m.tMs);
    switch (m.kind) {
      case 'status':
        return svg`<g class="marker" data-kind="status" data-state=${m.state ?? ''}>
            <line x1=${mx} x2=${mx} y1=${statusY} y2=${totalH} stroke=${STATUS_COLOUR[m.state ?? ''] ?? '#888'}
              stroke-dasharray="4 3"></line>
            <text x=${statusAnchorEnd(mx, ctx.widthPx) ? mx - 2 : mx + 2}
              text-anchor=${statusAnchorEnd(mx, ctx.widthPx) ? 'end' : 'start'}
              y=${statusY + 9 + (rowOf.get(m) ?? 0) * STATUS_ROW_H} font-size="10"
              fill=${STATUS_COLOUR[m.state ?? ''] ?? '#888'}>${m.state ?? ''}</text>
            <title>${m.label}</title></g>`;
      case 'update_start':
      case 'rollback_start':
        return svg`<g class="marker" data-kind=${m.kind}>
            <text x=${mx - 4} y=${glyphY(m)} font-size="11"
              fill=${m.kind === 'update_start' ? '#2f80ed' : '#9b51e0'}>${m.kind === 'update_start' ? '▶' : '⟲'}</text>
            <title>${m.kind}: ${m.label}</title></g>`;
      case 'rollback_end':
        return svg`<g class="marker" data-kind="rollback_end"><text x=${mx - 4} y=${glyphY(m)} font-size="11"
            fill="#9b51e0">⏏</text><title>${m.label}</title></g>`;
      case 'failure':
      case 'stop': {
        return svg`<g class="marker" data-kind=${m.kind}><text x=${m.kind === 'failure' ? mx - 4 : mx + 5}
            y=${glyphY(m)} font-size="12" fill="#d64545">${m.kind === 'failure' ? '✕' : '■'}</text>
            <title>${m.kind === 'failure' ? t('failure') : 'stop'}: ${m.label}</title></g>`;
      }
      case 'delay': {
        const row = bandsY + ((m.worker ?? 1) - 1) * ROW_H;
        return svg`<g class="marker" data-kind="delay"><rect x=${mx} y=${row}
            width=${Math.max(1, x(Math.min(m.endMs, cursor)) - mx)} height=${ROW_H - 2} fill="#f2c94c" stroke="#a07d00"
            stroke-width=".6"></rect>
            <title>${t('delay')} ${t('worker')} ${m.worker}: ${formatSeconds(m.endMs - m.tMs)}</title></g>`;
      }
      case 'monitor': {
        const row = bandsY + ctx.workers * ROW_H;
        return svg`<g class="marker" data-kind="monitor"><rect x=${mx} y=${row}
            width=${Math.max(1, x(Math.min(m.endMs, cursor)) - mx)} height=${ROW_H - 2} fill="#b5d6f5" stroke="#2f80ed"
            stroke-width=".6" stroke-dasharray="3 2"></rect>
            <title>${t('monitor')}: ${formatSeconds(m.endMs - m.tMs)}</title></g>`;
      }
      case 'command':
        return svg`<g class="marker" data-kind="command"><text x=${mx - 4} y="8" font-size="9"
            fill="#52606d">▼</text><title>$ ${m.label}</title></g>`;
      default:
        return nothing;
    }
  });
}
