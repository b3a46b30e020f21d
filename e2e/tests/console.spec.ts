/**
 * The System Console in Chromium, by keyboard alone, against two proxies on a real Redis: a person
 * who is not an administrator is told so; an administrator reads the nodes and their health, finds
 * a person and ends their session, then drains node B and sees its sessions fall to 0 as it exits.
 * axe reports no violation on any of these views.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type ConsoleCluster, startConsoleCluster } from '../support/console-cluster.ts';

let cluster: ConsoleCluster;

test.beforeAll(async () => {
  cluster = await startConsoleCluster();
});
test.afterAll(async () => {
  await cluster?.stop();
});

/** Presses Tab until `target` has focus (the way a keyboard user gets there), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** Logs in through the console's form by keyboard: the cursor starts in the User ID field. */
async function logInByKeyboard(page: Page, base: string, userId: string): Promise<void> {
  await page.goto(`${base}/console`);
  await expect(page.getByLabel('User ID')).toBeFocused();
  await page.keyboard.type(userId);
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
}

async function apiLogin(base: string, userId: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'console-test/1.0' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

function nodeRow(page: Page, nodeId: string): Locator {
  return page.locator('#nodes-table tbody tr').filter({ has: page.getByRole('rowheader', { name: nodeId }) });
}

test('a person who is not an administrator is told so, not shown a broken page', async ({ page }) => {
  await logInByKeyboard(page, cluster.a.url, 'bob');
  const heading = page.getByRole('heading', { level: 1, name: 'Not allowed' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByRole('main')).toContainText('not an administrator');
  await expect(page).toHaveTitle(/^Not allowed · System Console/);
  await expectNoAxeViolations(page);
});

test('an administrator reads the nodes and ends a session, by keyboard alone', async ({ page }) => {
  const carol = await apiLogin(cluster.b.url, 'carol');
  expect(carol).not.toBe('');
  await logInByKeyboard(page, cluster.a.url, 'alice');
  await expect(page.getByRole('heading', { level: 1, name: 'Nodes' })).toBeFocused();
  await expect(nodeRow(page, 'console-a')).toContainText('Ready');
  await expect(nodeRow(page, 'console-b')).toContainText('Ready');
  const health = page.getByRole('region', { name: /Health/ });
  await expect(health).toContainText('Redis: OK');
  await expect(health).toContainText('Store (SQLite): OK');
  await expect(page.getByText(/^Live, refreshed every/)).toBeVisible();
  await expectNoAxeViolations(page);

  await tabTo(page, page.getByRole('link', { name: 'Sessions' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeFocused();
  await tabTo(page, page.getByLabel('Find a person'));
  await page.keyboard.type('carol');
  await page.keyboard.press('Enter');
  const choice = page.getByRole('button', { name: /\(carol\)/ });
  await expect(page.locator('#console-announcer')).toHaveText(/found/);
  await tabTo(page, choice);
  await page.keyboard.press('Enter');
  const sessionsHeading = page.getByRole('heading', { name: /^Sessions of .*\(carol\)/ });
  await expect(sessionsHeading).toBeFocused();
  const rows = page.locator('#sessions-table tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('console-b');
  await expect(rows.first()).toContainText('console-test/1.0');
  await expectNoAxeViolations(page);

  await tabTo(page, rows.first().getByRole('button', { name: /^End session/ }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /End this session/ });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'End session' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#console-announcer')).toHaveText(/Ended 1 session of/);
  await expect(page.getByText(/has no sessions/)).toBeVisible();
  const refused = await fetch(`${cluster.b.url}/api/v1/session`, {
    headers: { authorization: `Bearer ${carol}` },
  });
  expect(refused.status).toBe(401);
});

test('an administrator drains node B and sees its sessions fall to 0', async ({ page, browser }) => {
  // Dave uses the hosted client on node B: a login with a live event stream there.
  const daves = await browser.newContext();
  const dave = await daves.newPage();
  await dave.goto(cluster.b.url);
  await dave.getByLabel('User ID').fill('dave');
  await dave.getByLabel('Password', { exact: true }).fill('demo');
  await dave.getByRole('button', { name: 'Log in' }).click();
  await expect(dave.getByLabel('Status', { exact: true })).toBeVisible();

  await logInByKeyboard(page, cluster.a.url, 'alice');
  const row = nodeRow(page, 'console-b');
  await expect(row.locator('td').nth(3)).not.toHaveText('0');
  await tabTo(page, row.getByRole('button', { name: 'Drain console-b' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Drain console-b?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#console-announcer')).toHaveText('console-b is draining.');

  expect(await cluster.bExited).toBe(0);
  await expect(row).toContainText('Gone');
  // Logins, then streams: nothing held any more.
  await expect(row.locator('td').nth(1)).toHaveText('0');
  await expect(row.locator('td').nth(2)).toHaveText('0');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(nodeRow(page, 'console-a')).toContainText('Ready');
  await expectNoAxeViolations(page);
  await daves.close();
});

test('the console fits a phone', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  await logInByKeyboard(page, cluster.a.url, 'alice');
  await expect(page.getByRole('heading', { level: 1, name: 'Nodes' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await phone.close();
});
