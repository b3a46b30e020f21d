/**
 * Receipts between people here and people on the community server's own clients (XMPP): a
 * delivery receipt (XEP-0184) or a displayed marker (XEP-0333) for a message sent from here moves
 * the reader's receipts here; a person here reading a message from XMPP sends a displayed marker
 * for it; a marker from the person's own other client (a carbon) moves their read position here.
 */
import type { UserSummary } from '@st/protocol';
import type { IncomingChat } from '../community/types.ts';
import { clientIdOf, XMPP_CLIENT_ID_PREFIX } from '../community/xmpp/chat-stanzas.ts';
import type { ChatStore, StoredConversation, StoredMessage } from '../store/chat-types.ts';
import type { Chat } from './chat.ts';
import { imConversationId } from './ids.ts';

/** How far back a marker for a message from XMPP is looked for. */
const RECENT = 50;
/** The XMPP id of a message sent from here: `st-<conversation>-<seq>` (chat-stanzas.ts). */
const OUTGOING_ID = /^st-(.+)-(\d+)$/;

async function recent(
  store: ChatStore,
  conversationId: string,
  before: number | undefined,
  match: (m: StoredMessage) => boolean,
): Promise<StoredMessage | undefined> {
  const page = await store.history(conversationId, 0, { before, limit: RECENT });
  return page.messages.filter(match).at(-1);
}

export async function receiptFromCommunity(
  chat: Chat,
  store: ChatStore,
  reader: UserSummary,
  event: Extract<IncomingChat, { kind: 'receipt' }>,
): Promise<void> {
  const kind = event.read ? 'read' : 'delivered';
  const ours = OUTGOING_ID.exec(event.id);
  if (ours) {
    await chat.messages.receipt(reader, ours[1]!, kind, Number(ours[2]), true);
    return;
  }
  // The reader's own client marked a message of the other person's.
  const conversationId = imConversationId(event.from, event.to);
  const clientId = clientIdOf(event.to, event.id);
  const found = await recent(store, conversationId, undefined, (m) => m.clientId === clientId);
  if (found) await chat.messages.receipt(reader, conversationId, kind, found.seq, true);
}

/** The displayed marker a read position here stands for: the latest message from XMPP it covers. */
export async function displayedMarker(
  store: ChatStore,
  conversation: StoredConversation,
  readerId: string,
  readSeq: number,
): Promise<{ to: string; id: string } | undefined> {
  const peer = conversation.participants.find((p) => p.id !== readerId)?.id;
  if (conversation.kind !== 'im' || !peer) return undefined;
  const last = await recent(
    store,
    conversation.id,
    readSeq + 1,
    (m) => m.from.id === peer && m.clientId?.startsWith(XMPP_CLIENT_ID_PREFIX) === true,
  );
  return last?.clientId ? { to: peer, id: last.clientId.slice(XMPP_CLIENT_ID_PREFIX.length) } : undefined;
}
