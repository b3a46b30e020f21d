import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let alice: TestSession;
let bob: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy();
  [alice, bob] = await Promise.all([login(proxy.url, 'alice'), login(proxy.url, 'bob')]);
});
afterAll(() => proxy.close());

interface SseEvent {
  id?: string;
  event?: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed test data
  data: any;
}

/** Reads Server-Sent Events from a fetch response, one parsed event at a time. */
class SseReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  readonly events: SseEvent[] = [];

  constructor(response: Response) {
    this.reader = response.body!.getReader();
  }

  async next(match: (event: SseEvent) => boolean = () => true): Promise<SseEvent> {
    for (;;) {
      const found = this.events.find((e) => match(e));
      if (found) {
        this.events.splice(this.events.indexOf(found), 1);
        return found;
      }
      const { value, done } = await this.reader.read();
      if (done) throw new Error('the event stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
      let end = this.buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        if (fields.data !== undefined)
          this.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
        end = this.buffer.indexOf('\n\n');
      }
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

async function openSse(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ response: Response; sse: SseReader }> {
  const response = await fetch(`${proxy.url}${path}`, { headers });
  return { response, sse: new SseReader(response) };
}

describe('Server-Sent Events', () => {
  it('sends hello, then sequenced events with id and event name, and resumes from Last-Event-ID', async () => {
    const { response, sse } = await openSse('/api/v1/events', { authorization: `Bearer ${alice.token}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const hello = await sse.next((e) => e.event === 'hello');
    expect(hello.id).toBeUndefined();
    expect(hello.data).toMatchObject({ type: 'hello', userId: 'alice', recovered: false });
    const own = await sse.next((e) => e.event === 'presence');
    expect(own.id).toBe('1');
    expect(own.data.presence[0]).toMatchObject({ userId: 'alice', status: 'available' });

    const watch = await request(proxy.url, '/api/v1/watch', {
      method: 'POST',
      token: alice.token,
      json: { stream: hello.data.streamId, add: ['bob'] },
    });
    expect(await watch.json()).toEqual({ watching: 1 });
    expect((await sse.next((e) => e.event === 'presence')).data.presence[0]).toMatchObject({ userId: 'bob' });
    await sse.cancel();

    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'away' },
    });
    const resumed = await openSse(`/api/v1/events?stream=${hello.data.streamId}`, {
      authorization: `Bearer ${alice.token}`,
      'last-event-id': '2',
    });
    expect((await resumed.sse.next((e) => e.event === 'hello')).data).toMatchObject({ recovered: true });
    const missed = await resumed.sse.next((e) => e.event === 'presence');
    expect(missed.id).toBe('3');
    expect(missed.data.presence[0]).toMatchObject({ userId: 'bob', status: 'away' });
    await resumed.sse.cancel();
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'available' },
    });
  });

  it('accepts the access_token query (for EventSource) and the cookie, and answers 401 without either', async () => {
    const byQuery = await openSse(`/api/v1/events?access_token=${bob.token}`);
    expect((await byQuery.sse.next()).data.userId).toBe('bob');
    await byQuery.sse.cancel();
    const byCookie = await openSse('/api/v1/events', { cookie: bob.cookie });
    expect((await byCookie.sse.next()).data.userId).toBe('bob');
    await byCookie.sse.cancel();
    const none = await fetch(`${proxy.url}/api/v1/events`);
    expect(none.status).toBe(401);
    expect(await errorCode(none)).toBe('ST_ERR_UNAUTHENTICATED');
    // access_token is only for the event stream.
    const elsewhere = await fetch(`${proxy.url}/api/v1/presence?users=bob&access_token=${bob.token}`);
    expect(elsewhere.status).toBe(401);
  });

  it("refuses POST /watch for a stream that is not the caller's", async () => {
    const { sse } = await openSse('/api/v1/events', { authorization: `Bearer ${alice.token}` });
    const hello = await sse.next((e) => e.event === 'hello');
    const response = await request(proxy.url, '/api/v1/watch', {
      method: 'POST',
      token: bob.token,
      json: { stream: hello.data.streamId, add: ['carol'] },
    });
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('ST_ERR_NOT_FOUND');
    await sse.cancel();
  });
});

describe('long-poll', () => {
  it('starts a stream, then answers the events after since', async () => {
    const poll = (query: string) =>
      request(proxy.url, `/api/v1/poll${query}`, { token: alice.token }).then((r) => r.json());
    const first = await poll('');
    expect(first).toMatchObject({ recovered: false });
    expect(typeof first.streamId).toBe('string');
    const own = first.events.length > 0 ? first : await poll(`?stream=${first.streamId}&since=0`);
    expect(own.events[0]).toMatchObject({ seq: 1, type: 'presence' });

    const waiting = poll(`?stream=${first.streamId}&since=1`);
    await request(proxy.url, '/api/v1/watch', {
      method: 'POST',
      token: alice.token,
      json: { stream: first.streamId, add: ['bob', 'carol'] },
    });
    const answer = await waiting;
    expect(answer).toMatchObject({ streamId: first.streamId, recovered: true, seq: 2 });
    expect(answer.events).toHaveLength(1);
    expect(answer.events[0].presence.map((p: { userId: string }) => p.userId)).toEqual(['bob', 'carol']);

    const gone = await poll(`?stream=${first.streamId}&since=9`);
    expect(gone.recovered).toBe(false);
    expect(gone.streamId).not.toBe(first.streamId);
  });

  it('refuses bad queries', async () => {
    for (const query of ['?since=-1', '?since=abc', '?stream=x&extra=1']) {
      const response = await request(proxy.url, `/api/v1/poll${query}`, { token: alice.token });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
  });
});
