/**
 * Conversations: 1:1 ones found by their two people, N-way ones created, joined, left and given a
 * topic. Each change is stored first, then told to the people it concerns as stream events.
 */
import {
  ConversationChange,
  type ConversationSummary,
  type CreateConversationRequest,
  LIMITS,
  type UserSummary,
} from '@st/protocol';
import { ApiError } from '../errors.ts';
import type { Listeners } from '../listeners.ts';
import {
  ConversationFullError,
  type ConversationListing,
  NotParticipantError,
  type StoredConversation,
} from '../store/chat-types.ts';
import { withBodies } from './archive.ts';
import { type ChatDeps, notifyPush, requireParticipant } from './deps.ts';
import { conversationEventBody, emitToParticipants, invitationEventBody } from './events.ts';
import { imConversationId, newConversationId } from './ids.ts';
import type { ChatRelay } from './messages.ts';
import { resolvePeople, resolvePerson } from './people.ts';
import type { ChatBudgets } from './rate-limits.ts';
import { summaryView } from './views.ts';

/** A listing cursor travels as `<activity ms>.<conversation id>`. */
function parseCursor(text: string | undefined): { activityAt: number; id: string } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,16})\.(.+)$/.exec(text);
  if (!match) {
    throw new ApiError('ST_ERR_VALIDATION', {
      details: [{ path: 'query.before', message: 'not a cursor from a previous page' }],
    });
  }
  return { activityAt: Number(match[1]), id: match[2]! };
}

function refusal(error: unknown): unknown {
  if (error instanceof NotParticipantError) return new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
  if (error instanceof ConversationFullError) {
    return new ApiError('ST_ERR_CONVERSATION_FULL', { message: error.message });
  }
  return error;
}

export class Conversations {
  constructor(
    private readonly deps: ChatDeps,
    private readonly budgets: ChatBudgets,
    /** Topics and leavers, for a community server that carries chat (community-bridge.ts). */
    private readonly relay: Listeners<[ChatRelay]>,
  ) {}

  /** The caller's view of a conversation: unread count and last message included. */
  async summary(conversation: StoredConversation, userId: string): Promise<ConversationSummary> {
    return summaryView(await this.withLastBody(await this.deps.store.listing(conversation, userId), userId));
  }

  /** The last message's body from the community server's archive, when it keeps them. */
  private async withLastBody(listing: ConversationListing, userId: string): Promise<ConversationListing> {
    const last = listing.lastMessage;
    if (!last) return listing;
    const [filled] = await withBodies(this.deps.archive, userId, listing.conversation, [last], this.deps.log);
    return { ...listing, lastMessage: filled ?? last };
  }

  async get(id: string, me: UserSummary): Promise<ConversationSummary> {
    const { conversation } = await requireParticipant(this.deps, id, me.id);
    return this.summary(conversation, me.id);
  }

  async list(me: UserSummary, limit: number | undefined, before: string | undefined) {
    const page = await this.deps.store.conversationsOf(
      me.id,
      limit ?? LIMITS.conversationsPageDefault,
      parseCursor(before),
    );
    return {
      conversations: (await Promise.all(page.listings.map((l) => this.withLastBody(l, me.id)))).map(
        summaryView,
      ),
      next: page.next ? `${page.next.activityAt}.${page.next.id}` : null,
    };
  }

  /** The 1:1 with `peerId`, or null when neither has opened it yet. */
  async findIm(me: UserSummary, peerId: string): Promise<ConversationSummary> {
    const peer = await this.peer(me, peerId);
    const conversation = await this.deps.store.conversation(imConversationId(me.id, peer.id));
    if (!conversation) throw new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
    return this.summary(conversation, me.id);
  }

  /** The 1:1 with `peerId`, created when missing. The peer hears of it with its first message. */
  async openIm(
    me: UserSummary,
    peerId: string,
  ): Promise<{ conversation: StoredConversation; created: boolean }> {
    const peer = await this.peer(me, peerId);
    const opened = await this.deps.store.createConversation(
      {
        id: imConversationId(me.id, peer.id),
        kind: 'im',
        creator: me,
        others: [peer],
        topic: null,
        upgradedFrom: null,
        now: Date.now(),
      },
      () => true,
    );
    if (opened.created) {
      this.deps.streams.emitToPerson(
        me.id,
        'conversation',
        conversationEventBody(ConversationChange.Created, opened.conversation, me),
      );
    }
    return opened;
  }

  async create(me: UserSummary, request: CreateConversationRequest): Promise<ConversationSummary> {
    const named = [...request.participants];
    if (request.upgradedFrom !== undefined) {
      const { conversation } = await requireParticipant(this.deps, request.upgradedFrom, me.id);
      if (conversation.kind !== 'im') {
        throw new ApiError('ST_ERR_VALIDATION', {
          details: [{ path: 'body.upgradedFrom', message: 'only a 1:1 conversation can be upgraded' }],
        });
      }
      // The 1:1's other person comes along, named or not.
      for (const p of conversation.participants) if (p.id !== me.id) named.unshift(p.id);
    }
    const others = await resolvePeople(this.deps, named, me.id, 'body.participants');
    if (others.length === 0) {
      throw new ApiError('ST_ERR_VALIDATION', {
        details: [{ path: 'body.participants', message: 'name at least one person besides yourself' }],
      });
    }
    if (others.length + 1 > LIMITS.conversationParticipants) throw new ApiError('ST_ERR_CONVERSATION_FULL');
    await this.budgets.invitations.spend(me.id, others.length);
    const { conversation } = await this.deps.store.createConversation(
      {
        id: newConversationId(),
        kind: 'nway',
        creator: me,
        others,
        topic: request.topic ?? null,
        upgradedFrom: request.upgradedFrom ?? null,
        now: Date.now(),
      },
      (userId) => this.deps.streams.isLive(userId),
    );
    const streams = this.deps.streams;
    streams.emitToPerson(
      me.id,
      'conversation',
      conversationEventBody(ConversationChange.Created, conversation, me),
    );
    this.tellInvited(conversation, me, others);
    return this.summary(conversation, me.id);
  }

