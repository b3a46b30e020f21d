/**
 * `<st-web-chats>`: the open chats as tabs (a tab list and one panel each, every panel an
 * `<st-chat-window>`), the unread count on each tab, and Close. At phone widths the shell shows this
 * full screen with a Back button instead of beside the contacts. Arrow keys move between tabs,
 * Home and End go to the first and last.
 */

import type { ConversationSummary, UserSummary } from '@st/client';
import type { ChatLeftDetail, ChatUpgradedDetail } from '@st/components';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type ChatTabs, type ChatTabsState, type TabView, tabViews } from '../chat/chat-tabs.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import './chat-area.css';

/** Fired by Back (phone widths): the shell shows the contacts again. */
export class ShowContactsEvent extends Event {
  static readonly type = 'st-web-show-contacts';
  constructor() {
    super(ShowContactsEvent.type, { bubbles: true, composed: true });
  }
}

export class ChatArea extends LitElement {
  static override properties = {
    client: { attribute: false },
    tabs: { attribute: false },
    user: { attribute: false },
  };

  declare client: WebClient | undefined;
  declare tabs: ChatTabs | undefined;
  declare user: UserSummary | undefined;
  readonly #state = new ObservableController<ChatTabsState>(this);
  readonly #conversations = new ObservableController<ConversationSummary[]>(this);

  constructor() {
    super();
    this.client = undefined;
    this.tabs = undefined;
    this.user = undefined;
    this.addEventListener('st-chat-left', (event) => {
      const key = this.#keyOfWindow(event.target);
      if (key) this.tabs?.close(key);
      this.#focusTabs();
    });
    this.addEventListener('st-chat-upgraded', (event) => {
      const key = this.#keyOfWindow(event.target);
      const { conversationId } = (event as CustomEvent<ChatUpgradedDetail>).detail;
      if (key) this.tabs?.replace(key, { conversationId });
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tabs')) this.#state.observe(this.tabs?.state$);
    if (changed.has('client')) this.#conversations.observe(this.client?.chat.conversations$);
  }

  /** Puts focus in the shown chat's message box (after the person opened a chat). */
  focusActive(): void {
    void this.updateComplete.then(() => {
      const panel = this.querySelector<HTMLElement>('.chats__panel:not([hidden]) st-chat-window');
      panel?.focus();
    });
  }

  #keyOfWindow(target: EventTarget | null): string | undefined {
    return (target as HTMLElement | null)?.closest<HTMLElement>('.chats__panel')?.dataset.key;
  }

  #focusTabs(): void {
    void this.updateComplete.then(() => {
      const tab = this.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
      (tab ?? this.querySelector<HTMLElement>('#chats-heading'))?.focus();
    });
  }

  #onTabKey(event: KeyboardEvent, views: TabView[], index: number): void {
    const last = views.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    this.tabs?.activate(views[to]!.key);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#chat-tab-${to}`)?.focus());
  }

  #close(key: string): void {
    this.tabs?.close(key);
    this.#focusTabs();
  }

  protected override render() {
    const state = this.#state.value ?? { tabs: [], active: undefined };
    const views = tabViews(state.tabs, this.#conversations.value ?? [], this.user?.id ?? '');
    return html`<div class="chats">
      <div class="chats__bar">
        <button class="button chats__back" type="button" @click=${() => this.dispatchEvent(new ShowContactsEvent())}>
          <span aria-hidden="true">←</span> Back<span class="visually-hidden"> to contacts</span>
        </button>
        <h2 class="pane-heading chats__heading" id="chats-heading" tabindex="-1">Chats</h2>
      </div>
      ${
        views.length === 0
          ? html`<div class="shell__empty">
              <span class="brand-mark brand-mark--large" aria-hidden="true"></span>
              <p>No chat is open. Choose a contact to start one.</p>
            </div>`
          : html`<div class="chats__tabs" role="tablist" aria-labelledby="chats-heading">
              ${views.map((view, index) => this.#renderTab(view, index, state.active, views))}
            </div>
            ${repeat(
              state.tabs,
              (tab) => tab.key,
              (tab) => {
                const index = views.findIndex((v) => v.key === tab.key);
                const view = views[index]!;
                return html`<div class="chats__panel" role="tabpanel" id="chat-panel-${index}"
                  aria-labelledby="chat-tab-${index}" data-key=${tab.key} ?hidden=${tab.key !== state.active}>
                  <div class="chats__panel-bar">
                    <button class="text-button" type="button" @click=${() => this.#close(tab.key)}>
                      Close<span class="visually-hidden"> chat with ${view.title}</span>
                    </button>
                  </div>
                  ${
                    'peer' in tab.target
                      ? html`<st-chat-window peer=${tab.target.peer}></st-chat-window>`
                      : html`<st-chat-window conversation-id=${tab.target.conversationId}></st-chat-window>`
                  }
                </div>`;
              },
            )}`
      }
    </div>`;
  }

  #renderTab(view: TabView, index: number, active: string | undefined, views: TabView[]) {
    const selected = view.key === active;
    return html`<button class="chats__tab" type="button" role="tab" id="chat-tab-${index}"
      aria-selected=${selected ? 'true' : 'false'} aria-controls="chat-panel-${index}" tabindex=${selected ? 0 : -1}
      @click=${() => this.tabs?.activate(view.key)} @keydown=${(e: KeyboardEvent) => this.#onTabKey(e, views, index)}>
      <span class="chats__tab-title">${view.title}</span>${
        view.unread > 0
          ? html`<span class="badge"><span aria-hidden="true">${view.unread}</span><span class="visually-hidden">, ${view.unread} unread</span></span>`
          : nothing
      }
    </button>`;
  }
}

export type { ChatLeftDetail };
