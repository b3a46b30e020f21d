/**
 * Two streams of one proxy start watching the same person while the community (Redis, in a
 * cluster) is still answering the first one's subscription: the second one's snapshot must wait
 * for that answer, not say `offline` (no change would come to correct it).
 */
import type { Presence } from '@st/protocol';
import { describe, expect, it } from 'vitest';
import type { CommunityServer } from '../community/types.ts';
import { eventText } from '../stream/ring-buffer.ts';
import { Stream } from '../stream/stream.ts';
import { PresenceFanout } from './fanout.ts';

/** A community whose `watch` answers only when the test says so. */
function slowCommunity() {
  const answers: ((presence: Presence[]) => void)[] = [];
  const community = {
    onPresence: () => () => {},
    watch: () => new Promise<Presence[]>((resolve) => answers.push(resolve)),
    unwatch: async () => {},
  } as unknown as CommunityServer;
  return { community, answers };
}

function statusesSent(stream: Stream): string[] {
  const statuses: string[] = [];
  stream.ring.forEachAfter(0, (seq, body) => {
    const event = JSON.parse(eventText(seq, body)) as { presence: Presence[] };
    for (const presence of event.presence) statuses.push(`${presence.userId} ${presence.status}`);
  });
  return statuses;
}

describe('PresenceFanout', () => {
  it('sends a second watcher the person’s presence once the first watcher’s subscription answers', async () => {
    const { community, answers } = slowCommunity();
    const fanout = new PresenceFanout(community, { hot: { presenceChanges: 0 }, observeBatch: () => {} });
    const first = new Stream('first', null);
    const second = new Stream('second', null);

    const firstFresh = fanout.add(first, ['bob']);
    const firstReady = fanout.subscribe(firstFresh, ['bob']).then(() => fanout.sendSnapshot(first, ['bob']));
    const secondFresh = fanout.add(second, ['bob']);
    expect(secondFresh).toEqual([]);
    let secondSent = false;
    const secondReady = fanout.subscribe(secondFresh, ['bob']).then(() => {
      fanout.sendSnapshot(second, ['bob']);
      secondSent = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondSent).toBe(false);

    answers[0]!([{ userId: 'bob', status: 'available', message: '' } as Presence]);
    await Promise.all([firstReady, secondReady]);
    expect(statusesSent(first)).toEqual(['bob available']);
    expect(statusesSent(second)).toEqual(['bob available']);
  });
});
