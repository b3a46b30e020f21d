import type { ContactGroup } from '@st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDirectoryFile } from '../directory/file-format.ts';
import { JsonDirectory } from '../directory/json-directory.ts';
import { DEMO_DIRECTORY_FILE } from '../directory/open.ts';
import { type Directory, DirectoryUnavailableError } from '../directory/types.ts';
import { ContactBook } from './contact-book.ts';
import { CONTACT_LIMITS } from './open.ts';
import { type StoreLocation, storeBackends } from './store-test-support.ts';
import type { Store } from './types.ts';

/**
 * The demo directory, with a switch that makes it unreachable and a way to rename people:
 * a documented fake around the real one.
 */
class FlakyDirectory extends JsonDirectory {
  down = false;
  renamed = new Map<string, string>();

  /** When set, the next contacts() waits for it (a slow directory). */
  slowOnce: Promise<void> | undefined;

  override async contacts(userId: string) {
    const wait = this.slowOnce;
    this.slowOnce = undefined;
    await wait;
    return super.contacts(userId);
  }

  override async getPeople(ids: readonly string[]) {
    if (this.down) throw new DirectoryUnavailableError('down');
    const cards = await super.getPeople(ids);
    return cards.map((card) => ({ ...card, displayName: this.renamed.get(card.id) ?? card.displayName }));
  }
}

describe.each(storeBackends())('ContactBook on $name', (backend) => {
  let location: StoreLocation;
  let store: Store;
  let directory: FlakyDirectory;
  let told: [string, ContactGroup[]][];
  let book: ContactBook;
  beforeEach(async () => {
    location = await backend.create();
    store = await location.open(CONTACT_LIMITS);
    directory = new FlakyDirectory(loadDirectoryFile(DEMO_DIRECTORY_FILE));
    told = [];
    book = new ContactBook(store, directory satisfies Directory, (userId, groups) =>
      told.push([userId, groups]),
    );
  });
  afterEach(async () => {
    await store.close();
    await location.dispose();
  });

  describe('with its contacts', () => {
    it('shows stored members by the name the directory has now, or the stored one when it is down', async () => {
      await book.change('alice', { op: 'createGroup', name: 'Friends' });
      await book.change('alice', {
        op: 'addMember',
        group: 'Friends',
        member: { id: 'bob', displayName: 'Bob Brown' },
      });
      directory.renamed.set('bob', 'Robert Brown');
      const friends = async () => (await book.list('alice')).find((g) => g.name === 'Friends')!.members;
      expect(await friends()).toEqual([{ id: 'bob', displayName: 'Robert Brown' }]);
      directory.down = true;
      expect(await friends()).toEqual([{ id: 'bob', displayName: 'Bob Brown' }]);
    });

    it("applies and tells a person's changes in the order they came, even when the directory is slow", async () => {
      let answer = () => {};
      directory.slowOnce = new Promise<void>((resolve) => {
        answer = resolve;
      });
      const changes = Promise.all([
        book.change('carol', { op: 'createGroup', name: 'One' }),
        book.change('carol', { op: 'createGroup', name: 'Two' }),
        book.change('carol', { op: 'createGroup', name: 'Three' }),
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      answer();
      await changes;
      expect(told.map(([userId, groups]) => [userId, groups.at(-1)!.name])).toEqual([
        ['carol', 'One'],
        ['carol', 'Two'],
        ['carol', 'Three'],
      ]);
    });

    it('tells nothing when a change is refused', async () => {
      await expect(book.change('dave', { op: 'deleteGroup', name: 'Nope' })).rejects.toThrow();
      expect(told).toEqual([]);
      expect(await store.hasContacts('dave')).toBe(false);
    });
  });
});
