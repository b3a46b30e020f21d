/**
 * People from an LDAP directory (OpenLDAP, Active Directory, …) through ldapts.
 * - Login: the service account searches the entry by the mapped id attribute, then the proxy binds
 *   as that entry's DN with the password, on a connection of its own. An empty password is refused
 *   before LDAP sees it: a simple bind without a password is an "unauthenticated bind", which many
 *   servers answer with success.
 * - Cards: one search per 100 ids, photos included, so `hasPhoto` is known and the photo a card
 *   view asks for next is usually at hand without another query.
 * - Search: every word must occur in the name, id or e-mail attribute; ranked here.
 * - Contact lists: none (LDAP groups are not contact lists; people keep their own lists).
 * A server that cannot be reached, times out or refuses the service account is
 * DirectoryUnavailableError (503), never a wrong password.
 */
import { randomUUID } from 'node:crypto';
import type { BusinessCard, ContactGroup, DirectoryPerson, UserSummary } from '@st/protocol';
import { LIMITS } from '@st/protocol';
import type { Client, Entry, Filter } from 'ldapts';
import { photoFromBytes } from '../photo.ts';
import { makeSearchable, matchRank, queryTokens } from '../search.ts';
import { TtlCache } from '../ttl-cache.ts';
import type { Directory, DirectoryHealth, Photo } from '../types.ts';
import { closeQuietly, isBadCredentials, openClient, unavailable } from './connection.ts';
import { cardAttributes, entryIds, photoBytes, toCard, toPerson } from './entries.ts';
import { LdapFilters } from './filters.ts';
import { ServicePool } from './pool.ts';
import type { LdapSettings } from './settings.ts';

/** What the directory asks the server, as counted by `st_directory_queries_total{op}`. */
export type LdapQuery = 'people' | 'search' | 'photo' | 'login' | 'bind' | 'health';

export interface DirectoryLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface LdapDirectoryOptions {
  settings: LdapSettings;
  log: DirectoryLog;
  onQuery?: (query: LdapQuery) => void;
  /** Service connections kept open. */
  poolSize?: number;
}

/** Photos seen in card searches, kept so the photo request that follows needs no query. */
const RECENT_PHOTO_BYTES = 32 * 1024 * 1024;
const collator = new Intl.Collator('en', { sensitivity: 'base' });

export class LdapDirectory implements Directory {
  readonly caseInsensitiveIds = true;
  private readonly settings: LdapSettings;
  private readonly pool: ServicePool;
  private readonly filters: LdapFilters;
  private readonly attributes: string[];
  private readonly recentPhotos: TtlCache<string, Photo | null>;
  private available = true;

  constructor(private readonly options: LdapDirectoryOptions) {
    this.settings = options.settings;
    this.pool = new ServicePool(
      this.settings,
      { bindDn: this.settings.bindDn, bindPassword: this.settings.bindPassword },
      options.poolSize ?? 4,
    );
    this.filters = new LdapFilters(this.settings.filter);
    this.attributes = cardAttributes(this.settings.attributes);
    this.recentPhotos = new TtlCache({
      maxEntries: 10_000,
      maxWeight: RECENT_PHOTO_BYTES,
      weigh: (photo) => photo?.bytes.length ?? 0,
    });
  }

  private get map() {
    return this.settings.attributes;
  }

  /** One search as the service account; notes when the server goes away and comes back. */
  private async find(
    query: LdapQuery,
    filter: Filter,
    attributes: string[],
    sizeLimit = 0,
  ): Promise<Entry[]> {
    this.options.onQuery?.(query);
    try {
      const { searchEntries } = await this.pool.use(`${query} search`, (client) =>
        client.search(this.settings.baseDn, {
          scope: 'sub',
          filter,
          attributes,
          sizeLimit,
          timeLimit: Math.ceil(this.settings.timeoutMs / 1000),
          ...(this.map.photo ? { explicitBufferAttributes: [this.map.photo] } : {}),
        }),
      );
      this.noteAvailable();
      return searchEntries;
    } catch (error) {
      throw this.noteUnavailable(error, query);
    }
  }

  private noteAvailable(): void {
    if (this.available) return;
    this.available = true;
    this.options.log.info({ url: this.settings.url }, 'the LDAP directory answers again');
  }

  private noteUnavailable(error: unknown, doing: string): Error {
    const problem = unavailable(error, doing);
    if (this.available) {
      this.available = false;
      this.options.log.warn(
        { url: this.settings.url, reason: problem.message },
        'the LDAP directory is unavailable',
      );
    }
    return problem;
  }

