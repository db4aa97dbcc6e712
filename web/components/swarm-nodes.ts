// Node map: one box per node with its availability, status and tasks at the cursor (the first 12, then a count); drain
// / pause / activate / down / up.
import { css, html, LitElement, nothing } from 'lit';
import type { ClusterState, Task, TaskState } from '../../src/browser.js';
import { stateStyle } from '../draw/state-style.js';
import { t } from '../i18n/messages.js';

/** Task states shown on a node: placed there and not yet stopped. */
const ON_NODE = new Set<TaskState>(['assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);
/** Tasks listed per node; past that, a count (a thousand-task service puts a hundred on each node). */
const LISTED = 12;

/** A listed task, `web.2 nginx:1 — running`, and its desired state (` → shutdown`) when that is not running. */
function taskLine(task: Task, service: string): string {
  const desired = task.DesiredState !== 'running' ? ` → ${task.DesiredState}` : '';
  return `${service}.${task.Slot ?? ''} ${task.Spec.ContainerSpec.Image} — ${task.Status.State}${desired}`;
}

export class SwarmNodes extends LitElement {
  static override properties = { state: { attribute: false }, lang: { type: String }, readOnly: { type: Boolean } };
  declare state: ClusterState | null;
  declare lang: string;
  declare readOnly: boolean;

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: .6em; }
    .node { border: 2px solid #3f9142; border-radius: 6px; padding: .4em .6em; min-width: 190px;
      background: var(--panel, #fff); }
    .node.down { border-color: #d64545; border-style: dashed; opacity: .8; }
    .node.drain, .node.pause { border-color: #f2994a; }
    .head { font-weight: bold; }
    .meta { font-size: .85em; color: var(--muted, #666); }
    ul { list-style: none; padding: 0; margin: .3em 0; font-size: .85em; }
    li::before { content: attr(data-mark); display: inline-block; width: 1.2em; }
    button { font: inherit; font-size: .8em; margin: 1px; cursor: pointer; }
  `;

  constructor() {
    super();
    this.state = null;
    this.lang = 'fr';
    this.readOnly = false;
  }

  private command(text: string): void {
    this.dispatchEvent(new CustomEvent('command', { detail: text, bubbles: true, composed: true }));
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const names = new Map(state.services.map((s) => [s.ID, s.Spec.Name]));
    const tasksOf = new Map<string, Task[]>();
    for (const task of state.tasks) {
      if (!task.NodeID || !ON_NODE.has(task.Status.State)) continue;
      const list = tasksOf.get(task.NodeID);
      if (list) list.push(task);
      else tasksOf.set(task.NodeID, [task]);
    }
    return state.nodes.map((node) => {
      const name = node.Description.Hostname;
      const tasks = tasksOf.get(node.ID) ?? [];
      return html`<div class="node ${node.Status.State} ${node.Spec.Availability}" data-node=${name}>
        <div class="head">${name}</div>
        <div class="meta">${node.Spec.Role} · ${node.Spec.Availability} · ${node.Status.State}${
          node.Status.Message ? ` (${node.Status.Message})` : ''
        }</div>
        <ul>${
          tasks.length
            ? tasks.slice(0, LISTED).map(
                (task) => html`<li data-mark=${stateStyle(task.Status.State).letter || '●'}>
            ${taskLine(task, names.get(task.ServiceID) ?? '')}</li>`,
              )
            : html`<li data-mark="">${t('noTasks')}</li>`
        }
          ${
            tasks.length > LISTED
              ? html`<li class="more"
            data-mark="">+ ${tasks.length - LISTED} ${t('moreTasks')}</li>`
              : nothing
          }</ul>
        ${
          this.readOnly
            ? nothing
            : html`<div>
          <button class="drain"
            @click=${() => this.command(`docker node update --availability drain ${name}`)}>${t('drain')}</button>
          <button class="pause"
            @click=${() => this.command(`docker node update --availability pause ${name}`)}>${t('pauseNode')}</button>
          <button class="activate"
            @click=${() => this.command(`docker node update --availability active ${name}`)}>${t('activate')}</button>
          ${
            node.Status.State === 'down'
              ? html`<button class="up"
                @click=${() => this.command(`swarmlab fault node-up ${name}`)}>${t('up')}</button>`
              : node.ManagerStatus?.Leader
                ? nothing // the sandbox refuses to take down the manager it drives the swarm through
                : html`<button class="down"
                  @click=${() => this.command(`swarmlab fault node-down ${name}`)}>${t('down')}</button>`
          }
        </div>`
        }
      </div>`;
    });
  }
}

customElements.define('swarm-nodes', SwarmNodes);
