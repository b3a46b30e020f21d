/// <reference path="./xmpp-client.d.ts" />
import { Status } from '@st/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { IN_MEETING_TEXT, mergeResources, presenceStanza, readResourcePresence } from './presence-stanzas.ts';

const presence = (status: Status, message = '', mobile = false) => ({
  userId: 'alice',
  status,
  message,
  mobile,
});

describe('our statuses as XMPP presence', () => {
  it.each([
    [Status.Available, null],
    [Status.Away, 'away'],
    [Status.NotUsing, 'xa'],
    [Status.Dnd, 'dnd'],
    [Status.InMeeting, 'away'],
  ])('sends %s as show %s', (status, show) => {
    expect(presenceStanza(presence(status, 'note')).getChildText('show')).toBe(show);
    expect(presenceStanza(presence(status, 'note')).getChildText('status')).toBe('note');
  });

  it('says "In a meeting" when in-meeting has no message, and reads it back without it', () => {
    const stanza = presenceStanza(presence(Status.InMeeting));
    expect(stanza.getChildText('status')).toBe(IN_MEETING_TEXT);
    expect(readResourcePresence(stanza)).toEqual({
      session: { chosen: Status.InMeeting, idle: false, mobile: false },
      message: '',
    });
  });

  it('sends offline as unavailable', () => {
    expect(presenceStanza(presence(Status.Offline)).attrs.type).toBe('unavailable');
  });

  it('round-trips every status, the message and mobile', () => {
    for (const status of [Status.Available, Status.Away, Status.NotUsing, Status.Dnd, Status.InMeeting]) {
      const back = mergeResources('alice', [
        readResourcePresence(presenceStanza(presence(status, 'm', true))),
      ]);
      expect(back).toEqual(presence(status, 'm', true));
    }
  });
});

describe('presence from standard clients', () => {
  it('reads show values, chat as available and status text', () => {
    const read = (show?: string) =>
      mergeResources('carol', [
        readResourcePresence(xml('presence', {}, show ? xml('show', {}, show) : null)),
      ]).status;
    expect(read()).toBe(Status.Available);
    expect(read('chat')).toBe(Status.Available);
    expect(read('away')).toBe(Status.Away);
    expect(read('xa')).toBe(Status.NotUsing);
    expect(read('dnd')).toBe(Status.Dnd);
  });

  it('merges resources: the most available wins with its message; mobile only when all are', () => {
    const phone = readResourcePresence(
      xml(
        'presence',
        {},
        xml('show', {}, 'away'),
        xml('st', { xmlns: 'urn:xmpp:st-proxy:presence:0', status: 'away', mobile: 'true' }),
      ),
    );
    const desk = readResourcePresence(
      xml('presence', {}, xml('show', {}, 'dnd'), xml('status', {}, 'focus')),
    );
    expect(mergeResources('carol', [phone, desk])).toEqual({
      userId: 'carol',
      status: Status.Away,
      message: '',
      mobile: false,
    });
    expect(mergeResources('carol', [phone]).mobile).toBe(true);
    expect(mergeResources('carol', []).status).toBe(Status.Offline);
  });
});
