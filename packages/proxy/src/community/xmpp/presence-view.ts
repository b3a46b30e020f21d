/// <reference path="./xmpp-client.d.ts" />
/**
 * Everyone's presence as the XMPP server tells it to the sessions this proxy holds: each person's
 * resources (person → resource → what it says), merged like mergePresence, and the changes of
 * watched people told to the listeners. While every session is down it knows nothing (clear()).
 */
import { mergePresence, type Presence } from '@st/protocol';
import type { Element } from '@xmpp/client';
import { Listeners } from '../../listeners.ts';
import { localOf } from './jids.ts';
import { mergeResources, type ResourcePresence, readResourcePresence } from './presence-stanzas.ts';

function samePresence(a: Presence | undefined, b: Presence): boolean {
  return a !== undefined && a.status === b.status && a.message === b.message && a.mobile === b.mobile;
}

export class PresenceView {
  private readonly resources = new Map<string, Map<string, ResourcePresence>>();
  /** Last presence told to listeners, for every watched person. */
  private readonly watched = new Map<string, Presence>();
  readonly listeners = new Listeners<[readonly Presence[]]>();
  quiet = false;

  constructor(private readonly domain: string) {}

  presenceOf(userId: string): Presence {
    const resources = this.resources.get(userId);
    if (!resources || resources.size === 0) return mergePresence(userId, '', []);
    return mergeResources(userId, resources.values());
  }

  watch(userIds: readonly string[]): Presence[] {
    return userIds.map((id) => {
      const presence = this.presenceOf(id);
      this.watched.set(id, presence);
      return presence;
    });
  }

  unwatch(userIds: readonly string[]): void {
    for (const id of userIds) this.watched.delete(id);
  }

  /** A `<presence/>` from a person of the domain (available or unavailable). */
  received(stanza: Element): void {
    const from = localOf(stanza.attrs.from, this.domain);
    if (!from) return;
    const type = stanza.attrs.type;
    if (type !== undefined && type !== 'unavailable') return;
    let resources = this.resources.get(from.local);
    if (type === 'unavailable') {
      if (!resources?.delete(from.resource)) return;
      if (resources.size === 0) this.resources.delete(from.local);
    } else {
      if (!resources) {
        resources = new Map();
        this.resources.set(from.local, resources);
      }
      resources.set(from.resource, readResourcePresence(stanza));
    }
    this.changed([from.local]);
  }

  /** Forgets everything the server said (it is unreachable); watched people turn offline. */
  clear(): void {
    const people = [...this.resources.keys()];
    this.resources.clear();
    this.changed(people);
  }

  private changed(userIds: Iterable<string>): void {
    if (this.quiet) return;
    const changes: Presence[] = [];
    for (const userId of userIds) {
      if (!this.watched.has(userId)) continue;
      const presence = this.presenceOf(userId);
      if (samePresence(this.watched.get(userId), presence)) continue;
      this.watched.set(userId, presence);
      changes.push(presence);
    }
    if (changes.length > 0) this.listeners.emit(changes);
  }
}
