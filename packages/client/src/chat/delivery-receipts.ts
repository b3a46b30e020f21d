/**
 * Delivery receipts as the proxy expects them (docs/chat.md): when messages from others reach this
 * client, live or in a history page, it says "I have every message up to `seq`" with
 * `POST …/delivered`. Everything that arrives in one macrotask costs one call per conversation, and
 * a position already reported (by this tab or, per the conversation, by another) is not sent again.
 */
import type { ChatMessage, Participant } from '@st/protocol/core';
import { TickBatcher } from '../tick.ts';
import type { ChatApi } from './chat-api.ts';

export interface DeliveryReceiptsConfig {
  api: Pick<ChatApi, 'delivered'>;
  /** My receipts in a conversation as the proxy last told them (undefined when not known). */
  myPosition(conversationId: string): Pick<Participant, 'deliveredSeq'> | undefined;
}

export class DeliveryReceipts {
  /** The newest `seq` to report per conversation, collected for the next tick. */
  private readonly due = new Map<string, number>();
  /** The newest `seq` reported per conversation by this client. */
  private readonly reported = new Map<string, number>();
  private readonly tick = new TickBatcher(() => this.flush());

  constructor(private readonly config: DeliveryReceiptsConfig) {}

  arrived(conversationId: string, messages: readonly ChatMessage[]): void {
    let newest = 0;
    for (const message of messages) newest = Math.max(newest, message.seq);
    if (newest === 0 || newest <= this.already(conversationId)) return;
    this.due.set(conversationId, Math.max(this.due.get(conversationId) ?? 0, newest));
    this.tick.schedule();
  }

  reset(): void {
    this.tick.cancel();
    this.due.clear();
    this.reported.clear();
  }

  private already(conversationId: string): number {
    return Math.max(
      this.reported.get(conversationId) ?? 0,
      this.config.myPosition(conversationId)?.deliveredSeq ?? 0,
    );
  }

  private flush(): void {
    const due = [...this.due];
    this.due.clear();
    for (const [conversationId, seq] of due) {
      if (seq <= this.already(conversationId)) continue;
      this.reported.set(conversationId, seq);
      this.config.api.delivered(conversationId, seq).catch(() => {
        // Not reported: the next message (or a reload) reports it.
        if (this.reported.get(conversationId) === seq) this.reported.delete(conversationId);
      });
    }
  }
}
