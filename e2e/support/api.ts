/** Small helpers that use the proxy's public API directly, as an integrator's server would. */
export function proxyUrl(): string {
  const url = process.env.ST_E2E_PROXY;
  if (!url) throw new Error('ST_E2E_PROXY is not set: run through the e2e Playwright config');
  return url;
}

export function pagesUrl(): string {
  const url = process.env.ST_E2E_PAGES;
  if (!url) throw new Error('ST_E2E_PAGES is not set: run through the e2e Playwright config');
  return url;
}

/** Log in over the JSON API and return the Bearer token. */
export async function apiLogin(userId: string, password = 'demo'): Promise<string> {
  const res = await fetch(`${proxyUrl()}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  if (res.status !== 201) throw new Error(`login of ${userId} answered ${res.status}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

export async function apiSetStatus(token: string, status: string, message?: string): Promise<void> {
  const res = await fetch(`${proxyUrl()}/api/v1/me/status`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(message === undefined ? { status } : { status, message }),
  });
  if (!res.ok) throw new Error(`set status answered ${res.status}`);
}
