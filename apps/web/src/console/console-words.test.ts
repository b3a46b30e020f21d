import { describe, expect, it } from 'vitest';
import { healthWords, nodeStateWords, plural, streamsWords } from './console-words.ts';

describe('the console in words', () => {
  it('says every node state in words, with a symbol beside it', () => {
    expect(nodeStateWords('ready')).toMatchObject({ label: 'Ready', tone: 'good' });
    expect(nodeStateWords('draining')).toMatchObject({ label: 'Draining', tone: 'pending' });
    expect(nodeStateWords('gone')).toMatchObject({ label: 'Gone', tone: 'bad' });
  });

  it('names each health check with its kind and how long it took', () => {
    expect(healthWords({ name: 'store', kind: 'postgresql', status: 'ok', latencyMs: 1.234 })).toMatchObject({
      name: 'Store (PostgreSQL)',
      label: 'OK',
      detail: 'answered in 1.2 ms',
    });
    expect(
      healthWords({ name: 'redis', kind: 'redis', status: 'unavailable', latencyMs: null }),
    ).toMatchObject({
      name: 'Redis',
      label: 'Unavailable',
      detail: 'no answer within 2 s',
    });
  });

  it('counts streams by transport, leaving out the empty ones', () => {
    expect(streamsWords({ websocket: 2, sse: 1, poll: 0 })).toBe('3: WebSocket 2, SSE 1');
    expect(streamsWords({ websocket: 0, sse: 0, poll: 0 })).toBe('0');
    expect(plural(1, 'session')).toBe('1 session');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });
});
