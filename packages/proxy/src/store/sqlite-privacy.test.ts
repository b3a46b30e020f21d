import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTACT_LIMITS } from './open.ts';
import { SqliteStore } from './sqlite.ts';

let dataDir: string;
let store: SqliteStore;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-privacy-store-'));
  store = SqliteStore.open(dataDir, CONTACT_LIMITS);
});
afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('privacy lists in SQLite', () => {
  it('store a list with its people in order, replace it whole, and survive reopening', async () => {
    expect(await store.privacyList('alice')).toBeNull();
    await store.setPrivacyList('alice', { mode: 'only-these', people: ['carol', 'bob'] });
    expect(await store.privacyList('alice')).toEqual({ mode: 'only-these', people: ['carol', 'bob'] });
    await store.setPrivacyList('alice', { mode: 'everybody-except', people: ['dave'] });
    expect(await store.privacyList('alice')).toEqual({ mode: 'everybody-except', people: ['dave'] });
    await store.close();
    store = SqliteStore.open(dataDir, CONTACT_LIMITS);
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

describe('preferences in SQLite', () => {
  it('set several in one call, and remove the ones given as undefined', async () => {
    await store.setPreferences('alice', { sound: false, idleMinutes: 5 });
    await store.setPreferences('alice', { sound: undefined, showPhotos: false });
    expect(await store.preferences('alice')).toEqual({ idleMinutes: 5, showPhotos: false });
  });
});
