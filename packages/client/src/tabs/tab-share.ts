/**
 * One event stream for all the tabs of a browser that share an origin and a login. The tabs elect
 * a leader with a Web Lock; the leader holds the real WebSocket and relays its frames to the
 * others over a BroadcastChannel, and their watch lists and activity back. When the leader's tab
 * closes the browser frees the lock, the next tab in line takes it and opens the stream (resuming
 * it, where the proxy still has it), and the others attach to it: the proxy keeps the person
 * online through the short gap (its grace period), so nobody watching them sees a flap.
 */
import type { HelloFrame, Presence } from '@st/protocol/core';
import type { ConnectionState } from '../connection-state.ts';
import type { WebSocketCtor } from '../types.ts';
import { ChannelSocket, resumeOf } from './channel-socket.ts';
import { isTabMessage, type TabMessage } from './tab-messages.ts';
import { type BroadcastChannelLike, channelName, streamLockName, type TabPlatform } from './tab-platform.ts';

/** What the client does for the group. "Leader:" hooks are only called in the leading tab. */
export interface TabShareHooks {
  /** Leader: a follower needs the stream: open it if it is not open. */
  demand(): void;
  /** Leader: the stream's greeting and position, while it is open. */
  stream(): { hello: HelloFrame; lastSeq: number } | undefined;
  /** Leader: the last values known of these people. */
  known(ids: readonly string[]): Presence[];
  /** Leader: a follower's watch list changed; `drop` when the follower is gone. */
  watch(tab: string, add: readonly string[], remove: readonly string[]): void;
  drop(tab: string): void;
  /** Leader: a follower became idle or active. */
  activityChanged(): void;
  /** Follower: what the leader already knew of people this tab just added. */
  presence(list: Presence[]): void;
  /** This tab took the lead: its stream must now go to the proxy itself. */
  promoted(): void;
  /** Follower: the leading tab's own stream changed state (reconnecting, connected again). */
  leaderState(state: ConnectionState): void;
}

/** A frame close code the stream connection retries after (the leading tab changed). */
const LEADER_GONE = 4000;
/** The leader's stream was replaced by a new one: followers reconnect to catch up. */
const NEW_STREAM = 1012;

interface Follower {
  sockets: Set<number>;
  idle: boolean;
}

function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function ignore(): void {}

/**
 * A lead this tab already won without this code (`client-tabs.ts` holds the stream lock and the
 * channel while it is alone): the channel, and how to let go of the lock. What other tabs said
 * meanwhile needs no replaying: taking up the lead announces it, and every socket not yet
 * answered asks again.
 */
export interface WonLead {
  channel: BroadcastChannelLike;
  release(): void;
}

export class TabShare {
  readonly tab = randomId();
  role: 'deciding' | 'leader' | 'follower' = 'deciding';
  /** Resolves once this tab knows whether it leads. */
  readonly decided: Promise<void>;
  private readonly channel;
  private readonly sockets = new Set<ChannelSocket>();
  private nextSocket = 1;
  private readonly followers = new Map<string, Follower>();
  /** Leader: followers' sockets that asked before the stream was open. */
  private waiting: [tab: string, socket: number][] = [];
  private readonly leaving = new AbortController();
  private release: () => void = ignore;
  /** Held while this tab is in the group: the leader waits on it to learn the tab has gone. */
  private readonly held = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  private left = false;

  constructor(
    private readonly platform: TabPlatform,
    private readonly key: string,
    private readonly hooks: TabShareHooks,
    won?: WonLead,
  ) {
    this.channel = won?.channel ?? platform.channel(channelName(key));
    this.channel.onmessage = (event: { data: unknown }) => this.heard(event.data);
    const signal = this.leaving.signal;
    platform.locks.request(this.tabLock(this.tab), { signal }, () => this.held).catch(ignore);
    if (won) {
      // The stream lock is held by whoever won it: leaving lets go of it as well.
      void this.held.then(won.release);
      this.lead();
      this.decided = Promise.resolve();
    } else {
      this.decided = this.elect();
    }
  }

