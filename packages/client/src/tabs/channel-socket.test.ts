import { describe, expect, it } from 'vitest';
import { ChannelSocket, resumeOf } from './channel-socket.ts';
import type { TabMessage } from './tab-messages.ts';

function link() {
  const posted: TabMessage[] = [];
  const forgotten: ChannelSocket[] = [];
  return {
    posted,
    forgotten,
    link: {
      tab: 't1',
      post: (m: TabMessage) => posted.push(m),
      forget: (s: ChannelSocket) => forgotten.push(s),
    },
  };
}

describe('ChannelSocket', () => {
  it('asks the leader to serve it, resuming where the URL says', () => {
    const { posted, link: l } = link();
    new ChannelSocket(l, 3, resumeOf('ws://proxy/api/v1/ws?stream=s-1&since=41'));
    expect(posted).toEqual([{ kind: 'connect', tab: 't1', socket: 3, streamId: 's-1', since: 41 }]);
    expect(resumeOf('ws://proxy/api/v1/ws')).toEqual({});
  });

  it('opens with the first reply, then takes frames of that leader only', () => {
    const { posted, link: l } = link();
    const socket = new ChannelSocket(l, 1, {});
    const got: string[] = [];
    socket.onmessage = (event) => got.push(event.data);
    socket.send('early');
    socket.reply('leader-a', 'hello');
    socket.frame('leader-b', 'not mine');
    socket.frame('leader-a', 'event');
    socket.send('watch');
    expect(got).toEqual(['hello', 'event']);
    expect(posted.filter((m) => m.kind === 'send')).toEqual([
      { kind: 'send', tab: 't1', socket: 1, data: 'watch' },
    ]);
  });

  it('closes like a socket when the other end goes, once', () => {
    const { forgotten, link: l } = link();
    const socket = new ChannelSocket(l, 1, {});
    const closes: number[] = [];
    socket.onclose = (event) => closes.push(event.code);
    socket.end(4000, 'gone');
    socket.end(4000, 'gone');
    expect(closes).toEqual([4000]);
    expect(socket.readyState).toBe(3);
    expect(forgotten).toEqual([socket]);
  });
});
