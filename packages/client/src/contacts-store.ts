/**
 * The contact list as one shared stream: loaded when first observed, replaced by every `contacts`
 * event (a change from any tab or device of the person) and by the answer of every change made
 * here (each write answers with the whole list, so nothing is ever merged). After the stream
 * missed events the list is loaded again.
 */
import type { ContactGroup } from '@st/protocol/core';
import { BehaviorSubject, filter, Observable, Subject } from 'rxjs';
import type { Http } from './http.ts';
import { ContactsResponseShape, isContactGroup } from './response-shapes.ts';

const BASE = '/api/v1/me/contacts';
const group = (name: string) => `${BASE}/groups/${encodeURIComponent(name)}`;
const member = (name: string, userId: string) => `${group(name)}/members/${encodeURIComponent(userId)}`;

export class ContactsStore {
  readonly contacts$: Observable<ContactGroup[]>;
  private readonly groups = new BehaviorSubject<ContactGroup[] | undefined>(undefined);
  /** A first load that failed: its observers end with the error (observe again to retry). */
  private readonly failures = new Subject<unknown>();
  private loading: Promise<ContactGroup[]> | undefined;
  private observers = 0;
  /** Counts `contacts` events, so an answer that left before one arrived never overwrites it. */
  private events = 0;
  /** Bumped on reset, so an answer for the previous login is dropped. */
  private generation = 0;

  constructor(
    private readonly http: Http,
    private readonly onObserved: () => void,
  ) {
    this.contacts$ = new Observable<ContactGroup[]>((subscriber) => {
      this.observers++;
      const subscription = this.failures.subscribe((error) => subscriber.error(error));
      subscription.add(
        this.groups
          .pipe(filter((groups) => groups !== undefined))
          .subscribe((groups) => subscriber.next(groups)),
      );
      if (this.groups.value === undefined) this.load().catch(ignore);
      // Changes from other tabs arrive over the stream: it must be open while someone looks.
      this.onObserved();
      return () => {
        this.observers--;
        subscription.unsubscribe();
      };
    });
  }

  get observed(): boolean {
    return this.observers > 0;
  }

  /** The list from the proxy; concurrent calls share one request. */
  load(): Promise<ContactGroup[]> {
    if (this.loading) return this.loading;
    const { generation, events } = this;
    const loading = this.http.request('GET', BASE, { schema: ContactsResponseShape }).then(
      ({ groups }) => {
        if (generation === this.generation && events === this.events) this.groups.next(groups);
        return groups;
      },
      (error: unknown) => {
        if (generation === this.generation && this.groups.value === undefined) this.failures.next(error);
        throw error;
      },
    );
    this.loading = loading;
    const settled = () => {
      if (this.loading === loading) this.loading = undefined;
    };
    loading.then(settled, settled);
    return loading;
  }

  /** A stream event: a `contacts` event that reads right replaces the list; others are ignored. */
  applyEvent(event: { type: string; groups?: unknown }): void {
    const groups = readContactsEvent(event);
    if (groups) this.apply(groups);
  }

  /** A `contacts` event: the person's whole list after a change. */
  apply(groups: ContactGroup[]): void {
    this.events++;
    this.groups.next(groups);
  }

  /** Load again if anyone cares: events may have been missed (a new stream, a gap), or a new login. */
  refresh(): void {
    if (this.observed || this.groups.value !== undefined) this.load().catch(ignore);
  }

  /** Forget the list (logout, another person); observers get the next login's after `refresh()`. */
  reset(): void {
    this.generation++;
    this.loading = undefined;
    this.groups.next(undefined);
  }

  createGroup(name: string): Promise<ContactGroup[]> {
    return this.write('POST', `${BASE}/groups`, { name });
  }

  renameGroup(name: string, newName: string): Promise<ContactGroup[]> {
    return this.write('PATCH', group(name), { name: newName });
  }

  deleteGroup(name: string): Promise<ContactGroup[]> {
    return this.write('DELETE', group(name));
  }

  addContact(groupName: string, userId: string): Promise<ContactGroup[]> {
    return this.write('PUT', member(groupName, userId));
  }

  removeContact(groupName: string, userId: string): Promise<ContactGroup[]> {
    return this.write('DELETE', member(groupName, userId));
  }

  moveContact(userId: string, from: string, to: string): Promise<ContactGroup[]> {
    return this.write('POST', `${BASE}/move`, { userId, from, to });
  }

  /** A nickname for a person in the list; `null` takes it away. */
  setNickname(userId: string, nickname: string | null): Promise<ContactGroup[]> {
    const path = `${BASE}/nicknames/${encodeURIComponent(userId)}`;
    return nickname === null ? this.write('DELETE', path) : this.write('PUT', path, { nickname });
  }

  private async write(method: string, path: string, body?: unknown): Promise<ContactGroup[]> {
    const { generation, events } = this;
    const { groups } = await this.http.request(method, path, { body, schema: ContactsResponseShape });
    // An event that arrived meanwhile is as new as this answer or newer: it stands.
    if (generation === this.generation && events === this.events) this.groups.next(groups);
    return groups;
  }
}

function ignore(): void {}

/** The groups of a `contacts` event; `null` for another event or one that does not read right. */
export function readContactsEvent(event: { type: string; groups?: unknown }): ContactGroup[] | null {
  const { groups } = event;
  if (event.type !== 'contacts' || !Array.isArray(groups) || !groups.every(isContactGroup)) return null;
  return groups as ContactGroup[];
}