  private heard(data: unknown): void {
    if (isTabMessage(data)) this.receive(data);
  }

  /** The WebSocket a follower's stream connection uses: the leader, through the channel. */
  readonly socketCtor: WebSocketCtor = ((share: TabShare) =>
    // A plain function, so `new` works on it; what it returns is what `new` gives.
    function ChannelSocketOfTab(url: string) {
      return share.openSocket(url);
    } as unknown as WebSocketCtor)(this);

  private openSocket(url: string): ChannelSocket {
    const socket = new ChannelSocket(
      { tab: this.tab, post: (m) => this.post(m), forget: (s) => this.sockets.delete(s) },
      this.nextSocket++,
      resumeOf(url),
    );
    this.sockets.add(socket);
    return socket;
  }

  /** Leader: whether every follower is idle (the person is idle only if no tab is in use). */
  get followersIdle(): boolean {
    for (const follower of this.followers.values()) if (!follower.idle) return false;
    return true;
  }

  /** Leader: a frame of the stream (sequenced, or a ping), passed on as it came. */
  relay(data: string): void {
    if (this.role === 'leader' && this.followers.size > 0)
      this.post({ kind: 'frame', leader: this.tab, data });
  }

  /** Leader: the stream said hello. A new stream sends every follower round again to catch up. */
  greeted(resumed: boolean): void {
    if (this.role !== 'leader') return;
    if (!resumed) this.closeFollowers(NEW_STREAM, 'The stream started over.');
  }

  /** Leader: the stream's state changed: followers show it (their stream is this one). */
  tellState(state: ConnectionState): void {
    if (this.role === 'leader' && this.followers.size > 0)
      this.post({ kind: 'state', leader: this.tab, state });
  }

  /** Leader: the stream stopped for good (logged out, refused): followers stop the same way. */
  stopped(code: number, reason: string): void {
    if (this.role === 'leader') this.closeFollowers(code, reason);
  }

  /** Leave the group: a leader hands over to the next tab in line. */
  leave(): void {
    if (this.left) return;
    this.left = true;
    if (this.role === 'leader') this.closeFollowers(LEADER_GONE, 'The leading tab left.');
    for (const socket of [...this.sockets]) socket.end(LEADER_GONE, 'This tab left its group.');
    this.leaving.abort();
    this.release();
    this.channel.close();
  }

  private tabLock(tab: string): string {
    return `st-tab ${this.key} ${tab}`;
  }

  private async elect(): Promise<void> {
    const name = streamLockName(this.key);
    const leads = await new Promise<boolean>((decide) => {
      this.platform.locks
        .request(name, { ifAvailable: true }, (lock) => {
          decide(lock !== null);
          return lock === null ? undefined : this.held;
        })
        .catch(() => decide(false));
    });
    if (this.left) return;
    if (leads) {
      this.lead();
      return;
    }
    this.role = 'follower';
    this.platform.locks
      .request(name, { signal: this.leaving.signal }, () => {
        if (this.left) return undefined;
        this.lead();
        this.hooks.promoted();
        return this.held;
      })
      .catch(ignore);
  }

  private lead(): void {
    this.role = 'leader';
    this.post({ kind: 'leader', tab: this.tab });
    // This tab's own socket to the old leader ends; its stream reopens to the proxy.
    for (const socket of [...this.sockets]) socket.end(LEADER_GONE, 'This tab leads now.');
  }

  private post(message: TabMessage): void {
    if (!this.left) this.channel.postMessage(message);
  }

