/**
 * Pages written for the Sametime Links Toolkit, with only the script URL changed to the proxy's
 * `/st/stlinks.js`: links written by `writeSametimeLink` inside the body become live names, the
 * page's callbacks and listeners hear Sametime's numeric codes, and logins of every kind work.
 */
import { expect, type Page, test } from '@playwright/test';
import { pagesUrl } from '../support/api.ts';
import { integratorUrl, intranetLogin, intranetSetStatus } from '../support/intranet-api.ts';

const linksEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { linksEvents: string[] }).linksEvents);
const pageArray = (page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as Record<string, string[]>)[n] ?? [], name);

test('the intranet phone list logs in with an assertion and shows live names with numeric codes', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${integratorUrl()}/sign-in?user=tara&to=/links`);
  await expect(page.locator('#who')).toHaveText('Tara Tan');
  expect(await linksEvents(page)).toContain('STLinksLoggedIn tara Tara Tan');

  // Written at parse time, where each script stood: one live name per table cell.
  const links = page.locator('table.phone-list td > stlinks-live-name');
  await expect(links).toHaveCount(6);
  await expect(page.locator('stlinks-live-name[user-id="rosa"]')).toContainText('Rosa Rossi');

  // Statuses chosen by hand outlast logins: say which one first.
  const quinn = await intranetLogin('quinn', 'mobile');
  await intranetSetStatus(quinn, 'available');
  await expect(page.locator('#code-quinn')).toHaveText('544');
  await intranetSetStatus(quinn, 'away');
  await expect(page.locator('#code-quinn')).toHaveText('608');
  await expect(page.locator('stlinks-live-name[user-id="quinn"]')).toHaveAttribute('mobile', '');
  // "text:no": the on-call engineer is an icon only.
  await expect(page.locator('stlinks-live-name[user-id="quinn"]').locator('[part="name"]')).toBeHidden();
  await expect(
    page.locator('stlinks-live-name[user-id="quinn"]').locator('[part="indicator"]'),
  ).toBeVisible();

  const rosa = await intranetLogin('rosa');
  await intranetSetStatus(rosa, 'away', 'In a workshop');
  await expect(page.locator('stlinks-live-name[user-id="rosa"]')).toHaveAttribute('status', 'away');
  await expect(page.locator('#code-rosa')).toHaveText('96');
  await expect.poll(() => linksEvents(page)).toContain('STLinksUserStatusChanged rosa 96 In a workshop');
  expect(errors).toEqual([]);
});

test('a classic page logs in by password, fires its listeners, resolves names and logs out', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(`${pagesUrl()}/links-classic.html`);
  await expect.poll(() => pageArray(page, 'events')).toContain('loggedIn ulla Ulla Ulsrud true');

  const wanda = page.locator('#cell-wanda > stlinks-live-name');
  const wandaToken = await intranetLogin('wanda');
  await intranetSetStatus(wandaToken, 'away', 'Interviews');
  await expect(wanda).toHaveAttribute('status', 'away');
  await expect(wanda).toContainText('Wanda Wiśniewska');
  await expect
    .poll(() => pageArray(page, 'events'))
    .toContain('status wanda Wanda Wiśniewska 96 [Interviews]');
  await expect.poll(() => pageArray(page, 'byFunction')).toContain('wanda 96');
  await expect.poll(() => pageArray(page, 'byName')).toContain('wanda 96');

  // Removed listeners hear nothing more; the global callback still does.
  await page.evaluate(() => {
    const w = window as unknown as Record<string, (...args: unknown[]) => void>;
    w.STLinksRemoveListener?.('STLinksUserStatusChanged', w.statusByFunction);
    w.STLinksRemoveListener?.('STLinksUserStatusChanged', 'statusByName');
  });
  const heard = {
    byFunction: (await pageArray(page, 'byFunction')).length,
    byName: (await pageArray(page, 'byName')).length,
  };
  await intranetSetStatus(wandaToken, 'dnd');
  await expect.poll(() => pageArray(page, 'events')).toContain('status wanda Wanda Wiśniewska 128 []');
  expect((await pageArray(page, 'byFunction')).slice(heard.byFunction)).toEqual([]);
  expect((await pageArray(page, 'byName')).slice(heard.byName)).toEqual([]);

  // "icon:no": the name without the status icon.
  const xavier = page.locator('#cell-xavier > stlinks-live-name');
  await expect(xavier.locator('[part="indicator"]')).toBeHidden();
  await expect(xavier.locator('[part="name"]')).toHaveText('Xavier Xu');

  // resolve=true: an e-mail address becomes the person's id.
  await expect(page.locator('#cell-yara > stlinks-live-name')).toHaveAttribute('user-id', 'yara');
  await intranetLogin('yara');
  await expect(page.locator('#cell-yara > stlinks-live-name')).toHaveAttribute('status', 'available');
  await expect.poll(() => pageArray(page, 'events')).toContain('status yara Yara Youssef 32 []');

  // A chat request goes to whoever on the page handles st-request-chat.
  await page.evaluate(() =>
    (window as unknown as { STLinksCreateIM(id: string): void }).STLinksCreateIM('wanda'),
  );
  await wanda.click();
  expect(await pageArray(page, 'chatRequests')).toEqual(['wanda', 'wanda']);
  // "offlineLink:no": the name of someone offline asks for no chat.
  const gone = page.locator('#cell-gone > stlinks-live-name');
  await expect(gone).toHaveAttribute('status', 'offline');
  await gone.click();
  await wanda.click();
  expect(await pageArray(page, 'chatRequests')).toEqual(['wanda', 'wanda', 'wanda']);

  // Not supported here: said in the console, naming the function.
  await page.evaluate(() =>
    (window as unknown as { STLinksEnterPlace(p: string): void }).STLinksEnterPlace('lobby'),
  );
  await expect.poll(() => consoleErrors.join('\n')).toMatch(/STLinksEnterPlace: not supported/);

  await page.evaluate(() => (window as unknown as { STLinksLogout(): void }).STLinksLogout());
  await expect.poll(() => pageArray(page, 'events')).toContain('loggedOut 0 false');
  await expect(wanda).toHaveAttribute('status', 'unknown');
});

test('a classic page without a login watches anonymously', async ({ page }) => {
  await page.goto(`${pagesUrl()}/links-anonymous.html`);
  await expect.poll(() => pageArray(page, 'events')).toContain('loggedIn [] Anonymous');
  const samir = page.locator('stlinks-live-name[user-id="samir"]');
  const token = await intranetLogin('samir');
  await intranetSetStatus(token, 'in-meeting', 'QBR');
  await expect(samir).toHaveAttribute('status', 'in-meeting');
  await expect.poll(() => pageArray(page, 'events')).toContain('status samir 8');
});
