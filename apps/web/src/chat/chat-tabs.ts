/**
 * The chats open in the hosted client, as data: one tab per conversation (a 1:1 by the other
 * person, an N-way one by id), which one is shown, and what each says (name, unread count). An
 * incoming chat adds its tab without taking the place of the one being read; a 1:1 that became an
 * N-way conversation keeps its tab. Free of the DOM, so it is tested as plain functions.
 */
import type { ConversationSummary } from '@st/client';
import { BehaviorSubject } from 'rxjs';

export type ChatTarget = { peer: string } | { conversationId: string };

export interface ChatTab {
  /** `im:<peer>` or the conversation id. */
  key: string;
  target: ChatTarget;
}

export interface ChatTabsState {
  tabs: ChatTab[];
  /** The tab shown; `undefined` when none is open. */
  active: string | undefined;
}

export function keyOf(target: ChatTarget): string {
  return 'peer' in target ? `im:${target.peer}` : target.conversationId;
}

export class ChatTabs {
  readonly state$ = new BehaviorSubject<ChatTabsState>({ tabs: [], active: undefined });

  /** `me`: the signed-in person's id, to tell the other person of a 1:1. */
  constructor(private readonly me: () => string = () => '') {}

  get state(): ChatTabsState {
    return this.state$.value;
  }

  /**
   * Opens a tab (or finds the one open for the same conversation). `activate`: show it (a chat the
   * person asked for); otherwise it is added behind the one shown (an incoming chat).
   */
  open(target: ChatTarget, activate: boolean, conversations: readonly ConversationSummary[] = []): string {
    const existing = this.find(target, conversations);
    const { tabs, active } = this.state;
    if (existing) {
      if (activate && active !== existing.key) this.state$.next({ tabs, active: existing.key });
      return existing.key;
    }
    const tab = { key: keyOf(target), target };
    this.state$.next({ tabs: [...tabs, tab], active: activate || active === undefined ? tab.key : active });
    return tab.key;
  }

  activate(key: string): void {
    const { tabs, active } = this.state;
    if (active !== key && tabs.some((t) => t.key === key)) this.state$.next({ tabs, active: key });
  }

  /** Closes a tab; the one after it (else before it) is shown if it was the one shown. */
  close(key: string): void {
    const { tabs, active } = this.state;
    const index = tabs.findIndex((t) => t.key === key);
    if (index < 0) return;
    const rest = tabs.filter((t) => t.key !== key);
    const next = active === key ? (rest[index] ?? rest[index - 1])?.key : active;
    this.state$.next({ tabs: rest, active: next });
  }

  /** A 1:1 continued as an N-way conversation: its tab now shows that one. */
  replace(key: string, target: ChatTarget): void {
    const { tabs, active } = this.state;
    const newKey = keyOf(target);
    if (tabs.some((t) => t.key === newKey)) {
      this.close(key);
      this.activate(newKey);
      return;
    }
    this.state$.next({
      tabs: tabs.map((t) => (t.key === key ? { key: newKey, target } : t)),
      active: active === key ? newKey : active,
    });
  }

  clear(): void {
    this.state$.next({ tabs: [], active: undefined });
  }

  /** The tab of a conversation, whether it was opened by id or (a 1:1) by the person. */
  find(target: ChatTarget, conversations: readonly ConversationSummary[]): ChatTab | undefined {
    const key = keyOf(target);
    const { tabs } = this.state;
    const direct = tabs.find((t) => t.key === key);
    if (direct) return direct;
    if ('conversationId' in target) {
      const conversation = conversations.find((c) => c.id === target.conversationId);
      const peer = conversation && imPeer(conversation, this.me());
      return peer ? tabs.find((t) => t.key === `im:${peer}`) : undefined;
    }
    const conversation = conversations.find((c) => c.kind === 'im' && imPeer(c, this.me()) === target.peer);
    return conversation ? tabs.find((t) => t.key === conversation.id) : undefined;
  }
}

/** The other person of a 1:1. */
export function imPeer(conversation: ConversationSummary, myId: string): string | undefined {
  if (conversation.kind !== 'im') return undefined;
  return conversation.participants.find((p) => p.id !== myId)?.id;
}

export interface TabView {
  key: string;
  title: string;
  unread: number;
  conversation: ConversationSummary | undefined;
}

/** What each tab shows: a name (the topic, or the other people) and its unread count. */
export function tabViews(
  tabs: readonly ChatTab[],
  conversations: readonly ConversationSummary[],
  myId: string,
  names: (userId: string) => string = (id) => id,
): TabView[] {
  return tabs.map((tab) => {
    const conversation =
      'conversationId' in tab.target
        ? conversations.find((c) => c.id === (tab.target as { conversationId: string }).conversationId)
        : conversations.find(
            (c) =>
              c.kind === 'im' &&
              c.participants.some((p) => p.id === (tab.target as { peer: string }).peer) &&
              c.participants.some((p) => p.id === myId),
          );
    return {
      key: tab.key,
      title: titleOf(tab, conversation, myId, names),
      unread: conversation?.unread ?? 0,
      conversation,
    };
  });
}

function titleOf(
  tab: ChatTab,
  conversation: ConversationSummary | undefined,
  myId: string,
  names: (id: string) => string,
): string {
  if (conversation?.topic) return conversation.topic;
  const others = conversation?.participants.filter((p) => p.id !== myId).map((p) => p.displayName) ?? [];
  if (others.length) return others.join(', ');
  return 'peer' in tab.target ? names(tab.target.peer) : 'Conversation';
}