  async authenticate(userId: string, password: string): Promise<UserSummary | null> {
    if (password === '') return null;
    const entries = await this.find(
      'login',
      this.filters.byId(this.map.id, userId),
      [this.map.id, this.map.displayName],
      2,
    );
    const entry = entries.length === 1 ? entries[0]! : undefined;
    // The id the directory calls primary (the first value), whichever of a person's ids was typed:
    // privacy lists name people by it, so a second id must not be a way around them.
    const id = entry ? entryIds(entry, this.map)[0] : undefined;
    if (!entry || !id) {
      if (entries.length > 1)
        this.options.log.warn({ userId }, 'more than one LDAP entry has this id; login refused');
      // Answer after a bind as a known id would, so the time taken does not tell who exists.
      await this.bindAs(this.decoyDn(), password);
      return null;
    }
    if (!(await this.bindAs(entry.dn, password))) return null;
    return { id, displayName: toCard(entry, this.map, id, false).displayName };
  }

  /** A DN under the base that names no entry: binding to it fails as a wrong password does. */
  private decoyDn(): string {
    return `cn=st-proxy-no-such-person-${randomUUID()},${this.settings.baseDn}`;
  }

  /** Whether `password` is the DN's, on a connection of its own (a bind changes who a connection is). */
  private async bindAs(dn: string, password: string): Promise<boolean> {
    this.options.onQuery?.('bind');
    let client: Client;
    try {
      client = await openClient(this.settings);
    } catch (error) {
      throw this.noteUnavailable(error, 'connecting to check a password');
    }
    try {
      await client.bind(dn, password);
      return true;
    } catch (error) {
      if (isBadCredentials(error)) return false;
      throw this.noteUnavailable(error, 'checking a password');
    } finally {
      await closeQuietly(client);
    }
  }

  async getPeople(ids: readonly string[]): Promise<BusinessCard[]> {
    const unique = [...new Set(ids)];
    const byFolded = new Map<string, BusinessCard>();
    for (let i = 0; i < unique.length; i += LIMITS.usersPerRequest) {
      const chunk = unique.slice(i, i + LIMITS.usersPerRequest);
      const entries = await this.find('people', this.filters.byIds(this.map.id, chunk), this.attributes);
      for (const entry of entries) this.addCards(entry, byFolded);
    }
    return ids.flatMap((id) => byFolded.get(id.toLowerCase()) ?? []);
  }

  /** Files the entry's card under each of its ids, and keeps its photo for the request that follows. */
  private addCards(entry: Entry, byFolded: Map<string, BusinessCard>): void {
    const bytes = photoBytes(entry, this.map);
    const photo = bytes ? photoFromBytes(bytes) : null;
    for (const id of entryIds(entry, this.map)) {
      byFolded.set(id.toLowerCase(), toCard(entry, this.map, id, photo !== null));
      this.recentPhotos.set(id.toLowerCase(), photo, this.settings.cacheSeconds * 1000);
    }
  }

  async search(query: string, limit: number): Promise<DirectoryPerson[]> {
    const searched = [this.map.displayName, this.map.id, ...(this.map.email ? [this.map.email] : [])];
    const filter = this.filters.matching(searched, query);
    if (!filter) return [];
    // More than asked, so the best matches can be picked here (servers answer in no useful order).
    const entries = await this.find('search', filter, searched, Math.min(100, limit * 4));
    const tokens = queryTokens(query);
    const found: { rank: number; card: BusinessCard }[] = [];
    for (const entry of entries) {
      const id = entryIds(entry, this.map)[0];
      if (!id) continue;
      const card = toCard(entry, this.map, id, false);
      const rank = matchRank(makeSearchable(card.displayName, card.id, card.email), tokens) ?? 2;
      found.push({ rank, card });
    }
    found.sort((a, b) => a.rank - b.rank || collator.compare(a.card.displayName, b.card.displayName));
    return found.slice(0, limit).map(({ card }) => toPerson(card));
  }

  async photo(id: string): Promise<Photo | null> {
    if (!this.map.photo) return null;
    const recent = this.recentPhotos.get(id.toLowerCase());
    if (recent !== undefined) return recent;
    const [entry] = await this.find('photo', this.filters.byId(this.map.id, id), [this.map.photo], 1);
    const bytes = entry && photoBytes(entry, this.map);
    const photo = bytes ? photoFromBytes(bytes) : null;
    this.recentPhotos.set(id.toLowerCase(), photo, this.settings.cacheSeconds * 1000);
    return photo;
  }

  async contacts(_userId: string): Promise<ContactGroup[]> {
    return [];
  }

  async health(): Promise<DirectoryHealth> {
    this.options.onQuery?.('health');
    try {
      await this.pool.use('health check', (client) =>
        client.search(this.settings.baseDn, { scope: 'base', attributes: ['1.1'], timeLimit: 5 }),
      );
      this.noteAvailable();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: this.noteUnavailable(error, 'health check').message };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
