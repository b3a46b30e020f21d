/**
 * What happens when a chat arrives: its tab appears at once (behind the one being read, unless the
 * person prefers chats brought to the front; keyboard focus never moves), and while the page is
 * hidden a desktop notification and a sound get their attention. Invitations open a tab too, where
 * Accept and Decline wait.
 */
import type {
  ConversationSummary,
  IncomingInvitation,
  IncomingMessage,
  Preferences,
  StClient,
} from '@st/client';
import { combineLatest, Subscription, startWith } from 'rxjs';
import {
  attentionFor,
  notificationPermission,
  notificationText,
  playChime,
  showNotification,
} from './attention.ts';
import { type ChatTabs, type ChatTarget, imPeer } from './chat-tabs.ts';

export interface IncomingChatsConfig {
  client: StClient;
  tabs: ChatTabs;
  myId: string;
  /** The person chose a notification: show that chat. */
  reveal(target: ChatTarget): void;
  /** Test seams: the page's visibility and the browser's attention-getters. */
  hidden?: () => boolean;
  notify?: typeof showNotification;
  chime?: () => void;
}

export class IncomingChats {
  private readonly subscriptions = new Subscription();
  private preferences: Preferences | undefined;
  private conversations: ConversationSummary[] = [];

  constructor(private readonly config: IncomingChatsConfig) {}

  start(): void {
    const { client } = this.config;
    this.subscriptions.add(
      combineLatest([
        client.settings.preferences$.pipe(startWith(undefined)),
        client.chat.conversations$.pipe(startWith([] as ConversationSummary[])),
      ]).subscribe({
        next: ([preferences, conversations]) => {
          this.preferences = preferences;
          this.conversations = conversations;
        },
        error: () => undefined,
      }),
    );
    this.subscriptions.add(client.chat.incoming$.subscribe((incoming) => this.message(incoming)));
    this.subscriptions.add(client.chat.invited$.subscribe((invitation) => this.invitation(invitation)));
  }

  stop(): void {
    this.subscriptions.unsubscribe();
  }

  private targetOf(conversationId: string, conversation: ConversationSummary | undefined): ChatTarget {
    const peer = conversation && imPeer(conversation, this.config.myId);
    return peer ? { peer } : { conversationId };
  }

  private message(incoming: IncomingMessage): void {
    const { message, conversation } = incoming;
    const target = this.targetOf(message.conversationId, conversation);
    const front = this.preferences?.bringChatToFront === true;
    this.config.tabs.open(target, front, this.conversations);
    this.getAttention(notificationText(incoming, this.config.myId), message.conversationId, target);
  }

  private invitation(invitation: IncomingInvitation): void {
    const target = { conversationId: invitation.conversation.id };
    this.config.tabs.open(target, this.preferences?.bringChatToFront === true, this.conversations);
    const text = {
      title: `${invitation.from.displayName} invited you to a chat`,
      body: invitation.conversation.topic ?? '',
    };
    this.getAttention(text, invitation.conversation.id, target);
  }

  private getAttention(text: { title: string; body: string }, tag: string, target: ChatTarget): void {
    const hidden =
      this.config.hidden ?? (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
    const plan = attentionFor({
      hidden: hidden(),
      permission: notificationPermission(),
      preferences: this.preferences,
    });
    if (plan.notify) (this.config.notify ?? showNotification)(text, tag, () => this.config.reveal(target));
    if (plan.sound) (this.config.chime ?? playChime)();
  }
}
