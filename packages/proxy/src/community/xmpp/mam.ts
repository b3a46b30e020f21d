/// <reference path="./xmpp-client.d.ts" />
/**
 * Message Archive Management (XEP-0313): queries of a person's own archive or of a MUC room's,
 * paged with Result Set Management (XEP-0059). The results come as `<message>` stanzas tagged
 * with the query's id before the IQ's answer; `MamQueries.take` hands them to the query that
 * asked, and the stream's other stanzas go on to the community.
 */
import { randomBytes } from 'node:crypto';
import { type Element, xml } from '@xmpp/client';
import type { PersonConnection } from './connection.ts';

export const MAM_NS = 'urn:xmpp:mam:2';
const RSM_NS = 'http://jabber.org/protocol/rsm';
const FORWARD_NS = 'urn:xmpp:forward:0';
/** Results per page (servers cap it; Prosody's default maximum is 50). */
const PAGE = 50;

export interface ArchivedMessage {
  /** The archive's id of the message (its `<stanza-id>` by the archive). */
  archiveId: string;
  /** When the archive got it. */
  stamp: number;
  /** The message as it was sent (from, to, id, body, origin id...). */
  message: Element;
}

export interface MamFilter {
  /** The archive: a room's JID, or the person's own when absent. */
  archive?: string;
  /** Only messages with this JID (bare), for a person's own archive. */
  with?: string;
  start?: number;
  end?: number;
}

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

function queryStanza(queryId: string, filter: MamFilter, rsm: Element): Element {
  const fields = [
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, MAM_NS)),
    filter.with ? field('with', filter.with) : undefined,
    filter.start !== undefined ? field('start', new Date(filter.start).toISOString()) : undefined,
    filter.end !== undefined ? field('end', new Date(filter.end).toISOString()) : undefined,
  ];
  return xml(
    'iq',
    { type: 'set', to: filter.archive },
    xml(
      'query',
      { xmlns: MAM_NS, queryid: queryId },
      xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, ...fields),
      rsm,
    ),
  );
}

export class MamQueries {
  private readonly collectors = new Map<string, (result: ArchivedMessage) => void>();

  /** Takes a result of one of our queries; false for any other stanza. */
  take(stanza: Element): boolean {
    const result = stanza.getChild('result', MAM_NS);
    if (!result) return false;
    const collect = this.collectors.get(result.attrs.queryid ?? '');
    const forwarded = result.getChild('forwarded', FORWARD_NS);
    const message = forwarded?.getChild('message');
    const stamp = Date.parse(forwarded?.getChild('delay', 'urn:xmpp:delay')?.attrs.stamp ?? '');
    if (collect && message && result.attrs.id) {
      collect({ archiveId: result.attrs.id, stamp: Number.isNaN(stamp) ? Date.now() : stamp, message });
    }
    // Results of a query that gave up (or of another session's) are nobody's chat either.
    return true;
  }

  /**
   * Pages forward through the archive from the oldest match, handing each page to `page` until it
   * answers false (it found what it wanted) or the archive has no more.
   */
  async forward(
    connection: PersonConnection,
    filter: MamFilter,
    page: (results: ArchivedMessage[]) => boolean,
    maxPages = 20,
  ): Promise<void> {
    let after: string | undefined;
    for (let n = 0; n < maxPages; n++) {
      const rsm = xml(
        'set',
        { xmlns: RSM_NS },
        xml('max', {}, String(PAGE)),
        after ? xml('after', {}, after) : null,
      );
      const { results, fin } = await this.query(connection, filter, rsm);
      if (!page(results) || fin.attrs.complete === 'true' || results.length === 0) return;
      after = fin.getChild('set', RSM_NS)?.getChildText('last') ?? results.at(-1)?.archiveId;
    }
  }

  /** The newest `max` messages matching, oldest first. */
  async newest(connection: PersonConnection, filter: MamFilter, max: number): Promise<ArchivedMessage[]> {
    const rsm = xml('set', { xmlns: RSM_NS }, xml('max', {}, String(max)), xml('before'));
    return (await this.query(connection, filter, rsm)).results;
  }

  private async query(
    connection: PersonConnection,
    filter: MamFilter,
    rsm: Element,
  ): Promise<{ results: ArchivedMessage[]; fin: Element }> {
    const queryId = randomBytes(6).toString('hex');
    const results: ArchivedMessage[] = [];
    this.collectors.set(queryId, (result) => results.push(result));
    try {
      const answer = await connection.request(queryStanza(queryId, filter, rsm), 10_000);
      const fin = answer.getChild('fin', MAM_NS);
      if (!fin) throw new Error('the archive answered without <fin/>');
      return { results, fin };
    } finally {
      this.collectors.delete(queryId);
    }
  }
}
