/**
 * Offline deliveries and announcements in SQLite. Synchronous, like better-sqlite3; SqliteChat
 * wraps each call in a transaction and a promise.
 */
import type { UserSummary } from '@st/protocol';
import type { Database, Statement } from 'better-sqlite3';
import { type AnnouncementRow, isCurrent, toAnnouncement } from './chat-rows.ts';
import type { IsLive, OfflineItem, StoredAnnouncement } from './chat-types.ts';
import type { SqliteConversations } from './sqlite-conversations.ts';
import type { SqliteMessages } from './sqlite-messages.ts';

interface OfflineRow {
  kind: OfflineItem['kind'];
  ref: string;
  seq: number;
  actor: string | null;
}

export class SqliteOffline {
  private readonly s: Record<
    'take' | 'clear' | 'insertAnnouncement' | 'insertRecipient' | 'announcementsOf' | 'announcementFor',
    Statement
  >;

  constructor(
    db: Database,
    private readonly conversations: SqliteConversations,
    private readonly messages: SqliteMessages,
  ) {
    this.s = {
      take: db.prepare(
        'SELECT kind, ref, seq, actor FROM offline_deliveries WHERE user_id = ? ORDER BY id DESC LIMIT ?',
      ),
      clear: db.prepare('DELETE FROM offline_deliveries WHERE user_id = ?'),
      insertAnnouncement: db.prepare(`
        INSERT INTO announcements (id, sender, sender_name, body, allow_replies, sent_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      insertRecipient: db.prepare(
        'INSERT OR IGNORE INTO announcement_recipients (user_id, announcement_id) VALUES (?, ?)',
      ),
      announcementsOf: db.prepare(`
        SELECT a.* FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id
        WHERE r.user_id = ? ORDER BY a.sent_at DESC, a.rowid DESC LIMIT ?`),
      announcementFor: db.prepare(`
        SELECT a.* FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id
        WHERE r.user_id = ? AND r.announcement_id = ?`),
    };
  }

  /**
   * The newest `max` deliveries waiting for the person, oldest first, all deleted. Messages of
   * conversations the person has since left, and invitations already answered, are dropped.
   */
  take(userId: string, max: number): OfflineItem[] {
    const rows = (this.s.take.all(userId, max) as OfflineRow[]).reverse();
    this.s.clear.run(userId);
    const items: OfflineItem[] = [];
    for (const row of rows) {
      const item = this.resolve(userId, row);
      if (item) items.push(item);
    }
    return items;
  }

  private resolve(userId: string, row: OfflineRow): OfflineItem | null {
    if (row.kind === 'announcement') {
      const announcement = this.announcementFor(userId, row.ref);
      return announcement ? { kind: 'announcement', announcement } : null;
    }
    const member = this.conversations.memberRow(row.ref, userId);
    if (!isCurrent(member)) return null;
    if (row.kind === 'message') {
      const message = row.seq > member.visible_from ? this.messages.message(row.ref, row.seq) : null;
      return message ? { kind: 'message', message } : null;
    }
    if (member.state !== 'invited') return null;
    const conversation = this.conversations.get(row.ref)!;
    // The inviter may have left since: their name is still in the members table.
    const inviter = row.actor ? this.conversations.memberRow(row.ref, row.actor) : undefined;
    const from: UserSummary = inviter
      ? { id: inviter.user_id, displayName: inviter.display_name }
      : conversation.createdBy;
    return { kind: 'invitation', conversation, from };
  }

  createAnnouncement(announcement: StoredAnnouncement, recipients: readonly string[], isLive: IsLive): void {
    const { id, from } = announcement;
    this.s.insertAnnouncement.run(
      id,
      from.id,
      from.displayName,
      announcement.text,
      announcement.allowReplies ? 1 : 0,
      announcement.sentAt,
    );
    for (const userId of recipients) {
      this.s.insertRecipient.run(userId, id);
      if (!isLive(userId)) this.conversations.queueOffline(userId, 'announcement', id);
    }
  }

  announcementsOf(userId: string, limit: number): StoredAnnouncement[] {
    return (this.s.announcementsOf.all(userId, limit) as AnnouncementRow[]).map(toAnnouncement);
  }

  announcementFor(userId: string, id: string): StoredAnnouncement | null {
    const row = this.s.announcementFor.get(userId, id) as AnnouncementRow | undefined;
    return row ? toAnnouncement(row) : null;
  }
}
