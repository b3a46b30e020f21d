import type { ClientOptions } from '@st/client';

/** What a session's client is built from; a change of any of these makes a new client. */
export interface ClientSettings {
  server: string;
  token: string | undefined;
  anonymous: boolean;
  /** The `own-stream` attribute: this session does not share the stream of the browser's other tabs. */
  ownStream?: boolean;
}

export function sameSettings(a: ClientSettings, b: ClientSettings): boolean {
  return (
    a.server === b.server &&
    a.token === b.token &&
    a.anonymous === b.anonymous &&
    Boolean(a.ownStream) === Boolean(b.ownStream)
  );
}

/**
 * The SDK options for a session. A token is a login and wins over `anonymous`; `anonymous` alone is
 * read-only awareness that sends no credentials at all (not even a cookie the browser holds for the
 * proxy, so a person logged in elsewhere is not counted as present by a page they merely look at);
 * neither is cookie mode.
 */
export function clientOptions(settings: ClientSettings): ClientOptions {
  const { server, token, anonymous } = settings;
  const own = settings.ownStream ? { shareConnection: false } : {};
  if (token) return { server, token, ...own };
  return anonymous ? { server, anonymous: true, ...own } : { server, ...own };
}
