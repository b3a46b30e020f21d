/**
 * Embedding without configuration: one script tag and one element; importing the module touches
 * nothing but the custom element registry; everything works under a strict Content-Security-Policy
 * (no eval, no inline script or style); two copies of the elements coexist under two prefixes.
 */
import { expect, type Page, test } from '@playwright/test';
import { pagesUrl } from '../support/api.ts';
import {
  intranetLogin,
  intranetProxyUrl,
  intranetSetStatus,
  sameSitePagesUrl,
} from '../support/intranet-api.ts';

const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('one script tag and one element: the live name of the person logged in to the proxy', async ({
  page,
}) => {
  // The person logged in to the proxy before (its cookie is in this browser), and the page is on
  // the proxy's site, so the cookie travels: no session element, no token, no configuration.
  // (Without that login the page's client could not open a stream, and the name would stay unknown.)
  const login = await page.context().request.post(`${intranetProxyUrl()}/api/v1/session`, {
    data: { userId: 'rosa', password: 'demo' },
  });
  expect(login.status()).toBe(201);
  await page.goto(`${sameSitePagesUrl()}/zero-config.html`);
  expect(new URL(page.url()).origin).not.toBe(new URL(intranetProxyUrl()).origin);

  const petra = page.locator('st-live-name[user-id="petra"]');
  const token = await intranetLogin('petra');
  await intranetSetStatus(token, 'away', 'Lunch');
  await expect(petra).toHaveAttribute('status', 'away');
  await expect(petra.getByRole('button')).toHaveAccessibleName(/Petra Petrović.*Away/);
  // The status message is the tooltip.
  await expect(petra.getByRole('button')).toHaveAttribute('title', 'Lunch');
});

test('importing the module touches nothing but customElements, even under a strict CSP', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${pagesUrl()}/csp-import-probe.html`);
  await page.waitForFunction(() => 'importProbe' in window);
  const probe = await page.evaluate(() => (window as unknown as { importProbe: unknown }).importProbe);
  expect(probe).toEqual({
    mutations: [],
    htmlUnchanged: true,
    adoptedSheetsAdded: 0,
    styleSheetsAdded: 0,
    defined: true,
    exportsRegister: true,
  });
  // Nothing was asked of the proxy but the script itself.
  expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('the elements work under a strict CSP', async ({ page }) => {
  await page.goto(`${pagesUrl()}/csp-elements.html`);
  const zeno = page.locator('st-live-name[user-id="zeno"]');
  const token = await intranetLogin('zeno');
  await intranetSetStatus(token, 'dnd', 'Board meeting');
  await expect(zeno).toHaveAttribute('status', 'dnd');
  await expect(zeno).toContainText('Zeno Zanetti');
  // The element's own styles apply (constructable stylesheets, allowed by the policy); the host
  // page's selectors stay out (its `span, button, svg { display: none }`), its hooks reach in.
  const name = zeno.locator('[part="name"]');
  await expect(name).toBeVisible();
  expect(await name.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
  const icon = zeno.locator('[part="indicator"] svg.status');
  await expect(icon).toBeVisible();
  expect(await icon.evaluate((svg) => getComputedStyle(svg).color)).toBe('rgb(1, 2, 3)');
  expect(await cspViolations(page)).toEqual([]);
});

test('the Links Toolkit script works under a strict CSP', async ({ page }) => {
  await page.goto(`${pagesUrl()}/csp-links.html`);
  const viktor = page.locator('#on-call > stlinks-live-name[user-id="viktor"]');
  await expect(viktor).toContainText('Viktor Varga');
  const token = await intranetLogin('viktor');
  await intranetSetStatus(token, 'away');
  await expect(viktor).toHaveAttribute('status', 'away');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { linksEvents: string[] }).linksEvents))
    .toEqual(expect.arrayContaining(['in  Anonymous', 'viktor 96']));
  expect(await cspViolations(page)).toEqual([]);
});

test('two copies of the elements coexist under different prefixes, each with its own session', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const xavier = await intranetLogin('xavier');
  await page.goto(`${pagesUrl()}/prefixes.html#token=${encodeURIComponent(xavier)}`);
  await page.waitForFunction(() => 'copiesReady' in window);
  expect(await page.evaluate(() => (window as unknown as { copies: unknown }).copies)).toEqual({
    separateClasses: true,
    acmeIsSecondCopy: true,
    stIsFirstCopy: true,
  });

  const zeno = await intranetLogin('zeno');
  await intranetSetStatus(zeno, 'in-meeting', 'Offsite');
  await expect(page.locator('#first st-live-name')).toHaveAttribute('status', 'in-meeting');
  await expect(page.locator('acme-live-name')).toHaveAttribute('status', 'in-meeting');
  await expect(page.locator('#st-inside-acme')).toHaveAttribute('status', 'in-meeting');

  // Each copy has its own client: the st- one anonymous, the acme- one logged in with the token.
  const users = await page.evaluate(() => {
    type WithClient = { client: { user: { id: string } | null } };
    const st = document.querySelector('st-session') as unknown as WithClient;
    const acme = document.querySelector('acme-session') as unknown as WithClient;
    return {
      st: st.client.user?.id ?? null,
      acme: acme.client.user?.id ?? null,
      same: st.client === acme.client,
    };
  });
  expect(users).toEqual({ st: null, acme: 'xavier', same: false });
  expect(errors).toEqual([]);
});
