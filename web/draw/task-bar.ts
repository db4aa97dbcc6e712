// One task's bar on the timeline: its state segments up to the replay cursor, the paler stretch once told to stop, its
// image tag and the letter of its final state.
import type { ScaleLinear } from 'd3';
import { nothing, svg } from 'lit';
import type { TaskBar } from '../../src/browser.js';
import { t } from '../i18n/messages.js';
import { shortImage, stateStyle } from './state-style.js';

export interface BarContext {
  cursorMs: number;
  /** The id prefix of the timeline's hatch patterns (one set per timeline on the page). */
  patternId: string;
  onEnter: (event: MouseEvent) => void;
  onLeave: () => void;
}

export function drawTaskBar(bar: TaskBar, x: ScaleLinear<number, number>, y: number, h: number, ctx: BarContext) {
  const cursor = ctx.cursorMs;
  const end = Math.min(bar.endMs, cursor);
  const segments = bar.segments.filter(
    (s) => s.startMs <= cursor && (s.endMs > s.startMs || s === bar.segments[bar.segments.length - 1]),
  );
  const x0 = x(bar.createdMs);
  const x1 = Math.max(x0 + 2, x(end));
  const ended = bar.ended && bar.endMs <= cursor;
  // Once told to stop, a task still running is drawn paler until it has stopped (the stop latency shows).
  const stop = bar.desiredChanges.find((d) => d.desired !== 'running' && d.desired !== 'ready');
  const stopAt = stop?.tMs;
  const stopDesired = stop?.desired;
  const style = stateStyle(ended ? bar.finalState : (segments[segments.length - 1]?.state ?? 'new'));
  return svg`<g class="bar" data-task=${bar.taskId}
      data-state=${ended ? bar.finalState : segments[segments.length - 1]?.state}
        @mouseenter=${ctx.onEnter} @mouseleave=${ctx.onLeave}>
      ${segments.map((s) => {
        const sx = x(s.startMs);
        const w = Math.max(s === segments[segments.length - 1] ? 2 : 0.5, x(Math.min(s.endMs, cursor)) - sx);
        const st = stateStyle(s.state);
        return svg`<rect x=${sx} y=${y} width=${w} height=${h} fill=${st.fill}></rect>${
          st.pattern
            ? svg`<rect x=${sx} y=${y} width=${w} height=${h} fill="url(#${ctx.patternId}-${st.pattern})"></rect>`
            : nothing
        }`;
      })}
      ${
        stopAt !== undefined && stopAt < end
          ? svg`<rect class="stopping" x=${x(stopAt)} y=${y}
        width=${Math.max(0.5, x(end) - x(stopAt))} height=${h}
        fill="rgba(255,255,255,.45)"><title>${t('desiredTo')} ${stopDesired}</title></rect>`
          : nothing
      }
      <rect x=${x0} y=${y} width=${x1 - x0} height=${h} fill="none" stroke="rgba(0,0,0,.5)" stroke-width="0.6"></rect>
      ${
        x1 - x0 > 34 && h >= 14
          ? svg`<text class="bar-label" x=${x0 + 3}
        y=${y + h - 5}>${shortImage(bar.image)}</text>`
          : nothing
      }
      ${
        ended
          ? svg`<text x=${x1 + 2} y=${y + h - 4} font-size=${h >= 14 ? 12 : 9} fill=${style.fill}
        class="end-mark">${style.letter}</text>`
          : nothing
      }
      <title>${bar.serviceName}.${bar.slot || ''} ${bar.image}</title>
    </g>`;
}
