/// <reference path="./xmpp-client.d.ts" />
/**
 * Our statuses as XMPP presence, and back (docs/xmpp.md):
 * available ↔ no `<show>` (or `chat`), away ↔ `away`, not-using ↔ `xa`, dnd ↔ `dnd`,
 * in-meeting → `away` with a status text, status messages ↔ `<status>`. What XMPP has no word
 * for (in-meeting, mobile) also travels in a small element of our own namespace on the resource's
 * presence, so other proxies and our own clients read it back exactly; standard clients ignore it.
 */
import {
  mergePresence,
  type Presence,
  SETTABLE_STATUSES,
  type SessionPresence,
  type SettableStatus,
  Status,
} from '@st/protocol';
import { type Element, xml } from '@xmpp/client';

export const ST_PRESENCE_NS = 'urn:xmpp:st-proxy:presence:0';
/** The status text standard clients show for in-meeting when the person set no message. */
export const IN_MEETING_TEXT = 'In a meeting';

/** What one resource of a person says, as received. */
export interface ResourcePresence {
  session: SessionPresence;
  message: string;
}

const SHOW_OF: Record<string, string | undefined> = {
  [Status.Available]: undefined,
  [Status.Away]: 'away',
  [Status.InMeeting]: 'away',
  [Status.NotUsing]: 'xa',
  [Status.Dnd]: 'dnd',
};

/** The `<presence/>` a person's merged presence on this proxy sends (offline: unavailable). */
export function presenceStanza(presence: Presence): Element {
  if (presence.status === Status.Offline || presence.status === Status.Unknown) {
    return xml('presence', { type: 'unavailable' });
  }
  const show = SHOW_OF[presence.status];
  const generated = presence.status === Status.InMeeting && presence.message === '';
  const text = generated ? IN_MEETING_TEXT : presence.message;
  return xml(
    'presence',
    {},
    show ? xml('show', {}, show) : undefined,
    text ? xml('status', {}, text) : undefined,
    xml('st', {
      xmlns: ST_PRESENCE_NS,
      status: presence.status,
      mobile: presence.mobile ? 'true' : undefined,
      generated: generated ? 'true' : undefined,
    }),
  );
}

/** One resource's available presence in our terms. */
export function readResourcePresence(stanza: Element): ResourcePresence {
  const show = stanza.getChildText('show') ?? '';
  const text = stanza.getChildText('status') ?? '';
  const ours = stanza.getChild('st', ST_PRESENCE_NS);
  const stated = ours?.attrs.status;
  const mobile = ours?.attrs.mobile === 'true';
  if (stated && (SETTABLE_STATUSES as readonly string[]).includes(stated)) {
    return {
      session: { chosen: stated as SettableStatus, idle: false, mobile },
      message: ours?.attrs.generated === 'true' ? '' : text,
    };
  }
  if (stated === Status.NotUsing) {
    return { session: { chosen: Status.Available, idle: true, mobile }, message: text };
  }
  const chosen: SettableStatus =
    show === 'dnd' ? Status.Dnd : show === 'away' ? Status.Away : Status.Available;
  return { session: { chosen, idle: show === 'xa', mobile }, message: text };
}

/**
 * A person's presence over all their resources, by the same rules as mergePresence: the most
 * available resource wins (its status message with it), mobile only when every resource is.
 */
export function mergeResources(userId: string, resources: Iterable<ResourcePresence>): Presence {
  const all = [...resources];
  const merged = mergePresence(
    userId,
    '',
    all.map((r) => r.session),
  );
  const best = all.find((r) => mergePresence(userId, '', [r.session]).status === merged.status);
  return { ...merged, message: best?.message ?? '' };
}
