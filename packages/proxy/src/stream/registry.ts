import { CloseCode, type HelloFrame, LIMITS } from '@st/protocol';
import { watchLimitFor } from '../auth/anonymous.ts';
import { type Login, LoginEnd, type LoginStore } from '../auth/logins.ts';
import { randomToken } from '../auth/tokens.ts';
import type { ClusterReach, EventBus } from '../cluster/types.ts';
import { ApiError } from '../errors.ts';
import type { PresenceFanout } from '../presence/fanout.ts';
import { NOT_COUNTED, type PresenceTally, sessionKind } from '../presence/tally.ts';
import { HeartbeatSweep } from './heartbeat-sweep.ts';
import { type EventBody, eventText, eventType } from './ring-buffer.ts';
import { Stream } from './stream.ts';
import { TRANSPORT_KINDS, type Transport, type TransportKind } from './transport.ts';

export interface StreamRegistryOptions {
  logins: LoginStore;
  tally: PresenceTally;
  fanout: PresenceFanout;
  graceMs: number;
  heartbeatMs: number;
  onError: (error: unknown) => void;
  /** Carries events to the person's streams on other proxies of a cluster. */
  bus: EventBus;
  /** Told whenever what this proxy holds for a person may have changed (streams, transports). */
  reach: ClusterReach;
}

/** Where a client wants to pick up: a stream id and the last sequence number it saw. */
export interface ResumeRequest {
  stream?: string | undefined;
  since?: number | undefined;
}

/**
 * Every stream of this proxy: opening and resuming them, the grace period after a transport goes
 * away, the heartbeat, and ending them with their login.
 */
export class StreamRegistry {
  private readonly streams = new Map<string, Stream>();
  private readonly attached = new Set<Stream>();
  /** The streams of each person, across all their logins (for events about the person's own data). */
  private readonly byPerson = new Map<string, Set<Stream>>();
  private readonly heartbeat: HeartbeatSweep<Stream>;
  private readonly unsubscribe: (() => void)[];

  constructor(protected readonly options: StreamRegistryOptions) {
    this.unsubscribe = [
      options.logins.subscribe((login, why) =>
        this.endLogin(login, why === LoginEnd.Logout ? CloseCode.Normal : CloseCode.Unauthenticated, why),
      ),
      // Events for people with streams here, sent on other proxies.
      options.bus.onPersonEvent((userId, type, body) => this.emitHere(userId, type, body)),
    ];
    this.heartbeat = new HeartbeatSweep(
      () => this.attached,
      (stream, now) => {
        // A stream may have lost its transport since the round began.
        if (!stream.transport) return;
        stream.transport.heartbeat();
        if (stream.login) this.options.logins.keepAlive(stream.login, now);
      },
      Math.max(25, options.heartbeatMs / 2),
    );
  }

  get size(): number {
    return this.streams.size;
  }

  /** The stream `id` when `login` may use it (anonymous streams belong to every anonymous caller). */
  find(id: string, login: Login | null): Stream | undefined {
    const stream = this.streams.get(id);
    return stream && stream.login === login ? stream : undefined;
  }

  /**
   * Throws ST_ERR_TOO_MANY_STREAMS when opening would give `login` a stream past
   * `LIMITS.streamsPerLogin` (resuming one of its own streams, or replacing it, is always fine).
   */
  checkRoom(login: Login | null, resume: ResumeRequest): void {
    if (!login || login.streams.size < LIMITS.streamsPerLogin) return;
    if (resume.stream !== undefined && this.find(resume.stream, login)) return;
    throw new ApiError('ST_ERR_TOO_MANY_STREAMS', {
      message: `A login may have at most ${LIMITS.streamsPerLogin} event streams open; close one first.`,
      headers: { 'retry-after': '30' },
    });
  }

  /** People watched across every stream of `userId` (their own person not counted). */
  watchedBy(userId: string): number {
    let count = 0;
    for (const stream of this.byPerson.get(userId) ?? []) count += stream.watching.size;
    return count;
  }

  /**
   * Resumes the stream asked for when every event after `since` is still kept, else starts a new
   * one; attaches `transport`, sends `hello` and replays what was missed.
   */
  open(
    login: Login | null,
    resume: ResumeRequest,
    transport: Transport,
  ): { stream: Stream; recovered: boolean } {
    this.checkRoom(login, resume);
    let stream: Stream | undefined;
    let abandoned: Stream | undefined;
    if (resume.stream !== undefined && resume.since !== undefined) {
      const existing = this.find(resume.stream, login);
      if (existing?.ring.covers(resume.since)) stream = existing;
      else abandoned = existing;
    }
    const recovered = stream !== undefined;
    stream ??= this.create(login);
    // The client gave up on the old stream: end it now rather than after the grace period. The new
    // stream is already counted, so the person does not flap.
    if (abandoned) this.end(abandoned, CloseCode.Normal, 'replaced');
    this.attach(stream, transport);
    transport.sendControl('hello', this.hello(stream, recovered));
    if (recovered) {
      stream.ring.forEachAfter(resume.since!, (seq, body) =>
        transport.sendEvent(seq, eventType(body), eventText(seq, body)),
      );
    } else if (login) {
      this.sendOwnPresence(stream);
    }
    return { stream, recovered };
  }

