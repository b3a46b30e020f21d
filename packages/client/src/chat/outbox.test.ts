import type { ChatMessage } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import { Backoff } from '../backoff.ts';
import { StNetworkError, StValidationError } from '../errors.ts';
import { memoryChatStorage, type OutboxEntry } from './chat-storage.ts';
import { Outbox } from './outbox.ts';

/**
 * A stand-in for the proxy's message store with its one rule that matters here: a client id is
 * stored once. `loseAnswers` stores the message and then fails as a dropped connection would.
 */
class FakeProxy {
  readonly stored: ChatMessage[] = [];
  loseAnswers = 0;
  down = false;
  refuse: ((entry: OutboxEntry) => boolean) | undefined;

  async send(entry: OutboxEntry): Promise<ChatMessage> {
    if (this.down) throw new StNetworkError('ST_ERR_NETWORK', 0, 'offline');
    if (this.refuse?.(entry)) throw new StValidationError('ST_ERR_MESSAGE_TOO_LONG', 400, 'too long');
    let message = this.stored.find((m) => m.clientId === entry.clientId);
    if (!message) {
      message = {
        id: `im_x.${this.stored.length + 1}`,
        seq: this.stored.length + 1,
        conversationId: entry.conversationId ?? 'im_x',
        from: { id: 'alice', displayName: 'Alice' },
        text: entry.text,
        sentAt: new Date().toISOString(),
        clientId: entry.clientId,
      };
      this.stored.push(message);
    }
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new StNetworkError('ST_ERR_NETWORK', 0, 'connection reset');
    }
    return message;
  }
}

/** Backoff that waits nothing, so a retry comes on the next turn. */
const noWait = () => new Backoff({ initialDelayMs: 0, maxDelayMs: 0 });

async function until(test: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await test())) await new Promise((resolve) => setTimeout(resolve, 1));
}

function outboxFor(proxy: FakeProxy) {
  const stored: ChatMessage[] = [];
  const outbox = new Outbox({
    send: (entry) => proxy.send(entry),
    stored: (message) => stored.push(message),
    backoff: noWait(),
  });
  return { outbox, stored };
}

describe('Outbox', () => {
  it('sends in order and empties once the proxy stored each message', async () => {
    const proxy = new FakeProxy();
    const { outbox, stored } = outboxFor(proxy);
    await outbox.open('alice', memoryChatStorage());
    const sends = ['one', 'two', 'three'].map((text) => outbox.enqueue({ conversationId: 'im_x' }, text));
    expect(outbox.entries.map((e) => e.text)).toEqual(['one', 'two', 'three']);
    const messages = await Promise.all(sends);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(stored.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(outbox.entries).toEqual([]);
  });

  it('stores a message once when the answer is lost and the send is retried', async () => {
    const proxy = new FakeProxy();
    proxy.loseAnswers = 2;
    const { outbox } = outboxFor(proxy);
    await outbox.open('alice', memoryChatStorage());
    const message = await outbox.enqueue({ conversationId: 'im_x' }, 'exactly once');
    expect(proxy.stored).toHaveLength(1);
    expect(message.clientId).toBe(proxy.stored[0]!.clientId);
    expect(outbox.entries).toEqual([]);
  });

  it('keeps what was typed offline, across a reload, and sends it once when back', async () => {
    const proxy = new FakeProxy();
    proxy.down = true;
    const storage = memoryChatStorage();
    const first = outboxFor(proxy).outbox;
    await first.open('alice', storage);
    void first.enqueue({ peerId: 'bob' }, 'typed offline').catch(() => undefined);
    await until(() => first.entries.length === 1);
    await until(async () => (await storage.outbox.load('alice')).length === 1);
    expect((await storage.outbox.load('alice'))[0]).toMatchObject({ peerId: 'bob', text: 'typed offline' });
    first.reset();

    // The page is reloaded while still offline, then the network returns.
    const { outbox: second } = outboxFor(proxy);
    await second.open('alice', storage);
    expect(second.entries.map((e) => e.text)).toEqual(['typed offline']);
    proxy.down = false;
    second.flush();
    await until(() => second.entries.length === 0);
    expect(proxy.stored.map((m) => m.text)).toEqual(['typed offline']);
    expect(await storage.outbox.load('alice')).toEqual([]);
  });

  it('marks a refused message failed, sends the rest, and sends it again on retry', async () => {
    const proxy = new FakeProxy();
    proxy.refuse = (entry) => entry.text === 'bad';
    const { outbox } = outboxFor(proxy);
    await outbox.open('alice', memoryChatStorage());
    const bad = outbox.enqueue({ conversationId: 'im_x' }, 'bad');
    const good = outbox.enqueue({ conversationId: 'im_x' }, 'good');
    await expect(bad).rejects.toBeInstanceOf(StValidationError);
    await good;
    expect(outbox.entries.map((e) => [e.text, e.failed])).toEqual([['bad', 'too long']]);

    proxy.refuse = undefined;
    outbox.retry(outbox.entries[0]!.clientId);
    await until(() => outbox.entries.length === 0);
    expect(proxy.stored.map((m) => m.text)).toEqual(['good', 'bad']);
  });

  it('forgets everything at reset and rejects what waited', async () => {
    const proxy = new FakeProxy();
    proxy.down = true;
    const { outbox } = outboxFor(proxy);
    await outbox.open('alice', memoryChatStorage());
    const waiting = outbox.enqueue({ conversationId: 'im_x' }, 'never');
    outbox.reset();
    await expect(waiting).rejects.toThrow(/Logged out/);
    expect(outbox.entries).toEqual([]);
  });
});
