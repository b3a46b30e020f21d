/**
 * Chat in the SDK (`client.chat`): one conversation list, one outbox, a room per open conversation,
 * and the chat events of the stream routed to them. Opened for a person at login, cleared (memory
 * and IndexedDB) at logout.
 */
import type {
  Announcement,
  AnnouncementResponse,
  ChatEvent,
  ChatMessage,
  ConversationSummary,
  UserSummary,
} from '@st/protocol/core';
import { BehaviorSubject, distinctUntilChanged, map, type Observable, Subject, Subscription } from 'rxjs';
import type { Http } from '../http.ts';
import { ChatApi } from './chat-api.ts';
import { readChatEvent } from './chat-shapes.ts';
import { type ChatStorageLike, defaultChatStorage, memoryChatStorage } from './chat-storage.ts';
import type { ConversationHandle, IncomingInvitation, IncomingMessage, StChat } from './chat-types.ts';
import { newClientId } from './client-ids.ts';
import { counted, Handle, type HandleContext } from './conversation-handle.ts';
import { ConversationList } from './conversation-list.ts';
import { DeliveryReceipts } from './delivery-receipts.ts';
import { HistoryCache } from './history-cache.ts';
import { Outbox } from './outbox.ts';
import { Room } from './room.ts';
import { unreadAfter } from './timeline.ts';

export interface ChatServiceConfig {
  http: Http;
  /** Where the outbox and recent history are kept: `false` memory, `undefined` IndexedDB where it exists. */
  storage: ChatStorageLike | false | undefined;
  user(): UserSummary | null;
  /** Someone started observing chat: the event stream must be open. */
  observed(): void;
}

export class ChatService implements StChat {
  readonly conversations$: Observable<ConversationSummary[]>;
  readonly unread$: Observable<number>;
  readonly invitations$: Observable<ConversationSummary[]>;
  readonly invited$: Observable<IncomingInvitation>;
  readonly incoming$: Observable<IncomingMessage>;
  readonly announcements$: Observable<Announcement[]>;
  readonly announced$: Observable<{ announcement: Announcement; offline: boolean }>;

  private readonly api: ChatApi;
  private readonly list: ConversationList;
  private readonly outbox: Outbox;
  private readonly receipts: DeliveryReceipts;
  private readonly rooms = new Map<string, Room>();
  private readonly handles = new Map<string, Handle>();
  private readonly imIds = new Map<string, Promise<string>>();
  /** Offline messages seen before their conversation was opened here. */
  private readonly offlineSeqs = new Map<string, Set<number>>();
  private readonly invitations = new Subject<IncomingInvitation>();
  private readonly messages = new Subject<IncomingMessage>();
  private readonly announcements = new Subject<{ announcement: Announcement; offline: boolean }>();
  private readonly received = new BehaviorSubject<Announcement[] | undefined>(undefined);
  private readonly reconnected = new Subject<void>();
  private readonly context: HandleContext;
  private readonly subscriptions = new Subscription();
  private storage: ChatStorageLike | undefined;
  private cache: HistoryCache | undefined;
  private observers = 0;
  private listLoaded: Promise<void> | undefined;

  constructor(private readonly config: ChatServiceConfig) {
    this.api = new ChatApi(config.http);
    this.list = new ConversationList({
      me: () => this.me?.id,
      fetch: (id) => this.api.conversation(id),
      unreadFromTranscript: (id, readSeq) => {
        const room = this.rooms.get(id);
        const me = this.me?.id;
        if (!room || !me || !room.transcript.messages.length) return undefined;
        return unreadAfter(room.transcript.messages, readSeq, me);
      },
    });
    this.outbox = new Outbox({
      send: async (entry) => {
        const id = entry.conversationId ?? (await this.imId(entry.peerId!));
        return this.api.send(id, entry.text, entry.clientId);
      },
      stored: (message) => this.arrivedMessage(message, false),
    });
    this.receipts = new DeliveryReceipts({
      api: this.api,
      myPosition: (id) => this.list.get(id)?.participants.find((p) => p.id === this.me?.id),
    });
    this.subscriptions.add(this.list.byId$.subscribe(() => this.cache?.saveConversations(this.list.all)));
    this.context = {
      api: this.api,
      list: this.list,
      outbox: this.outbox,
      me: () => this.me,
      room: (id) => this.room(id),
      imId: (peerId) => this.imId(peerId),
      observe: (source) => this.observe(source),
      handle: (id) => this.conversation(id),
      markRead: (id, seq) => this.markRead(id, seq),
      reconnected$: this.reconnected,
    };
    this.conversations$ = this.observe(this.list.list$, () => this.loadList());
    // Events come over the stream: listening to them keeps it open.
    this.invited$ = this.observe(this.invitations.asObservable());
    this.incoming$ = this.observe(this.messages.asObservable());
    this.announced$ = this.observe(this.announcements.asObservable());
    this.unread$ = this.conversations$.pipe(
      map((list) => list.reduce((sum, c) => sum + c.unread, 0)),
      distinctUntilChanged(),
    );
    this.invitations$ = this.conversations$.pipe(
      map((list) => list.filter((c) => this.myState(c) === 'invited')),
      distinctUntilChanged((a, b) => a.length === b.length && a.every((c, i) => c.id === b[i]?.id)),
    );
    this.announcements$ = this.observe(
      this.received.pipe(
        map((list) => list ?? []),
        distinctUntilChanged(),
      ),
      () => this.loadAnnouncements(),
    );
  }

