/**
 * Per-person budgets of chat: messages, people invited, announcements, and the small actions
 * (receipts, typing, topics, joining and leaving). Kept per person rather than per login, so a
 * second login does not double a budget. Past a budget the call is 429 with `Retry-After`.
 */
import { LIMITS } from '@st/protocol';
import { Budget } from '../limits/budget.ts';
import { messageRule, RULES } from '../limits/rules.ts';
import type { LimitStore } from '../limits/store.ts';

export interface MessageBudget {
  burst: number;
  perSecond: number;
}

export class ChatBudgets {
  readonly messages: Budget;
  readonly invitations: Budget;
  readonly announcements: Budget;
  readonly actions: Budget;

  /** The message budget is a setting (ST_CHAT_MESSAGE_BURST, ST_CHAT_MESSAGES_PER_SECOND). */
  constructor(
    store: LimitStore,
    messages: MessageBudget = { burst: LIMITS.messageBurst, perSecond: LIMITS.messagesPerSecond },
  ) {
    this.messages = new Budget(store, messageRule(messages.burst, messages.perSecond));
    this.invitations = new Budget(store, RULES.invitations);
    this.announcements = new Budget(store, RULES.announcements);
    this.actions = new Budget(store, RULES.chatActions);
  }
}
