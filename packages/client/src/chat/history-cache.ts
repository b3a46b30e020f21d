/**
 * Recent history kept between visits: the newest messages of each conversation opened here and the
 * conversation list, so a reloaded page shows them before the proxy answers. Writes are collected
 * and saved shortly after the last change; any storage failure turns the cache off quietly.
 */
import type { ChatMessage, ConversationSummary } from '@st/protocol/core';
import { isChatMessage, isConversationSummary } from './chat-shapes.ts';
import type { ChatStorageLike } from './chat-storage.ts';

/** Messages kept per conversation: the newest two pages. */
export const CACHED_MESSAGES = 100;
const SAVE_DELAY_MS = 300;
const LIST_KEY = 'conversations';
const messagesKey = (id: string) => `messages:${id}`;

export interface CachedTranscript {
  messages: ChatMessage[];
  /** The proxy has messages older than these. */
  hasOlder: boolean;
  /** Those that waited for this person while offline. */
  offline: number[];
}

function readTranscript(value: unknown): CachedTranscript | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { messages, hasOlder, offline } = value as Record<string, unknown>;
  if (!Array.isArray(messages) || !messages.every(isChatMessage) || typeof hasOlder !== 'boolean') return;
  const seqs = Array.isArray(offline) ? offline.filter((n): n is number => typeof n === 'number') : [];
  return { messages, hasOlder, offline: seqs };
}

export class HistoryCache {
  private readonly pending = new Map<string, unknown>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private broken = false;

  constructor(
    private readonly storage: ChatStorageLike,
    readonly userId: string,
  ) {}

  async transcript(id: string): Promise<CachedTranscript | undefined> {
    return readTranscript(await this.read(messagesKey(id)));
  }

  async conversations(): Promise<ConversationSummary[] | undefined> {
    const list = await this.read(LIST_KEY);
    return Array.isArray(list) && list.every(isConversationSummary) ? list : undefined;
  }

  /** Keeps the newest messages (and whether older ones exist beyond them). */
  saveTranscript(
    id: string,
    messages: readonly ChatMessage[],
    hasOlder: boolean,
    offline: ReadonlySet<number>,
  ) {
    const kept = messages.slice(-CACHED_MESSAGES);
    const transcript: CachedTranscript = {
      messages: kept,
      hasOlder: hasOlder || kept.length < messages.length,
      offline: kept.filter((m) => offline.has(m.seq)).map((m) => m.seq),
    };
    this.write(messagesKey(id), transcript);
  }

  saveConversations(list: readonly ConversationSummary[]): void {
    this.write(LIST_KEY, list);
  }

  /** Save what waits now (the client closes, or another person logs in). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.flushPending();
  }

  /** Stop saving (logout: the databases are about to be deleted). */
  stop(): void {
    this.broken = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private async read(key: string): Promise<unknown> {
    if (this.broken) return undefined;
    try {
      return await this.storage.history.get(this.userId, key);
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  private write(key: string, value: unknown): void {
    if (this.broken) return;
    this.pending.set(key, value);
    if (this.timer === undefined) this.timer = setTimeout(() => this.flushPending(), SAVE_DELAY_MS);
  }

  private flushPending(): void {
    this.timer = undefined;
    const writes = [...this.pending];
    this.pending.clear();
    for (const [key, value] of writes) {
      this.storage.history.put(this.userId, key, value).catch(() => {
        this.broken = true;
      });
    }
  }
}
