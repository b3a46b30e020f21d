/**
 * Keeps the login token across app launches. A phone's web view is cross-site to the proxy, so the
 * SDK runs in Bearer mode; this wraps the `fetch` it is given, stores the token each login
 * answers, and forgets it when the person logs out or the proxy says it is no longer good. The
 * shell's own calls (push devices, foreground) use the same token.
 */
import type { KeyValueStorage } from './platform/types.ts';

export const TOKEN_KEY = 'st.token';

const SESSION_PATH = /\/api\/v1\/session$/;

export class TokenKeeper {
  private current: string | undefined;

  private constructor(
    private readonly storage: KeyValueStorage,
    stored: string | null,
  ) {
    this.current = stored ?? undefined;
  }

  static async load(storage: KeyValueStorage): Promise<TokenKeeper> {
    return new TokenKeeper(storage, await storage.get(TOKEN_KEY));
  }

  get token(): string | undefined {
    return this.current;
  }

  /** A `fetch` for the SDK that watches the session calls go by. */
  readonly fetch: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (SESSION_PATH.test(new URL(url, 'http://app.invalid').pathname)) {
      await this.observe(method, response);
    }
    return response;
  };

  private async observe(method: string, response: Response): Promise<void> {
    if (method === 'POST' && response.status === 201) {
      const body = (await response.clone().json()) as { token?: unknown };
      if (typeof body.token === 'string') await this.keep(body.token);
    } else if (method === 'DELETE' || response.status === 401) {
      await this.forget();
    }
  }

  private async keep(token: string): Promise<void> {
    this.current = token;
    await this.storage.set(TOKEN_KEY, token);
  }

  private async forget(): Promise<void> {
    this.current = undefined;
    await this.storage.remove(TOKEN_KEY);
  }
}
