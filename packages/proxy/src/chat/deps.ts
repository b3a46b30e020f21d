/** What the parts of chat share, and the one check every conversation call makes first. */
import type { FastifyBaseLogger } from 'fastify';
import type { Directory } from '../directory/types.ts';
import { ApiError } from '../errors.ts';
import type { LimitStore } from '../limits/store.ts';
import type { PushEvent, PushNotifier } from '../push/types.ts';
import type { ChatStore, StoredConversation, StoredParticipant } from '../store/chat-types.ts';
import type { MessageArchive } from './archive.ts';
import type { ChatStreamRegistry } from './streams.ts';

export interface ChatDeps {
  store: ChatStore;
  streams: ChatStreamRegistry;
  directory: Directory;
  /** The push sender, when one is configured (read at each use: it may be wired after chat). */
  push: () => PushNotifier | undefined;
  log: FastifyBaseLogger;
  /**
   * Whether `viewerId` may see `ownerId` (their privacy list). Someone hidden from the caller is
   * named as if the directory did not know them, as in cards, search and contact lists.
   */
  maySee: (ownerId: string, viewerId: string) => boolean;
  /** Where the per-person chat budgets keep their buckets (limits/open.ts). */
  limits: LimitStore;
  /** The community server's message archive, when it keeps the bodies (chat/archive.ts). */
  archive?: MessageArchive | undefined;
}

/** The conversation and the caller's place in it; anyone else gets ST_ERR_CONVERSATION_NOT_FOUND. */
export async function requireParticipant(
  deps: ChatDeps,
  id: string,
  userId: string,
): Promise<{ conversation: StoredConversation; me: StoredParticipant }> {
  const conversation = await deps.store.conversation(id);
  const me = conversation?.participants.find((p) => p.id === userId);
  if (!conversation || !me) throw new ApiError('ST_ERR_CONVERSATION_NOT_FOUND');
  return { conversation, me };
}

/** Tells the push sender, never letting its failure reach the caller (it must not throw, but still). */
export function notifyPush(deps: ChatDeps, userIds: Iterable<string>, event: PushEvent): void {
  const push = deps.push();
  if (!push) return;
  for (const userId of userIds) {
    try {
      push.notify(userId, event);
    } catch (error) {
      deps.log.warn({ err: error, userId }, 'the push sender refused a notification');
    }
  }
}
