// The panel tabs (ps / inspect, nodes, compare, challenges, explorer, outcome atlas): the open one, the pair the
// compare tab shows, lazy loading; re-renders its host.
import type { ReactiveControllerHost } from 'lit';
import type { LabelledTrace } from '../lab/compare.js';
import { onDemand } from '../on-demand.js';

export type Tab = 'views' | 'nodes' | 'compare' | 'challenges' | 'explorer' | 'atlas';
export const TABS: readonly Tab[] = ['views', 'nodes', 'compare', 'challenges', 'explorer', 'atlas'];

/**
 * The compare view, the explorer (sweep library, chart), the challenges and the atlas load on first use: the lessons do
 * not need them. A tab whose chunk could not be fetched shows empty until it is chosen again (the notice says why).
 */
const TAB_CHUNKS: Partial<Record<Tab, () => Promise<unknown>>> = {
  compare: onDemand(() => import('../components/swarm-compare.js')),
  explorer: onDemand(() => import('../components/swarm-explorer.js')),
  challenges: onDemand(() => import('../components/swarm-challenges.js')),
  atlas: onDemand(() => import('../components/swarm-atlas.js')),
};

/** Fetches the chunk that defines a tab's element (at once when it is loaded). */
export function loadTab(tab: Tab): Promise<unknown> {
  return TAB_CHUNKS[tab]?.() ?? Promise.resolve();
}

export class TabsController {
  tab: Tab = 'views';
  /** Traces shown side by side in the compare tab (explorer points, two imported files, a URL's traces). */
  compared: readonly LabelledTrace[] | null = null;

  constructor(private readonly host: ReactiveControllerHost) {}

  open(tab: Tab): void {
    loadTab(tab).catch(() => undefined); // announced by onDemand
    this.tab = tab;
    this.host.requestUpdate();
  }

  showCompared(traces: readonly LabelledTrace[]): void {
    this.compared = traces;
    this.open('compare');
  }
}
