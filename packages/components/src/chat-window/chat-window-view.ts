/**
 * The chat window's markup, as functions of the element's state. Every text from the proxy (names,
 * topics, messages) goes through Lit bindings, so it is always text.
 */
import type { ConversationSummary, Participant, TimelineMessage } from '@st/client';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { StElement } from '../shared/st-element.ts';
import type { StChatWindow } from './chat-window.ts';
import { conversationTitle, messageTime, noticeWords, receiptOf, typingWords } from './chat-words.ts';
import { OFFLINE_ICON, RECEIPT_ICONS } from './receipt-icons.ts';
import { renderRichText } from './rich-text-view.ts';
import { type TranscriptItem, transcriptItems } from './transcript-items.ts';

/** `<st-live-name>` of the window's own prefix (a valid prefix is all letters, digits and hyphens). */
function liveName(host: StChatWindow, userId: string, displayName = '') {
  const tag = unsafeStatic(`${(host.constructor as typeof StElement).prefix}-live-name`);
  return staticHtml`<${tag} user-id=${userId} display-name=${displayName}></${tag}>`;
}

export function renderChatWindow(host: StChatWindow) {
  const state = host.state;
  const myId = state.me?.id ?? '';
  const conversation = state.conversation;
  const mine = conversation?.participants.find((p) => p.id === myId);
  const invited = mine?.state === 'invited';
  const gone = host.left || (conversation !== undefined && myId !== '' && !mine);
  const notices =
    state.preferences?.notifyWhenPartnerLeaves === false
      ? state.notices.filter((n) => n.change !== 'left')
      : state.notices;
  const { items, hidden } = transcriptItems(state.messages, notices, host.scroller.shown);
  const hasOlder = hidden > 0 || state.history.hasOlder;
  const title = conversationTitle(conversation, myId, host.peer);
  return html`<section part="base" aria-label="Chat: ${title}">
    ${renderHeader(host, conversation, myId, gone)}
    ${invited ? renderInvitation(host, conversation!, myId) : nothing}
    <div part="transcript" role="log" aria-label="Messages" tabindex="0"
      @scroll=${() => host.scroller.onScroll(hidden, state.history.hasOlder)}>
      ${
        hasOlder
          ? html`<button part="button load-older" type="button" ?disabled=${host.scroller.loadingOlder}
              @click=${() => host.scroller.older(hidden, state.history.hasOlder)}>
              ${host.scroller.loadingOlder || (state.history.loading && hidden === 0) ? 'Loading older messages…' : 'Load older messages'}</button>`
          : nothing
      }
      ${state.history.loading && state.messages.length === 0 ? html`<p class="status">Loading messages…</p>` : nothing}
      ${
        !state.history.loading && state.messages.length === 0 && items.length === 0
          ? html`<p class="status">No messages yet.</p>`
          : nothing
      }
      <ol class="messages">
        ${repeat(
          items,
          (item) => item.key,
          (item) => renderItem(host, item, conversation, myId),
        )}
      </ol>
    </div>
    <p part="typing" class="typing" aria-live="polite">${typingWords(state.typing)}</p>
    <p class="problem" role="alert">${host.problem || host.composer.problem}</p>
    ${gone ? html`<p class="status">You are no longer in this conversation.</p>` : renderComposer(host, invited)}
  </section>`;
}

function renderHeader(
  host: StChatWindow,
  conversation: ConversationSummary | undefined,
  myId: string,
  gone: boolean,
) {
  const nway = conversation?.kind === 'nway' || (!host.peer && !!host.conversationId);
  const others = conversation?.participants.filter((p) => p.id !== myId) ?? [];
  const heading = nway
    ? html`<h2 part="title" class="title">${conversationTitle(conversation, myId, 'Conversation')}</h2>`
    : html`<h2 part="title" class="title">${liveName(host, host.peer || others[0]?.id || '', others[0]?.displayName)}</h2>`;
  return html`<header part="header">
    <div class="header-row">
      ${heading}
      ${
        gone
          ? nothing
          : html`<div part="actions" class="actions">
          <button part="button" type="button" aria-pressed=${host.mode === 'invite' ? 'true' : 'false'}
            @click=${() => host.setMode(host.mode === 'invite' ? 'chat' : 'invite')}>Invite people</button>
          ${
            nway
              ? html`<button part="button" type="button" aria-pressed=${host.mode === 'topic' ? 'true' : 'false'}
                  @click=${() => host.setMode(host.mode === 'topic' ? 'chat' : 'topic')}>Change topic</button>
                <button part="button" type="button" @click=${() => void host.leave()}>Leave</button>`
              : nothing
          }
        </div>`
      }
    </div>
    ${nway && others.length ? renderParticipants(host, conversation!.participants) : nothing}
    ${host.mode === 'invite' ? host.picker.render() : nothing}
    ${host.mode === 'topic' ? renderTopicForm(host, conversation) : nothing}
  </header>`;
}

