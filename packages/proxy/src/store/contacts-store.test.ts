/** Contact lists and preferences, in every backend of the store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StoreLocation, storeBackends } from './store-test-support.ts';
import {
  ContactLimitError,
  GroupExistsError,
  GroupNotFoundError,
  MemberNotFoundError,
  type Store,
  type StoredGroup,
} from './types.ts';

const bob = { id: 'bob', displayName: 'Bob Brown' };
const carol = { id: 'carol', displayName: 'Carol Castañeda' };
const dave = { id: 'dave', displayName: 'Dave Dubois' };
const SEED: StoredGroup[] = [{ name: 'Team', members: [bob, carol] }];

describe.each(storeBackends())('the store in $name', (backend) => {
  let location: StoreLocation;
  let store: Store;
  beforeEach(async () => {
    location = await backend.create();
    store = await location.open({ groups: 3, membersPerGroup: 2 });
  });
  afterEach(async () => {
    await store.close();
    await location.dispose();
  });

  describe('contact lists', () => {
    it('has no list for a person until their first change, which stores the seed with it', async () => {
      expect(await store.contacts('alice')).toBeNull();
      expect(await store.hasContacts('alice')).toBe(false);
      const after = await store.changeContacts('alice', { op: 'createGroup', name: 'Friends' }, SEED);
      expect(after).toEqual([...SEED, { name: 'Friends', members: [] }]);
      expect(await store.contacts('alice')).toEqual(after);
      // Once stored, a seed is ignored.
      await store.changeContacts('alice', { op: 'deleteGroup', name: 'Team' }, SEED);
      await store.changeContacts('alice', { op: 'deleteGroup', name: 'Friends' }, SEED);
      expect(await store.contacts('alice')).toEqual([]);
      expect(await store.hasContacts('alice')).toBe(true);
    });

    it('keeps nothing of a change that fails, not even the seed', async () => {
      await expect(
        store.changeContacts('alice', { op: 'deleteGroup', name: 'Nope' }, SEED),
      ).rejects.toBeInstanceOf(GroupNotFoundError);
      expect(await store.contacts('alice')).toBeNull();
    });

    it('keeps groups and members in order through renames and moves', async () => {
      await store.changeContacts('alice', { op: 'createGroup', name: 'B' }, SEED);
      await store.changeContacts('alice', { op: 'createGroup', name: 'C' }, []);
      await store.changeContacts('alice', { op: 'renameGroup', name: 'Team', newName: 'A' }, []);
      await store.changeContacts('alice', { op: 'addMember', group: 'B', member: dave }, []);
      const after = await store.changeContacts(
        'alice',
        { op: 'moveMember', userId: 'bob', from: 'A', to: 'B' },
        [],
      );
      expect(after).toEqual([
        { name: 'A', members: [carol] },
        { name: 'B', members: [dave, bob] },
        { name: 'C', members: [] },
      ]);
    });

    it('refuses duplicate names, missing groups and members, and passing the limits', async () => {
      await store.changeContacts('alice', { op: 'createGroup', name: 'B' }, SEED);
      const change = (c: Parameters<Store['changeContacts']>[1]) => store.changeContacts('alice', c, []);
      await expect(change({ op: 'createGroup', name: 'B' })).rejects.toBeInstanceOf(GroupExistsError);
      await expect(change({ op: 'renameGroup', name: 'B', newName: 'Team' })).rejects.toBeInstanceOf(
        GroupExistsError,
      );
      await expect(change({ op: 'removeMember', group: 'X', userId: 'bob' })).rejects.toBeInstanceOf(
        GroupNotFoundError,
      );
      await expect(
        change({ op: 'moveMember', userId: 'dave', from: 'Team', to: 'B' }),
      ).rejects.toBeInstanceOf(MemberNotFoundError);
      await change({ op: 'createGroup', name: 'C' });
      await expect(change({ op: 'createGroup', name: 'D' })).rejects.toBeInstanceOf(ContactLimitError);
      await expect(change({ op: 'addMember', group: 'Team', member: dave })).rejects.toBeInstanceOf(
        ContactLimitError,
      );
      // Someone already there is no addition, so a full group still takes them.
      await change({ op: 'addMember', group: 'Team', member: bob });
      expect((await store.contacts('alice'))!.map((g) => g.members.length)).toEqual([2, 0, 0]);
    });

    it('keeps each person to their own groups', async () => {
      await store.changeContacts('alice', { op: 'createGroup', name: 'Mine' }, []);
      await expect(
        store.changeContacts('bob', { op: 'deleteGroup', name: 'Mine' }, []),
      ).rejects.toBeInstanceOf(GroupNotFoundError);
      await store.changeContacts('bob', { op: 'createGroup', name: 'Mine' }, []);
      await store.changeContacts('bob', { op: 'addMember', group: 'Mine', member: carol }, []);
      expect(await store.contacts('alice')).toEqual([{ name: 'Mine', members: [] }]);
    });
  });

  describe('preferences', () => {
    it('stores JSON values per person and key, replaces and removes them', async () => {
      await store.setPreference('alice', 'sound', true);
      await store.setPreference('alice', 'chatWindow', { front: true, photos: ['small'] });
      await store.setPreference('bob', 'sound', false);
      await store.setPreference('alice', 'sound', false);
      expect(await store.preferences('alice')).toEqual({
        chatWindow: { front: true, photos: ['small'] },
        sound: false,
      });
      await store.setPreference('alice', 'chatWindow', undefined);
      expect(await store.preferences('alice')).toEqual({ sound: false });
      expect(await store.preferences('bob')).toEqual({ sound: false });
      expect(await store.preferences('carol')).toEqual({});
    });
  });
});
