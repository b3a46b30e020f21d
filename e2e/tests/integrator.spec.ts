/**
 * The example intranet (apps/integrator) on its own origin, in front of the intranet's proxy: the
 * server signs its viewer in to the proxy with a single sign-on assertion and hands the page a
 * token for `<st-session token>`; a visitor who is not signed in sees presence anonymously; a
 * refused assertion falls back to anonymous. The team page runs under a strict CSP throughout.
 */
import { expect, type Page, test } from '@playwright/test';
import {
  integratorUrl,
  intranetLogin,
  intranetPresence,
  intranetProxyUrl,
  intranetSetStatus,
} from '../support/intranet-api.ts';

/** Page errors and CSP violations (the console reports them as errors). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  return problems;
}

test('the team page shows live names through <st-session token> after single sign-on', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto(`${integratorUrl()}/sign-in?user=sven`);
  expect(new URL(page.url()).origin).not.toBe(new URL(intranetProxyUrl()).origin);
  await expect(page.locator('.account')).toContainText('Sven Svensson');

  const session = page.locator('st-session');
  await expect(session).toHaveAttribute('token', /^[A-Za-z0-9_-]{20,}$/);
  await expect(session).not.toHaveAttribute('anonymous');
  await expect(page.locator('.notice')).toHaveCount(0);

  const oscar = page.locator('st-live-name[user-id="oscar"]');
  const oscarToken = await intranetLogin('oscar');
  await intranetSetStatus(oscarToken, 'away', 'At the dentist');
  await expect(oscar).toHaveAttribute('status', 'away');
  await expect(oscar.getByRole('button')).toHaveAccessibleName(/Oscar Olsen.*Away/);
  await intranetSetStatus(oscarToken, 'available');
  await expect(oscar).toHaveAttribute('status', 'available');

  // The viewer is logged in to the proxy as themselves: others see them, and they may set a status.
  const picker = page.getByLabel('Status', { exact: true });
  for (const status of ['away', 'dnd']) {
    await picker.selectOption(status);
    await expect.poll(async () => (await intranetPresence(oscarToken, 'sven')).status).toBe(status);
  }
  expect(problems).toEqual([]);
});

test('a visitor who is not signed in sees live names anonymously, read-only', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto(integratorUrl());
  await expect(page.locator('p.notice[role="status"]')).toContainText('not signed in');
  const session = page.locator('st-session');
  await expect(session).toHaveAttribute('anonymous', '');
  await expect(session).not.toHaveAttribute('token');
  await expect(page.locator('st-status-picker')).toHaveCount(0);

  const petra = page.locator('st-live-name[user-id="petra"]');
  const petraToken = await intranetLogin('petra');
  await intranetSetStatus(petraToken, 'dnd', 'Release day');
  await expect(petra).toHaveAttribute('status', 'dnd');
  await expect(petra).toContainText('Petra Petrović');

  // Read-only: the page's client may not change anything on the proxy.
  const write = await page.evaluate(async () => {
    const anonymous = document.querySelector('st-session') as unknown as {
      client: { setStatus(status: string): Promise<void> };
    };
    return anonymous.client.setStatus('away').then(
      () => 'accepted',
      () => 'refused',
    );
  });
  expect(write).toBe('refused');
  expect(problems).toEqual([]);
});

test('falls back to anonymous awareness when the proxy refuses the assertion', async ({ page }) => {
  // Someone the intranet knows but the proxy's directory does not.
  await page.goto(`${integratorUrl()}/sign-in?user=mallory`);
  await expect(page.locator('.account')).toContainText('mallory');
  await expect(page.locator('p.notice[role="status"]')).toContainText(
    'The proxy refused the sign-on (ST_ERR_',
  );
  await expect(page.locator('st-session')).toHaveAttribute('anonymous', '');
  await expect(page.locator('st-live-name[user-id="nadia"]')).toHaveAttribute('status', 'offline');
});
