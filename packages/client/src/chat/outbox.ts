/**
 * The outbox: what was typed, kept (in IndexedDB by default) until the proxy has stored it, and
 * sent in order exactly once. Each message gets a client id when typed; a send whose answer was
 * lost is repeated with the same id and the proxy answers the stored message instead of storing a
 * second one. An entry leaves the outbox only once the proxy has answered 200/201 for it.
 *
 * A transient failure (no network, a 5xx, a 429) stops sending until `flush()` is called again (on
 * reconnect, when the device comes online) or the backoff timer fires; a refusal for good (too
 * long, not a participant) marks the entry failed and the next one goes.
 */
import type { ChatMessage } from '@st/protocol/core';
import { BehaviorSubject } from 'rxjs';
import { Backoff } from '../backoff.ts';
import { StAuthError, StError, StNetworkError, StRateLimitError, StServerError } from '../errors.ts';
import type { ChatStorageLike, OutboxEntry } from './chat-storage.ts';
import { newClientId } from './client-ids.ts';

export interface OutboxConfig {
  /** Stores one message at the proxy (throws an `StError`). */
  send(entry: OutboxEntry): Promise<ChatMessage>;
  /** The proxy stored an entry: the transcript shows the stored message. */
  stored(message: ChatMessage, entry: OutboxEntry): void;
  backoff?: Backoff;
  now?: () => number;
}

interface Waiter {
  resolve(message: ChatMessage): void;
  reject(error: unknown): void;
}

/** Whether a failure may pass by itself (so the entry is sent again later) or is final. */
export function isTransient(error: unknown): boolean {
  return (
    !(error instanceof StError) ||
    error instanceof StNetworkError ||
    error instanceof StServerError ||
    error instanceof StRateLimitError ||
    error instanceof StAuthError
  );
}

export class Outbox {
  /** Every entry, oldest first. */
  readonly entries$ = new BehaviorSubject<OutboxEntry[]>([]);
  private readonly waiters = new Map<string, Waiter>();
  private readonly backoff: Backoff;
  private storage: ChatStorageLike | undefined;
  private userId: string | undefined;
  private flushing = false;
  private stopped = false;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped at reset, so a send in flight for the previous login changes nothing. */
  private generation = 0;

  constructor(private readonly config: OutboxConfig) {
    this.backoff = config.backoff ?? new Backoff({ initialDelayMs: 1000, maxDelayMs: 30_000 });
  }

  /** Use this person's outbox: what a previous page left unsent is sent now. */
  async open(userId: string, storage: ChatStorageLike): Promise<void> {
    if (this.userId === userId) return;
    this.reset();
    const generation = this.generation;
    this.userId = userId;
    this.storage = storage;
    let kept: OutboxEntry[] = [];
    try {
      kept = await storage.outbox.load(userId);
    } catch {
      // Storage is an aid: without it the outbox lives as long as the page.
    }
    if (generation !== this.generation) return;
    const known = new Set(this.entries.map((e) => e.clientId));
    const merged = [...this.entries, ...kept.filter((e) => !known.has(e.clientId))];
    this.entries$.next(merged.sort((a, b) => a.queuedAt - b.queuedAt));
    this.flush();
  }

  get entries(): OutboxEntry[] {
    return this.entries$.value;
  }

  /** Queues a message; settles once the proxy stored it (or refused it for good). */
  enqueue(target: { conversationId?: string; peerId?: string }, text: string): Promise<ChatMessage> {
    const entry: OutboxEntry = {
      clientId: newClientId(),
      conversationId: target.conversationId,
      peerId: target.conversationId ? undefined : target.peerId,
      text,
      queuedAt: Math.max(this.now(), (this.entries.at(-1)?.queuedAt ?? 0) + 1),
      failed: undefined,
    };
    const done = new Promise<ChatMessage>((resolve, reject) =>
      this.waiters.set(entry.clientId, { resolve, reject }),
    );
    this.entries$.next([...this.entries, entry]);
    // Kept before it leaves, so a page closed mid-send still sends it next time.
    void this.persist(entry).finally(() => this.flush());
    return done;
  }

  /** Sends the entries now (after a reconnect, when the device is online again). */
  flush(): void {
    if (this.stopped) return;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    void this.drain().finally(() => {
      this.flushing = false;
      if (this.again) {
        this.again = false;
        this.flush();
      }
    });
  }

  retry(clientId: string): void {
    const entry = this.entries.find((e) => e.clientId === clientId);
    if (!entry || entry.failed === undefined) return;
    this.replace({ ...entry, failed: undefined });
    this.flush();
  }

  discard(clientId: string): void {
    this.remove(clientId);
    this.waiters.get(clientId)?.reject(new StError('ST_ERR_VALIDATION', 0, 'The message was discarded.'));
    this.waiters.delete(clientId);
  }

  /** Stop sending for good (the client closes): entries stay in storage for the next visit. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Forget everything (logout, another person); waiting sends are rejected. */
  reset(): void {
    this.generation++;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.backoff.reset();
    for (const waiter of this.waiters.values()) {
      waiter.reject(new StAuthError('ST_ERR_UNAUTHENTICATED', 0, 'Logged out before the message was sent.'));
    }
    this.waiters.clear();
    this.userId = undefined;
    this.storage = undefined;
    this.entries$.next([]);
  }

  private async drain(): Promise<void> {
    const generation = this.generation;
    for (;;) {
      const entry = this.entries.find((e) => e.failed === undefined);
      if (!entry || generation !== this.generation) return;
      let message: ChatMessage;
      try {
        message = await this.config.send(entry);
      } catch (error) {
        if (generation !== this.generation) return;
        if (isTransient(error)) return this.retryLater(error);
        this.fail(entry, error);
        continue;
      }
      if (generation !== this.generation) return;
      this.backoff.reset();
      this.config.stored(message, entry);
      this.remove(entry.clientId);
      this.waiters.get(entry.clientId)?.resolve(message);
      this.waiters.delete(entry.clientId);
    }
  }

  private retryLater(error: unknown): void {
    // A lost login waits for the next login or resume, which flushes.
    if (error instanceof StAuthError || this.stopped) return;
    const wait = error instanceof StRateLimitError && error.retryAfterMs ? error.retryAfterMs : 0;
    const delay = Math.max(wait, this.backoff.next());
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.flush();
    }, delay);
  }

  private fail(entry: OutboxEntry, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = { ...entry, failed: reason || 'The proxy refused the message.' };
    this.replace(failed);
    void this.persist(failed);
    this.waiters.get(entry.clientId)?.reject(error);
    this.waiters.delete(entry.clientId);
  }

  private replace(entry: OutboxEntry): void {
    this.entries$.next(this.entries.map((e) => (e.clientId === entry.clientId ? entry : e)));
  }

  private remove(clientId: string): void {
    if (!this.entries.some((e) => e.clientId === clientId)) return;
    this.entries$.next(this.entries.filter((e) => e.clientId !== clientId));
    const { storage, userId } = this;
    if (storage && userId) storage.outbox.remove(userId, clientId).catch(ignore);
  }

  private async persist(entry: OutboxEntry): Promise<void> {
    const { storage, userId } = this;
    if (!storage || !userId) return;
    try {
      await storage.outbox.put(userId, entry);
    } catch {
      // Without storage the entry still goes; it just would not survive a closed page.
    }
  }

  private now(): number {
    return (this.config.now ?? Date.now)();
  }
}

function ignore(): void {}
