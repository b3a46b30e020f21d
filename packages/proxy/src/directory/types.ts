/**
 * The directory: who people are (business cards, photos, contact lists) and how they prove it
 * (passwords). The demo and JSON-file directories implement it today; an LDAP one comes later and
 * must fit the same asynchronous, batched shape.
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
}

/** Thrown by a directory whose backend cannot be reached; answered as ST_ERR_DIRECTORY_UNAVAILABLE. */
export class DirectoryUnavailableError extends Error {
  override name = 'DirectoryUnavailableError';
}