  private create(login: Login | null): Stream {
    const stream = new Stream(randomToken(16), login);
    this.streams.set(stream.id, stream);
    if (login) {
      login.streams.add(stream);
      const own = this.byPerson.get(login.userId);
      if (own) own.add(stream);
      else {
        this.byPerson.set(login.userId, new Set([stream]));
        this.options.bus.listenFor(login.userId);
      }
      stream.countedKind = sessionKind(stream.idle, login.mobile);
      this.options.tally.move(login.userId, NOT_COUNTED, stream.countedKind);
      this.options.logins.streamsChanged(login);
    }
    return stream;
  }

  /** A new stream hears its own person's presence first, unasked. */
  private sendOwnPresence(stream: Stream): void {
    const fresh = this.options.fanout.add(stream, [stream.userId]);
    this.options.fanout
      .subscribe(fresh, [stream.userId])
      .then(() => this.options.fanout.sendSnapshot(stream, [stream.userId]))
      .catch(this.options.onError);
  }

  private hello(stream: Stream, recovered: boolean): string {
    const hello: HelloFrame = {
      type: 'hello',
      streamId: stream.id,
      userId: stream.userId,
      seq: stream.seq,
      recovered,
      heartbeatMs: this.options.heartbeatMs,
      limits: {
        watchIdsPerMessage: LIMITS.watchIdsPerMessage,
        watchIdsPerSession: watchLimitFor(stream.login),
      },
    };
    return JSON.stringify(hello);
  }

  private attach(stream: Stream, transport: Transport): void {
    const previous = stream.transport;
    if (previous) {
      // A second connection takes the stream over; the first one is told why it closes.
      stream.transport = null;
      previous.close(CloseCode.Normal, 'replaced');
    }
    clearTimeout(stream.graceTimer);
    stream.graceTimer = undefined;
    stream.transport = transport;
    this.attached.add(stream);
    if (stream.login) this.options.reach.changed(stream.login.userId);
  }

  /** The transport went away: the stream stays live for the grace period, then ends. */
  detach(stream: Stream, transport: Transport): void {
    if (stream.transport !== transport) return;
    stream.transport = null;
    this.attached.delete(stream);
    if (stream.login) this.options.reach.changed(stream.login.userId);
    if (stream.ended) return;
    stream.graceTimer = setTimeout(() => this.end(stream, CloseCode.Normal, 'gone'), this.options.graceMs);
    stream.graceTimer.unref();
  }

  end(stream: Stream, code: number, reason: string): void {
    if (stream.ended) return;
    stream.ended = true;
    clearTimeout(stream.graceTimer);
    const transport = stream.transport;
    stream.transport = null;
    this.attached.delete(stream);
    this.streams.delete(stream.id);
    transport?.close(code, reason);
    this.options.fanout.remove(stream, stream.watching);
    const login = stream.login;
    if (login) {
      this.options.fanout.remove(stream, [login.userId]);
      this.options.tally.move(login.userId, stream.countedKind, NOT_COUNTED);
      stream.countedKind = NOT_COUNTED;
      login.streams.delete(stream);
      const own = this.byPerson.get(login.userId);
      own?.delete(stream);
      if (own?.size === 0) {
        this.byPerson.delete(login.userId);
        this.options.bus.stopListeningFor(login.userId);
      }
      this.options.logins.streamsChanged(login);
      this.options.reach.changed(login.userId);
    }
  }

  /**
   * Sends one event to every stream of `userId`: each tab and device of each of their logins, on
   * this proxy and (through the bus) on the others of a cluster.
   */
  emitToPerson(userId: string, type: string, body: string): void {
    this.emitHere(userId, type, body);
    this.options.bus.toPerson(userId, type, body);
  }

  private emitHere(userId: string, type: string, body: EventBody): void {
    for (const stream of this.byPerson.get(userId) ?? []) stream.emit(type, body);
  }

  endLogin(login: Login, code: number, reason: string): void {
    for (const stream of [...login.streams]) this.end(stream, code, reason);
  }

  setIdle(stream: Stream, idle: boolean): void {
    stream.idle = idle;
    const login = stream.login;
    if (!login || stream.ended) return;
    const kind = sessionKind(idle, login.mobile);
    this.options.tally.move(login.userId, stream.countedKind, kind);
    stream.countedKind = kind;
  }

  /** Connected streams by transport, for the metrics. */
  connectedByTransport(): Record<TransportKind, number> {
    const counts = Object.fromEntries(TRANSPORT_KINDS.map((k) => [k, 0])) as Record<TransportKind, number>;
    for (const stream of this.attached) counts[stream.transport!.kind]++;
    return counts;
  }

  /** The streams with a connected transport now. */
  connected(): Stream[] {
    return [...this.attached];
  }

  /**
   * Closes the stream's transport with 1001: its client reconnects, ideally to another proxy. The
   * stream stays, so one that comes back here is replayed what it missed.
   */
  sendAway(stream: Stream): void {
    const transport = stream.transport;
    if (!transport) return;
    stream.transport = null;
    this.attached.delete(stream);
    transport.close(CloseCode.GoingAway, 'draining');
  }

  /** Sends every connected stream away at once. */
  drain(): void {
    for (const stream of [...this.attached]) this.sendAway(stream);
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.heartbeat.stop();
    this.drain();
    for (const stream of this.streams.values()) clearTimeout(stream.graceTimer);
  }
}
