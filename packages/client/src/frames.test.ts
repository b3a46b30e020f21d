import { describe, expect, it } from 'vitest';
import { judgeClose } from './connection-state.ts';
import { readContactsEvent } from './contacts-store.ts';
import { parseFrame } from './frames.ts';

describe('parseFrame', () => {
  it('reads a hello, with defaults for missing limits', () => {
    const frame = parseFrame(
      JSON.stringify({
        type: 'hello',
        streamId: 's',
        userId: 'alice',
        seq: 3,
        recovered: true,
        heartbeatMs: 100,
      }),
    );
    expect(frame).toEqual({
      type: 'hello',
      streamId: 's',
      userId: 'alice',
      seq: 3,
      recovered: true,
      heartbeatMs: 100,
      limits: { watchIdsPerMessage: 1000, watchIdsPerSession: 10_000 },
    });
  });

  it('reads a contact-list event, and keeps a malformed one only for its place in the sequence', () => {
    const groups = [{ name: 'Team', members: [{ id: 'bob', displayName: 'Bob' }] }];
    const event = { seq: 4, type: 'contacts', groups };
    expect(parseFrame(JSON.stringify(event))).toEqual({ type: 'event', seq: 4, body: event });
    expect(readContactsEvent(event)).toEqual(groups);
    const broken = { seq: 5, type: 'contacts', groups: [{ name: 'Team', members: [{ id: 'bob' }] }] };
    expect(parseFrame(JSON.stringify(broken))).toEqual({ type: 'event', seq: 5, body: broken });
    expect(readContactsEvent(broken)).toBeNull();
  });

  it('keeps valid presence entries and drops the rest', () => {
    const frame = parseFrame(
      JSON.stringify({
        seq: 7,
        type: 'presence',
        presence: [
          { userId: 'bob', status: 'away', message: '', mobile: false, extra: 1 },
          { userId: 'carol', status: 'asleep', message: '', mobile: false },
          'junk',
        ],
      }),
    );
    expect(frame).toEqual({
      type: 'presence',
      seq: 7,
      presence: [{ userId: 'bob', status: 'away', message: '', mobile: false }],
    });
  });

  it('keeps the seq of events it does not know', () => {
    expect(parseFrame('{"seq":9,"type":"chat","text":"hi"}')).toEqual({
      type: 'event',
      seq: 9,
      body: { seq: 9, type: 'chat', text: 'hi' },
    });
  });

  it('ignores what it cannot use, without throwing', () => {
    for (const data of ['', 'not json', '[]', '42', '{"type":"future"}', '{"type":"hello"}', '{}', null, 5]) {
      expect(parseFrame(data)).toBeNull();
    }
  });

  it('reads acks, errors and pings', () => {
    expect(parseFrame('{"type":"ack","id":2}')).toEqual({ type: 'ack', id: 2 });
    expect(parseFrame('{"type":"ping"}')).toEqual({ type: 'ping' });
    expect(
      parseFrame('{"type":"error","id":4,"error":{"code":"ST_ERR_WATCH_LIMIT","message":"full"}}'),
    ).toEqual({
      type: 'error',
      id: 4,
      error: { code: 'ST_ERR_WATCH_LIMIT', message: 'full' },
    });
  });
});

describe('judgeClose', () => {
  it('stops without retrying when the login is gone', () => {
    expect(judgeClose(4401, '')).toMatchObject({
      retry: false,
      status: 'unauthenticated',
      code: 'unauthenticated',
    });
  });

  it('stops for a refused origin and for a stream taken over', () => {
    expect(judgeClose(4403, '')).toMatchObject({
      retry: false,
      status: 'closed',
      code: 'origin-not-allowed',
    });
    expect(judgeClose(1000, 'replaced')).toMatchObject({ retry: false, status: 'closed', code: 'replaced' });
  });

  it('retries everything else, with a code and a reason', () => {
    for (const [code, expected] of [
      [1001, 'going-away'],
      [1006, 'transport-closed'],
      [1000, 'transport-closed'],
      [4400, 'protocol-error'],
      [4429, 'rate-limited'],
      [1013, 'try-again-later'],
    ] as const) {
      const verdict = judgeClose(code, 'why');
      expect(verdict).toMatchObject({ retry: true, code: expected });
      expect(verdict.reason).not.toBe('');
    }
  });
});
