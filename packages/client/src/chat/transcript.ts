/**
 * One conversation's transcript as this client holds it: the newest page when first observed (the
 * IndexedDB copy at once, then what the proxy has after it), older pages on request, live messages
 * as they arrive. A hole in the numbering (events missed while the stream was away) is filled from
 * the proxy by itself.
 */
import { type ChatMessage, LIMITS } from '@st/protocol/core';
import { BehaviorSubject } from 'rxjs';
import type { ChatApi } from './chat-api.ts';
import type { HistoryState } from './chat-types.ts';
import type { HistoryCache } from './history-cache.ts';
import { mergeMessages, newestSeq } from './timeline.ts';

export const PAGE_SIZE = LIMITS.historyPageDefault;

export interface TranscriptConfig {
  api: ChatApi;
  cache(): HistoryCache | undefined;
  /** Messages reached this client (live or from history): delivery receipts go out for them. */
  arrived(conversationId: string, messages: readonly ChatMessage[]): void;
}

export class Transcript {
  readonly messages$ = new BehaviorSubject<ChatMessage[]>([]);
  /** Loading from the start: nothing is shown until the first page (or the cache) is in. */
  readonly history$ = new BehaviorSubject<HistoryState>({ loading: true, hasOlder: true });
  /** `seq`s of messages that waited for this person while offline. */
  readonly offline = new Set<number>();
  private started: Promise<void> | undefined;
  private olderLoading: Promise<boolean> | undefined;
  private catchingUp: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly id: string,
    private readonly config: TranscriptConfig,
  ) {}

  get messages(): ChatMessage[] {
    return this.messages$.value;
  }

  /** Loads the newest messages once (the cache first); later calls wait for the same load. */
  start(): Promise<void> {
    this.started ??= this.loadNewest().then(
      // Live messages that came before the first page may leave a hole between them and it.
      () => (contiguousNewest(this.messages) < newestSeq(this.messages) ? this.catchUp() : undefined),
      (error: unknown) => this.failed(error),
    );
    return this.started;
  }

  /** Messages from anywhere: events, send answers, pages. */
  add(messages: readonly ChatMessage[], offline = false): void {
    if (this.stopped || messages.length === 0) return;
    const before = this.messages;
    const newest = newestSeq(before);
    if (offline) for (const message of messages) this.offline.add(message.seq);
    this.publish(mergeMessages(before, messages));
    // Numbering is contiguous per conversation: a message past a hole means some never reached us.
    const first = Math.min(...messages.map((m) => m.seq));
    if (this.started && newest > 0 && first > newest + 1) void this.catchUp();
  }

  /** The next older page; resolves whether older ones remain. */
  loadOlder(): Promise<boolean> {
    if (this.olderLoading) return this.olderLoading;
    const state = this.history$.value;
    const oldest = this.messages[0]?.seq;
    if (oldest !== undefined && (!state.hasOlder || oldest <= 1)) return Promise.resolve(false);
    this.history$.next({ loading: true, hasOlder: state.hasOlder });
    const loading = (async () => {
      try {
        const page = await this.config.api.history(this.id, {
          ...(oldest === undefined ? {} : { before: oldest }),
          limit: PAGE_SIZE,
        });
        this.add(page.messages);
        this.history$.next({ loading: false, hasOlder: page.hasMore });
        this.saveToCache();
        return page.hasMore;
      } catch (error) {
        this.failed(error);
        throw error;
      } finally {
        this.olderLoading = undefined;
      }
    })();
    this.olderLoading = loading;
    return loading;
  }

  /** Fetches whatever came after the last message held without a hole (after a lost stream). */
  catchUp(): Promise<void> {
    if (!this.started) return Promise.resolve();
    this.catchingUp ??= this.fetchAfter(contiguousNewest(this.messages)).finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  stop(): void {
    this.stopped = true;
  }

  private async loadNewest(): Promise<void> {
    const cached = await this.config.cache()?.transcript(this.id);
    if (cached && cached.messages.length > 0 && !this.stopped) {
      for (const seq of cached.offline) this.offline.add(seq);
      this.publish(mergeMessages(this.messages, cached.messages));
      this.history$.next({ loading: true, hasOlder: cached.hasOlder });
      await this.fetchAfter(newestSeq(cached.messages), cached.hasOlder);
      return;
    }
    this.history$.next({ loading: true, hasOlder: true });
    const page = await this.config.api.history(this.id, { limit: PAGE_SIZE });
    this.add(page.messages);
    this.config.arrived(this.id, page.messages);
    this.history$.next({ loading: false, hasOlder: page.hasMore });
    this.saveToCache();
  }

  /**
   * Messages after `seq`. When more came than one page holds, the newest page replaces what was
   * held (the transcript starts over there; older pages load on request).
   */
  private async fetchAfter(seq: number, hasOlder = this.history$.value.hasOlder): Promise<void> {
    try {
      const page = await this.config.api.history(this.id, { after: seq, limit: LIMITS.historyPageMax });
      if (page.hasMore) {
        const newest = await this.config.api.history(this.id, { limit: PAGE_SIZE });
        if (this.stopped) return;
        this.publish(mergeMessages([], [...newest.messages, ...this.messages.filter((m) => m.seq > seq)]));
        this.config.arrived(this.id, newest.messages);
        this.history$.next({ loading: false, hasOlder: true });
      } else {
        this.add(page.messages);
        this.config.arrived(this.id, page.messages);
        this.history$.next({ loading: false, hasOlder });
      }
      this.saveToCache();
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    const state = this.history$.value;
    this.history$.next({
      loading: false,
      hasOlder: state.hasOlder,
      error: error instanceof Error ? error : new Error(String(error)),
    });
  }

  private publish(messages: ChatMessage[]): void {
    if (messages === this.messages) return;
    this.messages$.next(messages);
    this.saveToCache();
  }

  private saveToCache(): void {
    if (this.stopped) return;
    this.config.cache()?.saveTranscript(this.id, this.messages, this.history$.value.hasOlder, this.offline);
  }
}

/** The newest `seq` reached from the oldest held without skipping one (0 when none is held). */
export function contiguousNewest(sorted: readonly ChatMessage[]): number {
  if (sorted.length === 0) return 0;
  let seq = sorted[0]!.seq;
  for (let i = 1; i < sorted.length && sorted[i]!.seq === seq + 1; i++) seq = sorted[i]!.seq;
  return seq;
}
