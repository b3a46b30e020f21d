/** What the intranet tests need from the environment the global setup made, and its proxy's API. */
function fromEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through the e2e Playwright config`);
  return value;
}

/** The intranet's proxy (apps/integrator/people.json, single sign-on, anonymous awareness). */
export const intranetProxyUrl = () => fromEnv('ST_E2E_INTRANET_PROXY');
/** The example intranet (apps/integrator) on its own origin. */
export const integratorUrl = () => fromEnv('ST_E2E_INTEGRATOR');
/** The page server's origin as the same site as the proxies (127.0.0.1), listed in the intranet proxy's origins. */
export const sameSitePagesUrl = () => fromEnv('ST_E2E_PAGES_SAME_SITE');

/** Logs someone of the intranet in over the API (as a phone with `mobile`) and returns the token. */
export async function intranetLogin(userId: string, client?: 'mobile'): Promise<string> {
  const res = await fetch(`${intranetProxyUrl()}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(client ? { userId, password: 'demo', client } : { userId, password: 'demo' }),
  });
  if (res.status !== 201) throw new Error(`login of ${userId} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function intranetSetStatus(token: string, status: string, message?: string): Promise<void> {
  const res = await fetch(`${intranetProxyUrl()}/api/v1/me/status`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(message === undefined ? { status } : { status, message }),
  });
  if (!res.ok) throw new Error(`set status answered ${res.status}`);
}

/** A person's presence as the proxy reports it to `token`'s login. */
export async function intranetPresence(token: string, userId: string): Promise<{ status: string }> {
  const res = await fetch(`${intranetProxyUrl()}/api/v1/presence?users=${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { presence: { status: string }[] };
  const found = body.presence[0];
  if (!found) throw new Error(`no presence of ${userId}`);
  return found;
}
