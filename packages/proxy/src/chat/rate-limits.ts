/**
 * Per-person budgets of chat: messages, people invited, announcements, and the small actions
 * (receipts, typing, topics, joining and leaving). Kept per person rather than per login, so a
 * second login does not double a budget. Past a budget the call is 429 with `Retry-After`.
 */
import { LIMITS } from '@st/protocol';
import { ApiError } from '../errors.ts';

/** Buckets above this count are swept of the full ones (people who are idle). */
const SWEEP_AT = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per person that refills lazily; a cost may be more than one (people invited). */
export class PersonBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly what: string,
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Spends `cost` of the person's budget, or throws ST_ERR_RATE_LIMITED (spending nothing). */
  spend(userId: string, cost = 1, now = Date.now()): void {
    const bucket = this.buckets.get(userId) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perSecond) / 1000);
    bucket.at = now;
    if (bucket.tokens < cost) {
      this.buckets.set(userId, bucket);
      const wait = Math.max(1, Math.ceil((Math.min(cost, this.burst) - bucket.tokens) / this.perSecond));
      throw new ApiError('ST_ERR_RATE_LIMITED', {
        message: `Too many ${this.what}: at most ${this.burst} at once, then ${this.rate()}. Try again in ${wait} s.`,
        headers: { 'retry-after': String(wait) },
      });
    }
    bucket.tokens -= cost;
    this.buckets.set(userId, bucket);
    if (this.buckets.size > SWEEP_AT) this.sweep(now);
  }

  private rate(): string {
    return this.perSecond >= 1
      ? `${this.perSecond} per second`
      : `${Math.round(this.perSecond * 60)} per minute`;
  }

  private sweep(now: number): void {
    for (const [userId, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.perSecond) / 1000 >= this.burst)
        this.buckets.delete(userId);
    }
  }
}

export interface MessageBudget {
  burst: number;
  perSecond: number;
}

export class ChatBudgets {
  readonly messages: PersonBudget;
  readonly invitations = new PersonBudget(
    'invitations',
    LIMITS.invitationBurst,
    LIMITS.invitationsPerMinute / 60,
  );
  readonly announcements = new PersonBudget(
    'announcements',
    LIMITS.announcementBurst,
    LIMITS.announcementsPerMinute / 60,
  );
  readonly actions = new PersonBudget('chat actions', LIMITS.chatActionBurst, LIMITS.chatActionsPerSecond);

  /** The message budget is a setting (ST_CHAT_MESSAGE_BURST, ST_CHAT_MESSAGES_PER_SECOND). */
  constructor(messages: MessageBudget = { burst: LIMITS.messageBurst, perSecond: LIMITS.messagesPerSecond }) {
    this.messages = new PersonBudget('messages', messages.burst, messages.perSecond);
  }
}
