/**
 * A handle on one conversation (`client.chat.conversation(id)` or `client.chat.im(peerId)`): its
 * streams start work when first observed and the handle itself holds nothing, so handles are cheap
 * and shared.
 */
import {
  type ChatMessage,
  type ConversationSummary,
  isSendableText,
  LIMITS,
  messageCharacters,
  type Participant,
  type UserSummary,
} from '@st/protocol/core';
import {
  combineLatest,
  defer,
  distinctUntilChanged,
  filter,
  finalize,
  from,
  map,
  type Observable,
  of,
  shareReplay,
  startWith,
  switchMap,
} from 'rxjs';
import { StValidationError } from '../errors.ts';
import type { ChatApi } from './chat-api.ts';
import type { OutboxEntry } from './chat-storage.ts';
import type { ConversationHandle, HistoryState, TimelineMessage } from './chat-types.ts';
import type { ConversationList } from './conversation-list.ts';
import type { Outbox } from './outbox.ts';
import type { ConversationNotice, Room } from './room.ts';
import { newestSeq, timelineOf } from './timeline.ts';

/** What a handle needs from the chat service. */
export interface HandleContext {
  api: ChatApi;
  list: ConversationList;
  outbox: Outbox;
  me(): UserSummary | null;
  room(id: string): Room;
  /** The id of the 1:1 with `peerId` (from the list, else found or created at the proxy). */
  imId(peerId: string): Promise<string>;
  /** Counts observers, so the event stream is open while anyone looks. */
  observe<T>(source: Observable<T>): Observable<T>;
  handle(id: string): ConversationHandle;
  markRead(id: string, seq: number): Promise<void>;
  /** Emits whenever the connection is back, so a failed lookup is tried again. */
  reconnected$: Observable<unknown>;
}

export class Handle implements ConversationHandle {
  readonly conversation$: Observable<ConversationSummary>;
  readonly messages$: Observable<TimelineMessage[]>;
  readonly history$: Observable<HistoryState>;
  readonly typing$: Observable<UserSummary[]>;
  readonly participants$: Observable<Participant[]>;
  readonly notices$: Observable<ConversationNotice[]>;
  /** The id once known; `undefined` until then (shared by every stream of this handle). */
  private readonly id$: Observable<string | undefined>;
  private knownId: string | undefined;

