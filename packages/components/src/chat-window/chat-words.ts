/**
 * What the chat window says in words: who is typing, where one's own message stands (sent,
 * delivered, read), and the notices of an N-way conversation. Plain functions, so they are tested
 * without a DOM and read the same on screen and to a screen reader.
 */
import type { ConversationNotice, ConversationSummary, TimelineMessage, UserSummary } from '@st/client';

export function typingWords(people: readonly UserSummary[]): string {
  const names = people.map((p) => firstName(p.displayName));
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** "Bob" of "Bob Brown": short enough for a typing line. */
export function firstName(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] || displayName;
}

export const Receipt = {
  Sending: 'sending',
  Failed: 'failed',
  Sent: 'sent',
  Delivered: 'delivered',
  Read: 'read',
} as const;
export type Receipt = (typeof Receipt)[keyof typeof Receipt];

export interface ReceiptView {
  receipt: Receipt;
  /** "Read", "Delivered", "Read by 2 of 3"... */
  words: string;
}

/** Where my message stands with the others in the conversation. */
export function receiptOf(
  message: TimelineMessage,
  conversation: ConversationSummary | undefined,
  myId: string,
): ReceiptView {
  if (message.state === 'sending') return { receipt: Receipt.Sending, words: 'Sending…' };
  if (message.state === 'failed') return { receipt: Receipt.Failed, words: 'Not sent' };
  const others = conversation?.participants.filter((p) => p.id !== myId && p.state === 'joined') ?? [];
  const readers = others.filter((p) => p.readSeq >= message.seq).length;
  const receivers = others.filter((p) => p.deliveredSeq >= message.seq || p.readSeq >= message.seq).length;
  if (others.length === 0) return { receipt: Receipt.Sent, words: 'Sent' };
  if (others.length === 1) {
    if (readers === 1) return { receipt: Receipt.Read, words: 'Read' };
    if (receivers === 1) return { receipt: Receipt.Delivered, words: 'Delivered' };
    return { receipt: Receipt.Sent, words: 'Sent' };
  }
  if (readers === others.length) return { receipt: Receipt.Read, words: 'Read by everyone' };
  if (readers > 0) return { receipt: Receipt.Read, words: `Read by ${readers} of ${others.length}` };
  if (receivers > 0)
    return { receipt: Receipt.Delivered, words: `Delivered to ${receivers} of ${others.length}` };
  return { receipt: Receipt.Sent, words: 'Sent' };
}

const CHANGE_WORDS: Record<ConversationNotice['change'], string> = {
  created: 'started the conversation',
  invited: 'was invited',
  joined: 'joined',
  left: 'left',
  declined: 'declined the invitation',
  topic: 'changed the topic',
};

/** "Carol joined", "Bob invited Dave and Erin", "Alice changed the topic". */
export function noticeWords(notice: ConversationNotice, myId: string): string {
  const name = (p: UserSummary) => (p.id === myId ? 'You' : p.displayName);
  const people = listOf(notice.people.map(name));
  if (notice.change === 'invited') return `${name(notice.by)} invited ${people}`;
  if (notice.change === 'topic' || notice.people.length === 0)
    return `${name(notice.by)} ${CHANGE_WORDS[notice.change]}`;
  return `${people} ${CHANGE_WORDS[notice.change]}`;
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The heading of a conversation: its topic, else the other people's names. */
export function conversationTitle(
  conversation: ConversationSummary | undefined,
  myId: string,
  fallback = '',
): string {
  if (!conversation) return fallback;
  if (conversation.topic) return conversation.topic;
  const others = conversation.participants.filter((p) => p.id !== myId).map((p) => p.displayName);
  return others.length ? listOf(others) : fallback;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "14:05" today, else the date as well. */
export function messageTime(iso: string, now = new Date()): { short: string; full: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: '', full: '' };
  const today = date.toDateString() === now.toDateString();
  return { short: today ? TIME.format(date) : DATE_TIME.format(date), full: DATE_TIME.format(date) };
}