function renderParticipants(host: StChatWindow, participants: Participant[]) {
  return html`<ul part="participants" class="participants" aria-label="Participants">
    ${participants.map(
      (p) =>
        html`<li>${liveName(host, p.id, p.displayName)}${
          p.state === 'invited' ? html`<span class="muted"> (invited)</span>` : nothing
        }</li>`,
    )}
  </ul>`;
}

function renderTopicForm(host: StChatWindow, conversation: ConversationSummary | undefined) {
  const submit = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input');
    void host.setTopic(input?.value ?? '');
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    host.setMode('chat');
  };
  return html`<form class="topic-form" @submit=${submit} @keydown=${closeOnEscape}>
    <label for="topic-input">Topic</label>
    <input id="topic-input" type="text" maxlength="256" .value=${conversation?.topic ?? ''} />
    <div class="row">
      <button part="button" type="submit">Save topic</button>
      <button part="button" type="button" @click=${() => host.setMode('chat')}>Cancel</button>
    </div>
  </form>`;
}

function renderInvitation(host: StChatWindow, conversation: ConversationSummary, myId: string) {
  const by = conversation.createdBy.id === myId ? undefined : conversation.createdBy.displayName;
  return html`<div part="invitation" class="invitation" role="group" aria-label="Invitation">
    <p>${by ? `${by} invited you to this conversation.` : 'You are invited to this conversation.'}</p>
    <div class="row">
      <button part="button" type="button" class="primary" @click=${() => void host.accept()}>Accept</button>
      <button part="button" type="button" @click=${() => void host.leave()}>Decline</button>
    </div>
  </div>`;
}

function renderItem(
  host: StChatWindow,
  item: TranscriptItem,
  conversation: ConversationSummary | undefined,
  myId: string,
) {
  if (item.kind === 'notice') {
    return html`<li part="notice" class="notice">${noticeWords(item.notice, myId)}</li>`;
  }
  return renderMessage(host, item.message, item.firstOfRun, conversation, myId);
}

function renderMessage(
  host: StChatWindow,
  message: TimelineMessage,
  firstOfRun: boolean,
  conversation: ConversationSummary | undefined,
  myId: string,
) {
  const own = message.from.id === myId;
  const time = messageTime(message.sentAt);
  const parts = ['message', own ? 'message-own' : '', message.offline ? 'message-offline' : '']
    .filter(Boolean)
    .join(' ');
  const receipt = own ? receiptOf(message, conversation, myId) : undefined;
  return html`<li part=${parts} class="message ${own ? 'own' : 'other'} ${firstOfRun ? 'first' : ''}" data-seq=${message.seq}>
    <div class="meta ${firstOfRun ? '' : 'visually-hidden'}">
      <span part="sender" class="sender">${own ? 'You' : message.from.displayName}</span>
      <time part="time" datetime=${message.sentAt} title=${time.full}>${time.short}</time>
    </div>
    <p part="text" class="text">${renderRichText(message.text)}</p>
    ${
      message.offline
        ? html`<span part="offline" class="offline"><svg viewBox="0 0 16 16" aria-hidden="true">${OFFLINE_ICON}</svg>Sent while you were offline</span>`
        : nothing
    }
    ${
      receipt
        ? html`<span part="receipt" class="receipt receipt-${receipt.receipt}" title=${receipt.words}>
            <svg viewBox="0 0 16 16" aria-hidden="true">${RECEIPT_ICONS[receipt.receipt]}</svg><span class="receipt-words">${receipt.words}</span></span>`
        : nothing
    }
    ${
      message.state === 'failed'
        ? html`<span class="failed" role="group" aria-label="Not sent">
            <span class="error">${message.error ?? ''}</span>
            <button part="button" type="button" @click=${() => host.handle?.retry(message.clientId!)}>Retry</button>
            <button part="button" type="button" @click=${() => host.handle?.discard(message.clientId!)}>Discard</button>
          </span>`
        : nothing
    }
  </li>`;
}

function renderComposer(host: StChatWindow, invited: boolean) {
  const composer = host.composer;
  return html`<form part="composer" class="composer" @submit=${(e: Event) => composer.onSubmit(e)}>
    <label for="message-input" class="visually-hidden">Message</label>
    <textarea id="message-input" part="input" rows="2" aria-label="Message"
      placeholder=${invited ? 'Write to accept the invitation' : 'Write a message'}
      aria-describedby="message-help" aria-invalid=${composer.problem ? 'true' : 'false'}
      .value=${live(composer.draft)}
      @input=${(e: Event) => composer.onInput(e)}
      @keydown=${(e: KeyboardEvent) => composer.onKeydown(e)}></textarea>
    <span id="message-help" class="visually-hidden">Enter sends; Shift+Enter starts a new line.</span>
    <button part="send-button" type="submit">Send</button>
  </form>`;
}
