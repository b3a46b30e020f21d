/**
 * The people a page follows (each written link, and `STLinksWatchUsers`), reported to
 * `STLinksUserStatusChanged(userId, displayName, status, statusMessage, groupName)` with Sametime's
 * numeric status codes. A person is reported once the proxy has said something about them (never
 * while `unknown`) and again whenever the code or the message changes. The SDK shares one presence
 * stream per person, so this costs nothing beyond what the live names already watch.
 */
import { type Presence, Status, type StClient, toSametimeCode } from '@st/client';
import type { ClientFeed, Unsubscribable } from './client-feed.ts';

export interface StatusReport {
  userId: string;
  displayName: string;
  code: number;
  message: string;
  /** Sametime's group awareness has no counterpart here: always ''. */
  groupName: string;
}

interface Watched {
  displayName: string;
  subscription: Unsubscribable;
}

export class StatusWatch {
  readonly #watched = new Map<string, Watched>();

  constructor(
    private readonly client$: ClientFeed,
    private readonly report: (report: StatusReport) => void,
  ) {}

  /** Follows a person (once; a display name given later fills in one not known before). */
  watch(userId: string, displayName = ''): void {
    const existing = this.#watched.get(userId);
    if (existing) {
      if (!existing.displayName) existing.displayName = displayName;
      return;
    }
    const entry: Watched = { displayName, subscription: { unsubscribe() {} } };
    this.#watched.set(userId, entry);
    let last: StatusReport | undefined;
    let following: Unsubscribable | undefined;
    const clients = this.client$.subscribe((client) => {
      following?.unsubscribe();
      following = follow(client, userId, (presence, cardName) => {
        const report: StatusReport = {
          userId,
          displayName: cardName || entry.displayName || userId,
          code: toSametimeCode(presence.status, presence.mobile),
          message: presence.message,
          groupName: '',
        };
        if (last && last.code === report.code && last.message === report.message) return;
        last = report;
        this.report(report);
      });
    });
    entry.subscription = {
      unsubscribe: () => {
        clients.unsubscribe();
        following?.unsubscribe();
      },
    };
  }

  /** Whether the person is followed. */
  has(userId: string): boolean {
    return this.#watched.has(userId);
  }

  unwatch(userId: string): void {
    this.#watched.get(userId)?.subscription.unsubscribe();
    this.#watched.delete(userId);
  }
}

/**
 * A person's known presence (never `unknown`) with the directory's name for them ('' when there is
 * none, or the card cannot be had): `changed` once both are known, then on every change of either.
 */
function follow(
  client: StClient,
  userId: string,
  changed: (presence: Presence, cardName: string) => void,
): Unsubscribable {
  let presence: Presence | undefined;
  let cardName: string | undefined;
  const tell = () => {
    if (presence && cardName !== undefined) changed(presence, cardName);
  };
  const presences = client.presence(userId).subscribe((next) => {
    if (next.status === Status.Unknown) return;
    presence = next;
    tell();
  });
  const card = client.card(userId).subscribe({
    next: (next) => {
      cardName = next?.displayName ?? '';
      tell();
    },
    error: () => {
      cardName = '';
      tell();
    },
  });
  return {
    unsubscribe: () => {
      presences.unsubscribe();
      card.unsubscribe();
    },
  };
}
