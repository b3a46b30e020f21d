/**
 * `<st-console-nodes>`: the health of what the proxies depend on and the nodes of the cluster with
 * their figures, refreshed every few seconds (the refresh state is shown in words), and a Drain
 * button per node behind a confirmation.
 */
import { StError } from '@st/client';
import type { AdminHealthResponse, AdminNode } from '@st/protocol/core';
import { NodeState } from '@st/protocol/core';
import { html, LitElement, nothing } from 'lit';
import { confirmAction } from '../views/confirm-dialog.ts';
import type { AdminClient } from './admin-client.ts';
import { AnnounceEvent } from './announce.ts';
import {
  healthWords,
  nodeStateWords,
  plural,
  streamsWords,
  timeWords,
  totalStreams,
} from './console-words.ts';
import { Poller, REFRESH_MS } from './poller.ts';

type Refresh = 'loading' | 'live' | 'lost';

export class NodesView extends LitElement {
  static override properties = { client: { attribute: false } };

  declare client: AdminClient | undefined;
  #nodes: AdminNode[] = [];
  #health: AdminHealthResponse | undefined;
  #refresh: Refresh = 'loading';
  #updatedAt: Date | undefined;
  #problem = '';
  readonly #poller = new Poller(() => this.#load(), REFRESH_MS);

  constructor() {
    super();
    this.client = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#poller.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#poller.stop();
  }

  async #load(): Promise<void> {
    if (!this.client) return;
    const before = this.#refresh;
    try {
      const [nodes, health] = await Promise.all([this.client.nodes(), this.client.health()]);
      this.#nodes = nodes.nodes;
      this.#health = health;
      this.#refresh = 'live';
      this.#updatedAt = new Date();
      if (before === 'lost') this.dispatchEvent(new AnnounceEvent('Connection to the proxy is back.'));
    } catch {
      this.#refresh = 'lost';
      if (before !== 'lost') this.dispatchEvent(new AnnounceEvent('Cannot reach the proxy; retrying.'));
    }
    this.requestUpdate();
  }

  async #drain(node: AdminNode): Promise<void> {
    const streams = totalStreams(node.streams);
    const othersReady = this.#nodes.some((other) => other.id !== node.id && other.state === NodeState.Ready);
    const confirmed = await confirmAction({
      title: `Drain ${node.id}?`,
      message:
        `${node.id} stops taking new sessions, tells its ${plural(streams, 'stream')} to reconnect ` +
        'to the other nodes, finishes what it is doing and exits.' +
        (othersReady ? '' : ' No other node is ready: nobody can connect until one is back.') +
        (node.self ? ' It is the node showing this console: the page reconnects through another one.' : ''),
      confirmLabel: `Drain ${node.id}`,
    });
    if (!confirmed || !this.client) return;
    this.#problem = '';
    try {
      await this.client.drain(node.id);
      this.dispatchEvent(new AnnounceEvent(`${node.id} is draining.`));
    } catch (error) {
      this.#problem = `${node.id} was not drained: ${error instanceof StError ? error.message : 'try again.'}`;
    }
    this.requestUpdate();
    await this.#poller.now();
  }

  #renderRefresh() {
    const words: Record<Refresh, string> = {
      loading: 'Loading…',
      live: `Live, refreshed every ${REFRESH_MS / 1000} s · updated ${this.#updatedAt?.toLocaleTimeString() ?? ''}`,
      lost: `Cannot reach the proxy; retrying every ${REFRESH_MS / 1000} s${
        this.#updatedAt ? ` · last updated ${this.#updatedAt.toLocaleTimeString()}` : ''
      }`,
    };
    const symbol = { loading: '…', live: '●', lost: '✕' }[this.#refresh];
    return html`<p class="refresh refresh--${this.#refresh}">
      <span class="refresh__symbol" aria-hidden="true">${symbol}</span>
      <span class="refresh__words">${words[this.#refresh]}</span>
      <button class="button button--small" type="button" @click=${() => void this.#poller.now()}>Refresh now</button>
    </p>`;
  }

  #renderHealth() {
    const checks = this.#health?.checks ?? [];
    return html`<section class="panel" aria-labelledby="health-title">
      <h2 id="health-title" class="panel__title">Health${this.#health ? html` <span class="panel__note">as seen by ${this.#health.node}</span>` : nothing}</h2>
      ${
        checks.length === 0
          ? html`<p class="muted">${this.#refresh === 'lost' ? 'Not known.' : 'Checking…'}</p>`
          : html`<ul class="health">
            ${checks.map((check) => {
              const words = healthWords(check);
              return html`<li class="health__item">
                <span class="mark mark--${words.tone}" aria-hidden="true">${words.symbol}</span>
                <span><strong>${words.name}</strong>: ${words.label}, ${words.detail}</span>
              </li>`;
            })}
          </ul>`
      }
    </section>`;
  }

  #renderRow(node: AdminNode) {
    const state = nodeStateWords(node.state);
    const drainable = node.state === NodeState.Ready;
    return html`<tr>
      <th scope="row">${node.id}${node.self ? html` <span class="muted">(this node)</span>` : nothing}</th>
      <td><span class="mark mark--${state.tone}" aria-hidden="true">${state.symbol}</span> ${state.label}</td>
      <td class="number">${node.logins}</td>
      <td>${streamsWords(node.streams)}</td>
      <td class="number">${node.watchedPeople}</td>
      <td class="number">${node.messagesPerSecond}</td>
      <td>${timeWords(node.startedAt)}</td>
      <td>${timeWords(node.lastHeartbeatAt)}</td>
      <td>${
        drainable
          ? html`<button class="button button--small" type="button" @click=${() => void this.#drain(node)}>
              Drain<span class="visually-hidden"> ${node.id}</span></button>`
          : html`<span class="muted">—</span>`
      }</td>
    </tr>`;
  }

  #renderNodes() {
    const nodes = this.#nodes;
    const live = nodes.filter((n) => n.state !== NodeState.Gone);
    const logins = live.reduce((sum, n) => sum + n.logins, 0);
    const streams = live.reduce((sum, n) => sum + totalStreams(n.streams), 0);
    return html`<section class="panel" aria-labelledby="nodes-table-title">
      <h2 id="nodes-table-title" class="panel__title">Nodes of the cluster</h2>
      <p class="panel__summary">${plural(live.length, 'node')} serving · ${plural(logins, 'session')} · ${plural(streams, 'stream')}</p>
      <div class="table-scroll" role="region" aria-label="Table of nodes" tabindex="0">
        <table class="table" id="nodes-table">
          <thead><tr>
            <th scope="col">Node</th><th scope="col">State</th><th scope="col" class="number">Sessions</th>
            <th scope="col">Streams</th><th scope="col" class="number">Watched people</th><th scope="col" class="number">Messages/s</th>
            <th scope="col">Started</th><th scope="col">Last heartbeat</th><th scope="col">Action</th>
          </tr></thead>
          <tbody>${nodes.map((node) => this.#renderRow(node))}</tbody>
        </table>
      </div>
    </section>`;
  }

  protected override render() {
    return html`<div class="view-head">
        <h1 class="view-title" id="view-title" tabindex="-1">Nodes</h1>
        ${this.#renderRefresh()}
      </div>
      <div class="problem" role="alert">${this.#problem ? html`<p>${this.#problem}</p>` : nothing}</div>
      ${this.#renderHealth()}
      ${this.#renderNodes()}`;
  }
}
