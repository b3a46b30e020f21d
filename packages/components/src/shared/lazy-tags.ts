/**
 * Tags whose code loads on first use (`/st/components.js` splits the business card, the chat
 * window and the contact list into chunks of their own). A tag here is not defined yet, but can
 * be: `loadTag` fetches its chunk and defines it. Elements that create such a tag themselves (the
 * live name's card) ask here first.
 */
const loaders = new Map<string, () => Promise<unknown>>();
const loading = new Map<string, Promise<boolean>>();

/** Makes `tag` loadable on demand; the first registration wins, as with `customElements`. */
export function registerLazyTag(tag: string, load: () => Promise<unknown>): void {
  if (!loaders.has(tag)) loaders.set(tag, load);
}

/** Whether the tag is defined, or can be. */
export function tagAvailable(tag: string): boolean {
  return customElements.get(tag) !== undefined || loaders.has(tag);
}

/** Defines the tag if it can; true once it is defined, false when it cannot be (or failed to load). */
export function loadTag(tag: string): Promise<boolean> {
  if (customElements.get(tag)) return Promise.resolve(true);
  const load = loaders.get(tag);
  if (!load) return Promise.resolve(false);
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().then(
      () => customElements.get(tag) !== undefined,
      (error: unknown) => {
        loading.delete(tag); // a later use may try again (the network may be back)
        console.error(`cannot load <${tag}>`, error);
        return false;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}
