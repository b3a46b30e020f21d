/**
 * What this client holds for one open conversation: its transcript, who is typing in it, my own
 * typing announcements, and the notices (joined, left, topic) seen since it was opened.
 */
import type { ConversationChange, UserSummary } from '@st/protocol/core';
import { BehaviorSubject } from 'rxjs';
import type { ChatApi } from './chat-api.ts';
import { Transcript, type TranscriptConfig } from './transcript.ts';
import { TypingBoard, TypingSender } from './typing.ts';

/** A change to the conversation as a transcript line shows it ("Carol joined", "Bob left"). */
export interface ConversationNotice {
  change: ConversationChange;
  by: UserSummary;
  people: UserSummary[];
  /** The `seq` of the newest message when it happened, to place it in the transcript. */
  afterSeq: number;
  at: string;
}

export class Room {
  readonly transcript: Transcript;
  readonly typing = new TypingBoard();
  readonly sender: TypingSender;
  readonly notices$ = new BehaviorSubject<ConversationNotice[]>([]);

  constructor(
    readonly id: string,
    api: ChatApi,
    config: TranscriptConfig,
  ) {
    this.transcript = new Transcript(id, config);
    this.sender = new TypingSender((typing) => api.typing(id, typing));
  }

  notice(notice: Omit<ConversationNotice, 'afterSeq' | 'at'>): void {
    const afterSeq = this.transcript.messages.at(-1)?.seq ?? 0;
    const at = new Date().toISOString();
    this.notices$.next([...this.notices$.value, { ...notice, afterSeq, at }]);
  }

  stop(): void {
    this.transcript.stop();
    this.typing.clear();
    this.sender.stop();
  }
}
