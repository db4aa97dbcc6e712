// Opens the traces the page's URL names (`?trace=URL&label=TEXT`, e.g. `swarmlab whatif --open`): one on the timeline,
// several side by side.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { t } from '../i18n/messages.js';
import { onDemand } from '../on-demand.js';
import type { Notice, SessionController } from './session-controller.js';
import type { TabsController } from './tabs-controller.js';

/** The loader and its validator load only for such a URL: the page opens without them. */
const loadReader = onDemand(() => import('../session/url-traces.js'));

export class UrlTracesController implements ReactiveController {
  /** Settles once the URL's traces are shown (or refused): what the tests wait on. */
  loaded: Promise<void> = Promise.resolve();

  constructor(
    host: ReactiveControllerHost,
    private readonly sessions: SessionController,
    private readonly tabs: TabsController,
    private readonly say: (notice: Notice) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (new URLSearchParams(location.search).has('trace')) this.loaded = this.open(location.search);
  }

  /** The first trace on the timeline (read only, at its end); two or more also side by side in the compare tab. */
  private async open(search: string): Promise<void> {
    this.say({ kind: 'info', text: t('loadingTraces') });
    const reader = await loadReader().catch(() => null);
    if (!reader) return; // the notice says why (on-demand.ts)
    const { loadUrlTraces } = reader;
    const { traces, problems } = await loadUrlTraces(search, location.href);
    const [first] = traces;
    if (first) this.sessions.openTrace(first.trace, first.label, first.trace.duration_ms);
    if (traces.length > 1) this.tabs.showCompared(traces);
    if (problems.length > 0) this.say({ kind: 'error', text: problems.join('\n') });
    else this.say({ kind: 'ok', text: `${t('opened')} ${traces.map((opened) => opened.label).join(', ')}` });
  }
}
