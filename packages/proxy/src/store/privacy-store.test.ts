/** Privacy lists, several preferences at once and chosen statuses, in every backend of the store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTACT_LIMITS } from './open.ts';
import { type StoreLocation, storeBackends } from './store-test-support.ts';
import type { Store } from './types.ts';

describe.each(storeBackends())('the store in $name', (backend) => {
  let location: StoreLocation;
  let store: Store;
  beforeEach(async () => {
    location = await backend.create();
    store = await location.open(CONTACT_LIMITS);
  });
  afterEach(async () => {
    await store.close();
    await location.dispose();
  });

  describe('privacy lists', () => {
    it('store a list with its people in order, replace it whole, and survive reopening', async () => {
      expect(await store.privacyList('alice')).toBeNull();
      await store.setPrivacyList('alice', { mode: 'only-these', people: ['carol', 'bob'] });
      expect(await store.privacyList('alice')).toEqual({ mode: 'only-these', people: ['carol', 'bob'] });
      await store.setPrivacyList('alice', { mode: 'everybody-except', people: ['dave'] });
      expect(await store.privacyList('alice')).toEqual({ mode: 'everybody-except', people: ['dave'] });
      await store.close();
      store = await location.open(CONTACT_LIMITS);
      expect(await store.privacyList('alice')).toEqual({ mode: 'everybody-except', people: ['dave'] });
    });

    it('keep no row for the default list, and list every stored one with its owner', async () => {
      await store.setPrivacyList('alice', { mode: 'only-these', people: [] });
      await store.setPrivacyList('bob', { mode: 'everybody-except', people: ['alice', 'carol'] });
      await store.setPrivacyList('carol', { mode: 'everybody-except', people: ['x'] });
      await store.setPrivacyList('carol', { mode: 'everybody-except', people: [] });
      expect(await store.privacyList('carol')).toBeNull();
      expect(await store.privacyLists()).toEqual([
        { userId: 'alice', mode: 'only-these', people: [] },
        { userId: 'bob', mode: 'everybody-except', people: ['alice', 'carol'] },
      ]);
    });
  });

  describe('preferences', () => {
    it('set several in one call, and remove the ones given as undefined', async () => {
      await store.setPreferences('alice', { sound: false, idleMinutes: 5 });
      await store.setPreferences('alice', { sound: undefined, showPhotos: false });
      expect(await store.preferences('alice')).toEqual({ idleMinutes: 5, showPhotos: false });
    });
  });

  describe('chosen statuses', () => {
    it('store, replace and forget several people at once, and survive reopening', async () => {
      expect(await store.chosenStatuses()).toEqual(new Map());
      await store.setChosenStatuses(
        new Map([
          ['alice', { status: 'away', message: 'lunch' }],
          ['bob', { status: 'dnd', message: '' }],
        ] as const),
      );
      await store.setChosenStatuses(
        new Map([
          ['alice', { status: 'in-meeting', message: 'planning' }],
          ['bob', null],
        ] as const),
      );
      await store.close();
      store = await location.open(CONTACT_LIMITS);
      expect(await store.chosenStatuses()).toEqual(
        new Map([['alice', { status: 'in-meeting', message: 'planning' }]]),
      );
    });
  });
});
