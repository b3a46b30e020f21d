/**
 * `<st-web-conversations>`: "Chats" in the side column: invitations waiting for an answer (Accept,
 * Decline), then recent conversations with their last message and unread count; a button starts a
 * group chat. Choosing one opens its tab. Message text goes through Lit bindings, so it is text.
 */
import type { ConversationSummary, UserSummary } from '@st/client';
import { conversationTitle } from '@st/components';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatTarget } from '../chat/chat-tabs.ts';
import { imPeer } from '../chat/chat-tabs.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import './conversation-list.css';

/** Recent conversations shown; the rest are a scroll away in the proxy's list, not on screen. */
const SHOWN = 30;

/** A conversation was chosen (or accepted): the shell opens its tab. */
export class OpenChatEvent extends Event {
  static readonly type = 'st-web-open-chat';
  constructor(readonly chat: ChatTarget) {
    super(OpenChatEvent.type, { bubbles: true, composed: true });
  }
}

/** "New group chat" was pressed. */
export class NewGroupChatEvent extends Event {
  static readonly type = 'st-web-new-group-chat';
  constructor() {
    super(NewGroupChatEvent.type, { bubbles: true, composed: true });
  }
}

export class ConversationList extends LitElement {
  static override properties = {
    client: { attribute: false },
    user: { attribute: false },
  };

  declare client: WebClient | undefined;
  declare user: UserSummary | undefined;
  readonly #conversations = new ObservableController<ConversationSummary[]>(this);
  #problem = '';

  constructor() {
    super();
    this.client = undefined;
    this.user = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.#conversations.observe(this.client?.chat.conversations$);
  }

  #open(conversation: ConversationSummary): void {
    const peer = imPeer(conversation, this.user?.id ?? '');
    this.dispatchEvent(new OpenChatEvent(peer ? { peer } : { conversationId: conversation.id }));
  }

  async #answer(conversation: ConversationSummary, accept: boolean): Promise<void> {
    const chat = this.client?.chat.conversation(conversation.id);
    if (!chat) return;
    this.#problem = '';
    try {
      if (accept) {
        await chat.accept();
        this.#open(conversation);
      } else {
        await chat.leave();
      }
    } catch (error) {
      this.#problem = error instanceof Error ? error.message : 'That did not work.';
    }
    this.requestUpdate();
  }

  protected override render() {
    const myId = this.user?.id ?? '';
    const all = this.#conversations.value ?? [];
    const invited = all.filter((c) => c.participants.find((p) => p.id === myId)?.state === 'invited');
    const recent = all
      .filter((c) => !invited.includes(c) && (c.lastMessage || c.kind === 'nway'))
      .slice(0, SHOWN);
    return html`
      <div class="conversations__head">
        <h2 class="pane-heading" id="conversations-heading">Chats</h2>
        <button class="text-button" type="button" @click=${() => this.dispatchEvent(new NewGroupChatEvent())}>New group chat</button>
      </div>
      <p class="contacts__problem" role="alert">${this.#problem}</p>
      ${
        invited.length
          ? html`<h3 class="conversations__subheading">Invitations</h3>
            <ul class="conversations" role="list">
              ${repeat(
                invited,
                (c) => c.id,
                (c) => html`<li class="conversation conversation--invited">
                  <span class="conversation__title">${conversationTitle(c, myId, 'Group chat')}</span>
                  <span class="conversation__preview">${c.createdBy.displayName} invited you</span>
                  <span class="conversation__actions">
                    <button class="button button--primary" type="button" @click=${() => void this.#answer(c, true)}>
                      Accept<span class="visually-hidden"> ${conversationTitle(c, myId)}</span></button>
                    <button class="button" type="button" @click=${() => void this.#answer(c, false)}>
                      Decline<span class="visually-hidden"> ${conversationTitle(c, myId)}</span></button>
                  </span>
                </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        recent.length === 0
          ? html`<p class="contacts__note">No chats yet.</p>`
          : html`<ul class="conversations" role="list">
              ${repeat(
                recent,
                (c) => c.id,
                (c) => this.#renderConversation(c, myId),
              )}
            </ul>`
      }
    `;
  }

  #renderConversation(conversation: ConversationSummary, myId: string) {
    const title = conversationTitle(conversation, myId, 'Group chat');
    const last = conversation.lastMessage;
    const preview = last ? `${last.from.id === myId ? 'You: ' : ''}${last.text.replace(/\s+/g, ' ')}` : '';
    return html`<li class="conversation">
      <button class="conversation__open" type="button" @click=${() => this.#open(conversation)}>
        <span class="conversation__title">${title}</span>
        ${
          conversation.unread > 0
            ? html`<span class="badge"><span aria-hidden="true">${conversation.unread}</span><span class="visually-hidden">, ${conversation.unread} unread</span></span>`
            : nothing
        }
        <span class="conversation__preview">${preview}</span>
      </button>
    </li>`;
  }
}
