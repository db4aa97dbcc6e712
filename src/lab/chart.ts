// The sweep chart as SVG text (no DOM): d3 scales and path generators, duration against availability and bad-task
// exposure.
import { curveStepAfter, line, type ScaleLinear, scaleLinear } from 'd3';
import type { SweepPoint, SweepResult } from './sweep.js';

const WIDTH = 960;
const HEIGHT = 440;
const PANEL = { top: 64, bottom: 96, left: 64, gap: 72, right: 24 };
const FRONT = '#c0392b';
const OTHER = '#7f8c8d';

interface Panel {
  title: string;
  yLabel: string;
  y: (p: SweepPoint) => number;
  /** Better is higher (availability) or lower (bad tasks). */
  higherIsBetter: boolean;
  yMax: number;
}

/** A deterministic SVG: same sweep, same bytes. Points on the (three-measure) Pareto front are red and labelled. */
export function sweepChartSvg(result: SweepResult): string {
  const points = result.points;
  const panelWidth = (WIDTH - PANEL.left - PANEL.right - PANEL.gap) / 2;
  const maxSeconds = Math.max(1, ...points.map((p) => p.durationMs / 1000));
  const x = scaleLinear().domain([0, maxSeconds]).nice().range([0, panelWidth]);
  const panels: Panel[] = [
    {
      title: 'lowest availability during the rollout',
      yLabel: 'serving tasks (worst seed)',
      y: (p) => p.minAvailable,
      higherIsBetter: true,
      yMax: Math.max(result.grid.replicas, ...points.map((p) => p.minAvailable)),
    },
    {
      title: 'bad-task exposure',
      yLabel: 'new-image tasks started (worst seed)',
      y: (p) => p.badTasks,
      higherIsBetter: false,
      yMax: Math.max(1, ...points.map((p) => p.badTasks)),
    },
  ];
  const model =
    result.strategy === 'k8s' ? 'Kubernetes Deployment comparison model (not Swarm)' : 'Docker Swarm updater';
  const grid = result.grid;
  const subtitle =
    `${model}; ${grid.replicas} replicas on ${grid.nodes} nodes; new image ${grid.imageBehaviour}; ` +
    `worst of ${grid.seeds} seed(s) per policy; ${points.length} policies`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
      'font-family="sans-serif" font-size="11">',
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PANEL.left}" y="22" font-size="15" font-weight="bold">Rollout policies: duration against ` +
      'availability and bad-task exposure</text>',
    `<text x="${PANEL.left}" y="40" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  panels.forEach((panel, index) => {
    const left = PANEL.left + index * (panelWidth + PANEL.gap);
    const plotHeight = HEIGHT - PANEL.top - PANEL.bottom;
    const y = scaleLinear().domain([0, panel.yMax]).nice().range([plotHeight, 0]);
    parts.push(`<g transform="translate(${left},${PANEL.top})">`);
    parts.push(`<text x="0" y="-8" font-weight="bold">${escapeXml(panel.title)}</text>`);
    parts.push(...axes(x, y, panelWidth, plotHeight, panel.yLabel));
    const front = frontOf(points, panel);
    const path = line<SweepPoint>()
      .x((p) => x(p.durationMs / 1000))
      .y((p) => y(panel.y(p)))
      .curve(curveStepAfter)(front);
    if (path && front.length > 1)
      parts.push(
        `<path d="${roundPath(path)}" fill="none" stroke="${FRONT}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      );
    for (const p of points) {
      const cx = num(x(p.durationMs / 1000));
      const cy = num(y(panel.y(p)));
      const fill = p.pareto ? FRONT : 'none';
      const stroke = p.pareto ? FRONT : OTHER;
      parts.push(
        `<circle cx="${cx}" cy="${cy}" r="${p.pareto ? 4.5 : 3.5}" fill="${fill}" stroke="${stroke}" ` +
          `stroke-width="1.2"><title>${escapeXml(describe(p, grid.replicas))}</title></circle>`,
      );
    }
    // The front's settings, written next to its points in the first panel (hover gives every point's settings).
    if (index === 0) {
      const placed: [number, number][] = [];
      for (const p of points.filter((q) => q.pareto).sort((a, b) => a.durationMs - b.durationMs)) {
        const lx = x(p.durationMs / 1000) + 7;
        let ly = y(panel.y(p)) + 14;
        // Below its point, one line lower for each label already placed close by (labels run about 150 px wide).
        while (placed.some(([px, py]) => Math.abs(px - lx) < 150 && Math.abs(py - ly) < 11)) ly += 11;
        placed.push([lx, ly]);
        parts.push(`<text x="${num(lx)}" y="${num(ly)}" fill="${FRONT}" font-size="10">${escapeXml(p.label)}</text>`);
      }
    }
    parts.push('</g>');
  });
  const legendY = HEIGHT - 40;
  const front = points.filter((p) => p.pareto);
  parts.push(`<g transform="translate(${PANEL.left},${legendY})">`);
  parts.push(
    `<circle cx="4" cy="-4" r="4.5" fill="${FRONT}"/><text x="14" y="0">Pareto front over duration, availability and ` +
      `bad tasks (${front.length} of ${points.length}); dashed: each panel's own front</text>`,
  );
  parts.push(
    `<circle cx="4" cy="12" r="3.5" fill="none" stroke="${OTHER}" stroke-width="1.2"/><text x="14" y="16">dominated ` +
      'policy (hover a point for its settings)</text>',
  );
  parts.push('</g>');
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The points no other point beats on duration and on this panel's measure, in duration order. */
function frontOf(points: readonly SweepPoint[], panel: Panel): SweepPoint[] {
  const better = (a: number, b: number) => (panel.higherIsBetter ? a > b : a < b);
  const candidates = points.filter(
    (p) =>
      !points.some(
        (q) =>
          q !== p &&
          q.durationMs <= p.durationMs &&
          (panel.higherIsBetter ? panel.y(q) >= panel.y(p) : panel.y(q) <= panel.y(p)) &&
          (q.durationMs < p.durationMs || better(panel.y(q), panel.y(p))),
      ),
  );
  const seen = new Set<string>();
  return [...candidates]
    .sort((a, b) => a.durationMs - b.durationMs || panel.y(a) - panel.y(b))
    .filter((p) => {
      const key = `${p.durationMs}:${panel.y(p)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function axes(
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  width: number,
  height: number,
  yLabel: string,
): string[] {
  const out: string[] = [];
  out.push(`<line x1="0" y1="${height}" x2="${num(width)}" y2="${height}" stroke="#333"/>`);
  out.push(`<line x1="0" y1="0" x2="0" y2="${height}" stroke="#333"/>`);
  for (const tick of x.ticks(6)) {
    const tx = num(x(tick));
    out.push(
      `<line x1="${tx}" y1="${height}" x2="${tx}" y2="${height + 5}" stroke="#333"/><text x="${tx}" ` +
        `y="${height + 17}" text-anchor="middle">${tick}</text>`,
    );
  }
  for (const tick of y.ticks(Math.min(6, Math.max(1, y.domain()[1])))) {
    if (!Number.isInteger(tick)) continue; // counts of tasks
    const ty = num(y(tick));
    out.push(
      `<line x1="0" y1="${ty}" x2="${num(width)}" y2="${ty}" stroke="#eee"/><line x1="-5" y1="${ty}" x2="0" ` +
        `y2="${ty}" stroke="#333"/><text x="-8" y="${num(y(tick) + 4)}" text-anchor="end">${tick}</text>`,
    );
  }
  out.push(
    `<text x="${num(width / 2)}" y="${height + 34}" text-anchor="middle">rollout duration, s (update start → final ` +
      'status)</text>',
  );
  out.push(
    `<text transform="translate(-40,${num(height / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  return out;
}

function describe(p: SweepPoint, replicas: number): string {
  const outcomes = Object.entries(p.outcomes)
    .map(([o, n]) => `${o}×${n}`)
    .join(', ');
  return (
    `${p.label}: ${+(p.durationMs / 1000).toFixed(3)}s, ${p.minAvailable}/${replicas} serving at ` +
    `worst, ${p.badTasks} bad task(s), ${outcomes}`
  );
}

/** Two decimals at most: the same numbers print the same on every platform. */
const num = (value: number): string => String(Math.round(value * 100) / 100);

function roundPath(path: string): string {
  return path.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (n) => num(Number(n)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
