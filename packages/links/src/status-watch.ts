/**
 * The people a page follows (each written link, and `STLinksWatchUsers`), reported to
 * `STLinksUserStatusChanged(userId, displayName, status, statusMessage, groupName)` with Sametime's
 * numeric status codes. A person is reported once the proxy has said something about them (never
 * while `unknown`) and again whenever the code or the message changes. The SDK shares one presence
 * stream per person, so this costs nothing beyond what the live names already watch.
 */
import { type BusinessCard, type Presence, Status, type StClient, toSametimeCode } from '@st/client';
import {
  catchError,
  combineLatest,
  distinctUntilChanged,
  filter,
  map,
  type Observable,
  of,
  type Subscription,
  switchMap,
} from 'rxjs';

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
  subscription: Subscription;
}

export class StatusWatch {
  readonly #watched = new Map<string, Watched>();

  constructor(
    private readonly client$: Observable<StClient>,
    private readonly report: (report: StatusReport) => void,
  ) {}

  /** Follows a person (once; a display name given later fills in one not known before). */
  watch(userId: string, displayName = ''): void {
    const existing = this.#watched.get(userId);
    if (existing) {
      if (!existing.displayName) existing.displayName = displayName;
      return;
    }
    const entry: Watched = { displayName, subscription: undefined as unknown as Subscription };
    this.#watched.set(userId, entry);
    entry.subscription = this.client$
      .pipe(
        switchMap((client) => combineLatest([knownPresence(client, userId), nameFromCard(client, userId)])),
        map(([presence, cardName]): StatusReport => {
          return {
            userId,
            displayName: cardName || entry.displayName || userId,
            code: toSametimeCode(presence.status, presence.mobile),
            message: presence.message,
            groupName: '',
          };
        }),
        distinctUntilChanged((a, b) => a.code === b.code && a.message === b.message),
      )
      .subscribe((report) => this.report(report));
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

function knownPresence(client: StClient, userId: string): Observable<Presence> {
  return client.presence(userId).pipe(filter((p) => p.status !== Status.Unknown));
}

/** The directory's name for the person; '' when there is none (or the card cannot be had). */
function nameFromCard(client: StClient, userId: string): Observable<string> {
  return client.card(userId).pipe(
    map((card: BusinessCard | undefined) => card?.displayName ?? ''),
    catchError(() => of('')),
  );
}
