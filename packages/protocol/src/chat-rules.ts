/**
 * The values and rules of chat without their schemas, so browser code (`@st/protocol/core`) can use
 * them without bundling zod: kinds of conversation, participant states, the changes a
 * `conversation` event reports, and how the length of a message is counted.
 */
import { LIMITS } from './limits.ts';

/** `im`: two people, one conversation per pair. `nway`: up to `LIMITS.conversationParticipants`. */
export const ConversationKind = { Im: 'im', NWay: 'nway' } as const;
export type ConversationKind = (typeof ConversationKind)[keyof typeof ConversationKind];
export const CONVERSATION_KINDS = Object.values(ConversationKind) as readonly ConversationKind[];

/**
 * A participant is `invited` until they accept, post, or decline; both states may read, post and
 * hear the conversation's events. People who left or declined are no longer participants.
 */
export const ParticipantState = { Invited: 'invited', Joined: 'joined' } as const;
export type ParticipantState = (typeof ParticipantState)[keyof typeof ParticipantState];
export const PARTICIPANT_STATES = Object.values(ParticipantState) as readonly ParticipantState[];

/** What a `conversation` event reports. */
export const ConversationChange = {
  /** The conversation was created (sent to its creator's streams). */
  Created: 'created',
  /** `people` were invited by `by`. */
  Invited: 'invited',
  /** `people` accepted their invitation (or posted, which accepts it). */
  Joined: 'joined',
  /** `people` left. */
  Left: 'left',
  /** `people` declined their invitation. */
  Declined: 'declined',
  /** `by` changed the topic. */
  Topic: 'topic',
} as const;
export type ConversationChange = (typeof ConversationChange)[keyof typeof ConversationChange];
export const CONVERSATION_CHANGES = Object.values(ConversationChange) as readonly ConversationChange[];

/** Conversation ids: `im_…` (derived from the two people) or `nw_…` (random); URL-safe. */
export const CONVERSATION_ID_PATTERN = /^(im|nw)_[A-Za-z0-9_-]{16,64}$/;
/** Announcement ids: `an_…`, random. */
export const ANNOUNCEMENT_ID_PATTERN = /^an_[A-Za-z0-9_-]{16,64}$/;
/** Client message ids: printable ASCII without spaces (a UUID, a ULID, a counter…). */
export const CLIENT_ID_PATTERN = /^[\x21-\x7e]+$/;

export function isConversationId(value: unknown): value is string {
  return typeof value === 'string' && CONVERSATION_ID_PATTERN.test(value);
}

/**
 * The length of a message as the limit counts it: Unicode code points, so an emoji outside the
 * Basic Multilingual Plane counts once (not twice, as `String.length` would).
 */
export function messageCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** True when `text` may be sent: not blank, and at most `LIMITS.messageLength` characters. */
export function isSendableText(text: string): boolean {
  return text.trim().length > 0 && messageCharacters(text) <= LIMITS.messageLength;
}