  constructor(
    private readonly context: HandleContext,
    target: { id: string } | { peerId: string },
  ) {
    this.peerId = 'peerId' in target ? target.peerId : undefined;
    this.knownId = 'id' in target ? target.id : undefined;
    const resolving$ = context.reconnected$.pipe(
      startWith(undefined),
      switchMap(() => from(this.id().then(identity, () => undefined))),
      filter((id) => id !== undefined),
      startWith(undefined),
      distinctUntilChanged(),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    // Once known (from the target, or a lookup), the id is there at once for every new observer.
    this.id$ = defer(() => (this.knownId ? of(this.knownId) : resolving$));
    const withId = <T>(project: (id: string) => Observable<T>, before?: T): Observable<T> =>
      context.observe(
        this.id$.pipe(switchMap((id) => (id ? project(id) : before === undefined ? of<T>() : of(before)))),
      );
    this.conversation$ = withId((id) => this.summary$(id));
    this.participants$ = this.conversation$.pipe(
      map((c) => c.participants),
      distinctUntilChanged(),
    );
    this.messages$ = context.observe(
      this.id$.pipe(switchMap((id) => (id ? this.timeline$(id) : this.pendingOnly$()))),
    );
    this.history$ = withId(
      (id) =>
        defer(() => {
          const { transcript } = context.room(id);
          void transcript.start();
          return transcript.history$;
        }),
      { loading: true, hasOlder: false },
    );
    this.notices$ = withId((id) => context.room(id).notices$, []);
    this.typing$ = withId((id) => this.typists$(id), []);
  }

  readonly peerId: string | undefined;

  async id(): Promise<string> {
    this.knownId ??= await this.context.imId(this.peerId!);
    return this.knownId;
  }

  send(text: string): Promise<ChatMessage> {
    if (!isSendableText(text)) {
      const tooLong = messageCharacters(text) > LIMITS.messageLength;
      return Promise.reject(
        new StValidationError(
          tooLong ? 'ST_ERR_MESSAGE_TOO_LONG' : 'ST_ERR_VALIDATION',
          0,
          tooLong
            ? `A message may have at most ${LIMITS.messageLength.toLocaleString('en')} characters.`
            : 'The message is empty.',
        ),
      );
    }
    if (this.knownId) this.context.room(this.knownId).sender.set(false);
    return this.context.outbox.enqueue({ conversationId: this.knownId, peerId: this.peerId }, text);
  }

  retry(clientId: string): void {
    this.context.outbox.retry(clientId);
  }

  discard(clientId: string): void {
    this.context.outbox.discard(clientId);
  }

  async loadOlder(): Promise<boolean> {
    const transcript = this.context.room(await this.id()).transcript;
    await transcript.start();
    return transcript.loadOlder();
  }

  async markRead(seq?: number): Promise<void> {
    const id = await this.id();
    const upTo = seq ?? Math.max(newestSeq(this.context.room(id).transcript.messages), 0);
    if (upTo > 0) await this.context.markRead(id, upTo);
  }

  setTyping(typing: boolean): void {
    if (this.knownId) this.context.room(this.knownId).sender.set(typing);
    else if (typing) void this.id().then((id) => this.context.room(id).sender.set(true), identity);
  }

  async invite(ids: string[]): Promise<ConversationSummary> {
    return this.keep(await this.context.api.invite(await this.id(), ids));
  }

  async upgrade(ids: string[], topic?: string): Promise<ConversationHandle> {
    const id = await this.id();
    const current = this.context.list.get(id) ?? (await this.context.api.conversation(id));
    const me = this.context.me()?.id;
    const others = current.participants.map((p) => p.id).filter((p) => p !== me);
    const everyone = [...new Set([...others, ...ids])];
    const created = this.keep(await this.context.api.create(everyone, topic, id));
    return this.context.handle(created.id);
  }

  async setTopic(topic: string | null): Promise<ConversationSummary> {
    return this.keep(await this.context.api.setTopic(await this.id(), topic));
  }

  async accept(): Promise<ConversationSummary> {
    return this.keep(await this.context.api.accept(await this.id()));
  }

  async leave(): Promise<void> {
    const id = await this.id();
    this.context.room(id).sender.stop();
    await this.context.api.leave(id);
    this.context.list.leave(id);
  }

  private keep(summary: ConversationSummary): ConversationSummary {
    return this.context.list.upsert(summary) ?? summary;
  }

  private summary$(id: string): Observable<ConversationSummary> {
    const { list } = this.context;
    return defer(() => {
      if (!list.get(id)) void list.load(id);
      return list.byId$.pipe(
        map((byId) => byId.get(id)),
        filter((c): c is ConversationSummary => c !== undefined),
        distinctUntilChanged(),
      );
    });
  }

  private timeline$(id: string): Observable<TimelineMessage[]> {
    const room = this.context.room(id);
    return defer(() => {
      void room.transcript.start();
      return combineLatest([room.transcript.messages$, this.pending$(id)]).pipe(
        map(([stored, pending]) => timelineOf(id, stored, room.transcript.offline, pending, this.me())),
      );
    });
  }

  /** Before a 1:1's id is known (offline, the first time): what waits in the outbox for the person. */
  private pendingOnly$(): Observable<TimelineMessage[]> {
    return this.pending$(undefined).pipe(map((pending) => timelineOf('', [], new Set(), pending, this.me())));
  }

  private pending$(id: string | undefined) {
    return this.context.outbox.entries$.pipe(
      map((entries) => entries.filter((e) => this.isMine(e, id))),
      distinctUntilChanged((a, b) => a.length === b.length && a.every((e, i) => e === b[i])),
    );
  }

  private isMine(entry: OutboxEntry, id: string | undefined): boolean {
    return (
      (id !== undefined && entry.conversationId === id) || (!!this.peerId && entry.peerId === this.peerId)
    );
  }

  private typists$(id: string): Observable<UserSummary[]> {
    const room = this.context.room(id);
    return combineLatest([room.typing.typing$, this.summary$(id).pipe(startWith(undefined))]).pipe(
      map(([ids, conversation]) =>
        ids.map(
          (userId) =>
            conversation?.participants.find((p) => p.id === userId) ?? { id: userId, displayName: userId },
        ),
      ),
      map((people) => people.map((p) => ({ id: p.id, displayName: p.displayName }))),
    );
  }

  private me(): UserSummary {
    return this.context.me() ?? { id: '', displayName: '' };
  }
}

function identity<T>(value: T): T {
  return value;
}

/** Keeps a stream's observers counted while subscribed (used by the service). */
export function counted<T>(source: Observable<T>, count: (delta: 1 | -1) => void): Observable<T> {
  return defer(() => {
    count(1);
    return source.pipe(finalize(() => count(-1)));
  });
}
