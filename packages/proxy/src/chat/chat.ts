/**
 * Chat in one proxy: conversations, messages, announcements and offline delivery, over the store
 * and the stream registry. The routes (routes/conversations.ts, routes/announcements.ts) call it.
 */
import { Listeners } from '../listeners.ts';
import { Announcements } from './announcements.ts';
import type { MessageArchive } from './archive.ts';
import { Conversations } from './conversations.ts';
import type { ChatDeps } from './deps.ts';
import { type ChatRelay, Messages } from './messages.ts';
import { deliverOffline } from './offline.ts';
import { ChatBudgets, type MessageBudget } from './rate-limits.ts';

export class Chat {
  readonly conversations: Conversations;
  readonly messages: Messages;
  readonly announcements: Announcements;

  constructor(
    private readonly deps: ChatDeps,
    options: { groupCommit: boolean; messageBudget?: MessageBudget },
  ) {
    const budgets = new ChatBudgets(deps.limits, options.messageBudget);
    const relay = new Listeners<[ChatRelay]>();
    this.conversations = new Conversations(deps, budgets, relay);
    this.messages = new Messages(deps, budgets, options, relay);
    this.announcements = new Announcements(deps, budgets, this.conversations, this.messages);
    deps.streams.subscribe((stream) => {
      deliverOffline(deps, stream).catch((error: unknown) =>
        deps.log.error({ err: error, userId: stream.userId }, 'offline delivery failed'),
      );
    });
  }

  /** A community server that archives messages (chat/archive.ts), or none. */
  useArchive(archive: MessageArchive | undefined): void {
    this.deps.archive = archive;
  }
}
