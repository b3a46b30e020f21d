import type { StClient } from '@st/client';
import { createClient } from '@st/client/lean';

let pageClient: StClient | undefined;

/** The origin this script was loaded from: the proxy that serves `/st/components.js`. */
export function scriptOrigin(): string {
  return new URL(import.meta.url).origin;
}

/**
 * A client for the proxy this script came from, using the proxy's session cookie. Every element
 * on the page without a session shares it; it is made on first use, not when the module loads.
 */
export function defaultClient(): StClient {
  if (!pageClient) {
    pageClient = createClient({ server: scriptOrigin() });
    resumeQuietly(pageClient);
  }
  return pageClient;
}

/**
 * Picks up the login the cookie stands for, if any. Without one the client stays unauthenticated
 * (its state$ says so) and the elements keep showing `unknown`: nothing to report here.
 */
export function resumeQuietly(client: StClient): void {
  client.resume().catch(() => undefined);
}
