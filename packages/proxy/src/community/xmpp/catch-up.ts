/**
 * What reached a person's archive while no session of theirs was here: on their next session the
 * proxy reads it back so the web client shows what their phone or another XMPP client saw. From
 * the time of the newest message the proxy knows of for them (a little before, for clocks that
 * disagree) forward, page after page; without such a time (the person never chatted here), the
 * newest messages only. Messages already stored are recognised by their ids and not stored twice.
 */
import type { PersonConnection } from './connection.ts';
import type { ArchivedMessage, MamQueries } from './mam.ts';

/** Read when nothing is known of the person's chat here. */
export const NEWEST_WITHOUT_HISTORY = 50;
/** Pages of 50 read forward at most (1,000 messages); past that the newest are read as well. */
export const CATCH_UP_PAGES = 20;
/** How far before the newest known message the reading starts. */
export const CLOCK_MARGIN_MS = 60_000;

export async function archivedSince(
  mam: MamQueries,
  connection: PersonConnection,
  since: number | undefined,
): Promise<ArchivedMessage[]> {
  if (since === undefined) return mam.newest(connection, {}, NEWEST_WITHOUT_HISTORY);
  const found: ArchivedMessage[] = [];
  let pages = 0;
  await mam.forward(
    connection,
    { start: Math.max(0, since - CLOCK_MARGIN_MS) },
    (results) => {
      found.push(...results);
      pages++;
      return true;
    },
    CATCH_UP_PAGES,
  );
  // More than the pages allow: the newest count most (the person sees them first).
  if (pages >= CATCH_UP_PAGES) {
    const seen = new Set(found.map((m) => m.archiveId));
    for (const message of await mam.newest(connection, {}, NEWEST_WITHOUT_HISTORY)) {
      if (!seen.has(message.archiveId)) found.push(message);
    }
  }
  return found;
}
