/**
 * The client's membership of its browser's group of tabs: which group it is in (the proxy's URL
 * and the login), whether it leads, follows or is still deciding, and what the stream tells the
 * group.
 *
 * A tab alone wins the group's lock and listens on its channel, and that is all: the code that
 * relays the stream (`tab-share.ts`) loads when another tab of the group speaks up, or at once
 * when this tab finds a leader already there. A page open in one tab never loads it.
 */
import type { ConnectionState } from '../connection-state.ts';
import type { ClientOptions, WebSocketCtor } from '../types.ts';
import type { followersClose, TabShareParts } from './join-tabs.ts';
import { browserTabs, channelName, streamLockName, type TabPlatform } from './tab-platform.ts';
import type { TabShare, WonLead } from './tab-share.ts';

/** A client's tabs: `undefined` when sharing is turned off, or there is no browser to share in. */
export function clientTabs(
  options: ClientOptions,
  server: string,
  parts: TabShareParts,
): ClientTabs | undefined {
  const platform = options.shareConnection === false ? undefined : (options.platform?.tabs ?? browserTabs());
  return platform && new ClientTabs(platform, server, parts);
}

export class ClientTabs {
  private share: TabShare | undefined;
  /** The lead this tab holds while it is alone in its group (no relaying code loaded yet). */
  private alone: WonLead | undefined;
  private key: string | undefined;
  /** Set while this tab's group is being joined: it resolves once the tab knows its role. */
  private joining: Promise<void> | undefined;
  private waking = false;
  private left = false;
  private closeFor: typeof followersClose | undefined;

  constructor(
    private readonly platform: TabPlatform,
    private readonly server: string,
    private readonly parts: TabShareParts,
  ) {}

  /** Resolves once this tab knows whether it leads; `undefined` when it knows already. */
  get deciding(): Promise<void> | undefined {
    if (this.joining) return this.joining;
    return this.share?.role === 'deciding' ? this.share.decided : undefined;
  }

  get following(): boolean {
    return this.share?.role === 'follower';
  }

  /** The WebSocket a follower's stream uses (the leading tab, through the channel). */
  get socketCtor(): WebSocketCtor | undefined {
    return this.following ? this.share?.socketCtor : undefined;
  }

  /** Leader: whether every other tab is idle too (the person is idle only if no tab is in use). */
  get followersIdle(): boolean {
    return this.share?.role !== 'leader' || this.share.followersIdle;
  }

  /** Joins the group of tabs of this login (`key`); leaves the one it was in, if another. */
  join(key: string): void {
    if (this.left) return;
    const fullKey = `${this.server} ${key}`;
    if (this.key === fullKey) return;
    this.quitGroup();
    this.key = fullKey;
    // A tab that found its stream open before it knew its group reopens it where it now belongs.
    const streamWasOpen = this.parts.connection.isActive;
    const heard = { spoken: false };
    this.track(
      this.tryLead(fullKey, heard).then((won) => {
        if (this.left || this.key !== fullKey) return letGo(won);
        if (!won) return this.loadShare(fullKey, undefined, streamWasOpen);
        this.alone = won;
        // Another tab spoke while this one was deciding.
        if (heard.spoken) this.wake();
      }),
    );
  }

  /** Leader: a frame of the stream, for the followers. */
  relay(data: string): void {
    this.share?.relay(data);
  }

  /** The stream said hello (`resumed`: the same stream as before). */
  greeted(resumed: boolean): void {
    this.share?.greeted(resumed);
  }

  /** The stream is ready: followers that waited are greeted. */
  ready(): void {
    this.share?.ready();
  }

  /**
   * The connection's state changed. A leader's followers show it (they are connected only while
   * it is); a final stop of its stream ends theirs too.
   */
  stateChanged(state: ConnectionState): void {
    const close = this.closeFor?.(state);
    if (close) this.share?.stopped(close.code, close.reason);
    else this.share?.tellState(state);
  }

  leave(): void {
    this.left = true;
    this.quitGroup();
  }

  private quitGroup(): void {
    this.share?.leave();
    this.share = undefined;
    letGo(this.alone);
    this.alone = undefined;
  }

  private track(joining: Promise<void>): void {
    this.joining = joining;
    const done = () => {
      if (this.joining === joining) this.joining = undefined;
    };
    joining.then(done, done);
  }

  /**
   * Takes the group's lock if it is free. The channel is open first, so another tab speaking up
   * meanwhile (`heard`) still wakes the relaying code; a tab that does not lead closes it (the
   * relaying code opens its own).
   */
  private tryLead(key: string, heard: { spoken: boolean }): Promise<WonLead | undefined> {
    const channel = this.platform.channel(channelName(key));
    channel.onmessage = () => {
      heard.spoken = true;
      if (this.alone?.channel === channel) this.wake();
    };
    return new Promise<WonLead | undefined>((decide) => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      this.platform.locks
        .request(streamLockName(key), { ifAvailable: true }, (lock) => {
          decide(lock === null ? undefined : { channel, release });
          return lock === null ? undefined : held;
        })
        .catch(() => decide(undefined));
    }).then((won) => {
      if (!won) channel.close();
      return won;
    });
  }

  /** Another tab of the group spoke: load the relaying code and hand it the lead. */
  private wake(): void {
    const won = this.alone;
    if (!won || this.waking || !this.key) return;
    this.waking = true;
    this.loadShare(this.key, won, false).then(
      () => {
        this.waking = false;
      },
      () => {
        // The code could not load (offline): the next message tries again.
        this.waking = false;
      },
    );
  }

  private async loadShare(key: string, won: WonLead | undefined, streamWasOpen: boolean): Promise<void> {
    const tabs = await import('./join-tabs.ts');
    if (this.left || this.key !== key || (won && this.alone !== won)) return;
    this.closeFor = tabs.followersClose;
    const share = tabs.joinTabs(this.platform, key, this.parts, won);
    this.share = share;
    this.alone = undefined;
    await share.decided;
    const { connection } = this.parts;
    if (streamWasOpen && share.role === 'follower' && connection.isActive) connection.restart();
  }
}

function letGo(won: WonLead | undefined): void {
  won?.release();
  won?.channel.close();
}
