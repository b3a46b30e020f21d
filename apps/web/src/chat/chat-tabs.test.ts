import type { ConversationSummary } from '@st/client';
import { describe, expect, it } from 'vitest';
import { ChatTabs, tabViews } from './chat-tabs.ts';

const person = (id: string) => ({
  id,
  displayName: id.toUpperCase(),
  state: 'joined' as const,
  deliveredSeq: 0,
  readSeq: 0,
});
function conversation(
  id: string,
  people: string[],
  extra: Partial<ConversationSummary> = {},
): ConversationSummary {
  return {
    id,
    kind: id.startsWith('im_') ? 'im' : 'nway',
    topic: null,
    createdBy: { id: 'alice', displayName: 'ALICE' },
    createdAt: '2025-01-01T00:00:00Z',
    participants: people.map(person),
    lastSeq: 0,
    upgradedFrom: null,
    unread: 0,
    lastMessage: null,
    ...extra,
  };
}

describe('ChatTabs', () => {
  it('shows a chat asked for, adds an incoming one behind it, and finds a 1:1 by person or id', () => {
    const tabs = new ChatTabs(() => 'alice');
    const im = conversation('im_ab', ['alice', 'bob']);
    tabs.open({ peer: 'bob' }, true);
    expect(tabs.state.active).toBe('im:bob');
    tabs.open({ conversationId: 'nw_1' }, false);
    expect(tabs.state).toMatchObject({ active: 'im:bob', tabs: [{ key: 'im:bob' }, { key: 'nw_1' }] });
    // Bob's message arrives by conversation id: it is the tab already open for him.
    expect(tabs.open({ conversationId: 'im_ab' }, false, [im])).toBe('im:bob');
    expect(tabs.state.tabs).toHaveLength(2);
  });

  it('shows the next tab when the shown one closes, and keeps a 1:1 tab when it becomes N-way', () => {
    const tabs = new ChatTabs();
    tabs.open({ peer: 'bob' }, true);
    tabs.open({ peer: 'carol' }, false);
    tabs.open({ peer: 'dave' }, false);
    tabs.close('im:bob');
    expect(tabs.state.active).toBe('im:carol');
    tabs.replace('im:carol', { conversationId: 'nw_2' });
    expect(tabs.state).toMatchObject({ active: 'nw_2', tabs: [{ key: 'nw_2' }, { key: 'im:dave' }] });
    tabs.close('nw_2');
    tabs.close('im:dave');
    expect(tabs.state).toEqual({ tabs: [], active: undefined });
  });
});

describe('tabViews', () => {
  it('names tabs by topic or the other people, with their unread counts', () => {
    const tabs = new ChatTabs();
    tabs.open({ peer: 'bob' }, true);
    tabs.open({ conversationId: 'nw_1' }, false);
    tabs.open({ peer: 'erin' }, false);
    const list = [
      conversation('im_ab', ['alice', 'bob'], { unread: 2 }),
      conversation('nw_1', ['alice', 'bob', 'carol'], { topic: 'Release' }),
    ];
    expect(
      tabViews(tabs.state.tabs, list, 'alice', (id) => `${id}!`).map((t) => [t.title, t.unread]),
    ).toEqual([
      ['BOB', 2],
      ['Release', 0],
      ['erin!', 0],
    ]);
  });
});
