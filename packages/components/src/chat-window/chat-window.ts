import type {
  ConversationHandle,
  ConversationNotice,
  ConversationSummary,
  DirectoryPerson,
  HistoryState,
  Preferences,
  StClient,
  TimelineMessage,
  UserSummary,
} from '@st/client';
import { installChat } from '@st/client/chat';
import { nothing, type PropertyValues } from 'lit';
import { map, type Observable, of, switchMap } from 'rxjs';
import { ObserveController } from '../controllers/observe.ts';
import { StElement } from '../shared/st-element.ts';
import { chatWindowStyles } from './chat-window.styles.ts';
import { renderChatWindow } from './chat-window-view.ts';
import { ChatComposer } from './composer.ts';
import { PeoplePicker } from './people-picker.ts';
import { TranscriptScroller } from './transcript-scroller.ts';

// The window is where chat starts: its code (loaded with this element) serves every client here.
installChat();

/** `st-chat-left`: I left the conversation (or declined it) from this window. */
export interface ChatLeftDetail {
  conversationId: string;
}
/** `st-chat-upgraded`: this 1:1 continued as an N-way conversation, which the window now shows. */
export interface ChatUpgradedDetail {
  from: string;
  conversationId: string;
}

/** What the window shows of its conversation, from the SDK's handle. */
export interface ChatWindowState {
  client: StClient | undefined;
  me: UserSummary | null;
  conversation: ConversationSummary | undefined;
  messages: TimelineMessage[];
  history: HistoryState;
  typing: UserSummary[];
  notices: ConversationNotice[];
  preferences: Preferences | undefined;
}

/**
 * A conversation: the transcript, who is typing, receipts, and a message box.
 *
 * @tagname st-chat-window
 * @summary A 1:1 chat (`peer`) or an N-way conversation (`conversation-id`), with history, typing,
 *   receipts, participants and topic.
 *
 * @attr peer - The other person of a 1:1 chat (their directory id).
 * @attr conversation-id - An N-way conversation (or any conversation) by id; wins over `peer`.
 *
 * @event st-chat-left - `{detail: {conversationId}}` after I left or declined. Bubbles, composed.
 * @event st-chat-upgraded - `{detail: {from, conversationId}}` when a 1:1 became an N-way conversation
 *   (people were invited); the window shows the new one. Bubbles, composed.
 *
 * Messages are plain text with a small safe subset: `*bold*`, `_italic_`, links (http, https and
 * mailto only; they open in a new tab) and emoticons as emoji; nothing in a message is ever HTML.
 * Enter sends, Shift+Enter breaks the line. Scrolling to the top (or "Load older messages") pages
 * back through history; only a window of the newest messages is in the DOM until then.
 *
 * @csspart base - The whole window.
 * @csspart header - Title, participants and actions.
 * @csspart title - The other person's live name, or the topic.
 * @csspart participants - The list of participants (N-way).
 * @csspart actions - Invite, topic and leave buttons.
 * @csspart button - Every button.
 * @csspart invitation - The banner with Accept and Decline when I am invited.
 * @csspart transcript - The scrolling list of messages (`role="log"`).
 * @csspart load-older - The "Load older messages" button.
 * @csspart message - Each message; `message-own` is added to mine, `message-offline` to offline ones.
 * @csspart sender - The sender's name.
 * @csspart time - When it was sent.
 * @csspart text - The message text.
 * @csspart link - Links in messages.
 * @csspart receipt - Sent, delivered, read (icon and words), on my messages.
 * @csspart offline - The "sent while you were offline" mark.
 * @csspart notice - Joins, leaves and topic changes.
 * @csspart typing - "Bob is typing…" (a polite live region).
 * @csspart composer - The form with the message box.
 * @csspart input - The message box (labelled "Message").
 * @csspart send-button - Send.
 * @csspart picker - The "Add people" form.
 *
 * @cssproperty --st-font - Font (default: inherited).
 * @cssproperty --st-chat-height - Height of the window (default `28rem`).
 * @cssproperty --st-chat-background - Background (default `#fff`).
 * @cssproperty --st-chat-color - Text colour (default `#1b1d21`).
 * @cssproperty --st-chat-muted-color - Times, notices, receipts (default `#596170`).
 * @cssproperty --st-chat-border - Borders (default `1px solid #d6dae1`).
 * @cssproperty --st-chat-own-background - My messages (default `#e3effd`).
 * @cssproperty --st-chat-other-background - Others' messages (default `#f1f3f6`).
 * @cssproperty --st-chat-accent - Send button and read receipts (default `#0b5cad`).
 * @cssproperty --st-chat-error-color - Failures (default `#b3261e`).
 * @cssproperty --st-focus-ring - Outline when focused (default `2px solid #1a73e8`).
 */
export class StChatWindow extends StElement {
  static override properties = {
    peer: { type: String, reflect: true },
    conversationId: { type: String, attribute: 'conversation-id', reflect: true },
  };

  static override styles = chatWindowStyles;

  declare peer: string;
  declare conversationId: string;

