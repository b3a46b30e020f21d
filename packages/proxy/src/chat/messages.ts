/**
 * Messages: sending (through the group commit, answered only after the commit), history,
 * receipts and typing. After a message is stored, every participant's streams get it (the
 * sender's too, for their other tabs); people without a live stream find it waiting when they
 * next connect, and the push sender hears of it for everyone but the sender.
 */
import {
  ConversationChange,
  type HistoryQuery,
  type HistoryResponse,
  LIMITS,
  messageCharacters,
  type SendMessageRequest,
  type UserSummary,
} from '@st/protocol';
import { ApiError } from '../errors.ts';
import type { Listeners } from '../listeners.ts';
import type { AppendOutcome, NewMessage, StoredConversation, StoredMessage } from '../store/chat-types.ts';
import { archived, withBodies } from './archive.ts';
import { type ChatDeps, notifyPush, requireParticipant } from './deps.ts';
import {
  conversationEventBody,
  emitToParticipants,
  messageEventBody,
  receiptEventBody,
  typingEventBody,
} from './events.ts';
import { GroupCommit } from './group-commit.ts';
import type { ChatBudgets } from './rate-limits.ts';
import { TypingThrottle } from './typing.ts';
import { messageView } from './views.ts';

/** Messages in one group commit at most, so one transaction stays short. */
const MAX_BATCH = 256;

/** What a community server that carries chat itself relays to its other clients (docs/xmpp.md). */
export type ChatRelay =
  | { kind: 'message'; conversation: StoredConversation; message: StoredMessage }
  | { kind: 'typing'; conversation: StoredConversation; from: string; typing: boolean }
  | { kind: 'read'; conversation: StoredConversation; from: string; readSeq: number }
  | { kind: 'topic'; conversation: StoredConversation; from: string; topic: string | null }
  | { kind: 'left'; conversation: StoredConversation; from: string }
  | { kind: 'announcement'; from: string; recipients: readonly string[]; text: string };

export class Messages {
  private readonly writer: GroupCommit<NewMessage, AppendOutcome>;
  private readonly typing = new TypingThrottle(LIMITS.typingThrottleMs, LIMITS.typingTtlMs);
  constructor(
    private readonly deps: ChatDeps,
    private readonly budgets: ChatBudgets,
    options: { groupCommit: boolean },
    /** Hears each stored message, forwarded typing notice, read position, topic and leaver. */
    readonly relay: Listeners<[ChatRelay]>,
  ) {
    this.writer = new GroupCommit((batch) => this.store(batch), {
      enabled: options.groupCommit,
      maxBatch: MAX_BATCH,
      maxInFlight: deps.store.concurrentWrites,
    });
  }

  /**
   * Stores the message and answers it with `created: true`, or the one stored earlier with the same
   * `clientId` with `created: false`. With a community server that archives messages, the answer
   * waits for the server to have it; `archivedAt` marks a message that came from that archive.
   */
  async send(
    me: UserSummary,
    conversationId: string,
    request: SendMessageRequest,
    archivedAt?: number,
  ): Promise<{ message: ReturnType<typeof messageView>; created: boolean }> {
    if (messageCharacters(request.text) > LIMITS.messageLength) {
      throw new ApiError('ST_ERR_MESSAGE_TOO_LONG', {
        message: `A message may have at most ${LIMITS.messageLength.toLocaleString('en')} characters; this one has ${messageCharacters(request.text).toLocaleString('en')}.`,
      });
    }
    const fromArchive = archivedAt !== undefined;
    // The server accepted what its archive holds already: it spends nobody's budget here.
    if (!fromArchive) await this.budgets.messages.spend(me.id);
    const outcome = await this.writer.write({
      conversationId,
      from: { id: me.id, displayName: me.displayName },
      clientId: request.clientId ?? null,
      text: request.text,
      sentAt: archivedAt ?? Date.now(),
      ...(fromArchive && { archived: true }),
    });
    switch (outcome.kind) {
      case 'refused':
        throw new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
      case 'failed':
        throw outcome.error;
      case 'duplicate': {
        const message = fromArchive ? outcome.message : await this.settle(me.id, outcome.message);
        return { message: messageView(message), created: false };
      }
      case 'stored':
        if (!fromArchive) await this.toArchive(outcome.conversation, outcome.message);
        return { message: messageView(outcome.message), created: true };
    }
  }