  private get me(): UserSummary | null {
    return this.config.user();
  }

  /** Whether anyone observes chat now (the stream then stays open). */
  get observed(): boolean {
    return this.observers > 0;
  }

  conversation(id: string): ConversationHandle {
    let handle = this.handles.get(id);
    if (!handle) {
      handle = new Handle(this.context, { id });
      this.handles.set(id, handle);
    }
    return handle;
  }

  im(peerId: string): ConversationHandle {
    const key = `im:${peerId}`;
    let handle = this.handles.get(key);
    if (!handle) {
      handle = new Handle(this.context, { peerId });
      this.handles.set(key, handle);
    }
    return handle;
  }

  async startConversation(ids: string[], topic?: string): Promise<ConversationHandle> {
    const created = await this.api.create([...new Set(ids)], topic);
    this.list.upsert(created);
    return this.conversation(created.id);
  }

  announce(to: string[], text: string, allowReplies = false): Promise<AnnouncementResponse> {
    return this.api.announce(to, text, allowReplies);
  }

  async replyToAnnouncement(announcementId: string, text: string): Promise<ChatMessage> {
    const message = await this.api.reply(announcementId, text, newClientId());
    this.arrivedMessage(message, false);
    return message;
  }

  /** A person is signed in: use their outbox (sending what a previous page left) and cache. */
  open(userId: string): void {
    if (this.cache?.userId === userId) return;
    const { storage } = this.config;
    this.storage ??= storage === false ? memoryChatStorage() : (storage ?? defaultChatStorage());
    this.cache = new HistoryCache(this.storage, userId);
    void this.outbox.open(userId, this.storage);
    if (this.observers > 0) void this.loadList();
  }

  /** A stream event: a chat event that reads right is applied; any other is ignored. */
  applyEvent(body: Record<string, unknown>): void {
    const event = readChatEvent(body);
    if (event) this.apply(event);
  }

  /** A chat event from the stream. */
  apply(event: ChatEvent): void {
    const me = this.me?.id;
    switch (event.type) {
      case 'message':
        this.arrivedMessage(event.message, event.offline === true);
        return;
      case 'conversation': {
        this.list.upsert(event.conversation, true);
        const room = this.rooms.get(event.conversation.id);
        if (event.change !== 'created')
          room?.notice({ change: event.change, by: event.by, people: event.people });
        return;
      }
      case 'invitation': {
        this.list.invited(event.conversation.id);
        const summary = this.list.upsert(event.conversation, true);
        if (summary)
          this.invitations.next({ conversation: summary, from: event.from, offline: event.offline === true });
        return;
      }
      case 'receipt':
        this.list.receipt(event);
        return;
      case 'typing':
        if (event.userId !== me)
          this.rooms.get(event.conversationId)?.typing.apply(event.userId, event.typing, event.ttlMs);
        return;
      case 'announcement': {
        const known = this.received.value;
        if (known && !known.some((a) => a.id === event.announcement.id))
          this.received.next([event.announcement, ...known]);
        this.announcements.next({ announcement: event.announcement, offline: event.offline === true });
        return;
      }
    }
  }

  /** The stream is (back) up: send what waits. */
  connected(): void {
    this.outbox.flush();
    this.reconnected.next();
  }

  /** Events may have been missed (a new stream, a gap): load what changed meanwhile. */
  resync(): void {
    if (this.listLoaded) {
      this.listLoaded = undefined;
      if (this.observers > 0) void this.loadList();
    }
    for (const room of this.rooms.values()) void room.transcript.catchUp();
    if (this.received.value) {
      this.received.next(undefined);
      void this.loadAnnouncements();
    }
  }

