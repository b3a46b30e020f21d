/**
 * A community server that archives messages itself (XMPP with MAM, docs/xmpp.md): there the
 * store keeps what the server lacks (sequence numbers, client ids for de-duplicating retries,
 * receipts, read positions) and holds a body only until the server has it, so history cannot
 * drift from the server's archive. Bodies the store forgot read back as `''` and are filled in
 * from the archive for the reader.
 */
import type { StoredConversation, StoredMessage } from '../store/chat-types.ts';

export interface MessageArchive {
  /**
   * Hands a message stored here to the server; resolves true once the server has it (archived),
   * false when the sender has no session there (the body stays here, its only copy), and rejects
   * when the server cannot be reached (the body stays in the store until a retry).
   */
  deliver(conversation: StoredConversation, message: StoredMessage): Promise<boolean>;
  /** The messages with their bodies read from the archive, as `readerId` may read it. */
  bodies(
    readerId: string,
    conversation: StoredConversation,
    messages: readonly StoredMessage[],
  ): Promise<StoredMessage[]>;
}

/** A body the store forgot because the archive has it. */
export function archived(message: StoredMessage): boolean {
  return message.text === '';
}

/** Fills what the archive has; a failure of the archive leaves the bodies empty (and is logged). */
export async function withBodies(
  archive: MessageArchive | undefined,
  readerId: string,
  conversation: StoredConversation,
  messages: StoredMessage[],
  log: { warn(object: object, message: string): void },
): Promise<StoredMessage[]> {
  if (!archive || !messages.some(archived)) return messages;
  try {
    return await archive.bodies(readerId, conversation, messages);
  } catch (error) {
    log.warn({ err: error, conversationId: conversation.id }, 'the message archive did not answer');
    return messages;
  }
}
