import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { proxyUrl } from '../support/api.ts';
import { logInThroughForm } from '../support/web-client.ts';

/*
 * axe-core over the pages the elements are shown on and the person search in each of its states:
 * no violation of WCAG 2.1 A/AA (axe reads the elements' open shadow roots). The keyboard flows
 * themselves are in the elements' own specs.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(WCAG);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const found = violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
  expect(found).toEqual([]);
}

test('the hosted client after login: contact list, live names, status', async ({ page }) => {
  await logInThroughForm(page, 'kenji');
  await expect(page.locator('st-live-name[status]:not([status="unknown"])').first()).toBeVisible();
  await expectNoViolations(page);
});

test('the person search: open with people found, none found, and a failed search', async ({ page }) => {
  await logInThroughForm(page, 'kenji');
  const combo = page.getByRole('combobox', { name: 'Add contact' });
  const search = 'st-person-search';

  await combo.fill('en');
  await expect(combo).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(combo).toHaveAttribute('aria-activedescendant', /.+/);
  await expectNoViolations(page, search);

  await combo.fill('zqxw');
  await expect(page.getByRole('status').filter({ hasText: 'No one found' })).toBeVisible();
  await expectNoViolations(page, search);

  // The proxy refuses a query over 100 characters: the search fails, and says so.
  await combo.fill('x'.repeat(101));
  await expect(
    page.getByRole('status').filter({ hasText: 'The directory cannot search for that; try a shorter name.' }),
  ).toBeVisible();
  await expect(combo).toHaveAttribute('aria-expanded', 'false');
  await expectNoViolations(page, search);
});

test('a chat open in the hosted client, at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logInThroughForm(page, 'kenji');
  const name = page.locator('st-web-contacts st-live-name button[part="base"]').first();
  await name.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Message' }).first()).toBeVisible();
  await expectNoViolations(page);
});

test("the elements' demo page, and a business card opened from a live name", async ({ page }) => {
  await logInThroughForm(page, 'kenji');
  await page.goto(`${proxyUrl()}/st/demo.html`);
  const bob = page.locator('st-live-name[user-id="bob"]').first();
  await expect(bob).not.toHaveAttribute('status', 'unknown');
  await expectNoViolations(page);

  await bob.locator('button[part="base"]').focus();
  await expect(bob.locator('st-business-card')).toBeVisible();
  await expectNoViolations(page);
});