  readonly #client: ObserveController<StClient | undefined>;
  readonly #me: ObserveController<UserSummary | null>;
  readonly #preferences: ObserveController<Preferences | undefined>;
  readonly #conversation = new ObserveController<ConversationSummary | undefined>(this, undefined);
  readonly #messages = new ObserveController<TimelineMessage[]>(this, []);
  readonly #history = new ObserveController<HistoryState>(this, { loading: true, hasOlder: false });
  readonly #typing = new ObserveController<UserSummary[]>(this, []);
  readonly #notices = new ObserveController<ConversationNotice[]>(this, []);
  readonly scroller = new TranscriptScroller(this, {
    transcript: () => this.renderRoot.querySelector<HTMLElement>('[part="transcript"]'),
    loadOlder: () => this.handle?.loadOlder(),
    markRead: (seq) => void this.handle?.markRead(seq).catch(() => undefined),
  });
  readonly composer = new ChatComposer(this, () => this.handle);
  readonly picker: PeoplePicker;
  /** What the window is doing besides chatting: adding people, or changing the topic. */
  mode: 'chat' | 'invite' | 'topic' = 'chat';
  /** A failure to report in the alert line ('' when none). */
  problem = '';
  left = false;
  #handle: ConversationHandle | undefined;

  constructor() {
    super();
    this.peer = '';
    this.conversationId = '';
    const client$ = this.client$;
    this.#client = new ObserveController<StClient | undefined>(this, undefined, client$);
    this.#me = new ObserveController<UserSummary | null>(this, null, client$.pipe(switchMap((c) => c.user$)));
    this.#preferences = new ObserveController<Preferences | undefined>(
      this,
      undefined,
      client$.pipe(switchMap((c) => c.settings.preferences$)),
    );
    this.picker = new PeoplePicker(this, () => this.#client.value, {
      searchTag: () => `${(this.constructor as typeof StElement).prefix}-person-search`,
      label: 'Add people',
      submitLabel: 'Invite',
      excluded: () => new Set(this.#conversation.value?.participants.map((p) => p.id) ?? [this.peer]),
      submit: (people) => void this.invite(people),
      cancel: () => this.setMode('chat'),
    });
  }

  /** The SDK's handle on the conversation shown (undefined until the client is known). */
  get handle(): ConversationHandle | undefined {
    return this.#handle;
  }

  get state(): ChatWindowState {
    return {
      client: this.#client.value,
      me: this.#me.value,
      conversation: this.#conversation.value,
      messages: this.#messages.value,
      history: this.#history.value,
      typing: this.#typing.value,
      notices: this.#notices.value,
      preferences: this.#preferences.value,
    };
  }

  /** Marks everything shown as read (the window also does this by itself while it is visible). */
  markRead(): void {
    this.scroller.markShownRead(this.#messages.value, this.#me.value?.id ?? '');
  }

  /** Puts the keyboard in the message box. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLTextAreaElement>('[part="input"]')?.focus(options),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('peer') || changed.has('conversationId')) this.#follow();
  }

  protected override updated(): void {
    this.scroller.afterRender(this.#messages.value, this.#me.value?.id ?? '');
  }

  protected override render() {
    if (!this.conversationId && !this.peer) return nothing;
    return renderChatWindow(this);
  }

  setMode(mode: 'chat' | 'invite' | 'topic'): void {
    this.mode = mode;
    this.problem = '';
    if (mode !== 'invite') this.picker.reset();
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const target =
        mode === 'invite' ? '#invite-input' : mode === 'topic' ? '#topic-input' : '[part="input"]';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  report(error: unknown): void {
    this.problem = error instanceof Error && error.message ? error.message : 'That did not work; try again.';
    this.requestUpdate();
  }

  async invite(people: DirectoryPerson[]): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    const ids = people.map((p) => p.id);
    try {
      if (this.#conversation.value?.kind === 'nway' || (!this.peer && this.conversationId)) {
        await handle.invite(ids);
      } else {
        const from = await handle.id();
        const upgraded = await handle.upgrade(ids);
        const conversationId = await upgraded.id();
        this.peer = '';
        this.conversationId = conversationId;
        this.#fire<ChatUpgradedDetail>('st-chat-upgraded', { from, conversationId });
      }
      this.setMode('chat');
    } catch (error) {
      this.report(error);
    }
  }

  async setTopic(topic: string): Promise<void> {
    try {
      await this.handle?.setTopic(topic.trim() ? topic.trim() : null);
      this.setMode('chat');
    } catch (error) {
      this.report(error);
    }
  }

  async accept(): Promise<void> {
    try {
      await this.handle?.accept();
      this.focus();
    } catch (error) {
      this.report(error);
    }
  }

  async leave(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    try {
      const conversationId = await handle.id();
      await handle.leave();
      this.left = true;
      this.requestUpdate();
      this.#fire<ChatLeftDetail>('st-chat-left', { conversationId });
    } catch (error) {
      this.report(error);
    }
  }

  #follow(): void {
    this.left = false;
    this.mode = 'chat';
    this.scroller.reset();
    const { conversationId, peer } = this;
    const handle$: Observable<ConversationHandle | undefined> =
      conversationId || peer
        ? this.client$.pipe(
            map((client) =>
              conversationId ? client.chat.conversation(conversationId) : client.chat.im(peer),
            ),
          )
        : of(undefined);
    const from = <T>(pick: (handle: ConversationHandle) => Observable<T>) =>
      handle$.pipe(
        switchMap((handle) => {
          this.#handle = handle;
          return handle ? pick(handle) : of<T>();
        }),
      );
    this.#conversation.observe(from((h) => h.conversation$));
    this.#messages.observe(from((h) => h.messages$));
    this.#history.observe(from((h) => h.history$));
    this.#typing.observe(from((h) => h.typing$));
    this.#notices.observe(from((h) => h.notices$));
  }

  #fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementEventMap {
    'st-chat-left': CustomEvent<ChatLeftDetail>;
    'st-chat-upgraded': CustomEvent<ChatUpgradedDetail>;
  }
}
