/**
 * Offline deliveries and announcements in PostgreSQL, on the client of the caller's transaction.
 * Taking a person's deliveries deletes them with `DELETE ... RETURNING`, so two proxies taking at
 * once hand each delivery to one of them only.
 */
import type { UserSummary } from '@st/protocol';
import type pg from 'pg';
import { type AnnouncementRow, isCurrent, toAnnouncement } from './chat-rows.ts';
import type { IsLive, OfflineItem, StoredAnnouncement } from './chat-types.ts';
import { getConversation, memberRow, queueOffline } from './pg-conversations.ts';
import { type Queryable, rowOf, rowsOf } from './pg-database.ts';
import { message } from './pg-messages.ts';

interface OfflineRow {
  id: number;
  kind: OfflineItem['kind'];
  ref: string;
  seq: number;
  actor: string | null;
}

const ANNOUNCEMENT_COLUMNS = 'a.id, a.sender, a.sender_name, a.body, a.allow_replies, a.sent_at';

/** The newest `max` deliveries waiting for the person, oldest first; all of them are deleted. */
export async function takeOffline(c: pg.ClientBase, userId: string, max: number): Promise<OfflineItem[]> {
  const taken = await rowsOf<OfflineRow>(
    c,
    'DELETE FROM offline_deliveries WHERE user_id = $1 RETURNING id, kind, ref, seq, actor',
    [userId],
  );
  const rows = taken.sort((a, b) => a.id - b.id).slice(-max);
  const items: OfflineItem[] = [];
  for (const row of rows) {
    const item = await resolve(c, userId, row);
    if (item) items.push(item);
  }
  return items;
}

/** Messages of conversations the person has since left, and invitations answered, are dropped. */
async function resolve(c: pg.ClientBase, userId: string, row: OfflineRow): Promise<OfflineItem | null> {
  if (row.kind === 'announcement') {
    const announcement = await announcementFor(c, userId, row.ref);
    return announcement ? { kind: 'announcement', announcement } : null;
  }
  const member = await memberRow(c, row.ref, userId);
  if (!isCurrent(member)) return null;
  if (row.kind === 'message') {
    const found = row.seq > member.visible_from ? await message(c, row.ref, row.seq) : null;
    return found ? { kind: 'message', message: found } : null;
  }
  if (member.state !== 'invited') return null;
  const conversation = (await getConversation(c, row.ref))!;
  // The inviter may have left since: their name is still in the members table.
  const inviter = row.actor ? await memberRow(c, row.ref, row.actor) : undefined;
  const from: UserSummary = inviter
    ? { id: inviter.user_id, displayName: inviter.display_name }
    : conversation.createdBy;
  return { kind: 'invitation', conversation, from };
}

export async function createAnnouncement(
  c: pg.ClientBase,
  announcement: StoredAnnouncement,
  recipients: readonly string[],
  isLive: IsLive,
): Promise<void> {
  const { id, from } = announcement;
  await c.query(
    `INSERT INTO announcements (id, sender, sender_name, body, allow_replies, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, from.id, from.displayName, announcement.text, announcement.allowReplies, announcement.sentAt],
  );
  const people = [...new Set(recipients)];
  await c.query(
    `INSERT INTO announcement_recipients (user_id, announcement_id)
     SELECT u, $2 FROM unnest($1::text[]) AS u ON CONFLICT DO NOTHING`,
    [people, id],
  );
  await queueOffline(
    c,
    recipients.filter((userId) => !isLive(userId)),
    'announcement',
    id,
  );
}

export async function announcementsOf(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<StoredAnnouncement[]> {
  const rows = await rowsOf<AnnouncementRow>(
    db,
    `SELECT ${ANNOUNCEMENT_COLUMNS} FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id
     WHERE r.user_id = $1 ORDER BY a.sent_at DESC, a.ordinal DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map(toAnnouncement);
}

export async function announcementFor(
  db: Queryable,
  userId: string,
  id: string,
): Promise<StoredAnnouncement | null> {
  const row = await rowOf<AnnouncementRow>(
    db,
    `SELECT ${ANNOUNCEMENT_COLUMNS} FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id
     WHERE r.user_id = $1 AND r.announcement_id = $2`,
    [userId, id],
  );
  return row ? toAnnouncement(row) : null;
}
