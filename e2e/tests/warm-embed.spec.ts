import { expect, type Page, test } from '@playwright/test';
import { apiLogin, pagesUrl, proxyUrl } from '../support/api.ts';

/*
 * An integrator's page that embeds a token (`<st-session token>`), in Chromium: the session opens
 * its stream as soon as it is on the page, and a second visit with the same token shows the names
 * and statuses the last visit kept (IndexedDB) without waiting for the proxy, asking for no card.
 * Erin and Frank are people no other browser test logs in as.
 */

const PEOPLE = ['alice', 'bob', 'carol', 'nobody-here'];

function statuses(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('st-live-name')].map((n) => [
        n.getAttribute('user-id'),
        n.getAttribute('status'),
      ]),
    ),
  );
}

/** Whether the SDK's cache of `userId` holds every key of `keys` (runs in the page). */
function keeps([userId, keys]: [string, string[]]): Promise<boolean> {
  return (async () => {
    const name = `st-${userId}`;
    // Opening a database that does not exist yet would create it without its store: look first.
    if (!(await indexedDB.databases()).some((db) => db.name === name)) return false;
    return new Promise<boolean>((resolve) => {
      const open = indexedDB.open(name);
      open.onerror = () => resolve(false);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('cache')) {
          db.close();
          resolve(false);
          return;
        }
        const all = db.transaction('cache').objectStore('cache').getAllKeys();
        all.onsuccess = () => {
          db.close();
          resolve(keys.every((key) => all.result.includes(key)));
        };
        all.onerror = () => resolve(false);
      };
    });
  })();
}

test('a second visit with the same token shows what the last one kept before the proxy answers', async ({
  page,
}) => {
  const token = await apiLogin('erin');
  await page.goto(`${pagesUrl()}/embed.html#token=${encodeURIComponent(token)}`);
  await expect.poll(async () => Object.values(await statuses(page))).not.toContain('unknown');
  await expect(page.locator('st-live-name[user-id="carol"]')).toContainText('Carol');
  const shown = await statuses(page);
  const kept = PEOPLE.flatMap((id) => [`presence:${id}`, `card:${id}`]);
  await expect.poll(() => page.evaluate(keeps, ['erin', kept] as [string, string[]])).toBe(true);

  // The next visit's stream reaches a server that never says a word, and calls for cards are noted.
  await page.routeWebSocket(/\/api\/v1\/ws/, () => {});
  const cardCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/users?ids=')) cardCalls.push(request.url());
  });
  await page.reload();
  await expect.poll(() => statuses(page)).toEqual(shown);
  await expect(page.locator('st-live-name[user-id="carol"]')).toContainText('Carol');
  expect(cardCalls).toEqual([]);
});

test('a session with a token opens its stream before any element inside it subscribes', async ({ page }) => {
  await page.goto(`${pagesUrl()}/embed.html#token=${encodeURIComponent(await apiLogin('erin'))}`);
  await expect(page.locator('st-live-name[user-id="alice"]')).not.toHaveAttribute('status', 'unknown');

  const opened = page.waitForEvent('websocket', (socket) => socket.url().includes('/api/v1/ws'));
  const frank = await apiLogin('frank');
  await page.evaluate(
    ({ server, token }) => {
      const session = document.createElement('st-session');
      session.setAttribute('server', server);
      session.setAttribute('token', token);
      document.body.append(session);
    },
    { server: proxyUrl(), token: frank },
  );
  const socket = await opened;
  await expect.poll(() => socket.isClosed()).toBe(false);
});