  private receive(message: TabMessage): void {
    switch (message.kind) {
      case 'leader':
        for (const socket of [...this.sockets]) {
          if (socket.leader === undefined) socket.ask();
          else if (socket.leader !== message.tab) socket.end(LEADER_GONE, 'The leading tab changed.');
        }
        return;
      case 'reply':
        if (message.to === this.tab) this.socket(message.socket)?.reply(message.leader, message.data);
        return;
      case 'frame':
        for (const socket of this.sockets) socket.frame(message.leader, message.data);
        return;
      case 'close':
        for (const socket of [...this.sockets]) {
          // Sockets still waiting for their hello wait on through a new stream, not a final stop.
          const waiting = socket.leader === undefined && message.code !== NEW_STREAM;
          if (socket.leader === message.leader || waiting) socket.end(message.code, message.reason);
        }
        return;
      case 'presence':
        if (message.to === this.tab) this.hooks.presence(message.presence);
        return;
      case 'state':
        for (const socket of this.sockets) {
          if (socket.leader === message.leader) {
            this.hooks.leaderState(message.state);
            return;
          }
        }
        return;
      default:
        if (this.role === 'leader') this.serve(message);
    }
  }

  private socket(id: number): ChannelSocket | undefined {
    for (const socket of this.sockets) if (socket.id === id) return socket;
    return undefined;
  }

  /** Leader: a follower's socket asks, sends or leaves. */
  private serve(message: Extract<TabMessage, { tab: string; socket: number }>): void {
    const { tab, socket } = message;
    if (message.kind === 'connect') {
      this.follower(tab).sockets.add(socket);
      this.greetOrDemand(tab, socket);
      return;
    }
    const follower = this.followers.get(tab);
    if (!follower?.sockets.has(socket)) return;
    if (message.kind === 'bye') {
      follower.sockets.delete(socket);
      if (follower.sockets.size === 0) this.dropFollower(tab);
      return;
    }
    this.followerSent(tab, socket, follower, message.data);
  }

  private follower(tab: string): Follower {
    let follower = this.followers.get(tab);
    if (!follower) {
      follower = { sockets: new Set(), idle: false };
      this.followers.set(tab, follower);
      // Granted only once that tab is gone (closed, crashed): then its watches go.
      this.platform.locks
        .request(this.tabLock(tab), { signal: this.leaving.signal }, () => this.dropFollower(tab))
        .catch(ignore);
    }
    return follower;
  }

  private dropFollower(tab: string): void {
    if (!this.followers.delete(tab)) return;
    this.hooks.drop(tab);
    this.hooks.activityChanged();
  }

  private greetOrDemand(tab: string, socket: number): void {
    const stream = this.hooks.stream();
    if (!stream) {
      this.waiting.push([tab, socket]);
      this.hooks.demand();
      return;
    }
    // A follower always starts afresh: this leader does not know what it watched before.
    const hello: HelloFrame = { ...stream.hello, seq: stream.lastSeq, recovered: false };
    this.post({ kind: 'reply', to: tab, socket, leader: this.tab, data: JSON.stringify(hello) });
  }

  /** Leader: the stream is open (again): greet the followers that waited for it. */
  ready(): void {
    if (this.role !== 'leader') return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const [tab, socket] of waiting) {
      if (this.followers.get(tab)?.sockets.has(socket)) this.greetOrDemand(tab, socket);
    }
  }

  private followerSent(tab: string, socket: number, follower: Follower, data: string): void {
    let frame: { type?: unknown; id?: unknown; add?: unknown; remove?: unknown; idle?: unknown };
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'activity') {
      follower.idle = frame.idle === true;
      this.hooks.activityChanged();
      return;
    }
    if (frame.type !== 'watch') return;
    const add = Array.isArray(frame.add) ? frame.add.filter((id) => typeof id === 'string') : [];
    const remove = Array.isArray(frame.remove) ? frame.remove.filter((id) => typeof id === 'string') : [];
    this.hooks.watch(tab, add, remove);
    const ack = JSON.stringify({ type: 'ack', id: frame.id });
    this.post({ kind: 'reply', to: tab, socket, leader: this.tab, data: ack });
    const known = this.hooks.known(add);
    if (known.length > 0) this.post({ kind: 'presence', to: tab, presence: known });
  }

  private closeFollowers(code: number, reason: string): void {
    if (code !== NEW_STREAM) this.waiting = [];
    if (this.followers.size > 0) this.post({ kind: 'close', leader: this.tab, code, reason });
  }
}