  async invite(me: UserSummary, id: string, ids: string[]): Promise<ConversationSummary> {
    const { conversation: before } = await requireParticipant(this.deps, id, me.id);
    if (before.kind === 'im') throw new ApiError('ST_ERR_CONVERSATION_KIND');
    const people = await resolvePeople(this.deps, ids, me.id, 'body.ids');
    const current = new Set(before.participants.map((p) => p.id));
    const fresh = people.filter((p) => !current.has(p.id));
    if (fresh.length === 0) return this.summary(before, me.id);
    if (current.size + fresh.length > LIMITS.conversationParticipants) {
      throw new ApiError('ST_ERR_CONVERSATION_FULL', {
        message: `A conversation may have at most ${LIMITS.conversationParticipants} participants; it has ${current.size}.`,
      });
    }
    await this.budgets.invitations.spend(me.id, fresh.length);
    const { conversation, invited } = await this.deps.store
      .invite(id, me, fresh, {
        now: Date.now(),
        maxParticipants: LIMITS.conversationParticipants,
        isLive: (userId) => this.deps.streams.isLive(userId),
      })
      .catch((error: unknown) => {
        throw refusal(error);
      });
    if (invited.length > 0) {
      const invitedIds = new Set(invited.map((p) => p.id));
      const notice = conversationEventBody(ConversationChange.Invited, conversation, me, invited);
      for (const participant of conversation.participants) {
        if (!invitedIds.has(participant.id))
          this.deps.streams.emitToPerson(participant.id, 'conversation', notice);
      }
      this.tellInvited(conversation, me, invited);
    }
    return this.summary(conversation, me.id);
  }

  /** Accepts the caller's invitation (nothing changes when they already joined). */
  async accept(me: UserSummary, id: string): Promise<ConversationSummary> {
    await this.budgets.actions.spend(me.id);
    const result = await this.deps.store.setParticipantState(id, me.id, 'joined', Date.now());
    if (!result) throw new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
    if (result.previous === 'invited') {
      const notice = conversationEventBody(ConversationChange.Joined, result.conversation, me, [me]);
      emitToParticipants(this.deps.streams, result.conversation, 'conversation', notice);
    }
    return this.summary(result.conversation, me.id);
  }

  /** Leaves an N-way conversation; while only invited, that declines the invitation. */
  async leave(me: UserSummary, id: string): Promise<void> {
    const { conversation, me: mine } = await requireParticipant(this.deps, id, me.id);
    if (conversation.kind === 'im') throw new ApiError('ST_ERR_CONVERSATION_KIND');
    await this.budgets.actions.spend(me.id);
    const state = mine.state === 'invited' ? 'declined' : 'left';
    const result = await this.deps.store.setParticipantState(id, me.id, state, Date.now());
    if (!result) throw new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
    const change = result.previous === 'invited' ? ConversationChange.Declined : ConversationChange.Left;
    const notice = conversationEventBody(change, result.conversation, me, [me]);
    emitToParticipants(this.deps.streams, result.conversation, 'conversation', notice);
    // The leaver's other tabs and devices close it too.
    this.deps.streams.emitToPerson(me.id, 'conversation', notice);
    if (this.relay.size > 0)
      this.relay.emit({ kind: 'left', conversation: result.conversation, from: me.id });
  }

  async setTopic(me: UserSummary, id: string, topic: string | null): Promise<ConversationSummary> {
    const { conversation: before } = await requireParticipant(this.deps, id, me.id);
    if (before.kind === 'im') throw new ApiError('ST_ERR_CONVERSATION_KIND');
    await this.budgets.actions.spend(me.id);
    if (before.topic === topic) return this.summary(before, me.id);
    const conversation = await this.deps.store.setTopic(id, topic, Date.now());
    const notice = conversationEventBody(ConversationChange.Topic, conversation, me);
    emitToParticipants(this.deps.streams, conversation, 'conversation', notice);
    if (this.relay.size > 0) this.relay.emit({ kind: 'topic', conversation, from: me.id, topic });
    return this.summary(conversation, me.id);
  }

  private async peer(me: UserSummary, peerId: string): Promise<UserSummary> {
    const peer = await resolvePerson(this.deps, peerId, me.id, 'params.peerId');
    if (peer.id === me.id) {
      throw new ApiError('ST_ERR_VALIDATION', {
        details: [{ path: 'params.peerId', message: 'a 1:1 conversation needs someone else' }],
      });
    }
    return peer;
  }

  /** Invitation events to the people invited (those offline find theirs waiting), and pushes. */
  private tellInvited(conversation: StoredConversation, by: UserSummary, invited: UserSummary[]): void {
    const invitation = invitationEventBody(conversation, by);
    for (const person of invited) this.deps.streams.emitToPerson(person.id, 'invitation', invitation);
    notifyPush(
      this.deps,
      invited.map((p) => p.id),
      {
        kind: 'invitation',
        conversationId: conversation.id,
        from: { id: by.id, displayName: by.displayName },
        ...(conversation.topic ? { topic: conversation.topic } : {}),
      },
    );
  }
}
