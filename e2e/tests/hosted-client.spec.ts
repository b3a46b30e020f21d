import { expect, test } from '@playwright/test';
import { proxyUrl } from '../support/api.ts';
import { logInThroughForm } from '../support/web-client.ts';

test.describe('hosted client', () => {
  test('a wrong password is refused with an alert and the form stays', async ({ page }) => {
    await page.goto(proxyUrl());
    await page.getByLabel('User ID').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toContainText(/wrong|incorrect|invalid/i);
    await expect(page.getByLabel('User ID')).toHaveValue('alice');
  });

  test('after login the contact list shows the Team group with live names', async ({ page }) => {
    await logInThroughForm(page, 'alice');
    await expect(page.getByText('Team', { exact: false }).first()).toBeVisible();
    for (const id of ['bob', 'carol', 'dave']) {
      await expect(page.locator(`st-live-name[user-id="${id}"]`).first()).toBeVisible();
    }
    // Alice is logged in, so her own status is known, never "unknown".
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue(/available/i);
    await expect(page.getByLabel('Status message')).toBeVisible();
  });

  test('a reload keeps the person logged in', async ({ page }) => {
    await logInThroughForm(page, 'carol');
    await page.reload();
    await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
    await expect(page.getByLabel('User ID')).toHaveCount(0);
  });

  test('works at phone width', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await logInThroughForm(page, 'dave');
    await expect(page.locator('st-live-name[user-id="alice"]').first()).toBeInViewport();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
