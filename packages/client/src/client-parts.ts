/**
 * The parts of a client whose code loads on first use: photos, the contact list, preferences and
 * privacy. A page of live names needs none of them, so none is in the code every page loads.
 */
import type { SettingsStore } from './chat/settings-store.ts';
import type { ContactsStore } from './contacts-store.ts';
import type { Http } from './http.ts';
import { LazyPart } from './lazy-part.ts';
import type { PhotoLoader, PhotoLoaderConfig } from './photo-loader.ts';

export interface ClientParts {
  photos: LazyPart<PhotoLoader>;
  contactList: LazyPart<ContactsStore>;
  preferences: LazyPart<SettingsStore>;
}

/**
 * `observed`: someone started observing a part (its changes come over the stream, which must
 * then be open); `photos`: what the photo loader needs besides the HTTP helper.
 */
export function clientParts(
  http: Http,
  observed: () => void,
  photos: Omit<PhotoLoaderConfig, 'fetchPhoto'>,
): ClientParts {
  return {
    photos: new LazyPart(async () => {
      const { PhotoLoader } = await import('./photo-loader.ts');
      return new PhotoLoader({
        ...photos,
        fetchPhoto: (id, etag) => http.getBytes(`/api/v1/users/${encodeURIComponent(id)}/photo`, etag),
      });
    }),
    contactList: new LazyPart(
      async () => new (await import('./contacts-store.ts')).ContactsStore(http, observed),
    ),
    preferences: new LazyPart(
      async () => new (await import('./chat/settings-store.ts')).SettingsStore(http, observed),
    ),
  };
}
