/// <reference path="../../community/xmpp/xmpp-client.d.ts" />
/**
 * `ST_DIRECTORY=xmpp`: the XMPP server is the directory too. A password is checked by signing the
 * person in (SASL, through the community's session for them); people and groups come from rosters
 * (shared groups put everyone's colleagues there), names, e-mail and photos from vCards
 * (vcard-temp, which Prosody's vcard_legacy also serves from vCard4). Cards are cached for the
 * configured time.
 */
import { createHash } from 'node:crypto';
import type { BusinessCard, ContactGroup, DirectoryPerson, UserSummary } from '@st/protocol';
import { type Element, xml } from '@xmpp/client';
import type { XmppCommunity } from '../../community/xmpp/community.ts';
import type { PersonConnection } from '../../community/xmpp/connection.ts';
import type { Directory, DirectoryHealth, Photo } from '../types.ts';
import { rankMatches } from './search.ts';

const VCARD_NS = 'vcard-temp';
const ROSTER_NS = 'jabber:iq:roster';
/** A person's id is the local part of their JID (lower case, as the server stores it). */
const LOCAL_PART = /^[a-z0-9._-]{1,64}$/;

interface VCard {
  name?: string;
  email?: string;
  title?: string;
  company?: string;
  phone?: string;
  photo?: Photo;
}

interface RosterEntry {
  id: string;
  name: string;
  groups: string[];
}

export class XmppDirectory implements Directory {
  /** People seen in rosters (or signed in), with the name their roster gives them. */
  private readonly known = new Map<string, string>();
  private readonly rosters = new Map<string, RosterEntry[]>();
  private readonly vcards = new Map<string, { at: number; card: Promise<VCard | null> }>();

  constructor(
    private readonly community: XmppCommunity,
    private readonly options: { cacheMs: number },
  ) {}

  async authenticate(userId: string, password: string): Promise<UserSummary | null> {
    const id = userId.toLowerCase();
    if (!LOCAL_PART.test(id) || password === '') return null;
    if (!(await this.community.signIn(id, password))) return null;
    this.known.set(id, this.known.get(id) ?? id);
    await this.loadRoster(id).catch(() => undefined);
    const card = await this.vcard(id);
    return { id, displayName: card?.name ?? this.known.get(id) ?? id };
  }

  private async loadRoster(userId: string): Promise<RosterEntry[]> {
    const connection = this.community.connectionOf(userId);
    if (!connection) return this.rosters.get(userId) ?? [];
    const answer = await connection.request(xml('iq', { type: 'get' }, xml('query', { xmlns: ROSTER_NS })));
    const entries: RosterEntry[] = [];
    for (const item of answer.getChild('query', ROSTER_NS)?.getChildren('item') ?? []) {
      const [local, domain] = (item.attrs.jid ?? '').split('@');
      if (!local || domain !== this.community.domain || item.attrs.subscription === 'remove') continue;
      const name = item.attrs.name || local;
      entries.push({ id: local, name, groups: item.getChildren('group').map((g) => g.text()) });
      this.known.set(local, name);
    }
    this.rosters.set(userId, entries);
    return entries;
  }

  private vcard(id: string): Promise<VCard | null> {
    const cached = this.vcards.get(id);
    if (cached && Date.now() - cached.at < this.options.cacheMs) return cached.card;
    const connection: PersonConnection | undefined =
      this.community.connectionOf(id) ?? this.community.anyConnection();
    if (!connection) return Promise.resolve(null);
    const card = connection
      .request(
        xml('iq', { type: 'get', to: `${id}@${this.community.domain}` }, xml('vCard', { xmlns: VCARD_NS })),
      )
      .then((answer) => readVCard(answer.getChild('vCard', VCARD_NS)))
      .catch(() => null);
    this.vcards.set(id, { at: Date.now(), card });
    return card;
  }

  async getPeople(ids: readonly string[]): Promise<BusinessCard[]> {
    const cards: BusinessCard[] = [];
    for (const asked of ids) {
      const id = asked.toLowerCase();
      const rosterName = this.known.get(id);
      if (rosterName === undefined) continue;
      const vcard = await this.vcard(id);
      cards.push({
        id,
        displayName: vcard?.name ?? rosterName,
        ...(vcard?.email ? { email: vcard.email } : {}),
        ...(vcard?.title ? { title: vcard.title } : {}),
        ...(vcard?.company ? { company: vcard.company } : {}),
        ...(vcard?.phone ? { phone: vcard.phone } : {}),
        hasPhoto: Boolean(vcard?.photo),
      });
    }
    return cards;
  }

  async search(query: string, limit: number): Promise<DirectoryPerson[]> {
    const people = [...this.known].map(([id, displayName]) => ({ id, displayName }));
    return rankMatches(people, query, limit);
  }

  async photo(id: string): Promise<Photo | null> {
    if (!this.known.has(id.toLowerCase())) return null;
    return (await this.vcard(id.toLowerCase()))?.photo ?? null;
  }

  async contacts(userId: string): Promise<ContactGroup[]> {
    const entries = await this.loadRoster(userId).catch(() => this.rosters.get(userId) ?? []);
    const groups = new Map<string, ContactGroup>();
    for (const entry of entries) {
      for (const name of entry.groups.length > 0 ? entry.groups : ['Contacts']) {
        let group = groups.get(name);
        if (!group) {
          group = { name, members: [] };
          groups.set(name, group);
        }
        group.members.push({ id: entry.id, displayName: entry.name });
      }
    }
    return [...groups.values()];
  }

  async health(): Promise<DirectoryHealth> {
    return this.community.health();
  }
}

function readVCard(card: Element | undefined): VCard | null {
  if (!card) return null;
  const result: VCard = {};
  const name = card.getChildText('FN') ?? card.getChild('N')?.getChildText('GIVEN');
  if (name) result.name = name;
  const email = card.getChild('EMAIL')?.getChildText('USERID');
  if (email) result.email = email;
  const title = card.getChildText('TITLE');
  if (title) result.title = title;
  const company = card.getChild('ORG')?.getChildText('ORGNAME');
  if (company) result.company = company;
  const phone = card.getChild('TEL')?.getChildText('NUMBER');
  if (phone) result.phone = phone;
  const photo = card.getChild('PHOTO');
  const binval = photo?.getChildText('BINVAL');
  if (photo && binval) {
    const bytes = Buffer.from(binval.replace(/\s+/g, ''), 'base64');
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    result.photo = { bytes, contentType: photo.getChildText('TYPE') ?? 'image/png', etag };
  }
  return result;
}
