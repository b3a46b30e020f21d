import type { ChatMessage } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import { next } from '../test-support.ts';
import type { ChatApi, HistoryPage } from './chat-api.ts';
import { memoryChatStorage } from './chat-storage.ts';
import { HistoryCache } from './history-cache.ts';
import { contiguousNewest, Transcript } from './transcript.ts';

const bob = { id: 'bob', displayName: 'Bob' };
const message = (seq: number): ChatMessage => ({
  id: `im_x.${seq}`,
  seq,
  conversationId: 'im_x',
  from: bob,
  text: `m${seq}`,
  sentAt: new Date(seq * 1000).toISOString(),
  clientId: null,
});

/**
 * A stand-in for the history endpoint with the paging rules of docs/chat.md: newest `limit` before
 * `before` (or overall), oldest `limit` after `after`, oldest first within a page. It records the
 * pages asked for.
 */
function historyOf(count: number) {
  const all = Array.from({ length: count }, (_, i) => message(i + 1));
  const asked: HistoryPage[] = [];
  let hold: Promise<void> | undefined;
  const api = {
    async history(_id: string, page: HistoryPage) {
      asked.push(page);
      await hold;
      const limit = page.limit ?? 50;
      if (page.after !== undefined) {
        const after = all.filter((m) => m.seq > page.after!);
        return { messages: after.slice(0, limit), hasMore: after.length > limit };
      }
      const before = all.filter((m) => page.before === undefined || m.seq < page.before);
      return { messages: before.slice(-limit), hasMore: before.length > limit };
    },
  } as unknown as ChatApi;
  return {
    api,
    asked,
    all,
    holdAnswers(until: Promise<void>) {
      hold = until;
    },
  };
}

const seqs = (list: ChatMessage[]) => list.map((m) => m.seq);
const arrived: ChatMessage[][] = [];
const config = (api: ChatApi, cache?: HistoryCache) => ({
  api,
  cache: () => cache,
  arrived: (_id: string, list: readonly ChatMessage[]) => void arrived.push([...list]),
});

describe('Transcript', () => {
  it('starts with the newest page and pages back by cursor until the first message', async () => {
    const history = historyOf(120);
    const transcript = new Transcript('im_x', config(history.api));
    await transcript.start();
    expect(seqs(transcript.messages)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
    expect(transcript.history$.value).toEqual({ loading: false, hasOlder: true });
    expect(await transcript.loadOlder()).toBe(true);
    expect(await transcript.loadOlder()).toBe(false);
    expect(seqs(transcript.messages)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(history.asked).toEqual([{ limit: 50 }, { before: 71, limit: 50 }, { before: 21, limit: 50 }]);
    // Nothing older: no request at all.
    expect(await transcript.loadOlder()).toBe(false);
    expect(history.asked).toHaveLength(3);
  });

  it('fills a hole left by missed events, and merges live messages without duplicates', async () => {
    const history = historyOf(10);
    const transcript = new Transcript('im_x', config(history.api));
    await transcript.start();
    transcript.add([message(10), message(9)]);
    expect(seqs(transcript.messages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    history.all.push(message(11), message(12), message(13));
    // 13 arrives but 11 and 12 never did: they are fetched after 10.
    transcript.add([message(13)]);
    await transcript.catchUp();
    expect(seqs(transcript.messages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(history.asked.at(-1)).toEqual({ after: 10, limit: 200 });
  });

  it('shows the cached transcript before the proxy answers, then what came after it', async () => {
    const storage = memoryChatStorage();
    const history = historyOf(60);
    const cache = new HistoryCache(storage, 'alice');
    await storage.history.put('alice', 'messages:im_x', {
      messages: history.all.slice(0, 55),
      hasOlder: false,
      offline: [54],
    });
    let release: () => void = () => undefined;
    history.holdAnswers(new Promise((resolve) => (release = resolve)));
    const transcript = new Transcript('im_x', config(history.api, cache));
    const started = transcript.start();
    const cached = await next(transcript.messages$, (list) => list.length > 0);
    expect(seqs(cached)).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));
    expect(transcript.offline.has(54)).toBe(true);
    expect(transcript.history$.value.loading).toBe(true);
    release();
    await started;
    expect(seqs(transcript.messages)).toHaveLength(60);
    expect(history.asked).toEqual([{ after: 55, limit: 200 }]);
  });
});

describe('contiguousNewest', () => {
  it('is the newest seq reached without a gap', () => {
    expect(contiguousNewest([])).toBe(0);
    expect(contiguousNewest([message(3), message(4), message(6)])).toBe(4);
  });
});
