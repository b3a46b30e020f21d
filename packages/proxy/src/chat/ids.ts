/**
 * Conversation and announcement ids. A 1:1 conversation's id is a hash of its two people, so both
 * sides (and a retried request) find the same one without a lookup table; the others are random.
 * All are URL-safe and match the protocol's patterns.
 */
import { createHash } from 'node:crypto';
import { randomToken } from '../auth/tokens.ts';

/** The 1:1 conversation of two people, whichever of them asks. Ids are the directory's spelling. */
export function imConversationId(a: string, b: string): string {
  const pair = [a, b].sort();
  // A separator no user id can hold (ids have no control characters), so pairs never collide by joining.
  const digest = createHash('sha256').update(pair.join('\u0000')).digest('base64url');
  return `im_${digest.slice(0, 32)}`;
}

export function newConversationId(): string {
  return `nw_${randomToken(18)}`;
}

export function newAnnouncementId(): string {
  return `an_${randomToken(18)}`;
}

/** A message's id: unique across the proxy, and readable back into its conversation and seq. */
export function messageId(conversationId: string, seq: number): string {
  return `${conversationId}.${seq}`;
}
