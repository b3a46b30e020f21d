/**
 * The people a page named, by the name it used, and the user ids those names turned out to be.
 * A name given with `resolve` is looked up once somebody is logged in (anonymous pages included:
 * they learn at least whether the name is an id) and followed under the id it resolved to; a name
 * without `resolve`, or one that could not be resolved, is followed as it is.
 */
import type { StClient } from '@st/client';
import { resolveUserId } from './resolve.ts';
import type { StatusWatch } from './status-watch.ts';

export class FollowedPeople {
  /** Names waiting for a login to be resolved, with the display name the page gave. */
  readonly #pending = new Map<string, string>();
  /** Names already looked up (found or not): never asked again. */
  readonly #asked = new Set<string>();
  readonly #resolved = new Map<string, string>();

  constructor(
    private readonly statuses: StatusWatch,
    private readonly onResolved: (name: string, userId: string) => void,
  ) {}

  /** The user id a name stands for, as far as is known now. */
  idFor(name: string): string {
    return this.#resolved.get(name) ?? name;
  }

  follow(name: string, displayName: string, resolve: boolean): void {
    if (!resolve || this.#asked.has(name)) {
      this.statuses.watch(this.idFor(name), displayName);
      return;
    }
    this.#pending.set(name, this.#pending.get(name) || displayName);
  }

  /** Looks up every name waiting, with a client that has a login (or is anonymous). */
  resolvePending(client: StClient): void {
    for (const [name, displayName] of this.#pending) {
      this.#pending.delete(name);
      this.#asked.add(name);
      void resolveUserId(client, name).then((found) => {
        const userId = found ?? name;
        if (userId !== name) {
          this.#resolved.set(name, userId);
          this.onResolved(name, userId);
        }
        this.statuses.watch(userId, displayName);
      });
    }
  }
}
