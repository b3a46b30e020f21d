/**
 * The client's side of tab sharing: how a `TabShare` reaches the client's stream, presence hub
 * and watch lists, and which of the leader's stops its followers share.
 */
import type { HelloFrame, Presence } from '@st/protocol/core';
import { type ConnectionState, ConnectionStatus, StateCode } from '../connection-state.ts';
import type { PresenceHub } from '../presence-hub.ts';
import type { StreamConnection } from '../stream-connection.ts';
import type { TabPlatform } from './tab-platform.ts';
import { TabShare, type WonLead } from './tab-share.ts';
import type { WatchUnion } from './watch-union.ts';

export interface TabShareParts {
  connection: StreamConnection;
  hub: PresenceHub;
  union: WatchUnion;
  lastHello(): HelloFrame | undefined;
  /** Open the stream now, for a follower (the leader itself may have nothing to watch). */
  demand(): void;
  reportIdle(): void;
}

/** Joins the group of tabs named `key` (the proxy's URL and the login), or takes up a lead won already. */
export function joinTabs(tabs: TabPlatform, key: string, parts: TabShareParts, won?: WonLead): TabShare {
  const { connection, hub, union } = parts;
  const share: TabShare = new TabShare(
    tabs,
    key,
    {
      demand: parts.demand,
      stream: () => {
        const hello = parts.lastHello();
        return connection.isReady && hello ? { hello, lastSeq: connection.lastSeq } : undefined;
      },
      known: (ids) => ids.map((id) => hub.current(id)).filter((p): p is Presence => p !== undefined),
      watch: (tab, add, remove) => {
        for (const id of remove) union.remove(tab, id);
        for (const id of add) union.add(tab, id);
      },
      drop: (tab) => union.drop(tab),
      activityChanged: parts.reportIdle,
      presence: (list) => {
        for (const presence of list) hub.update(presence);
      },
      // This tab's socket to the old leader just closed: open the real one without waiting.
      promoted: () => connection.retryNow(),
      leaderState: (state) => connection.mirror(state),
    },
    won,
  );
  return share;
}

/**
 * The close a follower gets when the leader's stream stops for good, so it stops the same way
 * (a logout ends the cookie every tab shares); undefined for stops that are the leader's own.
 */
export function followersClose(state: ConnectionState): { code: number; reason: string } | undefined {
  if (state.status === ConnectionStatus.Unauthenticated || state.code === StateCode.LoggedOut)
    return { code: 4401, reason: 'logged out' };
  if (state.code === StateCode.OriginNotAllowed) return { code: 4403, reason: 'origin not allowed' };
  if (state.code === StateCode.Replaced) return { code: 1000, reason: 'replaced' };
  return undefined;
}