  /**
   * A retry of a message stored earlier: its body from the archive, or (the server did not
   * acknowledge it yet) handed to the archive again.
   */
  private async settle(readerId: string, message: StoredMessage): Promise<StoredMessage> {
    const archive = this.deps.archive;
    if (!archive) return message;
    const conversation = await this.deps.store.conversation(message.conversationId);
    if (!conversation) return message;
    if (!archived(message)) {
      await this.toArchive(conversation, message);
      return message;
    }
    const [filled] = await withBodies(archive, readerId, conversation, [message], this.deps.log);
    return filled ?? message;
  }

  /** Hands the message to the archive; once the server has it, the store forgets its body. */
  private async toArchive(conversation: StoredConversation, message: StoredMessage): Promise<void> {
    const archive = this.deps.archive;
    if (!archive) return;
    let kept: boolean;
    try {
      kept = await archive.deliver(conversation, message);
    } catch (error) {
      this.deps.log.warn(
        { err: error, conversationId: conversation.id },
        'the community server did not take a message',
      );
      // Stored here with its body, so nothing is lost; a retry with its clientId hands it over.
      throw new ApiError('ST_ERR_COMMUNITY_UNAVAILABLE');
    }
    if (kept)
      await this.deps.store.forgetBodies([{ conversationId: message.conversationId, seq: message.seq }]);
  }

  /** Writes a batch, then tells everyone about what was stored, before any sender hears back. */
  private async store(batch: NewMessage[]): Promise<AppendOutcome[]> {
    const outcomes = await this.deps.store.appendMessages(batch, (userId) =>
      this.deps.streams.isLive(userId),
    );
    for (const outcome of outcomes) {
      if (outcome.kind === 'stored') this.announce(outcome);
      else if (outcome.kind === 'failed')
        this.deps.log.error({ err: outcome.error }, 'a message was not stored');
    }
    return outcomes;
  }

  private announce(outcome: Extract<AppendOutcome, { kind: 'stored' }>): void {
    const { message, conversation, joined } = outcome;
    const streams = this.deps.streams;
    if (joined) {
      const notice = conversationEventBody(ConversationChange.Joined, conversation, message.from, [
        message.from,
      ]);
      emitToParticipants(streams, conversation, 'conversation', notice);
    }
    this.typing.stopped(conversation.id, message.from.id);
    emitToParticipants(streams, conversation, 'message', messageEventBody(message));
    if (this.relay.size > 0) this.relay.emit({ kind: 'message', conversation, message });
    const recipients = conversation.participants.filter((p) => p.id !== message.from.id).map((p) => p.id);
    notifyPush(this.deps, recipients, {
      kind: 'message',
      conversationId: conversation.id,
      from: message.from,
      text: message.text,
    });
  }

  async history(me: UserSummary, conversationId: string, query: HistoryQuery): Promise<HistoryResponse> {
    const { conversation, me: mine } = await requireParticipant(this.deps, conversationId, me.id);
    const page = await this.deps.store.history(conversationId, mine.visibleFrom, {
      before: query.before,
      after: query.after,
      limit: query.limit ?? LIMITS.historyPageDefault,
    });
    const messages = await withBodies(this.deps.archive, me.id, conversation, page.messages, this.deps.log);
    return { messages: messages.map(messageView), hasMore: page.hasMore };
  }

  /**
   * Moves the caller's receipts forward; the participants hear where they stand when they moved.
   * `fromCommunity` marks a receipt or chat marker from the community server's other clients.
   */
  async receipt(
    me: UserSummary,
    conversationId: string,
    kind: 'delivered' | 'read',
    seq: number,
    fromCommunity = false,
  ): Promise<void> {
    if (!fromCommunity) await this.budgets.actions.spend(me.id);
    const positions = await this.deps.store.markReceipts(conversationId, me.id, { [kind]: seq });
    if (!positions) throw new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
    if (!positions.changed) return;
    const conversation = await this.deps.store.conversation(conversationId);
    if (conversation) {
      emitToParticipants(
        this.deps.streams,
        conversation,
        'receipt',
        receiptEventBody(conversationId, me.id, positions),
      );
      if (kind === 'read' && !fromCommunity && this.relay.size > 0) {
        this.relay.emit({ kind: 'read', conversation, from: me.id, readSeq: positions.readSeq });
      }
    }
  }

  async setTyping(me: UserSummary, conversationId: string, typing: boolean): Promise<void> {
    const { conversation } = await requireParticipant(this.deps, conversationId, me.id);
    await this.budgets.actions.spend(me.id);
    if (!this.typing.shouldForward(conversationId, me.id, typing)) return;
    const body = typingEventBody(conversationId, me.id, typing, LIMITS.typingTtlMs);
    emitToParticipants(this.deps.streams, conversation, 'typing', body, me.id);
    if (this.relay.size > 0) this.relay.emit({ kind: 'typing', conversation, from: me.id, typing });
  }
}
