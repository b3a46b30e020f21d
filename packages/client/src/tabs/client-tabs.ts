/**
 * The client's membership of its browser's group of tabs: which group it is in (the proxy's URL
 * and the login), whether it leads, follows or is still deciding, and what the stream tells the
 * group. The election and relaying code (`tab-share.ts`) loads when the client first joins, so
 * pages outside a browser, or with sharing turned off, never load it.
 */
import type { ConnectionState } from '../connection-state.ts';
import type { WebSocketCtor } from '../types.ts';
import type { followersClose, TabShareParts } from './join-tabs.ts';
import type { TabPlatform } from './tab-platform.ts';
import type { TabShare } from './tab-share.ts';

export class ClientTabs {
  private share: TabShare | undefined;
  private key: string | undefined;
  /** Set while this tab's group is being joined: it resolves once the tab knows its role. */
  private joining: Promise<void> | undefined;
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

  get leading(): boolean {
    return this.share?.role === 'leader';
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
    this.share?.leave();
    this.share = undefined;
    this.key = fullKey;
    // A tab that found its stream open before it knew its group reopens it where it now belongs.
    const streamWasOpen = this.parts.connection.isActive;
    const joining = import('./join-tabs.ts').then(async (tabs) => {
      if (this.left || this.key !== fullKey) return;
      this.closeFor = tabs.followersClose;
      const share = tabs.joinTabs(this.platform, fullKey, this.parts);
      this.share = share;
      await share.decided;
      const { connection } = this.parts;
      if (streamWasOpen && share.role === 'follower' && connection.isActive) connection.restart();
    });
    this.joining = joining;
    const done = () => {
      if (this.joining === joining) this.joining = undefined;
    };
    joining.then(done, done);
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

  /** The connection's state changed: a final stop of the leader's stream ends the followers' too. */
  stateChanged(state: ConnectionState): void {
    const close = this.closeFor?.(state);
    if (close) this.share?.stopped(close.code, close.reason);
  }

  leave(): void {
    this.left = true;
    this.share?.leave();
  }
}
