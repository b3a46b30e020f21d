/**
 * My conversations as one shared list: loaded when first needed (the IndexedDB copy at once, then
 * the proxy's), kept current by the chat events, most recently active first. Each entry is the
 * proxy's `ConversationSummary`; the unread count and last message follow messages and my own read
 * receipts as they arrive.
 */
import type { ChatMessage, Conversation, ConversationSummary, ReceiptEvent } from '@st/protocol/core';
import { BehaviorSubject, map, type Observable } from 'rxjs';

export interface ConversationListConfig {
  me(): string | undefined;
  /** Asked for a conversation a message or receipt named that the list does not hold. */
  fetch(id: string): Promise<ConversationSummary>;
  /** Unread messages after `readSeq` when the transcript is loaded here (`undefined` when it is not). */
  unreadFromTranscript(id: string, readSeq: number): number | undefined;
}

/** The time a conversation was last active, for ordering. */
function activity(c: ConversationSummary): string {
  return c.lastMessage?.sentAt ?? c.createdAt;
}

export function byActivity(a: ConversationSummary, b: ConversationSummary): number {
  const x = activity(a);
  const y = activity(b);
  return x < y ? 1 : x > y ? -1 : 0;
}

export class ConversationList {
  readonly byId$ = new BehaviorSubject<ReadonlyMap<string, ConversationSummary>>(new Map());
  readonly list$: Observable<ConversationSummary[]>;
  /** Bumped by every change, so a load that left before one never undoes it. */
  private changes = 0;
  private readonly fetching = new Map<string, Promise<ConversationSummary | undefined>>();
  /**
   * Conversations I left here: an event sent before I left may still be on its way, and must not
   * bring the conversation back. A new invitation does.
   */
  private readonly left = new Set<string>();

  constructor(private readonly config: ConversationListConfig) {
    this.list$ = this.byId$.pipe(map((byId) => [...byId.values()].sort(byActivity)));
  }

  get(id: string): ConversationSummary | undefined {
    return this.byId$.value.get(id);
  }

  get all(): ConversationSummary[] {
    return [...this.byId$.value.values()];
  }

  get changeCount(): number {
    return this.changes;
  }

  /** A whole list from the proxy (or the cache): entries changed since `since` keep their newer state. */
  replace(list: ConversationSummary[], since: number): void {
    const current = this.byId$.value;
    const next = new Map<string, ConversationSummary>();
    for (const loaded of list) {
      const known = current.get(loaded.id);
      next.set(loaded.id, since !== this.changes && known && known.lastSeq > loaded.lastSeq ? known : loaded);
    }
    // Conversations that arrived by event while the list was on its way stay.
    if (since !== this.changes) for (const [id, known] of current) if (!next.has(id)) next.set(id, known);
    this.publish(next);
  }

  /**
   * A conversation as the proxy sent it (an answer, or an event: created, invited, a change), kept
   * with its unread count; dropped when I am no longer one of its participants.
   */
  upsert(
    conversation: Conversation | ConversationSummary,
    fromEvent = false,
  ): ConversationSummary | undefined {
    if (fromEvent && this.left.has(conversation.id)) return undefined;
    const me = this.config.me();
    if (me && !conversation.participants.some((p) => p.id === me)) {
      this.remove(conversation.id);
      return undefined;
    }
    const known = this.get(conversation.id);
    const summary: ConversationSummary = {
      ...conversation,
      unread: 'unread' in conversation ? conversation.unread : (known?.unread ?? 0),
      lastMessage: 'lastMessage' in conversation ? conversation.lastMessage : (known?.lastMessage ?? null),
    };
    if (known && known.lastSeq > summary.lastSeq) {
      summary.lastSeq = known.lastSeq;
      summary.lastMessage = known.lastMessage;
      summary.unread = known.unread;
    }
    this.set(summary);
    return summary;
  }

  /** I left (or declined): the conversation goes, and late events about it are ignored. */
  leave(id: string): void {
    this.left.add(id);
    this.remove(id);
  }

  /** I was invited again. */
  invited(id: string): void {
    this.left.delete(id);
  }

  remove(id: string): void {
    if (!this.byId$.value.has(id)) return;
    const next = new Map(this.byId$.value);
    next.delete(id);
    this.publish(next);
  }

  /** A message arrived (live, replayed, or the answer to my own send). */
  async message(message: ChatMessage): Promise<ConversationSummary | undefined> {
    const known = this.get(message.conversationId) ?? (await this.load(message.conversationId));
    const current = known && this.get(known.id);
    if (!current) return undefined;
    if (current.lastMessage && current.lastMessage.seq >= message.seq) return current;
    const me = this.config.me();
    const myRead = current.participants.find((p) => p.id === me)?.readSeq ?? 0;
    const fromOther = message.from.id !== me;
    const summary: ConversationSummary = {
      ...current,
      lastSeq: Math.max(current.lastSeq, message.seq),
      lastMessage: message,
      // A message already counted by the proxy's summary (seq ≤ lastSeq) is not counted twice.
      unread:
        fromOther && message.seq > myRead && message.seq > current.lastSeq
          ? current.unread + 1
          : current.unread,
    };
    this.set(summary);
    return summary;
  }

  /** Where someone's receipts stand now; mine move my unread count. */
  receipt(event: Pick<ReceiptEvent, 'conversationId' | 'userId' | 'deliveredSeq' | 'readSeq'>): void {
    const current = this.get(event.conversationId);
    if (!current) return;
    const participants = current.participants.map((p) =>
      p.id === event.userId
        ? {
            ...p,
            deliveredSeq: Math.max(p.deliveredSeq, event.deliveredSeq),
            readSeq: Math.max(p.readSeq, event.readSeq),
          }
        : p,
    );
    let unread = current.unread;
    if (event.userId === this.config.me()) {
      unread =
        event.readSeq >= current.lastSeq
          ? 0
          : (this.config.unreadFromTranscript(current.id, event.readSeq) ??
            Math.min(unread, current.lastSeq - event.readSeq));
    }
    this.set({ ...current, participants, unread });
  }

  clear(): void {
    this.fetching.clear();
    this.left.clear();
    this.changes++;
    this.byId$.next(new Map());
  }

  /** Fetches a conversation the list does not hold (once, however many events name it). */
  load(id: string): Promise<ConversationSummary | undefined> {
    let pending = this.fetching.get(id);
    if (!pending) {
      pending = this.config.fetch(id).then(
        (summary) => this.upsert(summary),
        () => undefined,
      );
      this.fetching.set(id, pending);
      const settled = () => this.fetching.delete(id);
      pending.then(settled, settled);
    }
    return pending;
  }

  private set(summary: ConversationSummary): void {
    const next = new Map(this.byId$.value);
    next.set(summary.id, summary);
    this.publish(next);
  }

  private publish(next: Map<string, ConversationSummary>): void {
    this.changes++;
    this.byId$.next(next);
  }
}
