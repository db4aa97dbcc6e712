// The panel tabs (ps / inspect, nodes, compare, challenges, explorer, outcome atlas): the open one, the pair the
// compare tab shows, lazy loading; re-renders its host.
import type { ReactiveControllerHost } from 'lit';
import type { LabelledTrace } from '../lab/compare.js';

export type Tab = 'views' | 'nodes' | 'compare' | 'challenges' | 'explorer' | 'atlas';
export const TABS: readonly Tab[] = ['views', 'nodes', 'compare', 'challenges', 'explorer', 'atlas'];

export class TabsController {
  tab: Tab = 'views';
  /** Traces shown side by side in the compare tab (explorer points, two imported files, a URL's traces). */
  compared: readonly LabelledTrace[] | null = null;

  constructor(private readonly host: ReactiveControllerHost) {}

  open(tab: Tab): void {
    // The compare view, the explorer (sweep library, chart) and the atlas load on first use: the lessons do not need
    // them.
    if (tab === 'compare') void import('../components/swarm-compare.js');
    if (tab === 'explorer') void import('../components/swarm-explorer.js');
    if (tab === 'challenges') void import('../components/swarm-challenges.js');
    if (tab === 'atlas') void import('../components/swarm-atlas.js');
    this.tab = tab;
    this.host.requestUpdate();
  }

  showCompared(traces: readonly LabelledTrace[]): void {
    this.compared = traces;
    this.open('compare');
  }
}
