/**
 * Conversations and their participants in SQLite. Synchronous, like better-sqlite3; SqliteChat
 * wraps each call in a transaction and a promise.
 */
import type { ParticipantState, UserSummary } from '@st/protocol';
import type { Database, Statement } from 'better-sqlite3';
import {
  type ConversationRow,
  CURRENT_STATES,
  isCurrent,
  MEMBER_COLUMNS,
  type MemberRow,
  toConversation,
} from './chat-rows.ts';
import {
  ConversationFullError,
  type IsLive,
  type NewConversation,
  NotParticipantError,
  type StoredConversation,
} from './chat-types.ts';

export class SqliteConversations {
  private readonly s: {
    conversation: Statement;
    members: Statement;
    member: Statement;
    insertConversation: Statement;
    upsertMember: Statement;
    nextPosition: Statement;
    setState: Statement;
    setTopic: Statement;
    offline: Statement;
  };

  constructor(db: Database) {
    this.s = {
      conversation: db.prepare('SELECT * FROM conversations WHERE id = ?'),
      members: db.prepare(
        `SELECT ${MEMBER_COLUMNS} FROM conversation_members
         WHERE conversation_id = ? AND state IN ${CURRENT_STATES} ORDER BY position`,
      ),
      member: db.prepare(
        `SELECT ${MEMBER_COLUMNS} FROM conversation_members WHERE conversation_id = ? AND user_id = ?`,
      ),
      insertConversation: db.prepare(`
        INSERT INTO conversations (id, kind, topic, created_by, created_by_name, created_at, upgraded_from,
          last_seq, last_activity_at)
        VALUES (@id, @kind, @topic, @createdBy, @createdByName, @now, @upgradedFrom, 0, @now)`),
      // Re-inviting someone who left starts their view of the history afresh.
      upsertMember: db.prepare(`
        INSERT INTO conversation_members (conversation_id, user_id, display_name, state, position,
          visible_from, delivered_seq, read_seq, changed_at)
        VALUES (@conversationId, @userId, @displayName, @state, @position, @visibleFrom, @visibleFrom,
          @visibleFrom, @now)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET display_name = excluded.display_name,
          state = excluded.state, position = excluded.position, visible_from = excluded.visible_from,
          delivered_seq = excluded.delivered_seq, read_seq = excluded.read_seq, changed_at = excluded.changed_at`),
      nextPosition: db.prepare(
        'SELECT coalesce(max(position), 0) + 1 AS next FROM conversation_members WHERE conversation_id = ?',
      ),
      setState: db.prepare(
        'UPDATE conversation_members SET state = ?, changed_at = ? WHERE conversation_id = ? AND user_id = ?',
      ),
      setTopic: db.prepare('UPDATE conversations SET topic = ?, last_activity_at = ? WHERE id = ?'),
      offline: db.prepare(
        'INSERT INTO offline_deliveries (user_id, kind, ref, seq, actor) VALUES (?, ?, ?, ?, ?)',
      ),
    };
  }

  get(id: string): StoredConversation | null {
    const row = this.s.conversation.get(id) as ConversationRow | undefined;
    return row ? toConversation(row, this.s.members.all(id) as MemberRow[]) : null;
  }

  /** The row of a conversation, without its participants. */
  row(id: string): ConversationRow | undefined {
    return this.s.conversation.get(id) as ConversationRow | undefined;
  }

  /** The rows of the current participants (invited or joined), in order. */
  currentMemberRows(id: string): MemberRow[] {
    return this.s.members.all(id) as MemberRow[];
  }

  memberRow(id: string, userId: string): MemberRow | undefined {
    return this.s.member.get(id, userId) as MemberRow | undefined;
  }

  /** Queues an offline delivery for the person (run inside the caller's transaction). */
  queueOffline(
    userId: string,
    kind: 'message' | 'invitation' | 'announcement',
    ref: string,
    seq = 0,
    actor: string | null = null,
  ): void {
    this.s.offline.run(userId, kind, ref, seq, actor);
  }

  create(input: NewConversation, isLive: IsLive): { conversation: StoredConversation; created: boolean } {
    const existing = this.get(input.id);
    if (existing) return { conversation: existing, created: false };
    const { id, now } = input;
    this.s.insertConversation.run({
      id,
      kind: input.kind,
      topic: input.topic,
      createdBy: input.creator.id,
      createdByName: input.creator.displayName,
      now,
      upgradedFrom: input.upgradedFrom,
    });
    const othersState: ParticipantState = input.kind === 'im' ? 'joined' : 'invited';
    this.addMember(id, input.creator, 'joined', 1, 0, now);
    input.others.forEach((person, i) => {
      this.addMember(id, person, othersState, i + 2, 0, now);
      if (othersState === 'invited' && !isLive(person.id)) {
        this.queueOffline(person.id, 'invitation', id, 0, input.creator.id);
      }
    });
    return { conversation: this.get(id)!, created: true };
  }

  invite(
    id: string,
    by: UserSummary,
    people: UserSummary[],
    options: { now: number; maxParticipants: number; isLive: IsLive },
  ): { conversation: StoredConversation; invited: UserSummary[] } {
    const row = this.row(id);
    if (!row || !isCurrent(this.memberRow(id, by.id))) throw new NotParticipantError();
    const current = new Set((this.s.members.all(id) as MemberRow[]).map((m) => m.user_id));
    const fresh = people.filter((p) => !current.has(p.id));
    if (current.size + fresh.length > options.maxParticipants) {
      throw new ConversationFullError(
        `A conversation may have at most ${options.maxParticipants} participants; it has ${current.size}.`,
      );
    }
    let position = (this.s.nextPosition.get(id) as { next: number }).next;
    for (const person of fresh) {
      this.addMember(id, person, 'invited', position++, row.last_seq, options.now);
      if (!options.isLive(person.id)) this.queueOffline(person.id, 'invitation', id, 0, by.id);
    }
    return { conversation: this.get(id)!, invited: fresh };
  }

  setState(
    id: string,
    userId: string,
    state: 'joined' | 'left' | 'declined',
    now: number,
  ): { conversation: StoredConversation; previous: ParticipantState } | null {
    const member = this.memberRow(id, userId);
    if (!isCurrent(member)) return null;
    if (member.state !== state) this.s.setState.run(state, now, id, userId);
    return { conversation: this.get(id)!, previous: member.state };
  }

  setTopic(id: string, topic: string | null, now: number): StoredConversation {
    this.s.setTopic.run(topic, now, id);
    return this.get(id)!;
  }

  private addMember(
    conversationId: string,
    person: UserSummary,
    state: ParticipantState,
    position: number,
    visibleFrom: number,
    now: number,
  ): void {
    this.s.upsertMember.run({
      conversationId,
      userId: person.id,
      displayName: person.displayName,
      state,
      position,
      visibleFrom,
      now,
    });
  }
}
