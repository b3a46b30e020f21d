/**
 * The directory: who people are (business cards, photos, contact lists) and how they prove it
 * (passwords). Implemented by the demo and JSON-file directories (in memory) and by LDAP, which the
 * proxy wraps in a CachedDirectory so repeated and concurrent lookups cost the server nothing.
 */
import type { BusinessCard, ContactGroup, DirectoryPerson, UserSummary } from '@st/protocol';

export interface Photo {
  bytes: Buffer;
  contentType: string;
  /** A strong ETag (quoted) that changes whenever the bytes do. */
  etag: string;
}

export interface DirectoryHealth {
  ok: boolean;
  detail?: string;
}

export interface Directory {
  /**
   * Ids match whatever their case (LDAP): `getPeople(['ALICE'])` answers the card of `alice`, with
   * the directory's own spelling as its `id`.
   */
  readonly caseInsensitiveIds?: boolean;
  /** The person when the password is theirs; null for a wrong id or password (never says which). */
  authenticate(userId: string, password: string): Promise<UserSummary | null>;
  /** Business cards of the known ids, in the order asked; unknown ids are left out. */
  getPeople(ids: readonly string[]): Promise<BusinessCard[]>;
  /** People whose name, id or e-mail match `query`, best matches first. */
  search(query: string, limit: number): Promise<DirectoryPerson[]>;
  /** The person's photo, or null when the person is unknown or has none. */
  photo(id: string): Promise<Photo | null>;
  /** The person's contact list, by group (empty for unknown people). */
  contacts(userId: string): Promise<ContactGroup[]>;
  health(): Promise<DirectoryHealth>;
  /** Releases connections (the proxy calls it when it stops). */
  close?(): Promise<void>;
}

/** Thrown by a directory whose backend cannot be reached; answered as ST_ERR_DIRECTORY_UNAVAILABLE. */
export class DirectoryUnavailableError extends Error {
  override name = 'DirectoryUnavailableError';
}