  /**
   * Forget everything held here; with `forget`, what is kept in IndexedDB too (logout). Another
   * person logging in on this client leaves the previous one's outbox and history on disk, as the
   * rest of the cache does, for their next login.
   */
  async reset(forget = true): Promise<void> {
    const userId = this.cache?.userId;
    if (forget) this.cache?.stop();
    else this.cache?.flush();
    this.cache = undefined;
    this.outbox.reset();
    this.receipts.reset();
    for (const room of this.rooms.values()) room.stop();
    this.rooms.clear();
    this.handles.clear();
    this.imIds.clear();
    this.offlineSeqs.clear();
    this.list.clear();
    this.listLoaded = undefined;
    this.received.next(undefined);
    if (forget && userId && this.storage) await this.storage.drop(userId).catch(() => undefined);
  }

  /** The client closes: no more timers or sends; what waits stays in the outbox for next time. */
  stop(): void {
    this.subscriptions.unsubscribe();
    this.outbox.stop();
    this.receipts.reset();
    this.cache?.flush();
    for (const room of this.rooms.values()) room.stop();
  }

  private arrivedMessage(message: ChatMessage, offline: boolean): void {
    const { conversationId: id } = message;
    const room = this.rooms.get(id);
    if (offline) {
      const seqs = this.offlineSeqs.get(id) ?? new Set<number>();
      seqs.add(message.seq);
      this.offlineSeqs.set(id, seqs);
    }
    room?.transcript.add([message], offline);
    room?.typing.stopped(message.from.id);
    const fromOther = message.from.id !== this.me?.id;
    void this.list.message(message).then((conversation) => {
      if (!fromOther) return;
      this.receipts.arrived(id, [message]);
      this.messages.next({ message, offline, conversation });
    });
  }

  private room(id: string): Room {
    let room = this.rooms.get(id);
    if (!room) {
      room = new Room(id, this.api, {
        api: this.api,
        cache: () => this.cache,
        arrived: (conversationId, messages) => {
          const me = this.me?.id;
          this.receipts.arrived(
            conversationId,
            messages.filter((m) => m.from.id !== me),
          );
        },
      });
      for (const seq of this.offlineSeqs.get(id) ?? []) room.transcript.offline.add(seq);
      this.rooms.set(id, room);
    }
    return room;
  }

  private imId(peerId: string): Promise<string> {
    const me = this.me?.id;
    const listed = this.list.all.find(
      (c) =>
        c.kind === 'im' &&
        c.participants.some((p) => p.id === peerId) &&
        c.participants.some((p) => p.id === me),
    );
    if (listed) return Promise.resolve(listed.id);
    let found = this.imIds.get(peerId);
    if (!found) {
      found = this.api.im(peerId).then((conversation) => {
        this.list.upsert(conversation);
        return conversation.id;
      });
      this.imIds.set(peerId, found);
      // A failed lookup (offline) is asked again next time.
      found.catch(() => this.imIds.delete(peerId));
    }
    return found;
  }

  private async markRead(id: string, seq: number): Promise<void> {
    const me = this.me;
    const mine = this.list.get(id)?.participants.find((p) => p.id === me?.id);
    if (!me || (mine && mine.readSeq >= seq)) return;
    // Shown at once; the proxy's receipt event confirms it.
    this.list.receipt({
      conversationId: id,
      userId: me.id,
      deliveredSeq: Math.max(mine?.deliveredSeq ?? 0, seq),
      readSeq: seq,
    });
    await this.api.read(id, seq);
  }

  private loadList(): Promise<void> {
    this.listLoaded ??= (async () => {
      const since = this.list.changeCount;
      const cached = this.list.all.length === 0 ? await this.cache?.conversations() : undefined;
      if (cached && this.list.changeCount === since) this.list.replace(cached, since);
      const start = this.list.changeCount;
      const { conversations } = await this.api.conversations();
      this.list.replace(conversations, start);
    })().catch(() => {
      this.listLoaded = undefined;
    });
    return this.listLoaded;
  }

  private async loadAnnouncements(): Promise<void> {
    if (this.received.value) return;
    try {
      const list = await this.api.announcements();
      if (!this.received.value) this.received.next(list);
    } catch {
      // Shown empty; the next resync or observer asks again.
    }
  }

  private myState(conversation: ConversationSummary) {
    return conversation.participants.find((p) => p.id === this.me?.id)?.state;
  }

  private observe<T>(source: Observable<T>, started?: () => void): Observable<T> {
    return counted(source, (delta) => {
      this.observers += delta;
      if (delta === 1) {
        started?.();
        this.config.observed();
      }
    });
  }
}
