// `docker service ps` and `docker service inspect --pretty` of every service at the cursor, rendered by src/render/.
import { css, html, LitElement, nothing } from 'lit';
import { servicePretty } from '../../src/render/service-inspect.js';
import { renderServicePs } from '../../src/render/service-ps.js';
import type { ClusterState } from '../../src/types.js';
import { t } from '../i18n/messages.js';

export class SwarmViews extends LitElement {
  static override properties = { state: { attribute: false }, lang: { type: String } };
  declare state: ClusterState | null;
  declare lang: string;

  static override styles = css`
    :host { display: block; }
    pre { margin: 0 0 .6em; padding: .5em; background: var(--term-bg, #111); color: var(--term-fg, #ddd); overflow: auto; font-size: .85em; }
    pre.ps { max-height: 24em; }
    h3 { margin: .3em 0; font-size: .95em; }
  `;

  constructor() {
    super();
    this.state = null;
    this.lang = 'fr';
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    if (state.services.length === 0) return html`<p class="empty">${t('noService')}</p>`;
    return state.services.map((service) => {
      const ps = renderServicePs(state, [service]);
      return html`
        <h3>$ docker service ps ${service.Spec.Name}</h3>
        <pre class="ps" data-service=${service.Spec.Name}>${ps.stdout}${ps.stderr}</pre>
        <h3>$ docker service inspect --pretty ${service.Spec.Name}</h3>
        <pre class="inspect" data-service=${service.Spec.Name}>${servicePretty(state, service)}</pre>`;
    });
  }
}

customElements.define('swarm-views', SwarmViews);
