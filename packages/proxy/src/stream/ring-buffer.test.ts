import { describe, expect, it } from 'vitest';
import { EventRing, eventText, eventType, presenceBody } from './ring-buffer.ts';

function collect(ring: EventRing, since: number): number[] {
  const seqs: number[] = [];
  ring.forEachAfter(since, (seq) => seqs.push(seq));
  return seqs;
}

describe('EventRing', () => {
  it('replays what it still holds and knows what it lost', () => {
    const ring = new EventRing(3);
    expect(ring.covers(0)).toBe(true);
    expect(ring.covers(1)).toBe(false);
    for (let seq = 1; seq <= 5; seq++) ring.push(seq, presenceBody(`{"n":${seq}}`));
    expect(ring.covers(5)).toBe(true);
    expect(ring.covers(2)).toBe(true);
    expect(ring.covers(1)).toBe(false);
    expect(ring.covers(6)).toBe(false);
    expect(collect(ring, 2)).toEqual([3, 4, 5]);
    expect(collect(ring, 4)).toEqual([5]);
    const texts: string[] = [];
    ring.forEachAfter(3, (seq, body) => texts.push(eventText(seq, body)));
    expect(texts.map((t) => JSON.parse(t))).toEqual([
      { seq: 4, type: 'presence', presence: [{ n: 4 }] },
      { seq: 5, type: 'presence', presence: [{ n: 5 }] },
    ]);
  });

  it('builds the same event from a shared string or from separate presence objects', () => {
    const one = eventText(7, presenceBody('{"userId":"bob"}'));
    const many = eventText(7, ['{"userId":"bob"}', '{"userId":"eve"}']);
    expect(JSON.parse(one)).toEqual({ seq: 7, type: 'presence', presence: [{ userId: 'bob' }] });
    expect(JSON.parse(many).presence).toEqual([{ userId: 'bob' }, { userId: 'eve' }]);
    expect(eventType(presenceBody('{}'))).toBe('presence');
    expect(eventType(['{}'])).toBe('presence');
    expect(eventType('"type":"chat","text":"hi"')).toBe('chat');
  });
});
