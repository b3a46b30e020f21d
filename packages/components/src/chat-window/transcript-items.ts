/**
 * The transcript as the window shows it: messages and notices interleaved in order, a window of
 * the newest ones (long histories are not all in the DOM), and whether the message box's key
 * sends, breaks the line or does nothing special.
 */
import type { ConversationNotice, TimelineMessage } from '@st/client';

export type TranscriptItem =
  | { kind: 'message'; key: string; message: TimelineMessage; firstOfRun: boolean }
  | { kind: 'notice'; key: string; notice: ConversationNotice };

/** Messages of the window, each notice placed after the newest message it followed. */
export function transcriptItems(
  messages: readonly TimelineMessage[],
  notices: readonly ConversationNotice[],
  shown: number,
): { items: TranscriptItem[]; hidden: number } {
  const start = Math.max(0, messages.length - shown);
  const windowed = messages.slice(start);
  const firstSeq = windowed.find((m) => m.seq > 0)?.seq ?? Number.POSITIVE_INFINITY;
  const pending = [...notices].filter((n) => start === 0 || n.afterSeq >= firstSeq);
  const items: TranscriptItem[] = [];
  let noticeAt = 0;
  const placeNotices = (upTo: number) => {
    while (noticeAt < pending.length && pending[noticeAt]!.afterSeq <= upTo) {
      const notice = pending[noticeAt]!;
      items.push({ kind: 'notice', key: `n:${notice.at}:${noticeAt}`, notice });
      noticeAt++;
    }
  };
  let previous: TimelineMessage | undefined;
  for (const message of windowed) {
    if (message.seq > 0) placeNotices(message.seq - 1);
    const firstOfRun = !previous || previous.from.id !== message.from.id || items.at(-1)?.kind === 'notice';
    items.push({ kind: 'message', key: message.clientId ?? message.id, message, firstOfRun });
    previous = message;
  }
  placeNotices(Number.POSITIVE_INFINITY);
  return { items, hidden: start };
}

export type ComposerKey = 'send' | 'newline' | 'none';

/** Enter sends, Shift+Enter breaks the line; Enter while an input method composes does neither. */
export function composerKey(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'altKey' | 'ctrlKey' | 'metaKey'>,
): ComposerKey {
  if (event.key !== 'Enter' || event.isComposing) return 'none';
  if (event.shiftKey) return 'newline';
  if (event.altKey || event.ctrlKey || event.metaKey) return 'none';
  return 'send';
}
